package engine

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// TestInputMatchesInputJSON: the value the engine evaluates is exactly the JSON that
// `opa eval` is given in the benchmark.
func TestInputMatchesInputJSON(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	ev := &evidence.Evidence{
		Declaration: config.Declaration{Controller: config.Controller{Name: "A"}},
		Targets: map[string]*evidence.Target{
			"db:crm":     {Name: "db:crm", Kind: "postgres", Status: evidence.StatusOK, Data: json.RawMessage(`{"tables":{"public.t":{"row_estimate":-1}}}`)},
			"site:x":     {Name: "site:x", Kind: "site", Status: evidence.StatusFailed, Reason: "down", Fix: "start it"},
			"processors": {Name: "processors", Kind: "processors", Status: evidence.StatusPartial, Data: json.RawMessage(`[1,2.5,"x"]`)},
		},
	}
	v, err := Input(ev, now)
	if err != nil {
		t.Fatal(err)
	}
	b, err := InputJSON(ev, now)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ast.ValueFromReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if v.Compare(want) != 0 {
		t.Errorf("Input and InputJSON differ:\n%v\n%v", v, want)
	}
}
