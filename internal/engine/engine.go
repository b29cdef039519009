// Package engine evaluates the Rego rules over an evidence document with OPA. It compiles
// the built-in bundle and any user rules once, prepares one query over every area's deny
// set, converts the input once and turns what the rules return into findings.
package engine

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"encoding/json"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
)

// Options configures an engine.
type Options struct {
	// Bundle holds the built-in rules and their reference data, laid out as the rego
	// package embeds them (<area>/<file>.rego, reference/<name>.json). It is required: the
	// engine carries no rules of its own, so a caller chooses (and a test may replace) them.
	Bundle fs.FS
	// RulesDir adds the user's rules from this folder; empty means built-in rules only.
	RulesDir string
}

// Engine holds the compiled rules and the prepared query.
type Engine struct {
	// queries holds one prepared query per area, so areas evaluate in parallel.
	queries []rego.PreparedEvalQuery
	// Rules is the metadata of every rule, keyed by id.
	Rules map[string]findings.Rule
	// Areas lists the packages vern.<area> that hold deny rules.
	Areas []string
	// BundleSHA256 identifies the rule set in findings.json.
	BundleSHA256 string
	// KindParents is the recipient kind tree of the bundle's reference data (kind →
	// parent), for the promise matrix.
	KindParents map[string]string
}

// New compiles the rules and prepares the query.
func New(ctx context.Context, opts Options) (*Engine, error) {
	b, err := LoadBundle(opts.Bundle, opts.RulesDir, false)
	if err != nil {
		return nil, err
	}
	c, err := compile(b)
	if err != nil {
		return nil, err
	}
	rules, areas, err := ruleMetadata(c.Modules, b.Builtin)
	if err != nil {
		return nil, err
	}
	if len(areas) == 0 {
		return nil, fmt.Errorf("compile rules: no deny rules found under package vern.<area>")
	}
	e := &Engine{Rules: rules, Areas: areas, BundleSHA256: b.SHA256, KindParents: kindParents(b.Reference)}
	store := referenceStore(b)
	for _, a := range areas {
		pq, err := rego.New(
			rego.Compiler(c),
			rego.Store(store),
			rego.Query(fmt.Sprintf("x := data.vern[%q].deny", a)),
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare rules of %s: %w", a, err)
		}
		e.queries = append(e.queries, pq)
	}
	return e, nil
}

// compile checks and compiles the bundle's modules with the restricted capabilities.
func compile(b *Bundle) (*ast.Compiler, error) {
	c := ast.NewCompiler().
		WithCapabilities(capabilities()).
		WithEnablePrintStatements(false)
	c.Compile(b.Modules)
	if c.Failed() {
		return nil, fmt.Errorf("compile rules: %w", c.Errors)
	}
	return c, nil
}

func referenceStore(b *Bundle) storage.Store {
	return inmem.NewFromObject(map[string]any{"vern": map[string]any{"reference": b.Reference}})
}

// Evaluate runs every rule over the evidence as of now and returns the raw findings, sorted,
// with area, fingerprint and location filled in. Waivers and the gate are applied by the
// findings package. The evidence is only read, so one value can be evaluated again, or
// concurrently, and still hash to what was collected.
func (e *Engine) Evaluate(ctx context.Context, ev *evidence.Evidence, now time.Time) ([]findings.Finding, error) {
	in, err := Input(ev, now)
	if err != nil {
		return nil, err
	}
	results := make([][]findings.Finding, len(e.queries))
	errs := make([]error, len(e.queries))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range e.queries {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i], errs[i] = e.evalArea(ctx, i, in, now, ev.Locations, ev.Root)
		}(i)
	}
	wg.Wait()
	var out []findings.Finding
	for i := range results {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, results[i]...)
	}
	findings.Sort(out)
	return out, nil
}

