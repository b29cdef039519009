package processors

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// BenchmarkDetect measures the clause detector on a complete agreement.
func BenchmarkDetect(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "corpus", "nb-komplett-standard.md"))
	if err != nil {
		b.Fatal(err)
	}
	lines := TextLines(FormatMarkdown, data)
	for b.Loop() {
		Detect(lines, "processor")
	}
}

// BenchmarkRules500 evaluates the processor rules on the synthetic registry of 500
// processors (compile and evaluate, as one `vern evaluate` does).
func BenchmarkRules500(b *testing.B) {
	reg, doc := Synthetic(500)
	data, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	ev := &evidence.Evidence{
		Declaration: config.Declaration{Recipients: []config.Recipient{{Kind: "it_operations"}, {Kind: "analytics"}}},
		Processors:  reg,
		Targets:     map[string]*evidence.Target{Target: {Name: Target, Kind: "processors", Status: evidence.StatusOK, Data: data}},
	}
	var n int
	for b.Loop() {
		n = len(evaluate(b, ev, now))
	}
	b.ReportMetric(float64(n), "findings")
}
