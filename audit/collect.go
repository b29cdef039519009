package audit

import (
	"context"
	"path/filepath"

	"github.com/alarmlink/vern/audit/plan"
	"github.com/alarmlink/vern/collectors"
	"github.com/alarmlink/vern/collectors/site"
	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// Sources say which collectors a flow runs and how.
type Sources struct {
	// Collectors collect the targets; nil means vern's own, set up with Autoconsent.
	Collectors []collect.Collector
	// Autoconsent is the folder of the autoconsent package the site collector operates
	// consent banners with ("" its default, "off" vern's own detection).
	Autoconsent string
	// Browser is the site collector's mode: BrowserChromium (also when empty) or
	// BrowserNone.
	Browser site.Browser
	// Env is the collectors' environment: logger, clock, progress.
	Env collect.Env
}

// Browser is the site collector's mode, for the commands' --browser flag.
type Browser = site.Browser

// The site collector's browser modes.
const (
	BrowserChromium = site.BrowserChromium
	BrowserNone     = site.BrowserNone
)

// ValidBrowser reports whether s names a browser mode.
func ValidBrowser(s string) bool { return site.ValidBrowser(s) }

// All are the collectors the sources name: Collectors, or vern's own set up with the
// sources' options.
func (s Sources) All() []collect.Collector {
	if s.Collectors != nil {
		return s.Collectors
	}
	return collectors.With(collectors.Options{Autoconsent: s.Autoconsent, Browser: s.Browser})
}

// CollectOptions configures a collection.
type CollectOptions struct {
	ConfigPath string
	// Targets limits the collection to these targets; empty means every target.
	Targets []string
	// TargetIndex, when set, adds the target at this index of the inventory's plan (a
	// Kubernetes Indexed Job's completion index).
	TargetIndex *int
	Chain       ChainOptions
	// OutDir receives evidence.json.
	OutDir  string
	Sources Sources
	// Version is recorded in the evidence.
	Version string
}

// CollectResult is what a collection produced.
type CollectResult struct {
	Evidence *evidence.Evidence
	// Path is where the evidence was written.
	Path string
}

// Failed reports whether a target could not be collected.
func (r *CollectResult) Failed() bool {
	for _, t := range r.Evidence.Targets {
		if t.Status == evidence.StatusFailed {
			return true
		}
	}
	return false
}

// Collect loads the inventory, collects its targets, links and signs the evidence and
// writes it to OutDir/evidence.json. A target that fails is recorded in the evidence, not
// returned as an error.
func Collect(ctx context.Context, opts CollectOptions) (*CollectResult, error) {
	cfg, err := loadConfig(opts.ConfigPath)
	if err != nil {
		return nil, invalid(err)
	}
	targets := opts.Targets
	if opts.TargetIndex != nil {
		name, err := targetAt(opts.ConfigPath, *opts.TargetIndex)
		if err != nil {
			return nil, err
		}
		targets = append(targets, name)
	}
	ch, err := opts.Chain.load()
	if err != nil {
		return nil, err
	}
	ev, err := gather(ctx, cfg, targets, opts.Sources, opts.Version, ch)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(opts.OutDir, "evidence.json")
	if err := evidence.Write(path, ev); err != nil {
		return nil, undelivered(err)
	}
	return &CollectResult{Evidence: ev, Path: path}, nil
}

// gather collects targets of cfg (every target when empty) and, when ch is set, links and
// signs the evidence. It is the one collection of every flow that collects.
func gather(ctx context.Context, cfg *config.Config, targets []string, src Sources, version string, ch *chain) (*evidence.Evidence, error) {
	ev, err := collect.Run(ctx, cfg, src.All(), src.Env, collect.Options{Targets: targets, VernVersion: version})
	if err != nil {
		return nil, invalid(err)
	}
	if err := Interrupted(ctx); err != nil {
		return nil, err
	}
	if ch != nil {
		if err := ch.apply(ev); err != nil {
			return nil, err
		}
	}
	return ev, nil
}

// targetAt is the target at index of the inventory's plan.
func targetAt(cfgPath string, index int) (string, error) {
	p, err := plan.Load(cfgPath)
	if err != nil {
		return "", invalid(err)
	}
	t, err := p.At(index)
	if err != nil {
		return "", invalid(err)
	}
	return t.Name, nil
}

// expectedTargets are the targets the inventory recorded in ev names, by vern's collectors
// registry: a target missing from the evidence is judged as not collected.
func expectedTargets(ev *evidence.Evidence) []string {
	inv := &config.Config{Inventory: ev.Inventory, Processors: ev.Processors}
	var expected []string
	for _, c := range collectors.All() {
		expected = append(expected, c.Targets(inv)...)
	}
	return expected
}
