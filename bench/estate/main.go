// Command estate simulates an estate of many databases and sites on this machine and
// measures vern's fan-out: each target collected by its own `vern collect --target` process,
// a few at a time, then one `vern evaluate` joining all the evidence; the findings must equal
// those of one `vern audit` over the same inventory. Run it with bench/estate/run.sh.
//
// The databases are copies of the demo CRM on a local PostgreSQL (trust authentication),
// each with its own planted violations; they are dropped afterwards. The sites are the demo
// site served from this process on loopback ports.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/alarmlink/vern/audit/plan"
	"github.com/alarmlink/vern/examples/alarmlink"
	"github.com/alarmlink/vern/examples/alarmlink/demodb"
	"github.com/alarmlink/vern/examples/alarmlink/demosite"
	"github.com/alarmlink/vern/internal/findings"
)

const prefix = "vern_estate_"

func main() {
	dbs := flag.Int("dbs", 200, "databases")
	sites := flag.Int("sites", 10, "sites")
	parallel := flag.Int("parallel", 4, "collect processes at a time")
	vernBin := flag.String("vern", "", "vern binary")
	pg := flag.String("pg", "postgres://postgres@127.0.0.1:5432", "PostgreSQL server (without a database name); a role that may create databases")
	keep := flag.Bool("keep", false, "keep the databases and the work folder")
	flag.Parse()
	if *vernBin == "" {
		log.Fatal("pass -vern (bench/estate/run.sh builds it)")
	}
	ctx := context.Background()
	work, err := os.MkdirTemp("", "vern-estate-")
	if err != nil {
		log.Fatal(err)
	}
	if !*keep {
		defer func() {
			if err := os.RemoveAll(work); err != nil {
				log.Printf("remove the work directory: %v", err)
			}
		}()
	}
	admin := *pg + "/postgres?sslmode=disable"
	t0 := time.Now()
	if err := createDatabases(ctx, admin, *pg, *dbs); err != nil {
		log.Fatal(err)
	}
	if !*keep {
		defer dropDatabases(context.Background(), admin)
	}
	log.Printf("created %d databases in %s", *dbs, time.Since(t0).Round(time.Millisecond))

	var urls []string
	for range *sites {
		u, stop, err := demosite.Serve(ctx, "127.0.0.1:0")
		if err != nil {
			log.Fatal(err)
		}
		defer stop()
		urls = append(urls, u)
	}
	cfg, err := writeInventory(work, *dbs, urls)
	if err != nil {
		log.Fatal(err)
	}
	env := append(os.Environ(), "ESTATE_PG="+*pg)

	p, err := plan.Load(cfg)
	if err != nil {
		log.Fatal(err)
	}
	now := time.Now().UTC().Format(time.RFC3339)

	// The fan-out: one process per target, -parallel at a time.
	t1 := time.Now()
	files, failed := collectAll(*vernBin, cfg, work, env, p.Targets, *parallel)
	collectWall := time.Since(t1)
	var size int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			size += st.Size()
		}
	}

	// The join.
	joinOut := filepath.Join(work, "joined")
	args := append([]string{"evaluate", "--out", joinOut, "--format", "json", "--now", now}, files...)
	t2 := time.Now()
	joinCode, joinRSS, err := runVern(*vernBin, env, args...)
	joinWall := time.Since(t2)
	if err != nil {
		log.Fatalf("evaluate: %v", err)
	}

	// The same inventory in one audit.
	auditOut := filepath.Join(work, "audit")
	t3 := time.Now()
	auditCode, auditRSS, err := runVern(*vernBin, env, "audit", "--config", cfg, "--out", auditOut, "--format", "json", "--now", now)
	auditWall := time.Since(t3)
	if err != nil {
		log.Fatalf("audit: %v", err)
	}

	joined, err := findings.Read(filepath.Join(joinOut, "findings.json"))
	if err != nil {
		log.Fatal(err)
	}
	audited, err := findings.Read(filepath.Join(auditOut, "findings.json"))
	if err != nil {
		log.Fatal(err)
	}
	a, b := keys(joined), keys(audited)
	equal := strings.Join(a, "\n") == strings.Join(b, "\n") && joinCode == auditCode && joined.Gate.Result == audited.Gate.Result

	fmt.Printf("estate: %d databases, %d sites, processors: %d targets, %d collect processes %d at a time\n",
		*dbs, *sites, len(p.Targets), len(p.Targets), *parallel)
	fmt.Printf("fan-out collection wall time: %s (%d targets failed)\n", collectWall.Round(time.Millisecond), failed)
	fmt.Printf("join (vern evaluate of %d files): %s, peak RSS %.1f MiB, exit %d\n", len(files), joinWall.Round(time.Millisecond), float64(joinRSS)/1024, joinCode)
	fmt.Printf("evidence: %d files, %.1f MiB in all, %.1f KiB each on average\n", len(files), float64(size)/(1<<20), float64(size)/1024/float64(max(len(files), 1)))
	fmt.Printf("one vern audit of the same inventory: %s, peak RSS %.1f MiB, exit %d\n", auditWall.Round(time.Millisecond), float64(auditRSS)/1024, auditCode)
	fmt.Printf("findings: fan-out %d, audit %d, equal: %v\n", len(a), len(b), equal)
	if !equal {
		diff(a, b)
		os.Exit(1)
	}
}

