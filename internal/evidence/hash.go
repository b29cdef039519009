package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// Canonical returns the canonical JSON form of the document, with its own hash left empty.
// encoding/json sorts map keys, so the form is stable for equal documents.
func (e *Evidence) Canonical() ([]byte, error) {
	c := *e
	c.SHA256 = ""
	c.Signature = nil
	b, err := json.Marshal(&c)
	if err != nil {
		return nil, fmt.Errorf("canonical evidence: %w", err)
	}
	return b, nil
}

// Seal computes and sets the document's hash.
func (e *Evidence) Seal() error {
	h, err := e.ContentHash()
	if err != nil {
		return err
	}
	e.SHA256 = h
	return nil
}

// Verify reports whether the stored hash matches the content.
func (e *Evidence) Verify() error {
	got, err := e.ContentHash()
	if err != nil {
		return err
	}
	if got != e.SHA256 {
		return fmt.Errorf("evidence hash mismatch: stored %s, content %s (the file was edited after collection)", short(e.SHA256), short(got))
	}
	return nil
}

// HashBytes is the sha256 of b in hex.
func HashBytes(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// HashJSON is the sha256 of v's JSON form.
func HashJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return HashBytes(b), nil
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
