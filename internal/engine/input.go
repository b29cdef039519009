package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

type configLocation = config.Location

// inputHead is the part of the input that is not target data.
type inputHead struct {
	Now         string                      `json:"now"`
	NowNS       int64                       `json:"now_ns"`
	Declaration config.Declaration          `json:"declaration"`
	Inventory   config.Inventory            `json:"inventory"`
	Processors  map[string]config.Processor `json:"processors"`
}

// inputTarget is a target as the rules see it; Data is set apart so it is parsed once.
type inputTarget struct {
	Name   string          `json:"name"`
	Kind   string          `json:"kind"`
	Status evidence.Status `json:"status"`
	Reason string          `json:"reason,omitempty"`
	Fix    string          `json:"fix,omitempty"`
}

func head(ev *evidence.Evidence, now time.Time) inputHead {
	h := inputHead{now.UTC().Format(time.RFC3339), now.UnixNano(), ev.Declaration, ev.Inventory, ev.Processors}
	if h.Processors == nil {
		h.Processors = map[string]config.Processor{}
	}
	return h
}

// Input builds the rules' input from the evidence as an OPA value, converted once: the
// declaration, inventory and processor registry the evidence was collected against, every
// target with its collector's document, and the evaluation's "now". Target documents, the
// bulk of the input, are converted in parallel straight from their JSON.
func Input(ev *evidence.Evidence, now time.Time) (ast.Value, error) {
	v, err := jsonValue(head(ev, now))
	if err != nil {
		return nil, fmt.Errorf("build input: %w", err)
	}
	in, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("build input: head is %T", v)
	}
	names := make([]string, 0, len(ev.Targets))
	for n := range ev.Targets {
		names = append(names, n)
	}
	sort.Strings(names)
	values := make([]ast.Value, len(names))
	errs := make([]error, len(names))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func(i int, t *evidence.Target) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			values[i], errs[i] = targetValue(t)
		}(i, ev.Targets[n])
	}
	wg.Wait()
	targets := ast.NewObject()
	for i, n := range names {
		if errs[i] != nil {
			return nil, fmt.Errorf("build input: target %s: %w", n, errs[i])
		}
		targets.Insert(ast.StringTerm(n), ast.NewTerm(values[i]))
	}
	in.Insert(ast.StringTerm("targets"), ast.NewTerm(targets))
	return in, nil
}

func targetValue(t *evidence.Target) (ast.Value, error) {
	v, err := jsonValue(inputTarget{t.Name, t.Kind, t.Status, t.Reason, t.Fix})
	if err != nil {
		return nil, err
	}
	obj := v.(ast.Object)
	if len(t.Data) > 0 {
		data, err := ast.ValueFromReader(bytes.NewReader(t.Data))
		if err != nil {
			return nil, err
		}
		obj.Insert(ast.StringTerm("data"), ast.NewTerm(data))
	}
	return obj, nil
}

func jsonValue(x any) (ast.Value, error) {
	b, err := json.Marshal(x)
	if err != nil {
		return nil, err
	}
	return ast.ValueFromReader(bytes.NewReader(b))
}

// InputJSON is the rules' input as JSON, the form `opa eval --input` reads; Input is its
// value.
func InputJSON(ev *evidence.Evidence, now time.Time) ([]byte, error) {
	type target struct {
		inputTarget
		Data json.RawMessage `json:"data,omitempty"`
	}
	targets := make(map[string]target, len(ev.Targets))
	for n, t := range ev.Targets {
		targets[n] = target{inputTarget{t.Name, t.Kind, t.Status, t.Reason, t.Fix}, t.Data}
	}
	doc := struct {
		inputHead
		Targets map[string]target `json:"targets"`
	}{head(ev, now), targets}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("build input: %w", err)
	}
	return b, nil
}