// createDatabases loads the demo CRM once into a template database, copies it for each
// database of the estate and plants each copy's own violations.
func createDatabases(ctx context.Context, admin, base string, n int) error {
	dropDatabases(ctx, admin)
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close(ctx) }()
	tpl := prefix + "template"
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+tpl); err != nil {
		return err
	}
	if err := demodb.Load(ctx, base+"/"+tpl+"?sslmode=disable"); err != nil {
		return err
	}
	for i := range n {
		name := dbName(i)
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE "+tpl); err != nil {
			return fmt.Errorf("create %s: %w", name, err)
		}
		if err := plant(ctx, base+"/"+name+"?sslmode=disable", i); err != nil {
			return fmt.Errorf("plant %s: %w", name, err)
		}
	}
	return nil
}

// plant gives database i its own violations, so each target's findings differ: stale
// inquiries, subscribers without consent, a table readable by PUBLIC, an unmapped table of
// e-mail addresses (synthetic values only).
func plant(ctx context.Context, dsn string, i int) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close(ctx) }()
	stmts := []string{
		fmt.Sprintf(`INSERT INTO inquiries (full_name, email, message, created_at)
			SELECT 'Estate Person ' || g, 'estate' || g || '@example.invalid', 'synthetic', now() - interval '3 years'
			FROM generate_series(1, %d) g`, i%9+1),
	}
	if i%3 == 0 {
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO newsletter_subscribers (email, consent_given_at)
			SELECT 'noconsent' || g || '@example.invalid', NULL FROM generate_series(1, %d) g`, i%4+1))
	}
	if i%5 == 0 {
		stmts = append(stmts, `GRANT SELECT ON customers TO PUBLIC`)
	}
	if i%7 == 0 {
		stmts = append(stmts, `CREATE TABLE leads (id serial PRIMARY KEY, email text)`,
			`INSERT INTO leads (email) SELECT 'lead' || g || '@example.invalid' FROM generate_series(1, 25) g`)
	}
	stmts = append(stmts, "ANALYZE")
	for _, s := range stmts {
		if _, err := conn.Exec(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

func dropDatabases(ctx context.Context, admin string) {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		log.Printf("drop databases: %v", err)
		return
	}
	defer func() { _ = conn.Close(ctx) }()
	rows, err := conn.Query(ctx, "SELECT datname FROM pg_database WHERE datname LIKE $1", prefix+"%")
	if err != nil {
		log.Printf("drop databases: %v", err)
		return
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		log.Printf("drop databases: %v", err)
		return
	}
	for _, n := range names {
		if _, err := conn.Exec(ctx, "DROP DATABASE "+pgx.Identifier{n}.Sanitize()+" WITH (FORCE)"); err != nil {
			log.Printf("drop %s: %v", n, err)
		}
	}
}

func dbName(i int) string { return fmt.Sprintf("%s%03d", prefix, i) }

// writeInventory writes the Alarmlink example's files and a vern.yaml naming every database
// (with the demo CRM's datasets) and site.
func writeInventory(dir string, n int, urls []string) (string, error) {
	err := alarmlink.Extract(dir)
	if err != nil {
		return "", err
	}
	demo, err := fs.ReadFile(alarmlink.Files, "vern.demo.yaml")
	if err != nil {
		return "", err
	}
	// The demo CRM's settings: the lines under "  crm:" up to the processors key.
	text := string(demo)
	start := strings.Index(text, "  crm:\n")
	end := strings.Index(text, "\nprocessors:")
	if start < 0 || end < 0 {
		return "", errors.New("vern.demo.yaml: no crm database block")
	}
	var crm []string
	for _, l := range strings.Split(text[start+len("  crm:\n"):end], "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "dsn:") {
			continue
		}
		crm = append(crm, l)
	}
	var b strings.Builder
	b.WriteString("declaration: declaration.yaml\nprocessors: processors/\nwaivers: waivers.yaml\ndatabases:\n")
	for i := range n {
		fmt.Fprintf(&b, "  estate_%03d:\n    dsn: \"${ESTATE_PG}/%s?sslmode=disable\"\n%s\n", i, dbName(i), strings.Join(crm, "\n"))
	}
	b.WriteString("sites:\n")
	for _, u := range urls {
		fmt.Fprintf(&b, "  - url: %s\n    statement: /personvern\n    max_pages: 20\n", u)
	}
	path := filepath.Join(dir, "vern.yaml")
	return path, os.WriteFile(path, []byte(b.String()), 0o644)
}

// collectAll runs one `vern collect --target` per target, parallel at a time, and returns
// the evidence files written and how many targets failed.
func collectAll(bin, cfg, work string, env []string, targets []plan.Target, parallel int) ([]string, int) {
	var mu sync.Mutex
	var files []string
	failed := 0
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for _, t := range targets {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out := filepath.Join(work, "evidence", t.Slug)
			code, _, err := runVern(bin, env, "collect", "--config", cfg, "--target", t.Name, "--out", out)
			mu.Lock()
			defer mu.Unlock()
			if err != nil || code != 0 {
				failed++
				log.Printf("collect %s: exit %d %v", t.Name, code, err)
			}
			if _, err := os.Stat(filepath.Join(out, "evidence.json")); err == nil {
				files = append(files, filepath.Join(out, "evidence.json"))
			}
		}()
	}
	wg.Wait()
	sort.Strings(files)
	return files, failed
}

// runVern runs vern and returns its exit code and peak resident set size (KiB).
func runVern(bin string, env []string, args ...string) (int, int64, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var rss int64
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss
		}
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if exit.ExitCode() == 2 {
			return 2, rss, fmt.Errorf("vern %s: %s", args[0], strings.TrimSpace(stderr.String()))
		}
		return exit.ExitCode(), rss, nil
	}
	return 0, rss, err
}

func keys(doc *findings.Document) []string {
	var out []string
	for _, f := range doc.Findings {
		count := "-"
		if f.Count != nil {
			count = fmt.Sprint(*f.Count)
		}
		waiver := ""
		if f.Waiver != nil {
			waiver = " waived"
		}
		out = append(out, f.Rule+" "+f.Resource+" count="+count+waiver)
	}
	sort.Strings(out)
	return out
}

func diff(a, b []string) {
	in := func(l []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range l {
			m[x] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	for _, x := range a {
		if !mb[x] {
			fmt.Println("only in the fan-out:", x)
		}
	}
	for _, x := range b {
		if !ma[x] {
			fmt.Println("only in the audit:", x)
		}
	}
}
