// Package findings is the neutral model between the engine and every report: the finding,
// the findings document, waivers, fingerprints and the gate.
package findings

import (
	"time"

	"github.com/alarmlink/vern/internal/evidence"
)

// Kinds of finding.
const (
	// KindDrift: practice differs from the statement.
	KindDrift = "drift"
	// KindLaw: unlawful whatever the statement says.
	KindLaw = "law"
	// KindStatement: the statement itself falls short.
	KindStatement = "statement"
)

// Finding is one rule violation on one resource.
type Finding struct {
	Rule     string   `json:"rule"`
	Title    string   `json:"title"`
	Severity Severity `json:"severity"`
	Kind     string   `json:"kind"`
	// Area is the rule's area: the part of the id before the dot (statement, db, ...).
	Area     string `json:"area"`
	Resource string `json:"resource"`
	// Target is what one person fixes: a dataset, a processor, a site, a declaration section.
	Target      string         `json:"target"`
	Message     string         `json:"message"`
	MessageNB   string         `json:"message_nb,omitempty"`
	Count       *int64         `json:"count,omitempty"`
	Details     map[string]any `json:"details,omitempty"`
	Legal       []string       `json:"legal,omitempty"`
	Remediation string         `json:"remediation,omitempty"`
	Fingerprint string         `json:"fingerprint"`
	// Location is the input file and line of the entry the finding concerns.
	Location *Location `json:"location,omitempty"`
	Waiver   *Waiver   `json:"waiver,omitempty"`
	// Unwaivable copies the rule's custom.unwaivable, so that waivers and the gate judge
	// the finding from itself.
	Unwaivable bool `json:"unwaivable,omitempty"`
}

// Location is a position in an input file, relative to the working directory the evidence
// was collected in when the inventory lies under it (a repository's root in CI), else to
// the inventory's folder.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"`
}

// Waiver is the waiver applied to a finding.
type Waiver struct {
	Justification string `json:"justification"`
	ApprovedBy    string `json:"approved_by"`
	Created       string `json:"created"`
	Expires       string `json:"expires"`
	Resource      string `json:"resource"`
	// Expiring is set when the waiver ends within 30 days of the evaluation.
	Expiring bool `json:"expiring,omitempty"`
}

// Waived reports whether the finding is covered by a waiver in force.
func (f *Finding) Waived() bool { return f.Waiver != nil }

// Rule is a rule's metadata as reports need it, in English and Norwegian.
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Severity    Severity `json:"severity"`
	Kind        string   `json:"kind"`
	Area        string   `json:"area"`
	Legal       []string `json:"legal,omitempty"`
	Remediation string   `json:"remediation,omitempty"`
	// Links are related_resources: URLs to the law's text.
	Links []Link `json:"links,omitempty"`
	NB    *Text  `json:"nb,omitempty"`
	// Builtin is false for user rules loaded with --rules.
	Builtin bool `json:"builtin"`
	// Promises are the kinds of declared promise the rule checks (custom.promise), so the
	// promise matrix places its findings without knowing rule ids.
	Promises []string `json:"promises,omitempty"`
	// Ropa are the columns of the record of processing its findings contradict
	// (custom.ropa).
	Ropa []string `json:"ropa,omitempty"`
	// Unwaivable is set when no waiver may cover the rule's findings (custom.unwaivable).
	Unwaivable bool `json:"unwaivable,omitempty"`
}

// Link is a related resource of a rule.
type Link struct {
	Ref         string `json:"ref"`
	Description string `json:"description,omitempty"`
}

// Text is a rule's texts in one more language.
type Text struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Remediation string `json:"remediation"`
}

// Document is findings.json.
type Document struct {
	VernVersion string    `json:"vern_version"`
	EvaluatedAt time.Time `json:"evaluated_at"`
	CollectedAt time.Time `json:"collected_at"`
	// Hashes of the inputs: evidence, declaration, inventory, processors, waivers, rules.
	Hashes   map[string]string `json:"hashes"`
	Gate     Gate              `json:"gate"`
	Summary  Summary           `json:"summary"`
	Findings []Finding         `json:"findings"`
	// Rules holds the metadata of every rule evaluated, keyed by id.
	Rules map[string]Rule `json:"rules"`
	// Targets is each target's collection status, for reports and the gate.
	Targets []TargetStatus `json:"targets"`
	// WaiverNotes lists problems with waivers themselves (expired, refused, expiring), in
	// English; WaiverNotices says the same as data, for reports in other languages.
	WaiverNotes   []string     `json:"waiver_notes,omitempty"`
	WaiverNotices []WaiverNote `json:"waiver_notices,omitempty"`
	// Promises is the promise matrix: each declared promise with its status and the
	// findings linked to it. Absent in documents written before it existed; reports then
	// show no matrix.
	Promises []PromiseSection `json:"promises,omitempty"`
	// Chain is the head of the evidence chain the findings were evaluated from, when the
	// evidence was linked to a previous night's (collect --previous).
	Chain *ChainHead `json:"chain,omitempty"`
}

// ChainHead names the evidence at the head of its chain: what `vern verify` starts from.
type ChainHead struct {
	// Sequence is the night's number in the chain (1 for the first).
	Sequence int `json:"sequence"`
	// Head is the evidence's sha256; Previous the sha256 of the evidence before it.
	Head     string `json:"head"`
	Previous string `json:"previous,omitempty"`
	// Parts are the sha256 of the evidence files a fanned-out collection was joined from.
	Parts []string `json:"parts,omitempty"`
	// KeyID names the ed25519 key the evidence was signed with, if any.
	KeyID string `json:"key_id,omitempty"`
}

// TargetStatus is a target's collection outcome as findings.json records it.
type TargetStatus struct {
	Name   string          `json:"name"`
	Kind   string          `json:"kind"`
	Status evidence.Status `json:"status"`
	Reason string          `json:"reason,omitempty"`
	Fix    string          `json:"fix,omitempty"`
}

// Gate is the verdict of a run.
type Gate struct {
	Result   string   `json:"result"` // passed | failed | incomplete
	FailOn   Severity `json:"fail_on"`
	ExitCode int      `json:"exit_code"`
	// Failing counts the unwaived findings at or above FailOn.
	Failing int `json:"failing"`
	// Partial names the targets collected only in part, so that the verdict never passes
	// over them quietly.
	Partial []string `json:"partial,omitempty"`
	// Failed names the targets that could not be collected.
	Failed []string `json:"failed,omitempty"`
}

// Summary counts findings (unwaived and waived) by severity, kind and area.
type Summary struct {
	Total      int              `json:"total"`
	Waived     int              `json:"waived"`
	BySeverity map[Severity]int `json:"by_severity"`
	ByKind     map[string]int   `json:"by_kind"`
	ByArea     map[string]int   `json:"by_area"`
}
