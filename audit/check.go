package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sort"

	"github.com/alarmlink/vern/collectors/site"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/engine"
	vernrego "github.com/alarmlink/vern/rego"
)

// CheckOptions configures the check of the input files.
type CheckOptions struct {
	ConfigPath string
	// RulesDir adds user rules, whose ids waivers may name.
	RulesDir string
	// Strict makes an unset ${ENV} an error, as collecting does.
	Strict bool
	// Autoconsent is the autoconsent folder whose state is reported for an inventory with
	// sites.
	Autoconsent string
}

// CheckResult is what the check found.
type CheckResult struct {
	// Config is the loaded configuration; nil when it has errors.
	Config *config.Config
	// Warnings are problems that do not stop a collection.
	Warnings config.ErrorList
	// Banners says how consent banners will be operated, when the inventory has sites;
	// BannersErr why that is not known.
	Banners    string
	BannersErr error
}

// Check loads every input file strictly, with the rule ids and the Fides taxonomy the
// waivers and categories may name. The result holds the warnings even when the inputs
// have errors; an error is of kind KindInvalid.
func Check(ctx context.Context, opts CheckOptions) (*CheckResult, error) {
	rules, err := Rules(ctx, RulesOptions{Dir: opts.RulesDir})
	if err != nil {
		return nil, err
	}
	ids := slices.Sorted(maps.Keys(rules.ByID))
	keys, taxonomy, err := fidesKeys()
	if err != nil {
		return nil, invalid(err)
	}
	cfg, warnings, err := config.Loader{Unwaivable: engine.Unwaivable(rules.ByID)}.Check(opts.ConfigPath, config.Checks{
		RuleIDs: ids, DataKeys: keys, Taxonomy: taxonomy, StrictEnv: opts.Strict,
	})
	res := &CheckResult{Warnings: warnings}
	if err != nil {
		return res, invalid(err)
	}
	res.Config = cfg
	if len(cfg.Inventory.Sites) > 0 {
		// The site collector operates banners with autoconsent when it is installed.
		res.Banners, res.BannersErr = site.AutoconsentStatus(opts.Autoconsent)
	}
	return res, nil
}

// fidesKeys returns the data keys of the Fides taxonomy in the rule bundle's reference data
// and the taxonomy's name and version.
func fidesKeys() ([]string, string, error) {
	b, err := fs.ReadFile(vernrego.Bundle, "reference/fides.json")
	if err != nil {
		return nil, "", fmt.Errorf("read the Fides taxonomy: %w", err)
	}
	var doc struct {
		Version string                     `json:"version"`
		Kinds   map[string]json.RawMessage `json:"kinds"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, "", fmt.Errorf("read the Fides taxonomy: %w", err)
	}
	keys := make([]string, 0, len(doc.Kinds))
	for k := range doc.Kinds {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, "Fides (" + doc.Version + ")", nil
}
