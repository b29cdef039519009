package engine

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/alarmlink/vern/internal/findings"
)

var (
	ruleIDPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$`)
	validKind     = map[string]bool{findings.KindDrift: true, findings.KindLaw: true, findings.KindStatement: true}
)

// ruleMetadata reads the METADATA of every deny rule and checks it carries what a finding
// needs. A deny rule without it is an error: its findings would have no id or severity.
func ruleMetadata(modules map[string]*ast.Module, builtin map[string]bool) (map[string]findings.Rule, []string, error) {
	rules := map[string]findings.Rule{}
	areas := map[string]bool{}
	var problems []string
	for _, m := range modules {
		pkg := m.Package.Path.String()
		if !strings.HasPrefix(pkg, "data.vern.") || strings.HasSuffix(pkg, "_test") {
			continue
		}
		for _, r := range m.Rules {
			if r.Head.Name.String() != "deny" && r.Head.Ref().String() != "deny" {
				continue
			}
			areas[strings.TrimPrefix(pkg, "data.vern.")] = true
			loc := r.Location.String()
			var ann *ast.Annotations
			for _, a := range r.Annotations {
				if a.Scope == "rule" {
					ann = a
				}
			}
			if ann == nil {
				problems = append(problems, fmt.Sprintf("%s: deny rule without a rule-scope # METADATA block; add title and custom.id, severity, kind", loc))
				continue
			}
			rule, err := ruleFromAnnotations(ann, builtin[r.Location.File])
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", loc, err))
				continue
			}
			if prev, dup := rules[rule.ID]; dup && prev.Title != rule.Title {
				problems = append(problems, fmt.Sprintf("%s: rule id %s is used twice with different titles", loc, rule.ID))
				continue
			}
			rules[rule.ID] = rule
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, nil, fmt.Errorf("rule metadata:\n  %s", strings.Join(problems, "\n  "))
	}
	list := make([]string, 0, len(areas))
	for a := range areas {
		list = append(list, a)
	}
	sort.Strings(list)
	return rules, list, nil
}

func ruleFromAnnotations(a *ast.Annotations, builtin bool) (findings.Rule, error) {
	r := findings.Rule{Title: a.Title, Description: strings.TrimSpace(a.Description), Builtin: builtin}
	r.ID, _ = a.Custom["id"].(string)
	r.Severity = findings.Severity(str(a.Custom["severity"]))
	r.Kind, _ = a.Custom["kind"].(string)
	r.Remediation = strings.TrimSpace(str(a.Custom["remediation"]))
	switch {
	case !ruleIDPattern.MatchString(r.ID):
		return r, fmt.Errorf("custom.id %q must look like area.rule_name", r.ID)
	case r.Title == "":
		return r, fmt.Errorf("rule %s has no title", r.ID)
	case !r.Severity.Valid():
		return r, fmt.Errorf("rule %s: custom.severity %q must be critical, high, medium, low or info", r.ID, r.Severity)
	case !validKind[r.Kind]:
		return r, fmt.Errorf("rule %s: custom.kind %q must be drift, law or statement", r.ID, r.Kind)
	}
	r.Area = strings.SplitN(r.ID, ".", 2)[0]
	if legal, ok := a.Custom["legal"].([]any); ok {
		for _, l := range legal {
			r.Legal = append(r.Legal, str(l))
		}
	}
	for _, rr := range a.RelatedResources {
		if rr.Ref.String() == "" {
			continue
		}
		r.Links = append(r.Links, findings.Link{Ref: rr.Ref.String(), Description: rr.Description})
	}
	links, err := ruleLinks(a.Custom)
	if err != nil {
		return r, fmt.Errorf("rule %s: %w", r.ID, err)
	}
	r.Promises, r.Ropa, r.Unwaivable = links.promises, links.ropa, links.unwaivable
	if nb, ok := a.Custom["nb"].(map[string]any); ok {
		r.NB = &findings.Text{
			Title:       strings.TrimSpace(str(nb["title"])),
			Description: strings.TrimSpace(str(nb["description"])),
			Remediation: strings.TrimSpace(str(nb["remediation"])),
		}
	}
	return r, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
