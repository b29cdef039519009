package findings

import (
	"encoding/json"
	"fmt"
	"os"
)

// Read loads a findings.json document.
func Read(path string) (*Document, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	var d Document
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("read findings %s: not a findings document: %w", path, err)
	}
	if d.Hashes == nil || d.Gate.Result == "" {
		return nil, fmt.Errorf("read findings %s: not a findings document (no gate or hashes): pass the findings.json vern wrote", path)
	}
	return &d, nil
}
