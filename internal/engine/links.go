package engine

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/alarmlink/vern/internal/findings"
)

// linkPattern is the shape of a ROPA column name in custom.ropa.
var linkPattern = regexp.MustCompile(`^[a-z][a-z_]*$`)

// links are what a rule's METADATA says its findings bear on, beyond the finding itself.
type links struct {
	promises   []string
	ropa       []string
	unwaivable bool
}

// ruleLinks reads custom.promise (the kinds of declared promise the rule checks),
// custom.ropa (the record-of-processing columns its findings contradict) and
// custom.unwaivable. A misspelt promise kind is an error: the rule's findings would
// silently break no promise.
func ruleLinks(custom map[string]any) (links, error) {
	var l links
	var err error
	if l.promises, err = stringList(custom, "promise"); err != nil {
		return l, err
	}
	for _, p := range l.promises {
		if !slices.Contains(findings.PromiseKinds, p) {
			return l, fmt.Errorf("custom.promise %q is not a kind of promise; use %v", p, findings.PromiseKinds)
		}
	}
	if l.ropa, err = stringList(custom, "ropa"); err != nil {
		return l, err
	}
	for _, c := range l.ropa {
		if !linkPattern.MatchString(c) {
			return l, fmt.Errorf("custom.ropa %q is not a column name", c)
		}
	}
	switch v := custom["unwaivable"].(type) {
	case nil:
	case bool:
		l.unwaivable = v
	default:
		return l, fmt.Errorf("custom.unwaivable must be true or false, not %v", v)
	}
	return l, nil
}

// stringList reads a list of strings from custom[key]; nil when absent.
func stringList(custom map[string]any, key string) ([]string, error) {
	raw, ok := custom[key]
	if !ok || raw == nil {
		return nil, nil
	}
	list, ok := raw.([]any)
	if !ok {
		return nil, fmt.Errorf("custom.%s must be a list, such as [%s]", key, key)
	}
	out := make([]string, 0, len(list))
	for _, v := range list {
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("custom.%s holds %v, not a name", key, v)
		}
		out = append(out, s)
	}
	return out, nil
}

// kindParents reads the recipient kind tree from the reference data (kinds.json).
func kindParents(reference map[string]any) map[string]string {
	out := map[string]string{}
	doc, _ := reference["kinds"].(map[string]any)
	parents, _ := doc["parents"].(map[string]any)
	for k, v := range parents {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}
