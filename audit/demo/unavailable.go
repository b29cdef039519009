package demo

import (
	"context"
	"os/exec"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/pgcluster"
)

// unavailable is a demo target that could not be set up, with why and how to fix it.
type unavailable struct {
	target, reason, fix string
}

// gated wraps a collector so the demo's unavailable targets fail with the demo's own reason
// and fix (rather than a connection error to a placeholder), and so are reported as not
// checked.
type gated struct {
	collect.Collector
	down map[string]unavailable
}

func withUnavailable(c collect.Collector, notes []unavailable) collect.Collector {
	if len(notes) == 0 {
		return c
	}
	g := gated{Collector: c, down: map[string]unavailable{}}
	for _, n := range notes {
		g.down[n.target] = n
	}
	return g
}

// Collect implements collect.Collector.
func (g gated) Collect(ctx context.Context, cfg *config.Config, target string, env collect.Env) (collect.Result, error) {
	if n, ok := g.down[target]; ok {
		return collect.Result{}, &collect.Failure{Reason: "not checked: " + n.reason, Fix: n.fix}
	}
	return g.Collector.Collect(ctx, cfg, target, env)
}

// MissingTools says what the whole demo needs and this machine lacks: PostgreSQL's server
// programs and Chromium, each with how to install it. Empty means every target can run.
func MissingTools() []string {
	var missing []string
	if _, err := pgcluster.FindBin(); err != nil {
		missing = append(missing, err.Error())
	}
	if _, err := exec.LookPath("chromium"); err != nil {
		missing = append(missing, "chromium not found: apt-get install -y chromium")
	}
	return missing
}