func (e *Engine) evalArea(ctx context.Context, i int, in ast.Value, now time.Time, locs map[string]configLocation, root string) ([]findings.Finding, error) {
	rs, err := e.queries[i].Eval(ctx, rego.EvalParsedInput(in), rego.EvalTime(now))
	if err != nil {
		return nil, fmt.Errorf("evaluate rules of %s: %w", e.Areas[i], err)
	}
	var out []findings.Finding
	for _, r := range rs {
		set, _ := r.Bindings["x"].([]any)
		for _, item := range set {
			f, err := decodeFinding(item, e.Rules)
			if err != nil {
				return nil, err
			}
			f.Location = locate(locs, f.Resource, f.Target)
			if f.Location != nil && root != "" {
				f.Location.File = path.Join(root, f.Location.File)
			}
			out = append(out, f)
		}
	}
	return out, nil
}

func decodeFinding(item any, rules map[string]findings.Rule) (findings.Finding, error) {
	var f findings.Finding
	m, ok := item.(map[string]any)
	if !ok {
		return f, fmt.Errorf("decode finding: a deny rule returned %T, not an object; build findings with lib.finding", item)
	}
	f.Rule = str(m["rule"])
	rule, ok := rules[f.Rule]
	if !ok {
		return f, fmt.Errorf("decode finding: rule %q returned a finding but has no metadata; build findings with lib.finding(rego.metadata.chain(), ...)", f.Rule)
	}
	f.Resource, f.Target = str(m["resource"]), str(m["target"])
	if f.Resource == "" {
		return f, fmt.Errorf("decode finding: rule %s returned a finding without a resource", f.Rule)
	}
	if f.Target == "" {
		f.Target = f.Resource
	}
	f.Title, f.Severity, f.Kind, f.Remediation = rule.Title, rule.Severity, rule.Kind, rule.Remediation
	f.Legal = rule.Legal
	if s := str(m["severity"]); s != "" {
		f.Severity = findings.Severity(s)
	}
	f.Message, f.MessageNB = str(m["message"]), str(m["message_nb"])
	if c, ok := m["count"]; ok {
		n, err := toInt(c)
		if err != nil {
			return f, fmt.Errorf("decode finding: rule %s: count: %w", f.Rule, err)
		}
		f.Count = &n
	}
	if d, ok := m["details"].(map[string]any); ok {
		f.Details = d
	}
	f.Area = rule.Area
	f.Unwaivable = rule.Unwaivable
	f.Fingerprint = findings.Fingerprint(f.Rule, f.Resource)
	return f, nil
}

func toInt(v any) (int64, error) {
	switch n := v.(type) {
	case json.Number:
		return n.Int64()
	case float64:
		return int64(n), nil
	case int64:
		return n, nil
	case int:
		return int64(n), nil
	}
	return 0, fmt.Errorf("%v is not a number", v)
}

// locate finds the input-file position of the entry a finding concerns: the resource itself,
// else its closest declared parent, else the target, else the file of its scheme
// ("declaration://" for a section the declaration leaves out).
func locate(locs map[string]configLocation, resource, target string) *findings.Location {
	for _, key := range []string{resource, target} {
		for k := key; k != ""; k = findings.ParentResource(k) {
			if l, ok := locs[k]; ok {
				return &findings.Location{File: l.File, Line: l.Line, Column: l.Column}
			}
		}
	}
	if i := strings.Index(resource, "://"); i > 0 {
		if l, ok := locs[resource[:i+3]]; ok {
			return &findings.Location{File: l.File, Line: l.Line, Column: l.Column}
		}
	}
	return nil
}

// Sorted returns the rule ids in order.
func (e *Engine) Sorted() []findings.Rule {
	out := make([]findings.Rule, 0, len(e.Rules))
	for _, r := range e.Rules {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Query is the query the engine prepares: every area's deny set, one binding each. A
// benchmark hands the same query to `opa eval`.
func (e *Engine) Query() string {
	parts := make([]string, 0, len(e.Areas))
	for i, a := range e.Areas {
		parts = append(parts, fmt.Sprintf("a%d := data.vern[%q].deny", i, a))
	}
	return strings.Join(parts, "; ")
}
