package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/npmcache"
)

// AutoconsentPackage is DuckDuckGo's autoconsent (MPL-2.0) on npm, pinned in
// internal/npmcache/packages.txt and installed by scripts/npm-deps.sh; vern drives its
// rules for the consent platforms they know.
const AutoconsentPackage = "@duckduckgo/autoconsent"

// AutoconsentVersion is the pinned release.
var AutoconsentVersion = func() string {
	p, _ := npmcache.Pinned(AutoconsentPackage)
	return p.Version
}()

// Files of the autoconsent package vern loads.
const (
	autoconsentScript = "dist/autoconsent.playwright.js"
	autoconsentRules  = "rules/rules.json"
)

// EnvAutoconsent names the environment variable that points vern at another autoconsent
// package folder (what --autoconsent DIR sets); "off" turns autoconsent off.
const EnvAutoconsent = "VERN_AUTOCONSENT"

// DefaultAutoconsentDir is where scripts/npm-deps.sh installs autoconsent: under
// $VERN_CACHE (by default ~/.cache/vern) in npm/@duckduckgo/autoconsent@<version>.
func DefaultAutoconsentDir() string {
	p, ok := npmcache.Pinned(AutoconsentPackage)
	if !ok {
		return ""
	}
	return p.Dir()
}

// autoconsent is the loaded package: its content script, its rule bundle and the names of
// the cookies its rules say record a consent choice.
type autoconsent struct {
	info   evidence.SiteAutoconsent
	script string
	rules  json.RawMessage
	// consentCookies are cookie names the rules' self-tests read as the record of the
	// visitor's choice (cookieContains steps that are not negated).
	consentCookies map[string]bool
}

// ErrNoAutoconsent is returned when the autoconsent package is not installed.
var ErrNoAutoconsent = errors.New("autoconsent is not installed")

// loadAutoconsent reads the package in dir. The evidence records its version and the
// SHA-256 of both files, so a finding can be traced to the rules that produced it.
func loadAutoconsent(dir string) (*autoconsent, error) {
	if dir == "" {
		return nil, ErrNoAutoconsent
	}
	script, err := os.ReadFile(filepath.Join(dir, autoconsentScript))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w at %s (run scripts/npm-deps.sh)", ErrNoAutoconsent, dir)
		}
		return nil, fmt.Errorf("autoconsent: %w", err)
	}
	rules, err := os.ReadFile(filepath.Join(dir, autoconsentRules))
	if err != nil {
		return nil, fmt.Errorf("autoconsent rules: %w", err)
	}
	var bundle struct {
		Autoconsent []json.RawMessage `json:"autoconsent"`
	}
	if err := json.Unmarshal(rules, &bundle); err != nil {
		return nil, fmt.Errorf("autoconsent rules %s: %w", filepath.Join(dir, autoconsentRules), err)
	}
	if len(bundle.Autoconsent) == 0 {
		return nil, fmt.Errorf("autoconsent rules %s: no rules", filepath.Join(dir, autoconsentRules))
	}
	var pkg struct {
		Version string `json:"version"`
	}
	if b, err := os.ReadFile(filepath.Join(dir, "package.json")); err == nil {
		_ = json.Unmarshal(b, &pkg)
	}
	ss, rs := sha256.Sum256(script), sha256.Sum256(rules)
	a := &autoconsent{
		info: evidence.SiteAutoconsent{Loaded: true, Version: pkg.Version, Rules: len(bundle.Autoconsent),
			ScriptSHA256: hex.EncodeToString(ss[:]), RulesSHA256: hex.EncodeToString(rs[:])},
		script: string(script), rules: rules, consentCookies: ruleCookies(bundle.Autoconsent),
	}
	return a, nil
}

var cookieNameRE = regexp.MustCompile(`^[A-Za-z0-9_.\-]{3,64}$`)

// ruleCookies collects the cookie names the rules' steps expect to hold the choice:
// {"cookieContains": "name=value"} or {"cookieContains": "name"}, not negated.
func ruleCookies(rules []json.RawMessage) map[string]bool {
	out := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["cookieContains"].(string); ok && x["negated"] != true {
				name := s
				if i := strings.IndexByte(s, '='); i >= 0 {
					name = s[:i]
				}
				if cookieNameRE.MatchString(name) {
					out[name] = true
				}
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	for _, r := range rules {
		var v any
		if json.Unmarshal(r, &v) == nil {
			walk(v)
		}
	}
	return out
}

// autoconsentDir resolves where autoconsent is looked for: the option, else the
// environment, else the cache. "off" turns it off.
func autoconsentDir(opt string) string {
	if opt != "" {
		return opt
	}
	if v := os.Getenv(EnvAutoconsent); v != "" {
		return v
	}
	return DefaultAutoconsentDir()
}

// AutoconsentStatus tells `vern check` whether autoconsent is installed where the
// collector will look (dir, or the environment or cache when empty), and its version.
func AutoconsentStatus(dir string) (string, error) {
	d := autoconsentDir(dir)
	if d == "off" {
		return "autoconsent turned off; vern's own banner detection is used", nil
	}
	a, err := loadAutoconsent(d)
	if err != nil {
		return "", fmt.Errorf("%w; vern falls back to its own banner detection", err)
	}
	return fmt.Sprintf("autoconsent %s (%d rules) at %s", a.info.Version, a.info.Rules, d), nil
}
