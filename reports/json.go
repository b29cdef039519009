package reports

import (
	"encoding/json"
	"io"
)

// JSON writes findings.json, the machine-readable findings document.
type JSON struct{}

// Name implements Format.
func (JSON) Name() string { return "json" }

// FileName implements Format.
func (JSON) FileName() string { return "findings.json" }

// Write implements Format.
func (JSON) Write(w io.Writer, in *Input) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(true)
	return enc.Encode(in.Findings)
}
