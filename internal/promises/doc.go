// Package promises builds the promise matrix: for every promise the declaration makes, the
// findings that break it and whether the evidence checked it at all. It knows no rule ids:
// a rule says which kinds of promise it checks in its METADATA (custom.promise), and the
// matrix follows the finding's resource, its target and that list. The matrix is data;
// reports word it in their language.
package promises

import "github.com/alarmlink/vern/internal/findings"

// Statuses of a promise.
const (
	// Kept: checked against collected evidence (or settled by the declaration) and no
	// finding breaks it.
	Kept = "kept"
	// Broken: an unwaived finding breaks it, or a subject key misses tables it needs.
	Broken = "broken"
	// BrokenWaived: only waived findings break it.
	BrokenWaived = "brokenwaived"
	// Unchecked: nothing collected speaks for it.
	Unchecked = "unchecked"
	// Undeclared: a finding concerns an entry the declaration leaves out.
	Undeclared = "undeclared"
)

// Statuses lists the statuses in the order reports count them.
var Statuses = []string{Kept, Broken, BrokenWaived, Unchecked, Undeclared}

// Kinds of promise a rule can name in custom.promise.
const (
	// Categories: the categories of data a dataset declares.
	Categories = "categories"
	// Purposes: the purposes a dataset serves.
	Purposes = "purposes"
	// Retention: the retention rule a dataset follows.
	Retention = "retention"
	// Recipients: the declared recipients a processor's kind falls under.
	Recipients = "recipients"
	// Transfers: the declared third-country transfers a processor's countries match.
	Transfers = "transfers"
	// Cookies: the cookie purpose the finding names, else the cookie policy.
	Cookies = "cookies"
	// Statement: the published statement itself.
	Statement = "statement"
	// Rights: the rights a request answered from the databases serves.
	Rights = "rights"
)

// Kinds lists the kinds of promise a rule may name; the engine checks custom.promise
// against the same list.
var Kinds = findings.PromiseKinds
