package rego_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"

	vernrego "github.com/alarmlink/vern/rego"
)

// TestRegoFormatted is `opa fmt --fail`: every rule file is in OPA's canonical format.
func TestRegoFormatted(t *testing.T) {
	for name, src := range regoFiles(t) {
		t.Run(name, func(t *testing.T) {
			got, err := format.SourceWithOpts(name, src, format.Opts{RegoVersion: ast.RegoV1})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, src) {
				t.Errorf("%s is not formatted; run `opa fmt -w %s` (or format it as OPA does)", name, name)
			}
		})
	}
}

// TestRegoStrict is `opa check --strict`: the bundle compiles in strict mode (no unused
// variables, imports or arguments, no deprecated builtins, no shadowed names).
func TestRegoStrict(t *testing.T) {
	mods := map[string]*ast.Module{}
	for name, src := range regoFiles(t) {
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		mods[name] = m
	}
	c := ast.NewCompiler().WithStrict(true)
	c.Compile(mods)
	if c.Failed() {
		t.Fatal(c.Errors)
	}
}

// TestRegoLineLength keeps rule files within the style guide's 120 characters. Test files
// are exempt: their inputs are fixtures, easier to read on one line than wrapped.
func TestRegoLineLength(t *testing.T) {
	for name, src := range regoFiles(t) {
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		for i, line := range strings.Split(string(src), "\n") {
			if n := len([]rune(line)); n > 120 {
				t.Errorf("%s:%d: line is %d characters; keep it within 120", name, i+1, n)
			}
		}
	}
}

func regoFiles(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := fs.WalkDir(vernrego.Bundle, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		b, err := fs.ReadFile(vernrego.Bundle, p)
		out[p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
