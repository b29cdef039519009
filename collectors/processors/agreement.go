package processors

import (
	"context"
	"fmt"

	"github.com/alarmlink/vern/internal/evidence"
)

// Source is one file of an agreement: its name (for the format and the evidence) and its
// bytes.
type Source struct {
	Name string
	Data []byte
}

// Reading is what vern reads in an agreement's files.
type Reading struct {
	Documents []evidence.Document
	Elements  map[string]evidence.Element
}

// ReadAgreement reads an agreement from its files, as the collector does with a registry
// entry's documents, and judges its elements for role. A file that cannot be read is an
// error here; the collector records it on the processor instead.
func ReadAgreement(srcs []Source, role string) (Reading, error) {
	c := NewWithOptions(Options{})
	var r Reading
	var lines []Line
	for _, s := range srcs {
		ls, d := c.parse(context.Background(), s.Name, s.Data, evidence.Document{Path: s.Name})
		if d.Status != evidence.DocumentFound {
			return Reading{}, fmt.Errorf("read %s: %s: %s", s.Name, d.Status, d.Reason)
		}
		r.Documents = append(r.Documents, d)
		lines = append(lines, ls...)
	}
	r.Elements = Detect(lines, role)
	return r, nil
}
