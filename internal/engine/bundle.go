package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Bundle is a set of parsed rule modules and the reference data they read.
type Bundle struct {
	// Modules maps a file name (rego/<area>/<file>.rego, or the user's path) to its module.
	Modules map[string]*ast.Module
	// Builtin marks the modules that ship with vern.
	Builtin map[string]bool
	// Reference is data.vern.reference: one document per JSON file, keyed by its stem.
	Reference map[string]any
	// SHA256 is a hash over every module and data file, in name order.
	SHA256 string
}

var parserOptions = ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}

// LoadBundle parses the built-in rules of builtin (laid out as Options.Bundle) and, when
// userDir is set, the user's rules from that folder. Test files are included only when
// withTests is set.
func LoadBundle(builtin fs.FS, userDir string, withTests bool) (*Bundle, error) {
	if builtin == nil {
		return nil, fmt.Errorf("load built-in rules: no rule bundle given")
	}
	b := &Bundle{Modules: map[string]*ast.Module{}, Builtin: map[string]bool{}, Reference: map[string]any{}}
	files := map[string][]byte{}
	err := fs.WalkDir(builtin, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, rerr := fs.ReadFile(builtin, p)
		if rerr != nil {
			return rerr
		}
		name := "rego/" + p
		switch {
		case strings.HasPrefix(p, "reference/") && strings.HasSuffix(p, ".json"):
			var v any
			if jerr := json.Unmarshal(data, &v); jerr != nil {
				return fmt.Errorf("%s: %w", name, jerr)
			}
			b.Reference[strings.TrimSuffix(path.Base(p), ".json")] = v
			files[name] = data
		case strings.HasSuffix(p, ".rego"):
			if !withTests && strings.HasSuffix(p, "_test.rego") {
				return nil
			}
			files[name] = data
			b.Builtin[name] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load built-in rules: %w", err)
	}
	if userDir != "" {
		if err := loadUserDir(userDir, withTests, files); err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
		if !strings.HasSuffix(n, ".rego") {
			continue
		}
		m, perr := ast.ParseModuleWithOpts(n, string(files[n]), parserOptions)
		if perr != nil {
			return nil, fmt.Errorf("parse rules: %w", perr)
		}
		b.Modules[n] = m
	}
	b.SHA256 = hex.EncodeToString(h.Sum(nil))
	return b, nil
}

func loadUserDir(dir string, withTests bool, files map[string][]byte) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("load rules from %s: %w", dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("load rules from %s: not a folder; user rules are a folder of .rego files", dir)
	}
	count := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		if !withTests && strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		data, rerr := os.ReadFile(p)
		if rerr != nil {
			return rerr
		}
		files[p] = data
		count++
		return nil
	})
	if err != nil {
		return fmt.Errorf("load rules from %s: %w", dir, err)
	}
	if count == 0 {
		return fmt.Errorf("load rules from %s: no .rego files found", dir)
	}
	return nil
}
