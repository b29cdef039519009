// Command detect scores vern's personal-data detection against hand-labelled ground truth
// (collectors/postgres/detect/testdata/ground-truth.json). Each schema of the truth file is
// loaded into a fresh database of a PostgreSQL server (the local 127.0.0.1:5432 by default),
// collected with vern's PostgreSQL collector as a new user would (no datasets declared), and
// dropped afterwards. It prints precision and recall per schema and per data kind, for the
// tuning and the held-out splits apart.
//
// A (column, kind) pair is the unit. A detected kind matches a labelled kind when one is
// the other or its parent in the Fides taxonomy (user.name matches user.name.first). Kinds
// labelled out of scope are neither rewarded nor punished.
//
//	go run ./bench/detect [-split tuning|holdout|all] [-v]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strings"

	"github.com/alarmlink/vern/collectors/postgres"
	"github.com/alarmlink/vern/examples/alarmlink/demodb"
	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/jackc/pgx/v5"
)

// truthFile is the ground truth's layout.
type truthFile struct {
	Schemas map[string]schemaTruth `json:"schemas"`
}

type schemaTruth struct {
	File       string                         `json:"file"`
	Split      string                         `json:"split"`
	Columns    map[string]map[string][]string `json:"columns"`
	OutOfScope map[string]map[string][]string `json:"out_of_scope"`
}

func main() {
	server := flag.String("server", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "admin DSN of the server to load into")
	truthPath := flag.String("truth", "collectors/postgres/detect/testdata/ground-truth.json", "ground truth")
	corpus := flag.String("corpus", "../shared/corpus/schemas", "directory of the corpus SQL files")
	split := flag.String("split", "all", "tuning, holdout or all")
	verbose := flag.Bool("v", false, "list every miss and false alarm")
	flag.Parse()
	if err := run(*server, *truthPath, *corpus, *split, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "detect bench:", err)
		os.Exit(1)
	}
}

func run(server, truthPath, corpus, split string, verbose bool) error {
	b, err := os.ReadFile(truthPath)
	if err != nil {
		return err
	}
	var tf truthFile
	if err := json.Unmarshal(b, &tf); err != nil {
		return fmt.Errorf("%s: %w", truthPath, err)
	}
	names := make([]string, 0, len(tf.Schemas))
	for n := range tf.Schemas {
		names = append(names, n)
	}
	sort.Strings(names)
	results := map[string]*score{}
	for _, sp := range []string{"tuning", "holdout"} {
		if split != "all" && split != sp {
			continue
		}
		total := newScore()
		for _, n := range names {
			st := tf.Schemas[n]
			if st.Split != sp {
				continue
			}
			doc, err := collectSchema(context.Background(), server, corpus, n, st.File)
			if err != nil {
				return fmt.Errorf("%s: %w", n, err)
			}
			s := compare(doc, st)
			results[n] = s
			total.merge(s)
			fmt.Printf("%-8s %-14s precision %.2f  recall %.2f  (tp %d, fp %d, fn %d)\n", sp, n, s.precision(), s.recall(), s.tp, s.fp, s.fn)
			if verbose {
				for _, m := range s.notes {
					fmt.Println("         ", m)
				}
			}
		}
		fmt.Printf("%-8s %-14s precision %.2f  recall %.2f  (tp %d, fp %d, fn %d)\n", sp, "ALL", total.precision(), total.recall(), total.tp, total.fp, total.fn)
		fmt.Printf("%-8s per kind:\n", sp)
		for _, k := range sortedKinds(total) {
			c := total.kinds[k]
			fmt.Printf("         %-38s precision %s  recall %s  (tp %d, fp %d, fn %d)\n", k, ratio(c[0], c[0]+c[1]), ratio(c[0], c[0]+c[2]), c[0], c[1], c[2])
		}
		fmt.Println()
	}
	return nil
}

