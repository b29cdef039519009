package reports

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/internal/npmcache"
	"github.com/alarmlink/vern/reports/catalogue"
	"github.com/xeipuuv/gojsonschema"
)

func TestSARIFValidAgainstSchema(t *testing.T) {
	t.Parallel()
	schema := loadSARIFSchema(t)
	cases := []struct {
		name string
		in   *Input
	}{
		{name: "fixture en", in: fixtureInput("en")},
		{name: "fixture nb without evidence", in: func() *Input { in := fixtureInput("nb"); in.Evidence = nil; return in }()},
		{name: "no findings", in: &Input{Findings: &findings.Document{Rules: fixtureRules(), Gate: findings.Gate{Result: "passed", FailOn: "high"}}}},
		{name: "many findings", in: &Input{Findings: syntheticDocument(300), Lang: "en"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := (SARIF{}).Write(&buf, tc.in); err != nil {
				t.Fatal(err)
			}
			res, err := schema.Validate(gojsonschema.NewBytesLoader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range res.Errors() {
				t.Errorf("schema: %s", e)
			}
			var log sarifLog
			if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
				t.Fatal(err)
			}
			run := log.Runs[0]
			if run.AutomationDetails.ID == "" {
				t.Error("no run category (automationDetails.id)")
			}
			if len(run.Results) != len(tc.in.Findings.Findings) {
				t.Errorf("%d results for %d findings", len(run.Results), len(tc.in.Findings.Findings))
			}
			for _, r := range run.Results {
				if r.PartialFingerprints["vernFingerprint/v1"] == "" {
					t.Errorf("%s: no partial fingerprint", r.RuleID)
				}
				if len(r.Locations) == 0 || r.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" ||
					r.Locations[0].PhysicalLocation.Region.StartLine < 1 {
					t.Errorf("%s: no file and line", r.RuleID)
				}
				if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
					t.Errorf("%s: ruleIndex %d points at %s", r.RuleID, r.RuleIndex, run.Tool.Driver.Rules[r.RuleIndex].ID)
				}
			}
			for _, r := range run.Tool.Driver.Rules {
				if r.Properties["security-severity"] == "" || r.Help.Text == "" {
					t.Errorf("rule %s lacks security-severity or help", r.ID)
				}
			}
		})
	}
}

func TestSARIFLocationsAndSuppressions(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (SARIF{PathPrefix: "compliance/"}).Write(&buf, fixtureInput("en")); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	suppressed := 0
	for _, r := range log.Runs[0].Results {
		l := r.Locations[0].PhysicalLocation
		got[r.RuleID] = fmt.Sprintf("%s:%d", l.ArtifactLocation.URI, l.Region.StartLine)
		if len(r.Suppressions) > 0 {
			suppressed++
		}
	}
	want := map[string]string{
		"db.retention_exceeded":    "compliance/vern.yaml:9",
		"cookies.before_consent":   "compliance/vern.yaml:30",
		"statement.rights_missing": "compliance/declaration.yaml:40",
		// No location from the engine: pinned to the declaration.
		"collect.partial": "compliance/declaration.yaml:1",
	}
	for rule, loc := range want {
		if got[rule] != loc {
			t.Errorf("%s located at %q, want %q", rule, got[rule], loc)
		}
	}
	if suppressed != 1 {
		t.Errorf("%d suppressed results, want the 1 waived finding", suppressed)
	}
}

