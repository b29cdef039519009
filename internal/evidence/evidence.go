// Package evidence defines the evidence document: one versioned, hashed snapshot of what the
// collectors saw, together with the normalised declaration and inventory it was collected
// against, so an evaluation needs nothing else.
package evidence

import (
	"encoding/json"
	"time"

	"github.com/alarmlink/vern/internal/config"
)

// SchemaVersion is the version of the evidence document's shape.
const SchemaVersion = "1"

// Status is how a target's collection ended.
type Status string

// Target statuses.
const (
	StatusOK      Status = "ok"
	StatusPartial Status = "partial"
	StatusFailed  Status = "failed"
)

// Evidence is evidence.json.
type Evidence struct {
	SchemaVersion string    `json:"schema_version"`
	VernVersion   string    `json:"vern_version"`
	StartedAt     time.Time `json:"started_at"`
	CollectedAt   time.Time `json:"collected_at"`

	Declaration config.Declaration          `json:"declaration"`
	Inventory   config.Inventory            `json:"inventory"`
	Processors  map[string]config.Processor `json:"processors"`
	// Waivers are the accepted risks of the inventory the evidence was collected with, so
	// that `vern evaluate` of a fanned-out collection applies the same ones as `vern audit`.
	Waivers   []config.Waiver            `json:"waivers,omitempty"`
	Locations map[string]config.Location `json:"locations"`
	// Root is the inventory's folder relative to the working directory of the collection
	// (a repository's root in CI), slash-separated; empty when it is that directory or lies
	// outside it. Finding locations are reported under it, so code scanning and annotations
	// find the file.
	Root string `json:"root,omitempty"`

	// Hashes of the input files the evidence was collected against (declaration, inventory,
	// processors, waivers): sha256 hex of the canonical normalised form.
	Hashes map[string]string `json:"hashes"`

	// Chain links this evidence to the previous night's (collect --previous), so a folder
	// of nightly evidence proves that no night is missing and no file was edited.
	Chain *Chain `json:"chain,omitempty"`

	Targets map[string]*Target `json:"targets"`

	// SHA256 is the hash of the document's canonical form with this field empty.
	SHA256 string `json:"sha256"`
	// Signature is an ed25519 signature of SHA256 (collect --sign-key); it is outside the
	// canonical form, like SHA256 itself.
	Signature *Signature `json:"signature,omitempty"`
}

// Target is one collected target: db:<name>, site:<host> or processors.
type Target struct {
	Name       string    `json:"name"`
	Kind       string    `json:"kind"`
	Status     Status    `json:"status"`
	Reason     string    `json:"reason,omitempty"`
	Fix        string    `json:"fix,omitempty"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	// Data is the collector's own document (Database, Processors or Site in this package).
	Data json.RawMessage `json:"data,omitempty"`
}
