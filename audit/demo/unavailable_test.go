package demo

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

type okCollector struct{}

func (okCollector) Kind() string                    { return "fake" }
func (okCollector) Targets(*config.Config) []string { return []string{"db:crm", "db:other"} }
func (okCollector) Collect(context.Context, *config.Config, string, collect.Env) (collect.Result, error) {
	return collect.Result{Data: map[string]int{}}, nil
}

// TestUnavailableTargetIsNotChecked: a demo target that could not be set up fails with the
// demo's reason and fix (reported as not checked), never passes, and leaves the others alone.
func TestUnavailableTargetIsNotChecked(t *testing.T) {
	t.Parallel()
	c := withUnavailable(okCollector{}, []unavailable{{target: "db:crm", reason: "no PostgreSQL", fix: "apt-get install -y postgresql"}})
	ev, err := collect.Run(context.Background(), &config.Config{}, []collect.Collector{c}, collect.Env{}, collect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	crm := ev.Targets["db:crm"]
	if crm.Status != evidence.StatusFailed || !strings.HasPrefix(crm.Reason, "not checked: no PostgreSQL") || crm.Fix != "apt-get install -y postgresql" {
		t.Errorf("db:crm = %+v", crm)
	}
	if ev.Targets["db:other"].Status != evidence.StatusOK {
		t.Errorf("db:other = %+v", ev.Targets["db:other"])
	}
	var f *collect.Failure
	_, err = c.Collect(context.Background(), &config.Config{}, "db:crm", collect.Env{}.WithDefaults())
	if !errors.As(err, &f) {
		t.Errorf("err = %v, want a collect.Failure", err)
	}
}