func TestJUnitParsesBack(t *testing.T) {
	t.Parallel()
	in := fixtureInput("en")
	var buf bytes.Buffer
	if err := (JUnit{}).Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	var root JUnitSuites
	if err := xml.Unmarshal(buf.Bytes(), &root); err != nil {
		t.Fatalf("junit.xml does not parse: %v", err)
	}
	failures, skipped, cases := 0, 0, 0
	seen := map[string]bool{}
	for _, s := range root.Suites {
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s says %d tests, has %d", s.Name, s.Tests, len(s.Cases))
		}
		for _, c := range s.Cases {
			cases++
			key := c.ClassName + " " + c.Name
			if seen[key] {
				t.Errorf("test case %q twice", key)
			}
			seen[key] = true
			if c.Failure != nil {
				failures++
			}
			if c.Skipped != nil {
				skipped++
			}
		}
	}
	doc := in.Findings
	if failures != doc.Summary.Total-doc.Summary.Waived || skipped != doc.Summary.Waived {
		t.Errorf("failures %d skipped %d, want %d and %d", failures, skipped, doc.Summary.Total-doc.Summary.Waived, doc.Summary.Waived)
	}
	if root.Failures != failures || root.Skipped != skipped || root.Tests != cases {
		t.Errorf("root counts %d/%d/%d disagree with cases %d/%d/%d", root.Tests, root.Failures, root.Skipped, cases, failures, skipped)
	}
	// A rule that fired nothing is one passing case.
	if !seen["statement.controller_contact_missing The statement gives no contact details for the controller"] {
		t.Error("passing rule has no test case")
	}
	if !strings.Contains(buf.String(), "&lt;img src=x") {
		t.Error("hostile cookie name not escaped in XML")
	}
}

func TestAnnotationsLimitAndEscaping(t *testing.T) {
	t.Parallel()
	doc := syntheticDocument(60)
	var buf bytes.Buffer
	if err := WriteAnnotations(&buf, doc, 10); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	count := map[string]int{}
	for _, l := range lines {
		count[strings.SplitN(strings.TrimPrefix(l, "::"), " ", 2)[0]]++
		if strings.ContainsAny(strings.SplitN(l, "::", 3)[2], "\r\n") {
			t.Errorf("unescaped line break in %q", l)
		}
	}
	if count["error"] != 10 || count["warning"] != 10 || count["notice"] != 1 {
		t.Errorf("got %v, want 10 errors, 10 warnings and 1 notice", count)
	}
	open := 0
	for _, f := range doc.Findings {
		if !f.Waived() {
			open++
		}
	}
	if want := fmt.Sprintf("%d more finding(s)", open-20); !strings.Contains(lines[len(lines)-1], want) {
		t.Errorf("last line %q does not count the rest (%s)", lines[len(lines)-1], want)
	}

	cases := []struct{ name, in, data, prop string }{
		{name: "percent", in: "100%", data: "100%25", prop: "100%25"},
		{name: "newlines", in: "a\r\nb", data: "a%0D%0Ab", prop: "a%0D%0Ab"},
		{name: "colon comma", in: "a:b,c", data: "a:b,c", prop: "a%3Ab%2Cc"},
		{name: "command injection", in: "x\n::error::fake", data: "x%0A::error::fake", prop: "x%0A%3A%3Aerror%3A%3Afake"},
	}
	for _, tc := range cases {
		if got := escapeData(tc.in); got != tc.data {
			t.Errorf("%s: escapeData = %q, want %q", tc.name, got, tc.data)
		}
		if got := escapeProperty(tc.in); got != tc.prop {
			t.Errorf("%s: escapeProperty = %q, want %q", tc.name, got, tc.prop)
		}
	}
}

func TestMarkdownStaysUnderLimit(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		n, limit int
		cut      bool
	}{
		{name: "fits", n: 50, limit: 0, cut: false},
		{name: "cut at 64 KiB", n: 2000, limit: 64 << 10, cut: true},
		{name: "cut at 1 MiB", n: 20000, limit: 0, cut: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := (Markdown{MaxBytes: tc.limit}).Write(&buf, &Input{Findings: syntheticDocument(tc.n), Lang: "en"}); err != nil {
				t.Fatal(err)
			}
			limit := tc.limit
			if limit == 0 {
				limit = StepSummaryLimit
			}
			if buf.Len() > limit {
				t.Errorf("%d bytes, over the %d limit", buf.Len(), limit)
			}
			if got := strings.Contains(buf.String(), "was cut at"); got != tc.cut {
				t.Errorf("truncation note present = %v, want %v", got, tc.cut)
			}
			if !strings.Contains(buf.String(), "### Targets") {
				t.Error("targets table lost")
			}
		})
	}
}

