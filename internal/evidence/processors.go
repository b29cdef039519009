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
}

// Extracted is what the document says about its parties and dates.
type Extracted struct {
	Parties []string `json:"parties,omitempty"`
	Signed  string   `json:"signed,omitempty"`
	Expires string   `json:"expires,omitempty"`
	Term    string   `json:"term,omitempty"`
}
