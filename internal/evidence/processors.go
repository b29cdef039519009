package evidence

// Processors is the processors collector's document: for each registry entry, what its
// agreement document says. Clause findings are indicators for an auditor to verify against
// the page and line given, not legal advice.
type Processors struct {
	// Detector names the version of the clause patterns, so a change in detection shows in
	// the evidence.
	Detector string `json:"detector"`
	// Processors is keyed by processor id (the registry file's stem).
	Processors map[string]ProcessorRecord `json:"processors"`
}

// Document statuses.
const (
	DocumentFound      = "found"      // read and text extracted
	DocumentMissing    = "missing"    // not named in the registry, or no such file
	DocumentUnreadable = "unreadable" // read, but yields no text (a scan without a text layer)
	DocumentError      = "error"      // could not be parsed (a corrupt PDF)
)

// ProcessorRecord is what was found for one processor.
type ProcessorRecord struct {
	// Role is processor or joint_controller; a joint controller's document is judged as an
	// Art. 26 arrangement.
	Role     string   `json:"role"`
	Document Document `json:"document"`
	// Elements maps an element id (subject_matter, duration, nature_purpose, data_types,
	// data_subjects, a-h; for joint controllers responsibilities, rights_information,
	// essence) to where the document grants it. Empty when the document has no text.
	Elements map[string]Element `json:"elements,omitempty"`
	// Parties, Signed, Expires and Term are the effective values: the registry's when it
	// gives them, else the document's. DatesFrom says where Signed and Expires came from
	// (registry, document, computed from signed + term).
	Parties   []string `json:"parties,omitempty"`
	Signed    string   `json:"signed,omitempty"`
	Expires   string   `json:"expires,omitempty"`
	Term      string   `json:"term,omitempty"`
	DatesFrom string   `json:"dates_from,omitempty"`
	// Extracted is what the document itself says, kept beside the effective values so a
	// disagreement with the registry can be seen.
	Extracted Extracted `json:"extracted"`
	// Documents lists every file of the agreement when the registry names several
	// (agreement.documents: main agreement, annexes, ...); Document is then the first.
	Documents []Document `json:"documents,omitempty"`
	// Partial is set when the agreement was read but not judged, with the reason (a
	// language vern cannot read): its elements are then not checked, not missing.
	Partial       bool   `json:"partial,omitempty"`
	PartialReason string `json:"partial_reason,omitempty"`
	// Standard names the standard text the agreement is built on, when one is recognised.
	Standard *StandardText `json:"standard,omitempty"`
	// Review summarises the registry's review block, when there is one.
	Review *Review `json:"review,omitempty"`
}

// StandardText is a recognised standard text (the Commission's Art. 28(7) clauses, the
// transfer clauses of Decision 2021/914, a supervisory authority's model agreement).
type StandardText struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Matched and Total count the standard's fingerprinted sentences found and known.
	Matched int `json:"matched"`
	Total   int `json:"total"`
	// Clauses maps a clause of the standard to where the agreement has it.
	Clauses map[string]Location `json:"clauses,omitempty"`
	// Departures lists the standard's clauses the agreement does not have in its words.
	Departures []string `json:"departures,omitempty"`
	// Elements maps an Art. 28(3) element to the standard's clause that carries it, for the
	// clauses the agreement has in the standard's words.
	Elements map[string]string `json:"elements,omitempty"`
}

// Review is the registry's review of the agreement: who read it, when, and whether the
// document is still the one they read.
type Review struct {
	By     string `json:"by"`
	Date   string `json:"date"`
	SHA256 string `json:"sha256"`
	// Stale is set when no current document has the reviewed hash: the review lapsed.
	Stale bool `json:"stale"`
	// Unresolved lists elements whose anchor no longer resolves; Disagreements those where
	// the reviewer's place and vern's reading differ.
	Unresolved    []string `json:"unresolved,omitempty"`
	Disagreements []string `json:"disagreements,omitempty"`
}

// Document describes the agreement file (never its text).
type Document struct {
	// Path is relative to the inventory's folder.
	Path   string `json:"path,omitempty"`
	Status string `json:"status"`
	// Format is md, txt or pdf.
	Format string `json:"format,omitempty"`
	Pages  int    `json:"pages,omitempty"`
	// SHA256 is the hash of the document file (a contract, not a personal data value).
	SHA256 string `json:"sha256,omitempty"`
	// Reason says why a document is missing, unreadable or in error.
	Reason string `json:"reason,omitempty"`
	// Language is the detected language (nb, nn, en, da, sv, or another ISO 639-1 code).
	Language string `json:"language,omitempty"`
}

// Element is one Art. 28(3) (or Art. 26) element and where the document grants it.
type Element struct {
	Found bool `json:"found"`
	// Page and Line locate the granting sentence (or, when Negated, the negating one).
	// Pages count from 1; for Markdown and text the page is 1 and the line is the file's.
	Page int `json:"page,omitempty"`
	Line int `json:"line,omitempty"`
	// Excerpt is at most 120 characters of contract text at that place.
	Excerpt string `json:"excerpt,omitempty"`
	// Negated is set when a sentence names the element only to deny it.
	Negated bool `json:"negated,omitempty"`
	// Missing names the parts of a compound element not found (for (d): authorisation,
	// flow_down).
	Missing []string `json:"missing,omitempty"`
	// Status is found, missing, referenced_not_supplied, conflict or confirmed (see the
	// Element* constants); empty in evidence from detectors before clauses/2.
	Status string `json:"status,omitempty"`
	// Document names the file that carries the element when an agreement has several.
	Document string `json:"document,omitempty"`
	// Conflict is, for the status conflict, the provision that refuses what Page and Line
	// grant.
	Conflict *Location `json:"conflict,omitempty"`
	// Review is what a person recorded for the element in the registry's review block.
	Review *ElementReview `json:"review,omitempty"`
}

// Element statuses.
const (
	ElementFound      = "found"                   // granted at Page and Line
	ElementMissing    = "missing"                 // not granted anywhere
	ElementReferenced = "referenced_not_supplied" // left to an annex that is not on file
	ElementConflict   = "conflict"                // granted, and refused in another provision
	ElementConfirmed  = "confirmed"               // a current review found it where vern did
)

// Location is a place in an agreement's documents.
type Location struct {
	Document string `json:"document,omitempty"`
	Page     int    `json:"page,omitempty"`
	Line     int    `json:"line,omitempty"`
	// Excerpt is at most 120 characters of contract text there, masked.
	Excerpt string `json:"excerpt,omitempty"`
}

// ElementReview is a person's reading of one element, from the registry's review block.
type ElementReview struct {
	By   string `json:"by"`
	Date string `json:"date"`
	// Anchor is what the reviewer wrote ("6", "9. Revisjon"); Location is where it resolves
	// in the current document, nil when it no longer does.
	Anchor   string    `json:"anchor"`
	Location *Location `json:"location,omitempty"`
	// Agrees is set when vern's own reading lies under the same anchor.
	Agrees bool `json:"agrees"`
	// Lapsed is set when the document changed since the review (its hash differs).
	Lapsed bool `json:"lapsed,omitempty"`
}

// Extracted is what the document says about its parties and dates.
type Extracted struct {
	Parties []string `json:"parties,omitempty"`
	Signed  string   `json:"signed,omitempty"`
	Expires string   `json:"expires,omitempty"`
	Term    string   `json:"term,omitempty"`
}
