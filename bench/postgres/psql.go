package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/alarmlink/vern/collectors/postgres"
)

// benchStatementTimeout is the statement_timeout of the bench's inventory; psql's session
// gets the same.
const benchStatementTimeout = "10min"

// sessionOptions are the settings vern's connection sets (collectors/postgres/connect.go).
var sessionOptions = "PGOPTIONS=-c default_transaction_read_only=on -c statement_timeout=" + benchStatementTimeout +
	" -c lock_timeout=" + postgres.DefaultLockTimeout + " -c idle_in_transaction_session_timeout=10min -c search_path=pg_catalog"

// psqlScript is one session as vern's: a read-only repeatable-read transaction running
// each measurement query once.
func psqlScript(queries []string) string {
	var b strings.Builder
	b.WriteString("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n\\o /dev/null\n")
	for _, q := range queries {
		b.WriteString(q + ";\n")
	}
	b.WriteString("ROLLBACK;\n")
	return b.String()
}

// psqlRun runs the script in a fresh psql process.
func psqlRun(dsn, script string) error {
	cmd := exec.Command("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-f", "-")
	cmd.Env = append(os.Environ(), sessionOptions)
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("psql: %w: %s", err, out)
	}
	return nil
}

// vernCollect runs one whole `vern collect` of a target.
func vernCollect(bin, cfgPath, target, dir string, env []string) error {
	cmd := exec.Command(bin, "collect", "--config", cfgPath, "--target", target, "--out", filepath.Join(dir, "out"))
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("vern collect %s: %w: %s", target, err, out)
	}
	return nil
}

// writeInventory writes the vern.yaml and declaration both binaries collect with.
func writeInventory(dir string) (string, error) {
	decl := `controller: {name: Bench AS}
categories:
  contact: {title: Kontakt, data: [user.contact]}
purposes:
  customer_admin: {title: Kundeservice, basis: contract, categories: [contact]}
  marketing: {title: Markedsføring, basis: consent, categories: [contact]}
retention:
  inquiries: {title: Henvendelser, categories: [contact], max: 12 months}
  marketing: {title: Markedsføring, purposes: [marketing], until: consent_withdrawn}
`
	inv := `declaration: declaration.yaml
databases:
  bench:
    dsn: ${BENCH_DSN}
    statement_timeout: ` + benchStatementTimeout + `
    datasets:
      public.inquiries:
        categories: [contact]
        purposes: [customer_admin]
        retention: inquiries
        timestamp: created_at
        exempt_when: customer_id IS NOT NULL
        erased_when: full_name IS NULL AND email IS NULL
      public.newsletter_subscribers:
        categories: [contact]
        purposes: [marketing]
        retention: marketing
        consent: {given: consent_given_at, withdrawn: consent_withdrawn_at, grace: 30 days}
        erased_when: email IS NULL
  wide:
    dsn: ${WIDE_DSN}
    statement_timeout: ` + benchStatementTimeout + `
`
	if err := os.WriteFile(filepath.Join(dir, "declaration.yaml"), []byte(decl), 0o644); err != nil {
		return "", err
	}
	p := filepath.Join(dir, "vern.yaml")
	return p, os.WriteFile(p, []byte(inv), 0o644)
}
