package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alarmlink/vern/cmd/vern/exitcode"
)

// checkFiles is a small valid set of input files; each case of TestCheckCatches changes one.
var checkFiles = map[string]string{
	"vern.yaml": `declaration: declaration.yaml
databases:
  crm:
    dsn: postgres://reader@db.example/crm
    datasets:
      public.inquiries:
        categories: [contact]
        purposes: [support]
        retention: inquiries
        timestamp: created_at
        exempt_when: status = 'open; -- kept' AND "odd;name" IS NOT NULL
        erased_when: email IS NULL
processors: processors/
waivers: waivers.yaml
`,
	"declaration.yaml": `controller: {name: A}
categories:
  contact: {title: Kontakt, data: [user.contact.email, user.content.private]}
purposes:
  support: {title: Kundeservice, basis: contract, categories: [contact]}
retention:
  inquiries: {categories: [contact], max: 12 months}
`,
	"processors/crm.yaml": `name: CRM AS
kind: crm
country: "NO"
categories: [contact]
agreement: {document: crm-dpa.md, signed: 2025-01-01}
`,
	"processors/crm-dpa.md": "Databehandleravtale\n",
	"waivers.yaml": `waivers:
  - rule: db.retention_exceeded
    resource: "postgres://crm/public.*"
    justification: Sletting kjøres i januar.
    approved_by: DPO
    created: 2026-10-01
    expires: 2027-01-31
`,
}

// writeCheckFiles writes checkFiles into a new folder with edit applied to one file, and
// returns the path of its vern.yaml.
func writeCheckFiles(t *testing.T, file, old, replacement string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range checkFiles {
		if name == file {
			if !strings.Contains(text, old) {
				t.Fatalf("%s does not contain %q", name, old)
			}
			text = strings.Replace(text, old, replacement, 1)
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if file == "remove" {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(old))); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "vern.yaml")
}

