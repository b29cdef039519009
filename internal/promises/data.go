package promises

import (
	"slices"
	"strings"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/findings"
)

// findingCategories narrows a dataset's declared categories to those a finding is about: a
// finding naming data kinds (details.kinds) concerns the categories whose kinds cover one of
// them, and none when no category does (it is then declared nowhere); one naming categories
// (details.categories) concerns those. A finding naming neither concerns all of them.
func findingCategories(f *findings.Finding, dataset []string, declared map[string]config.Category) []string {
	if named := detailStrings(f.Details, "categories"); named != nil {
		return named
	}
	kinds := detailStrings(f.Details, "kinds")
	if kinds == nil {
		return dataset
	}
	var out []string
	for _, c := range dataset {
		if slices.ContainsFunc(kinds, func(k string) bool { return kindCovered(k, declared[c].Data) }) {
			out = append(out, c)
		}
	}
	return out
}

// kindCovered reports whether one of a category's Fides keys is kind or an ancestor of it.
func kindCovered(kind string, data []string) bool {
	return slices.ContainsFunc(data, func(d string) bool { return kind == d || strings.HasPrefix(kind, d+".") })
}

// detailStrings reads a list of strings from a finding's details; nil when absent.
func detailStrings(details map[string]any, key string) []string {
	if s, ok := details[key].([]string); ok {
		return s
	}
	raw, ok := details[key].([]any)
	if !ok {
		return nil
	}
	out := []string{}
	for _, v := range raw {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// tableResource cuts a column off a postgres resource: postgres://db/schema.table.
func tableResource(r string) string {
	rest, ok := strings.CutPrefix(r, "postgres://")
	if !ok {
		return ""
	}
	parts := strings.SplitN(rest, "/", 3)
	if len(parts) < 2 {
		return ""
	}
	return "postgres://" + parts[0] + "/" + parts[1]
}

// kindUnder reports whether kind equals ancestor or lies below it in the kind tree.
func kindUnder(kind, ancestor string, parents map[string]string) bool {
	for i := 0; kind != "" && i < 16; i++ {
		if kind == ancestor {
			return true
		}
		kind = parents[kind]
	}
	return false
}
