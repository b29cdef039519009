package collect

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sort"
	"sync"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// Options selects what a run collects.
type Options struct {
	// Targets restricts the run to these target names; empty means all.
	Targets []string
	// Concurrency bounds the targets collected at once; 0 means 4.
	Concurrency int
	// VernVersion is recorded in the evidence.
	VernVersion string
}

// Run collects the selected targets of cfg with the given collectors, concurrently, and
// returns the evidence. A target that fails is recorded as failed; the others go on. An error
// is returned only for a bad selection (an unknown target name). env.Now times the evidence
// and is the clock every collector gets.
func Run(ctx context.Context, cfg *config.Config, collectors []Collector, env Env, opts Options) (*evidence.Evidence, error) {
	env = env.WithDefaults()
	now := env.Now
	type job struct {
		c    Collector
		name string
	}
	var jobs []job
	known := map[string]bool{}
	var all []string
	for _, c := range collectors {
		for _, t := range c.Targets(cfg) {
			known[t] = true
			all = append(all, t)
			if len(opts.Targets) == 0 || slices.Contains(opts.Targets, t) {
				jobs = append(jobs, job{c, t})
			}
		}
	}
	for _, t := range opts.Targets {
		if !known[t] {
			sort.Strings(all)
			return nil, fmt.Errorf("collect: unknown target %q; the inventory has %v", t, all)
		}
	}

	ev := New(cfg, opts.VernVersion, now())
	limit := opts.Concurrency
	if limit <= 0 {
		limit = 4
	}
	sem := make(chan struct{}, limit)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func(j job) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			t := collectOne(ctx, cfg, j.c, j.name, env)
			mu.Lock()
			ev.Targets[j.name] = t
			mu.Unlock()
		}(j)
	}
	wg.Wait()
	ev.CollectedAt = now().UTC()
	return ev, nil
}

// collectOne runs one collector on one target and turns every way it can end (an error, a
// panic, a cancelled context) into a target status, so one target never sinks the others.
func collectOne(ctx context.Context, cfg *config.Config, c Collector, name string, env Env) (t *evidence.Target) {
	now := env.Now
	t = &evidence.Target{Name: name, Kind: c.Kind(), StartedAt: now().UTC()}
	log := env.Log.WithField("target", name)
	env.Log = log
	defer func() {
		if r := recover(); r != nil {
			t.Status = evidence.StatusFailed
			t.Reason = fmt.Sprintf("collector %s crashed: %v", c.Kind(), r)
			t.Fix = "report this as a bug in vern, with the log"
			t.Data = nil
			log.WithField("stack", string(debug.Stack())).Error(t.Reason)
		}
		t.FinishedAt = now().UTC()
	}()
	log.Info("collecting")
	res, err := c.Collect(ctx, cfg, name, env)
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		t.Status = evidence.StatusFailed
		t.Reason = err.Error()
		var f *Failure
		if errors.As(err, &f) {
			t.Fix = f.Fix
		}
		log.WithField("reason", t.Reason).Error("target failed")
	} else {
		t.Status = evidence.StatusOK
		if res.Partial {
			t.Status = evidence.StatusPartial
			t.Reason = res.Reason
		}
	}
	if res.Data != nil {
		b, merr := json.Marshal(res.Data)
		if merr != nil {
			t.Status = evidence.StatusFailed
			t.Reason = fmt.Sprintf("encode %s evidence: %v", c.Kind(), merr)
		} else {
			t.Data = b
		}
	}
	if t.Status != evidence.StatusFailed {
		log.WithField("status", t.Status).Info("collected")
	}
	return t
}
