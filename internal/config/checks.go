package config

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Checks are the extra checks of `vern check`: problems that a plain load cannot see
// because they need the rule bundle or the taxonomy, and that would otherwise surface only
// when the nightly audit runs.
type Checks struct {
	// RuleIDs are the ids of the loaded rule bundle (from its metadata); a waiver naming
	// another id is an error. Empty skips the check.
	RuleIDs []string
	// DataKeys are the keys of the Fides taxonomy vern ships; a category's data key outside
	// it is an error. Empty skips the check.
	DataKeys []string
	// Taxonomy names the taxonomy and its version, for messages.
	Taxonomy string
	// StrictEnv makes an unset ${ENV} an error, as it is when a collection needs it. Without
	// it an unset variable is a warning: check runs without the secrets.
	StrictEnv bool
}

// Check loads path as Load does, with the extra checks c. It returns the configuration, the
// warnings (an unset ${ENV}, an agreement document not on file) and, as an ErrorList, the
// errors.
func (l Loader) Check(path string, c Checks) (*Config, ErrorList, error) {
	warnings := &errorSink{}
	l.checks = &c
	l.warnings = warnings
	cfg, err := l.Load(path)
	if cfg != nil {
		checkAgreementDocuments(cfg, warnings)
	}
	var ws ErrorList
	errors.As(warnings.result(), &ws) // ws stays nil when there is no warning
	return cfg, ws, err
}

// checkAgreementDocuments warns about agreement documents not on file: a legal gap, which
// the audit reports as a finding, not an error in the input.
func checkAgreementDocuments(cfg *Config, warnings *errorSink) {
	for _, id := range slices.Sorted(maps.Keys(cfg.Processors)) {
		p := cfg.Processors[id]
		loc := cfg.Locations["processor://"+id+"/agreement"]
		file := cfg.resolve(filepath.FromSlash(p.File))
		if p.Agreement == nil || strings.TrimSpace(p.Agreement.Document) == "" {
			warnings.add(file, loc.Line, loc.Column, "processor %s names no agreement document; the audit reports processor.agreement_missing: file the signed agreement beside %s and name it under agreement.document", id, filepath.Base(file))
			continue
		}
		name := filepath.FromSlash(p.Agreement.Document)
		if filepath.IsAbs(name) || !filepath.IsLocal(name) {
			continue // the collector reports it as outside the registry folder
		}
		doc := filepath.Join(filepath.Dir(file), name)
		if _, err := os.Stat(doc); err != nil {
			warnings.add(file, loc.Line, loc.Column, "agreement document %s of processor %s not found; the audit reports processor.agreement_missing: file the signed agreement there or fix agreement.document", quote(p.Agreement.Document), id)
		}
	}
}

// checkWaiverRule reports a waiver rule that no rule of the bundle has.
func (d *fileDecoder) checkWaiverRule(p string, rule string) {
	if d.checks == nil || len(d.checks.RuleIDs) == 0 || rule == "" || slices.Contains(d.checks.RuleIDs, rule) {
		return
	}
	d.errorf(d.at(p), "waiver names rule %s, which no rule has; %sname a rule id from `vern rules list`", quote(d.raw(p)), didYouMean(rule, d.checks.RuleIDs))
}

// checkGlob reports a resource pattern that path.Match cannot read: such a waiver would
// silently match nothing.
func (d *fileDecoder) checkGlob(p, glob string) {
	if glob == "" {
		return
	}
	if _, err := path.Match(glob, ""); err != nil {
		d.errorf(d.at(p), "resource %s is not a valid glob (%v); close every [ with ], escape a literal [, * or ? with \\, and do not end the pattern with \\", quote(d.raw(p)), err)
	}
}

// checkDataKeys reports category data keys outside the shipped taxonomy.
func (d *fileDecoder) checkDataKeys(categories map[string]Category) {
	if d.checks == nil || len(d.checks.DataKeys) == 0 {
		return
	}
	for _, id := range slices.Sorted(maps.Keys(categories)) {
		for i, k := range categories[id].Data {
			if slices.Contains(d.checks.DataKeys, k) {
				continue
			}
			p := fmt.Sprintf("categories.%s.data[%d]", id, i)
			d.errorf(d.at(p), "data key %s of category %s is not in the %s taxonomy vern ships (rego/reference/fides.json); %suse a key listed there, e.g. user.contact.email",
				quote(d.raw(p)), id, d.checks.Taxonomy, didYouMean(k, d.checks.DataKeys))
		}
	}
}
