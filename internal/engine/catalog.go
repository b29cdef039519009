package engine

import (
	"sort"

	"github.com/alarmlink/vern/internal/findings"
)

// GCPercent is the garbage collector's target the engine is measured and tuned with:
// evaluating large evidence makes much short-lived garbage, and collecting it less often
// roughly halves the evaluation's time while the heap stays small. The engine sets no
// process-wide setting itself; a program that evaluates (the vern command, the benchmarks)
// applies it with debug.SetGCPercent.
const GCPercent = 400

// Catalog reads the rules' METADATA without compiling them: what a configuration load needs
// to know of the rules (their ids, which can be waived) at a fraction of New's cost. The
// METADATA is checked exactly as New checks it.
func Catalog(opts Options) (map[string]findings.Rule, error) {
	b, err := LoadBundle(opts.Bundle, opts.RulesDir, false)
	if err != nil {
		return nil, err
	}
	rules, _, err := ruleMetadata(b.Modules, b.Builtin)
	if err != nil {
		return nil, err
	}
	return rules, nil
}

// Unwaivable lists, sorted, the ids of the rules whose METADATA says custom.unwaivable.
func Unwaivable(rules map[string]findings.Rule) []string {
	var ids []string
	for id, r := range rules {
		if r.Unwaivable {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}
