package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

type configLocation = config.Location

// Input builds the rules' input from the evidence, converted to an OPA value once: the
// declaration, inventory and processor registry the evidence was collected against, every
// target with its collector's document, and the evaluation's "now".
func Input(ev *evidence.Evidence, now time.Time) (ast.Value, error) {
	b, err := InputJSON(ev, now)
	if err != nil {
		return nil, err
	}
	v, err := ast.ValueFromReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("build input: %w", err)
	}
	return v, nil
}

// InputJSON is the rules' input as JSON, the form `opa eval --input` reads.
func InputJSON(ev *evidence.Evidence, now time.Time) ([]byte, error) {
	targets := make(map[string]json.RawMessage, len(ev.Targets))
	for name, t := range ev.Targets {
		b, err := json.Marshal(t)
		if err != nil {
			return nil, fmt.Errorf("build input: target %s: %w", name, err)
		}
		targets[name] = b
	}
	doc := struct {
		Now         string                      `json:"now"`
		NowNS       int64                       `json:"now_ns"`
		Declaration config.Declaration          `json:"declaration"`
		Inventory   config.Inventory            `json:"inventory"`
		Processors  map[string]config.Processor `json:"processors"`
		Targets     map[string]json.RawMessage  `json:"targets"`
	}{now.UTC().Format(time.RFC3339), now.UnixNano(), ev.Declaration, ev.Inventory, ev.Processors, targets}
	if doc.Processors == nil {
		doc.Processors = map[string]config.Processor{}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("build input: %w", err)
	}
	return b, nil
}
