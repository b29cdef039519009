package processors

import (
	"fmt"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// Synthetic builds a registry of n processors and the evidence the collector would record
// for them, deterministically, for benchmarks of the rules. It mixes what real registries
// hold: mostly complete agreements in the EEA, and every so often a missing or unreadable
// document, a missing clause, an expired or expiring agreement, a US processor without a
// safeguard, a joint controller and a kind the statement may not declare.
func Synthetic(n int) (map[string]config.Processor, evidence.Processors) {
	kinds := []string{"hosting", "crm", "accounting", "email_delivery", "support_desk", "backup", "analytics", "email_marketing"}
	countries := []string{"NO", "SE", "DK", "DE", "IE", "US", "GB", "JP"}
	reg := make(map[string]config.Processor, n)
	doc := evidence.Processors{Detector: DetectorVersion, Processors: make(map[string]evidence.ProcessorRecord, n)}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("processor-%05d", i)
		role := "processor"
		if i%17 == 0 {
			role = RoleJointController
		}
		country := countries[i%len(countries)]
		expires := fmt.Sprintf("%d-%02d-%02d", 2026+i%4, 1+i%12, 1+i%28)
		p := config.Processor{
			ID: id, Name: fmt.Sprintf("Leverandør %d AS", i), Kind: kinds[i%len(kinds)], Role: role,
			Country: country, DataLocation: []string{country}, Vendor: fmt.Sprintf("vendor-%d", i),
			Agreement: &config.Agreement{Document: id + ".md", Signed: "2024-01-01", Expires: expires},
			Transfer:  &config.Transfer{Mechanism: "none"},
			DPF:       country == "US" && i%3 == 0,
			File:      "processors/" + id + ".yaml",
		}
		reg[id] = p
		rec := evidence.ProcessorRecord{
			Role:     role,
			Document: evidence.Document{Path: "processors/" + id + ".md", Status: evidence.DocumentFound, Format: FormatMarkdown, Pages: 1},
			Signed:   p.Agreement.Signed, Expires: expires, DatesFrom: "signed:registry,expires:registry",
			Elements: map[string]evidence.Element{},
		}
		switch {
		case i%10 == 3:
			rec.Document = evidence.Document{Path: rec.Document.Path, Status: evidence.DocumentMissing, Reason: "no such file"}
		case i%25 == 7:
			rec.Document.Status, rec.Document.Format, rec.Document.Reason = evidence.DocumentUnreadable, FormatPDF, "no text"
		}
		if rec.Document.Status == evidence.DocumentFound {
			for j, el := range ElementIDs(role) {
				found := (i+j)%11 != 0
				e := evidence.Element{Found: found, Page: 1, Line: 10 + 3*j}
				if !found && j%2 == 0 {
					e.Negated = true
				}
				rec.Elements[el] = e
			}
		}
		doc.Processors[id] = rec
	}
	return reg, doc
}
