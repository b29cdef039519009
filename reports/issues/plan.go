package issues

import (
	"slices"
	"sort"
)

// Kinds of action in a sync plan.
const (
	// ActionCreate files a new issue.
	ActionCreate = "create"
	// ActionUpdate rewrites an open (or waived) issue whose content changed.
	ActionUpdate = "update"
	// ActionClose comments and closes an issue as completed: its finding is gone.
	ActionClose = "close"
	// ActionWaive comments and closes an issue as not planned: a waiver covers it.
	ActionWaive = "waive"
	// ActionReopen comments and reopens an issue whose finding came back or whose waiver ended.
	ActionReopen = "reopen"
	// ActionUnchanged leaves an issue as it is.
	ActionUnchanged = "unchanged"
	// ActionSkip is a finding or issue vern deliberately leaves alone (Reason says why).
	ActionSkip = "skip"
)

// Action is one step of a sync plan.
type Action struct {
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	Rule   string `json:"rule,omitempty"`
	Target string `json:"target,omitempty"`
	// Number is the issue's number; 0 for an issue not yet created.
	Number int    `json:"number,omitempty"`
	Title  string `json:"title,omitempty"`
	Reason string `json:"reason,omitempty"`

	want  *desired
	have  *existing
	event string
	// edit is set when title, body or labels must be written.
	edit bool
}

// existing is an issue vern created, as listed.
type existing struct {
	id          string
	number      int
	title, body string
	labels      []string
	state       string
	stateReason string
	comments    int
	// adopted is an issue found without the vern label, by its creator or rule label.
	adopted bool
}

func (e *existing) open() bool { return e.state == "open" }

func (e *existing) hasLabel(l string) bool { return slices.Contains(e.labels, l) }

// personNotPlanned is an issue a person closed as not planned: vern never reopens it.
func (e *existing) personNotPlanned() bool {
	return !e.open() && e.stateReason == "not_planned" && !e.hasLabel(labelWaived)
}

// Reasons for skipping.
const (
	reasonWaivedNew     = "waived; no issue filed"
	reasonPersonClosed  = "closed as not planned by a person"
	reasonIncomplete    = "collection incomplete; not closed until a complete audit"
	reasonWaivedExpired = "waiver no longer in force"
	reasonReturned      = "finding present again"
)

// plan decides what to do with every desired issue and every existing vern issue.
// closeResolved is false when the audit was incomplete: a finding missing from it may only
// be missing because its target could not be collected.
func plan(want []*desired, have map[string]*existing, extra map[string]bool, closeResolved bool) []Action {
	var out []Action
	seen := map[string]bool{}
	for _, d := range want {
		seen[d.id] = true
		a := Action{ID: d.id, Rule: d.rule, Target: d.target, Title: d.title, want: d}
		e := have[d.id]
		a.have = e
		if e != nil {
			a.Number = e.number
		}
		changed := e != nil && contentChanged(d, e, extra)
		switch {
		case e == nil && d.waived:
			a.Kind, a.Reason = ActionSkip, reasonWaivedNew
		case e == nil:
			a.Kind = ActionCreate
		case e.personNotPlanned():
			a.Kind, a.Reason = ActionSkip, reasonPersonClosed
		case d.waived && (e.open() || e.stateReason != "not_planned"):
			a.Kind, a.event, a.edit = ActionWaive, eventWaived, true
		case d.waived || e.open():
			a.Kind, a.edit = ActionUnchanged, changed
			if changed {
				a.Kind = ActionUpdate
			}
		case e.hasLabel(labelWaived):
			a.Kind, a.event, a.edit, a.Reason = ActionReopen, eventWaiverExpired, true, reasonWaivedExpired
		default:
			a.Kind, a.event, a.edit, a.Reason = ActionReopen, eventReturned, true, reasonReturned
		}
		out = append(out, a)
	}
	var gone []Action
	for id, e := range have {
		if seen[id] || !e.open() {
			continue
		}
		a := Action{Kind: ActionClose, ID: id, Number: e.number, Title: e.title, have: e, event: eventResolved}
		if !closeResolved {
			a.Kind, a.event, a.Reason = ActionSkip, "", reasonIncomplete
		}
		gone = append(gone, a)
	}
	sort.Slice(gone, func(i, j int) bool { return gone[i].Number < gone[j].Number })
	return append(out, gone...)
}

// contentChanged reports whether title, body (without the report link) or vern's labels differ.
func contentChanged(d *desired, e *existing, extra map[string]bool) bool {
	if d.title != e.title || comparable(d.body) != comparable(e.body) {
		return true
	}
	return !slices.Equal(managedOf(e.labels, extra), d.labels)
}

func managedOf(labels []string, extra map[string]bool) []string {
	var out []string
	for _, l := range labels {
		if managedLabel(l, extra) {
			out = append(out, l)
		}
	}
	return sortedSet(out)
}

// mergeLabels keeps the labels vern does not manage and sets vern's own.
func mergeLabels(current, want []string, extra map[string]bool) []string {
	out := append([]string(nil), want...)
	for _, l := range current {
		if !managedLabel(l, extra) {
			out = append(out, l)
		}
	}
	return sortedSet(out)
}
