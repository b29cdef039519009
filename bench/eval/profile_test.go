package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/engine"
	"github.com/alarmlink/vern/internal/evidence"
	vernrego "github.com/alarmlink/vern/rego"
)

// fullSize is the benchmark's full-size synthetic evidence.
func fullSize(t *testing.T) *evidence.Evidence {
	t.Helper()
	decl, err := config.FromDeclaration("../../examples/alarmlink/declaration.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return synthetic(decl, 10000, 10, 20000, 500)
}

func newEngine(t *testing.T) *engine.Engine {
	t.Helper()
	eng, err := engine.New(context.Background(), engine.Options{Bundle: vernrego.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func TestProfileEval(t *testing.T) {
	if os.Getenv("VERN_PROFILE") == "" {
		t.Skip("set VERN_PROFILE=file to profile")
	}
	eng, ev := newEngine(t), fullSize(t)
	f, err := os.Create(os.Getenv("VERN_PROFILE"))
	if err != nil {
		t.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		start := time.Now()
		fs, err := eng.Evaluate(context.Background(), ev, ev.CollectedAt)
		if err != nil {
			t.Fatal(err)
		}
		d := time.Since(start)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		t.Logf("%d findings in %s, heap after GC %d MB", len(fs), d, ms.HeapAlloc>>20)
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	hf, err := os.Create(os.Getenv("VERN_PROFILE") + ".heap")
	if err != nil {
		t.Fatal(err)
	}
	if err := pprof.WriteHeapProfile(hf); err != nil {
		t.Fatal(err)
	}
	if err := hf.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestWriteInput(t *testing.T) {
	out := os.Getenv("VERN_INPUT")
	if out == "" {
		t.Skip("set VERN_INPUT=dir")
	}
	ev := fullSize(t)
	b, err := engine.InputJSON(ev, ev.CollectedAt)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out+"/input.json", b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := exportBundle(out + "/bundle"); err != nil {
		t.Fatal(err)
	}
}

func TestWriteEvidence(t *testing.T) {
	out := os.Getenv("VERN_EVIDENCE_OUT")
	if out == "" {
		t.Skip("set VERN_EVIDENCE_OUT=file")
	}
	if err := evidence.Write(out, fullSize(t)); err != nil {
		t.Fatal(err)
	}
}

// TestWriteFindings writes every finding on the full-size synthetic evidence, one JSON line
// each, so a change to the rules can be checked to find exactly what it found before.
func TestWriteFindings(t *testing.T) {
	out := os.Getenv("VERN_FINDINGS_OUT")
	if out == "" {
		t.Skip("set VERN_FINDINGS_OUT=file")
	}
	eng, ev := newEngine(t), fullSize(t)
	fs, err := eng.Evaluate(context.Background(), ev, ev.CollectedAt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, f := range fs {
		if err := enc.Encode(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d findings", len(fs))
}

// TestAreaMin times each area's deny set on the synthetic evidence with the rules of each
// bundle folder in VERN_BUNDLES (comma-separated, as exportBundle writes them), alternating
// bundles, and logs the fastest of VERN_RUNS runs: on a busy machine the minimum is the
// steadiest figure for comparing two versions of the rules. VERN_AREAS picks areas,
// VERN_SCALE the size (1 is full size), VERN_COUNT=1 counts findings instead of converting
// them, VERN_CPUPROFILE=file writes a CPU profile.
func TestAreaMin(t *testing.T) {
	dirs := os.Getenv("VERN_BUNDLES")
	if dirs == "" {
		t.Skip("set VERN_BUNDLES=dir[,dir...]")
	}
	runs := 5
	if n, err := strconv.Atoi(os.Getenv("VERN_RUNS")); err == nil {
		runs = n
	}
	areas := []string{"cookies", "db", "processor", "site", "statement"}
	if a := os.Getenv("VERN_AREAS"); a != "" {
		areas = strings.Split(a, ",")
	}
	decl, err := config.FromDeclaration("../../examples/alarmlink/declaration.yaml")
	if err != nil {
		t.Fatal(err)
	}
	scale := 1.0
	if f, err := strconv.ParseFloat(os.Getenv("VERN_SCALE"), 64); err == nil {
		scale = f
	}
	ev := synthetic(decl, int(10000*scale), 10, int(20000*scale), int(500*scale))
	in, err := engine.Input(ev, ev.CollectedAt)
	if err != nil {
		t.Fatal(err)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	if p := os.Getenv("VERN_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := f.Close(); err != nil {
				t.Errorf("write cpu profile: %v", err)
			}
		}()
		if err := pprof.StartCPUProfile(f); err != nil {
			t.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	bundles := strings.Split(dirs, ",")
	best := map[string]time.Duration{}
	for _, a := range areas {
		queries := make([]rego.PreparedEvalQuery, len(bundles))
		for i, d := range bundles {
			query := fmt.Sprintf("x := data.vern[%q].deny", a)
			if os.Getenv("VERN_COUNT") != "" {
				// Counting leaves out turning the findings into Go values.
				query = fmt.Sprintf("x := count(data.vern[%q].deny)", a)
			}
			pq, err := rego.New(rego.Load([]string{d}, nil), rego.Query(query)).
				PrepareForEval(ctx)
			if err != nil {
				t.Fatal(err)
			}
			queries[i] = pq
		}
		for r := 0; r < runs; r++ {
			for i, pq := range queries {
				start := time.Now()
				rs, err := pq.Eval(ctx, rego.EvalParsedInput(in), rego.EvalTime(ev.CollectedAt))
				if err != nil {
					t.Fatal(err)
				}
				d := time.Since(start)
				key := a + " " + bundles[i]
				if b, ok := best[key]; !ok || d < b {
					best[key] = d
				}
				if r == 0 {
					t.Logf("%-10s %-24s %v findings", a, bundles[i], findingCount(rs[0].Bindings["x"]))
				}
			}
		}
		for _, d := range bundles {
			t.Logf("%-10s %-24s fastest %s", a, d, best[a+" "+d].Round(time.Millisecond))
		}
	}
}

// findingCount is the number of findings in a query result: a set's length, or the count
// itself when the query counted.
func findingCount(x any) any {
	if set, ok := x.([]any); ok {
		return len(set)
	}
	return x
}