// TestCheckCatches shows that check reports, before any collection, what would otherwise
// surface only when the audit runs: each problem an error at file:line:col with its fix
// (exit 2), or a warning that does not fail the check.
func TestCheckCatches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		file, old, new string
		strict         bool
		code           int
		stderr         []string // all must appear
		warning        bool     // stderr holds a warning line, stdout the ok line
	}{
		{name: "valid files", file: "none", code: exitcode.OK},
		{name: "waiver names an unknown rule", file: "waivers.yaml", old: "rule: db.retention_exceeded", new: "rule: db.retention_exeeded",
			code: exitcode.Usage, stderr: []string{"waivers.yaml:2:11:", `"db.retention_exeeded", which no rule has`, `did you mean "db.retention_exceeded"?`}},
		{name: "waiver names a rule of no area", file: "waivers.yaml", old: "rule: db.retention_exceeded", new: "rule: nothing.like_it",
			code: exitcode.Usage, stderr: []string{"waivers.yaml:2:11:", "which no rule has", "vern rules list"}},
		{name: "waiver glob does not parse", file: "waivers.yaml", old: `"postgres://crm/public.*"`, new: `"postgres://crm/public.[abc"`,
			code: exitcode.Usage, stderr: []string{"waivers.yaml:3:15:", "is not a valid glob", "close every ["}},
		{name: "waiver glob ends in a backslash", file: "waivers.yaml", old: `"postgres://crm/public.*"`, new: `'postgres://crm/public.\'`,
			code: exitcode.Usage, stderr: []string{"waivers.yaml:3:15:", "is not a valid glob"}},
		{name: "data key outside the taxonomy", file: "declaration.yaml", old: "user.contact.email,", new: "user.contact.e_mail,",
			code: exitcode.Usage, stderr: []string{"declaration.yaml:3:36:", `"user.contact.e_mail"`, "not in the Fides (fideslang 3.0) taxonomy", `did you mean "user.contact.email"?`}},
		{name: "data key invented", file: "declaration.yaml", old: "user.content.private]", new: "user.behavior.preference]",
			code: exitcode.Usage, stderr: []string{"declaration.yaml:3:56:", `"user.behavior.preference"`, "rego/reference/fides.json"}},
		{name: "exempt_when with a second statement", file: "vern.yaml", old: `exempt_when: status = 'open; -- kept' AND "odd;name" IS NOT NULL`, new: `exempt_when: "true; DROP TABLE customers"`,
			code: exitcode.Usage, stderr: []string{"vern.yaml:11:22:", "not a single boolean SQL expression", "a ';' ends the statement", "character 5"}},
		{name: "exempt_when with a comment", file: "vern.yaml", old: `exempt_when: status = 'open; -- kept' AND "odd;name" IS NOT NULL`, new: `exempt_when: status = 'open' -- or not`,
			code: exitcode.Usage, stderr: []string{"vern.yaml:11:22:", "a comment (--)"}},
		{name: "erased_when with a block comment", file: "vern.yaml", old: "erased_when: email IS NULL", new: "erased_when: email IS NULL /* and name */",
			code: exitcode.Usage, stderr: []string{"vern.yaml:12:22:", "erased_when", "a comment (/* */)"}},
		{name: "erased_when that is a statement", file: "vern.yaml", old: "erased_when: email IS NULL", new: "erased_when: DELETE FROM customers",
			code: exitcode.Usage, stderr: []string{"vern.yaml:12:22:", "DELETE is a statement"}},
		{name: "erased_when with a clause of its own", file: "vern.yaml", old: "erased_when: email IS NULL", new: "erased_when: email IS NULL UNION SELECT 1",
			code: exitcode.Usage, stderr: []string{"vern.yaml:12:22:", "UNION starts a clause"}},
		{name: "erased_when with a parenthesis closed early", file: "vern.yaml", old: "erased_when: email IS NULL", new: "erased_when: email IS NULL) OR (true",
			code: exitcode.Usage, stderr: []string{"vern.yaml:12:22:", "never opened"}},
		{name: "erased_when with an unclosed string", file: "vern.yaml", old: "erased_when: email IS NULL", new: `erased_when: "email = 'x"`,
			code: exitcode.Usage, stderr: []string{"vern.yaml:12:22:", "string literal is not closed"}},
		{name: "subquery and dollar quote are one expression", file: "vern.yaml", old: "erased_when: email IS NULL",
			new: "erased_when: NOT EXISTS (SELECT 1 FROM orders o WHERE o.note = $n$a;b -- c$n$) AND created_at IS DISTINCT FROM now()", code: exitcode.OK},
		{name: "agreement document not on file", file: "remove", old: "processors/crm-dpa.md",
			code: exitcode.OK, warning: true, stderr: []string{"warning: ", "crm.yaml:5:", `agreement document "crm-dpa.md" of processor crm not found`, "processor.agreement_missing"}},
		{name: "unset variable is a warning", file: "vern.yaml", old: "dsn: postgres://reader@db.example/crm", new: "dsn: ${VERN_CHECK_TEST_UNSET_DSN}",
			code: exitcode.OK, warning: true, stderr: []string{"warning: ", "vern.yaml:4:10:", "VERN_CHECK_TEST_UNSET_DSN is not set"}},
		{name: "unset variable under --strict", file: "vern.yaml", old: "dsn: postgres://reader@db.example/crm", new: "dsn: ${VERN_CHECK_TEST_UNSET_DSN}",
			strict: true, code: exitcode.Usage, stderr: []string{"vern.yaml:4:10:", "VERN_CHECK_TEST_UNSET_DSN is not set"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := writeCheckFiles(t, tc.file, tc.old, tc.new)
			args := []string{"check", "--config", cfg}
			if tc.strict {
				args = append(args, "--strict")
			}
			code, stdout, stderr := run(t, args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, stdout, stderr)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			if tc.code == exitcode.OK && !strings.Contains(stdout, ": ok") {
				t.Errorf("stdout lacks the ok line:\n%s", stdout)
			}
			if tc.code == exitcode.OK && !tc.warning && stderr != "" {
				t.Errorf("unexpected stderr:\n%s", stderr)
			}
			if tc.warning && !strings.Contains(stdout, "1 warnings") {
				t.Errorf("stdout does not count the warning:\n%s", stdout)
			}
		})
	}
}

// TestCheckSaysHowBannersAreOperated shows that check names the autoconsent package the
// site collector will drive, or warns (without failing) that it falls back to its own
// banner detection.
func TestCheckSaysHowBannersAreOperated(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		autoconsent string
		stdout      string
		stderr      string
	}{
		{name: "installed package", autoconsent: "", stdout: "consent banners: autoconsent "},
		{name: "turned off", autoconsent: "off", stdout: "consent banners: autoconsent turned off"},
		{name: "missing folder", autoconsent: "/nonexistent/autoconsent", stderr: "own banner detection"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := writeCheckFiles(t, "vern.yaml", "processors: processors/", "processors: processors/\nsites:\n  - url: https://www.example.no/")
			args := []string{"check", "--config", cfg}
			if tc.autoconsent != "" {
				args = append(args, "--autoconsent", tc.autoconsent)
			}
			code, stdout, stderr := run(t, args...)
			if code != exitcode.OK {
				t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
			}
			if !strings.Contains(stdout, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, stdout)
			}
			if tc.stderr != "" && (!strings.Contains(stderr, tc.stderr) || !strings.Contains(stdout, "1 warnings")) {
				t.Errorf("want a warning saying %q, counted:\nstdout: %s\nstderr: %s", tc.stderr, stdout, stderr)
			}
		})
	}
}
