package findings

// PromiseKinds are the kinds of declared promise a rule may name in custom.promise (see
// Rule.Promises); package promises says what each one links.
var PromiseKinds = []string{"categories", "purposes", "retention", "recipients", "transfers", "cookies", "statement", "rights"}

// PromiseSection is one part of the declaration in the promise matrix (purposes,
// retention, ...), with its promises in the declaration's order.
type PromiseSection struct {
	// Section is the part's key: general, categories, purposes, retention, recipients,
	// transfers, cookies, rights, or other for findings that concern no promise.
	Section  string    `json:"section"`
	Promises []Promise `json:"promises"`
}

// Promise is one declared promise and what the evidence and the findings say of it. It
// holds no text of its own: a report words it from the declaration in its language.
type Promise struct {
	// Key is the promise's resource (declaration://purposes/marketing), or other://<root>
	// for the findings tied to no promise.
	Key string `json:"key"`
	// ID is the entry's id within its section.
	ID string `json:"id"`
	// Status is kept, broken, brokenwaived, unchecked or undeclared.
	Status string `json:"status"`
	// Coverage names what checked the promise: collected targets or datasets, or
	// "declaration" when the declaration alone settles it.
	Coverage []string `json:"coverage,omitempty"`
	// Reach is, for a right served from the databases, how many tables with personal data
	// a subject key reaches in each database.
	Reach []PromiseReach `json:"reach,omitempty"`
	// Findings are the findings linked to the promise, in the findings' order.
	Findings []PromiseFinding `json:"findings,omitempty"`
}

// PromiseReach is one database's reachability for a right: Reachable of the Judged tables
// with personal data are reached by a subject key.
type PromiseReach struct {
	Database  string `json:"database"`
	Reachable int    `json:"reachable"`
	Judged    int    `json:"judged"`
}

// PromiseFinding links a promise to a finding of the document.
type PromiseFinding struct {
	Rule        string   `json:"rule"`
	Resource    string   `json:"resource"`
	Fingerprint string   `json:"fingerprint"`
	Severity    Severity `json:"severity"`
	Waived      bool     `json:"waived,omitempty"`
}