// collectSchema loads one schema into a fresh database, collects it and drops it.
func collectSchema(ctx context.Context, server, corpus, name, file string) (*evidence.Database, error) {
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		return nil, err
	}
	defer admin.Close(ctx)
	db := fmt.Sprintf("vern_detect_%s_%d", name, os.Getpid())
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{db}.Sanitize()); err != nil {
		return nil, err
	}
	defer func() {
		_, _ = admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{db}.Sanitize()+" WITH (FORCE)")
	}()
	dsn := replaceDB(server, db)
	if file == "demo:crm" {
		if err := demodb.Load(ctx, dsn); err != nil {
			return nil, err
		}
	} else {
		cmd := exec.CommandContext(ctx, "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-f", corpus+"/"+file)
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("load %s: %w: %s", file, err, out)
		}
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return nil, err
		}
		_, err = conn.Exec(ctx, "ANALYZE")
		conn.Close(ctx)
		if err != nil {
			return nil, err
		}
	}
	cfg := &config.Config{Inventory: config.Inventory{Databases: map[string]config.Database{name: {DSN: dsn}}}}
	res, err := postgres.New().Collect(ctx, cfg, evidence.DBTarget(name).String(), collect.Env{})
	if err != nil {
		return nil, err
	}
	var doc evidence.Database
	b, err := json.Marshal(res.Data)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	return &doc, nil
}

func replaceDB(dsn, db string) string {
	i := strings.LastIndex(dsn, "/")
	rest := ""
	if q := strings.IndexByte(dsn[i:], '?'); q >= 0 {
		rest = dsn[i+q:]
	}
	return dsn[:i+1] + db + rest
}

// score counts (column, kind) pairs: true positives, false positives and false negatives,
// overall and per kind.
type score struct {
	tp, fp, fn int
	kinds      map[string]*[3]int
	notes      []string
}

func newScore() *score { return &score{kinds: map[string]*[3]int{}} }

func (s *score) add(kind string, i int) {
	if s.kinds[kind] == nil {
		s.kinds[kind] = &[3]int{}
	}
	s.kinds[kind][i]++
	switch i {
	case 0:
		s.tp++
	case 1:
		s.fp++
	case 2:
		s.fn++
	}
}

func (s *score) merge(o *score) {
	for k, c := range o.kinds {
		for i, n := range c {
			for j := 0; j < n; j++ {
				s.add(k, i)
			}
		}
	}
}

func (s *score) precision() float64 { return frac(s.tp, s.tp+s.fp) }
func (s *score) recall() float64    { return frac(s.tp, s.tp+s.fn) }

func frac(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func ratio(a, b int) string {
	if b == 0 {
		return "  - "
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}

// related reports whether two Fides keys are the same or one is the other's parent.
func related(a, b string) bool {
	return a == b || strings.HasPrefix(a, b+".") || strings.HasPrefix(b, a+".")
}

// group names the kind a pair is counted under: the labelled kind, cut to the first three
// levels so user.contact.address.* counts together.
func group(k string) string {
	parts := strings.Split(k, ".")
	if len(parts) > 3 && parts[1] == "contact" && parts[2] == "address" {
		return strings.Join(parts[:4], ".")
	}
	return k
}

func compare(doc *evidence.Database, st schemaTruth) *score {
	s := newScore()
	tables := map[string]bool{}
	for t := range doc.Tables {
		tables[t] = true
	}
	for t := range st.Columns {
		if !tables[t] {
			s.notes = append(s.notes, "truth names a table the catalog lacks: "+t)
		}
	}
	for _, t := range slices.Sorted(maps.Keys(tables)) {
		tab := doc.Tables[t]
		for _, col := range slices.Sorted(maps.Keys(tab.Columns)) {
			truth := st.Columns[t][col]
			oos := st.OutOfScope[t][col]
			got := doc.Personal[t][col]
			for _, k := range got {
				switch {
				case anyRelated(k, truth):
					s.add(group(k), 0)
				case anyRelated(k, oos):
				default:
					s.add(group(k), 1)
					s.notes = append(s.notes, fmt.Sprintf("false alarm %s.%s (%s): %s", t, col, tab.Columns[col].Type, k))
				}
			}
			for _, k := range truth {
				if !anyRelated(k, got) {
					s.add(group(k), 2)
					s.notes = append(s.notes, fmt.Sprintf("missed      %s.%s (%s): %s (got %v, detections %s)", t, col, tab.Columns[col].Type, k, got, brief(tab.Columns[col].Detections)))
				}
			}
		}
	}
	return s
}

func brief(ds []evidence.Detection) string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s=%.2f %d/%d", d.Kind, d.Confidence, d.Matched, d.Sampled))
	}
	return "[" + strings.Join(out, " ") + "]"
}

func anyRelated(k string, list []string) bool {
	for _, x := range list {
		if related(k, x) {
			return true
		}
	}
	return false
}

func sortedKinds(s *score) []string {
	out := make([]string, 0, len(s.kinds))
	for k := range s.kinds {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