func TestMarkdownEscapesCells(t *testing.T) {
	t.Parallel()
	got := mdText("a|b <script>*x*_y_ [l](u)\n`c`")
	want := `a\|b &lt;script&gt;\*x\*\_y\_ \[l\](u) \` + "`c\\`"
	if got != want {
		t.Errorf("mdText = %q, want %q", got, want)
	}
}

func TestConsoleStripsControlCharacters(t *testing.T) {
	t.Parallel()
	doc := fixtureDocument()
	doc.Findings[0].Resource = "site://x/cookie/x/\x1b[31mred\x1b[0m\nnext"
	var buf bytes.Buffer
	if err := WriteConsole(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(buf.String(), '\x1b') {
		t.Error("escape sequence reached the terminal")
	}
	if !strings.Contains(buf.String(), `\x1b[31mred\x1b[0m\nnext`) {
		t.Error("control characters not shown as escapes")
	}
	if !strings.HasPrefix(buf.String(), "Gate FAILED") {
		t.Errorf("first line is not the gate: %q", strings.SplitN(buf.String(), "\n", 2)[0])
	}
}

func TestUIStringsComplete(t *testing.T) {
	t.Parallel()
	for key, en := range ui[catalogue.English] {
		nb, ok := ui[catalogue.Norwegian][key]
		if !ok || strings.TrimSpace(nb) == "" {
			t.Errorf("key %s has no Norwegian text", key)
		}
		if strings.TrimSpace(en) == "" {
			t.Errorf("key %s has no English text", key)
		}
		if strings.Count(en, "%") != strings.Count(nb, "%") {
			t.Errorf("key %s: the two languages take different arguments", key)
		}
	}
	for key := range ui[catalogue.Norwegian] {
		if _, ok := ui[catalogue.English][key]; !ok {
			t.Errorf("key %s has no English text", key)
		}
	}
	if tr("de", "nav.summary") != "Summary" {
		t.Error("an unknown language does not fall back to English")
	}
}

func TestMatrixStatuses(t *testing.T) {
	t.Parallel()
	secs := buildMatrix(judged(fixtureInput("en")), "en")
	got := map[string]string{}
	for _, s := range secs {
		for _, r := range s.Rows {
			got[r.Key] = r.Status
		}
	}
	want := map[string]string{
		"declaration://controller":                  statusKept,
		"declaration://statement":                   statusBroken,
		"declaration://categories/contact":          statusKept,
		"declaration://categories/identity":         statusBroken,
		"declaration://categories/payment":          statusUnchecked,
		"declaration://purposes/marketing":          statusBroken,
		"declaration://purposes/customer_admin":     statusKept,
		"declaration://retention/inquiries":         statusBroken,
		"declaration://retention/accounting":        statusBroken,
		"declaration://retention/marketing":         statusKept,
		"declaration://recipients/it_operations":    statusWaived,
		"declaration://recipients/public_authority": statusKept,
		"declaration://transfers":                   statusBroken,
		"declaration://cookies/purposes/analytics":  statusBroken,
		"declaration://cookies/purposes/functional": statusKept,
		// No foreign key and no subject key reaches the fixture's two personal datasets.
		"declaration://rights/access":      statusBroken,
		"declaration://rights/restriction": statusUndeclared,
		"other://postgres://crm":           statusUndeclared,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}

	// Without evidence nothing can be called kept.
	in := fixtureInput("en")
	in.Evidence = nil
	for _, s := range buildMatrix(judged(in), "en") {
		for _, r := range s.Rows {
			if r.Status == statusKept && r.Key != "declaration://controller" {
				t.Errorf("%s kept without evidence", r.Key)
			}
		}
	}
}

// TestMatrixRowsListOnlyTheirPromise checks that a promise lists the findings about it and
// no others: a public grant on a dataset breaks none of its category, purpose or retention
// promises, and rows past retention break the retention promise, not the category's.
func TestMatrixRowsListOnlyTheirPromise(t *testing.T) {
	t.Parallel()
	in := fixtureInput("en")
	grant := findings.Finding{Rule: "db.public_grant", Severity: "high", Resource: "postgres://crm/public.inquiries",
		Target: "postgres://crm/public.inquiries", Fingerprint: findings.Fingerprint("db.public_grant", "postgres://crm/public.inquiries")}
	undeclared := findings.Finding{Rule: "db.undeclared_data", Severity: "high", Resource: "postgres://crm/public.inquiries/kjonn",
		Target: "postgres://crm/public.inquiries", Details: map[string]any{"kinds": []any{"user.demographic.gender"}},
		Fingerprint: findings.Fingerprint("db.undeclared_data", "postgres://crm/public.inquiries/kjonn")}
	nationalID := findings.Finding{Rule: "db.national_id", Severity: "high", Resource: "postgres://crm/public.inquiries/email",
		Target: "postgres://crm/public.inquiries", Details: map[string]any{"kinds": []any{"user.contact.email"}},
		Fingerprint: findings.Fingerprint("db.national_id", "postgres://crm/public.inquiries/email")}
	doc := *in.Findings
	doc.Findings = append(append([]findings.Finding(nil), doc.Findings...), grant, undeclared, nationalID)
	in.Findings = &doc
	rows := map[string][]string{}
	for _, s := range buildMatrix(judged(in), "en") {
		for _, r := range s.Rows {
			for _, f := range r.Findings {
				rows[r.Key] = append(rows[r.Key], f.Rule+" "+f.Resource)
			}
		}
	}
	cases := []struct {
		name, row, finding string
		listed             bool
	}{
		{"grant not on the category", "declaration://categories/contact", "db.public_grant postgres://crm/public.inquiries", false},
		{"grant not on the purpose", "declaration://purposes/customer_admin", "db.public_grant postgres://crm/public.inquiries", false},
		{"grant not on the retention rule", "declaration://retention/inquiries", "db.public_grant postgres://crm/public.inquiries", false},
		{"grant under its database", "other://postgres://crm", "db.public_grant postgres://crm/public.inquiries", true},
		{"retention on the retention rule", "declaration://retention/inquiries", "db.retention_exceeded postgres://crm/public.inquiries", true},
		{"retention not on the category", "declaration://categories/contact", "db.retention_exceeded postgres://crm/public.inquiries", false},
		{"retention not on the purpose", "declaration://purposes/customer_admin", "db.retention_exceeded postgres://crm/public.inquiries", false},
		{"a kind no category covers is on none", "declaration://categories/contact", "db.undeclared_data postgres://crm/public.inquiries/kjonn", false},
		{"a kind is on the category covering it", "declaration://categories/contact", "db.national_id postgres://crm/public.inquiries/email", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := slices.Contains(rows[tc.row], tc.finding); got != tc.listed {
				t.Errorf("%s lists %q: %v, want %v (it lists %v)", tc.row, tc.finding, got, tc.listed, rows[tc.row])
			}
		})
	}
}

func TestChangesSincePreviousRun(t *testing.T) {
	t.Parallel()
	v := diffRuns(fixtureDocument(), fixturePrevious())
	rules := func(rows []changeRow) string {
		var s []string
		for _, r := range rows {
			s = append(s, r.Rule)
		}
		return strings.Join(s, ",")
	}
	if got := rules(v.New); got != "cookies.after_reject,db.unmapped_personal_data" {
		t.Errorf("new = %s", got)
	}
	if got := rules(v.Resolved); got != "statement.controller_contact_missing" {
		t.Errorf("resolved = %s", got)
	}
	if len(v.Open) != len(fixtureDocument().Findings)-2 {
		t.Errorf("%d still open", len(v.Open))
	}
	if diffRuns(fixtureDocument(), nil).Have {
		t.Error("a diff without a previous run")
	}
}

// TestNoPersonalDataBeyondInput plants a sentinel value in a place no renderer reads (a
// finding's details) and checks no format writes it: reports print names and counts only.
func TestNoPersonalDataBeyondInput(t *testing.T) {
	t.Parallel()
	const sentinel = "01017012345-SENTINEL"
	in := fixtureInput("en")
	in.Findings.Findings[0].Details = map[string]any{"value": sentinel}
	for _, f := range registry {
		if f.Name() == "json" {
			continue // findings.json is the document itself
		}
		var buf bytes.Buffer
		if err := f.Write(&buf, in); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), sentinel) {
			t.Errorf("%s wrote a value from a finding's details", f.Name())
		}
	}
	var buf bytes.Buffer
	_ = WriteAnnotations(&buf, in.Findings, 0)
	_ = WriteConsole(&buf, in.Findings)
	if strings.Contains(buf.String(), sentinel) {
		t.Error("annotations or console wrote a value from a finding's details")
	}
}

// syntheticDocument makes n findings spread over rules, severities and areas.
func syntheticDocument(n int) *findings.Document {
	rules := fixtureRules()
	ids := slices.Sorted(maps.Keys(rules))
	fs := make([]findings.Finding, 0, n)
	for i := 0; i < n; i++ {
		id := ids[i%len(ids)]
		res := fmt.Sprintf("postgres://crm/public.table_%05d/col_%d", i, i%7)
		f := fixtureFinding(rules, id, res, res, fmt.Sprintf("Finding %d of %s on table_%05d: rows past retention.", i, id, i),
			fmt.Sprintf("Funn %d av %s i table_%05d.", i, id, i), i64(int64(i*3)), &findings.Location{File: "vern.yaml", Line: 10 + i%200})
		if i%25 == 0 {
			f.Waiver = &findings.Waiver{Justification: "accepted", ApprovedBy: "dpo", Created: "2026-01-01", Expires: "2026-12-31", Resource: res}
		}
		fs = append(fs, f)
	}
	findings.Sort(fs)
	targets := []findings.TargetStatus{{Name: "db:crm", Kind: "postgres", Status: "ok"}}
	return &findings.Document{VernVersion: "bench", EvaluatedAt: fixtureNow, Findings: fs, Rules: rules, Targets: targets,
		Gate: findings.Judge(fs, targets, "high"), Summary: findings.Summarise(fs), Hashes: map[string]string{"evidence": "abc"}}
}

func TestTemplateKeysExist(t *testing.T) {
	t.Parallel()
	b, err := htmlFiles.ReadFile("html/report.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	keys := regexp.MustCompile(`\bt "([^"]+)"`).FindAllStringSubmatch(string(b), -1)
	if len(keys) < 50 {
		t.Fatalf("found only %d UI keys in the template", len(keys))
	}
	for _, k := range keys {
		if _, ok := ui[catalogue.English][k[1]]; !ok {
			t.Errorf("template uses UI key %q that has no text", k[1])
		}
	}
	for _, s := range []string{statusKept, statusBroken, statusWaived, statusUnchecked, statusUndeclared} {
		if _, ok := ui[catalogue.English]["matrix."+s]; !ok {
			t.Errorf("matrix status %s has no text", s)
		}
	}
	for _, p := range phaseOrder {
		if _, ok := ui[catalogue.English]["phase."+p]; !ok {
			t.Errorf("phase %s has no text", p)
		}
	}
}

