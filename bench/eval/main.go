// Command eval measures vern's rule evaluation on large synthetic evidence against `opa
// eval` running the same rules on the same input in the same run, and how the time grows
// with the input. Run it with bench/eval/run.sh.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/alarmlink/vern/collectors/postgres"
	"github.com/alarmlink/vern/collectors/processors"
	"github.com/alarmlink/vern/collectors/site"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/engine"
	"github.com/alarmlink/vern/internal/evidence"
	vernrego "github.com/alarmlink/vern/rego"
)

func main() {
	scales := flag.String("scales", "0.1,1", "input sizes as fractions of 10,000 tables / 100,000 columns / 20,000 cookies / 500 processors")
	runs := flag.Int("runs", 5, "runs per measurement (the median is reported)")
	opaBin := flag.String("opa", "", "opa binary built at the version in go.mod")
	vernBin := flag.String("vern", "", "vern binary (for the end-to-end `vern evaluate` timing)")
	declPath := flag.String("declaration", "examples/alarmlink/declaration.yaml", "declaration the evidence is collected against")
	flag.Parse()
	// In process, vern evaluates as the vern command does: with the collector's target the
	// engine is tuned with.
	debug.SetGCPercent(engine.GCPercent)
	if *opaBin == "" || *vernBin == "" {
		log.Fatal("pass -opa and -vern (bench/eval/run.sh builds both)")
	}
	work, err := os.MkdirTemp("", "vern-bench-eval-")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := os.RemoveAll(work); err != nil {
			log.Printf("remove the work directory: %v", err)
		}
	}()
	bundleDir := filepath.Join(work, "bundle")
	if err := exportBundle(bundleDir); err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{Bundle: vernrego.Bundle})
	if err != nil {
		log.Fatal(err)
	}
	decl, err := config.FromDeclaration(*declPath)
	if err != nil {
		log.Fatal(err)
	}

	fmt.Printf("%-6s %8s %8s %8s %6s | %10s %10s %8s | %12s %12s %8s | %9s\n",
		"scale", "tables", "columns", "cookies", "procs", "vern eval", "opa eval", "ratio", "vern evaluate", "opa eval cmd", "ratio", "findings")
	var first, last float64
	var firstScale, lastScale float64
	for _, s := range strings.Split(*scales, ",") {
		scale, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			log.Fatal(err)
		}
		tables, cols, cookies, procs := int(10000*scale), 10, int(20000*scale), int(500*scale)
		ev := synthetic(decl, tables, cols, cookies, procs)
		now := ev.CollectedAt

		// In process: input conversion plus evaluation, as `vern evaluate` does it.
		var nFindings int
		vernEval := median(*runs, func() {
			fs, err := eng.Evaluate(ctx, ev, now)
			if err != nil {
				log.Fatal(err)
			}
			nFindings = len(fs)
		})

		dir := filepath.Join(work, s)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			log.Fatal(err)
		}
		in, err := engine.InputJSON(ev, now)
		if err != nil {
			log.Fatal(err)
		}
		inputPath := filepath.Join(dir, "input.json")
		if err := os.WriteFile(inputPath, in, 0o644); err != nil {
			log.Fatal(err)
		}
		evPath := filepath.Join(dir, "evidence.json")
		if err := evidence.Write(evPath, ev); err != nil {
			log.Fatal(err)
		}
		// opa's own evaluation timer, for the in-process comparison, and the whole command.
		var opaEvalNS []float64
		opaCmd := median(*runs, func() {
			out, err := exec.Command(*opaBin, "eval", "--format=json", "--metrics", "-d", bundleDir, "-i", inputPath, eng.Query()).Output()
			if err != nil {
				log.Fatalf("opa eval: %v", err)
			}
			var res struct {
				Metrics map[string]float64 `json:"metrics"`
			}
			if err := json.Unmarshal(out, &res); err != nil {
				log.Fatal(err)
			}
			opaEvalNS = append(opaEvalNS, res.Metrics["timer_rego_query_eval_ns"])
		})
		sort.Float64s(opaEvalNS)
		opaEval := time.Duration(opaEvalNS[len(opaEvalNS)/2])
		vernCmd := median(*runs, func() {
			cmd := exec.Command(*vernBin, "evaluate", "--evidence", evPath, "--out", filepath.Join(dir, "out"), "--format", "json", "--log-level", "error")
			if out, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() > 1 {
				log.Fatalf("vern evaluate: %v\n%s", err, out)
			}
		})
		fmt.Printf("%-6s %8d %8d %8d %6d | %10s %10s %7.2fx | %12s %12s %7.2fx | %9d\n",
			s, tables, tables*cols, cookies, procs, round(vernEval), round(opaEval), float64(vernEval)/float64(opaEval),
			round(vernCmd), round(opaCmd), float64(vernCmd)/float64(opaCmd), nFindings)
		if first == 0 {
			first, firstScale = float64(vernEval), scale
		}
		last, lastScale = float64(vernEval), scale
	}
	if lastScale > firstScale {
		fmt.Printf("\ngrowth: %.0fx the input took %.2fx the evaluation time (vern, in process)\n", lastScale/firstScale, last/first)
	}
}

