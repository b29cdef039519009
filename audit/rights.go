package audit

import (
	"context"
	"fmt"
	"sort"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/rights"
)

// RightsOptions configures the rights plan.
type RightsOptions struct {
	// EvidencePath reads the catalogs from collected evidence instead of connecting.
	EvidencePath string
	// ConfigPath is the inventory whose databases are collected when EvidencePath is empty.
	ConfigPath string
	Sources    Sources
	Version    string
}

// RightsResult is the rights plan and the evidence it was built from.
type RightsResult struct {
	Plan     *rights.Plan
	Evidence *evidence.Evidence
}

// Rights builds, per subject key, how access and erasure requests reach each table with
// personal data, from evidence or from the databases' catalogs (read only). A database that
// could not be collected is a failed target of the result's evidence, not an error.
func Rights(ctx context.Context, opts RightsOptions) (*RightsResult, error) {
	var ev *evidence.Evidence
	var err error
	if opts.EvidencePath != "" {
		if ev, err = evidence.Read(opts.EvidencePath); err != nil {
			return nil, invalid(err)
		}
	} else {
		cfg, err := loadConfig(opts.ConfigPath)
		if err != nil {
			return nil, invalid(err)
		}
		var targets []string
		for name := range cfg.Inventory.Databases {
			targets = append(targets, evidence.DBTarget(name).String())
		}
		sort.Strings(targets)
		if len(targets) == 0 {
			return nil, invalid(fmt.Errorf("rights: %s lists no databases", opts.ConfigPath))
		}
		if ev, err = gather(ctx, cfg, targets, opts.Sources, opts.Version, nil); err != nil {
			return nil, err
		}
	}
	plan, err := rights.FromEvidence(ev)
	if err != nil {
		return nil, invalid(err)
	}
	return &RightsResult{Plan: plan, Evidence: ev}, nil
}