func TestFormatsRefuseMissingFindings(t *testing.T) {
	t.Parallel()
	for _, f := range []Format{HTML{}, SARIF{}, JUnit{}, Markdown{}} {
		var buf bytes.Buffer
		if err := f.Write(&buf, &Input{Lang: "en"}); err == nil {
			t.Errorf("%s rendered without a findings document", f.Name())
		}
	}
}

// TestSARIFSchemaRejectsInvalid proves the schema check can fail: a log whose tool has no
// name and whose result has an unknown level is refused.
func TestSARIFSchemaRejectsInvalid(t *testing.T) {
	t.Parallel()
	schema := loadSARIFSchema(t)
	bad := `{"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"message": {"text": "x"}, "level": "fatal"}]}]}`
	res, err := schema.Validate(gojsonschema.NewStringLoader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if res.Valid() || len(res.Errors()) < 2 {
		t.Errorf("invalid SARIF accepted: %v", res.Errors())
	}
}

// loadSARIFSchema loads the official SARIF 2.1.0 schema (OASIS, 2.1.0-rtm.5) from the
// npm package that ships it, installed by the set-up at a pinned version.
func loadSARIFSchema(t *testing.T) *gojsonschema.Schema {
	t.Helper()
	path, err := npmcache.File("@microsoft/jest-sarif", "lib/schemas/sarif-2.1.0-rtm.5.json")
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := gojsonschema.NewSchema(gojsonschema.NewReferenceLoader("file://" + abs))
	if err != nil {
		t.Fatalf("load schema: %v", err)
	}
	return schema
}
