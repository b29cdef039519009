// Package engine evaluates the Rego rules over an evidence document with OPA. It compiles
// the built-in bundle and any user rules once, prepares one query over every area's deny
// set, converts the input once and turns what the rules return into findings.
package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
)

// Options configures an engine.
type Options struct {
	// RulesDir adds the user's rules from this folder; empty means built-in rules only.
	RulesDir string
}

// Engine holds the compiled rules and the prepared query.
type Engine struct {
	query rego.PreparedEvalQuery
	// Rules is the metadata of every rule, keyed by id.
	Rules map[string]findings.Rule
	// Areas lists the packages vern.<area> that hold deny rules.
	Areas []string
	// BundleSHA256 identifies the rule set in findings.json.
	BundleSHA256 string
}

// New compiles the rules and prepares the query.
func New(ctx context.Context, opts Options) (*Engine, error) {
	b, err := LoadBundle(opts.RulesDir, false)
	if err != nil {
		return nil, err
	}
	c, err := compile(b)
	if err != nil {
		return nil, err
	}
	rules, areas, err := ruleMetadata(c, b.Builtin)
	if err != nil {
		return nil, err
	}
	if len(areas) == 0 {
		return nil, fmt.Errorf("compile rules: no deny rules found under package vern.<area>")
	}
	e := &Engine{Rules: rules, Areas: areas, BundleSHA256: b.SHA256}
	pq, err := rego.New(
		rego.Compiler(c),
		rego.Store(referenceStore(b)),
		rego.Query(e.Query()),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare rules: %w", err)
	}
	e.query = pq
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
// findings package.
func (e *Engine) Evaluate(ctx context.Context, ev *evidence.Evidence, now time.Time) ([]findings.Finding, error) {
	in, err := Input(ev, now)
	if err != nil {
		return nil, err
	}
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(in), rego.EvalTime(now))
	if err != nil {
		return nil, fmt.Errorf("evaluate rules: %w", err)
	}
	var out []findings.Finding
	for _, r := range rs {
		for _, v := range r.Bindings {
			set, ok := v.([]any)
			if !ok {
				continue
			}
			for _, item := range set {
				f, err := decodeFinding(item, e.Rules)
				if err != nil {
					return nil, err
				}
				f.Location = locate(ev.Locations, f.Resource, f.Target)
				out = append(out, f)
			}
		}
	}
	findings.Sort(out)
	return out, nil
}

func decodeFinding(item any, rules map[string]findings.Rule) (findings.Finding, error) {
	var f findings.Finding
	b, err := json.Marshal(item)
	if err != nil {
		return f, fmt.Errorf("decode finding: %w", err)
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return f, fmt.Errorf("decode finding %s: %w", b, err)
	}
	if _, ok := rules[f.Rule]; !ok {
		return f, fmt.Errorf("decode finding: rule %q returned a finding but has no metadata; build findings with lib.finding(rego.metadata.chain(), ...)", f.Rule)
	}
	if f.Resource == "" {
		return f, fmt.Errorf("decode finding: rule %s returned a finding without a resource", f.Rule)
	}
	if f.Target == "" {
		f.Target = f.Resource
	}
	f.Area = rules[f.Rule].Area
	f.Fingerprint = findings.Fingerprint(f.Rule, f.Resource)
	return f, nil
}

// locate finds the input-file position of the entry a finding concerns: the resource itself,
// else its closest declared parent, else the target, else the file of its scheme
// ("declaration://" for a section the declaration leaves out).
func locate(locs map[string]configLocation, resource, target string) *findings.Location {
	for _, key := range []string{resource, target} {
		for k := key; k != ""; k = parent(k) {
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

// parent drops the last path element of a resource: postgres://crm/public.t/col →
// postgres://crm/public.t → postgres://crm → "".
func parent(r string) string {
	i := strings.LastIndex(r, "/")
	if i < 0 || strings.HasSuffix(r[:i+1], "://") {
		return ""
	}
	return r[:i]
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