// synthetic builds evidence of the given size against the declaration: tables spread over
// databases of 1,000 tables, cookies over sites of 5,000, and a processor registry.
func synthetic(decl *config.Config, tables, cols, cookies, procs int) *evidence.Evidence {
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	reg, procDoc := processors.Synthetic(procs)
	ev := &evidence.Evidence{
		SchemaVersion: evidence.SchemaVersion, VernVersion: "bench", StartedAt: at, CollectedAt: at,
		Declaration: decl.Declaration, Processors: reg, Locations: decl.Locations, Hashes: decl.Hashes,
		Inventory: config.Inventory{Declaration: "declaration.yaml", Databases: map[string]config.Database{}},
		Targets:   map[string]*evidence.Target{},
	}
	add := func(name, kind string, data any) {
		b, err := json.Marshal(data)
		if err != nil {
			log.Fatal(err)
		}
		ev.Targets[name] = &evidence.Target{Name: name, Kind: kind, Status: evidence.StatusOK, StartedAt: at, FinishedAt: at, Data: b}
	}
	for i := 0; tables > 0; i++ {
		n := min(tables, 1000)
		name := fmt.Sprintf("db%02d", i)
		ev.Inventory.Databases[name] = config.Database{Datasets: map[string]config.Dataset{}}
		add(evidence.DBTarget(name).String(), "postgres", postgres.SyntheticDatabase(name, n, cols))
		tables -= n
	}
	for i := 0; cookies > 0; i++ {
		n := min(cookies, 5000)
		host := fmt.Sprintf("site%02d.example", i)
		ev.Inventory.Sites = append(ev.Inventory.Sites, config.Site{URL: "https://" + host + "/", Statement: "/personvern"})
		add(evidence.SiteTarget(host).String(), "site", site.Synthetic(host, n))
		cookies -= n
	}
	add(evidence.ProcessorsTarget().String(), "processors", procDoc)
	return ev
}

// exportBundle writes the built-in rules and reference data as `opa eval -d` reads them,
// with the reference data at the same path (data.vern.reference.<name>) as vern's.
func exportBundle(dir string) error {
	return fs.WalkDir(vernrego.Bundle, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		b, err := fs.ReadFile(vernrego.Bundle, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dir, "rules", p)
		if strings.HasPrefix(p, "reference/") {
			target = filepath.Join(dir, "vern", "reference", strings.TrimSuffix(filepath.Base(p), ".json"), "data.json")
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

func median(n int, f func()) time.Duration {
	ds := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		start := time.Now()
		f()
		ds = append(ds, time.Since(start))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

func round(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
