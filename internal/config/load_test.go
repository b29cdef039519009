package config

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// testEnv is the environment the tests load with: a fixed map, so tests run in parallel
// and never depend on the machine's variables.
func testEnv(vars map[string]string) Loader {
	return Loader{LookupEnv: func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}, Unwaivable: []string{"collect.failed"}}
}

const testPassword = "hunter2-SENTINEL-do-not-print"

var goodEnv = map[string]string{"VERN_TEST_DSN": "postgres://vern:" + testPassword + "@localhost:5432/crm"}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	decl := func(name string) string { return filepath.Join("testdata", "declaration", name+".yaml") }
	inv := func(name string) string { return filepath.Join("testdata", "inventory", name, "vern.yaml") }
	cases := []struct {
		name        string
		declaration bool   // load with LoadDeclaration rather than Load
		path        string // file given to the loader
		want        string // exact file:line:col: prefix of one error line
		phrase      string // what that line must say
	}{
		{"malformed yaml", true, decl("malformed"), "testdata/declaration/malformed.yaml:2:1: ", "invalid YAML: did not find expected ',' or '}'"},
		{"tab indentation", true, decl("tab"), "testdata/declaration/tab.yaml:5:1: ", "tab character in indentation"},
		{"two documents", true, decl("two_documents"), "testdata/declaration/two_documents.yaml:2:1: ", "second YAML document"},
		{"top level list", true, decl("top_level_list"), "testdata/declaration/top_level_list.yaml:1:1: ", "must be a mapping"},
		{"unknown top-level key", true, decl("unknown_top"), "testdata/declaration/unknown_top.yaml:2:1: ", `unknown key "purpses" at the top level; did you mean "purposes"?`},
		{"unknown purpose key", true, decl("unknown_purpose_key"), "testdata/declaration/unknown_purpose_key.yaml:6:5: ", `unknown key "bassis" in purposes.marketing; did you mean "basis"? valid keys: title, basis`},
		{"unknown nested key", true, decl("unknown_nested_key"), "testdata/declaration/unknown_nested_key.yaml:4:5: ", `unknown key "emial" in controller.contact; did you mean "email"?`},
		{"string where list", true, decl("string_for_list"), "testdata/declaration/string_for_list.yaml:6:17: ", "purposes.marketing.categories must be a list, found a string; write it as a list: [contact]"},
		{"list where mapping", true, decl("list_for_map"), "testdata/declaration/list_for_map.yaml:1:11: ", "purposes must be a mapping of ids to entries, found a list"},
		{"wrong bool", true, decl("bad_bool"), "testdata/declaration/bad_bool.yaml:2:9: ", "automated_decisions.used must be true or false"},
		{"duplicate key", true, decl("duplicate_key"), "testdata/declaration/duplicate_key.yaml:3:3: ", `duplicate key "contact" in categories (first at line 2)`},
		{"alias", true, decl("alias"), "testdata/declaration/alias.yaml:3:10: ", "aliases (*c) are not supported"},
		{"dangling category", true, decl("dangling_category"), "testdata/declaration/dangling_category.yaml:4:75: ", `purposes.marketing.categories[1] names unknown category "contcat"; did you mean "contact"?`},
		{"dangling retention purpose", true, decl("dangling_retention_purpose"), "testdata/declaration/dangling_retention_purpose.yaml:5:27: ", `names unknown purpose "newsletter"`},
		{"dangling cookie purpose purpose", true, decl("cookie_purpose_ref"), "testdata/declaration/cookie_purpose_ref.yaml:5:23: ", `names unknown purpose "analytcs"; did you mean "analytics"?`},
		{"bad duration", true, decl("bad_duration"), "testdata/declaration/bad_duration.yaml:3:10: ", `invalid duration "12 moons" for retention.inquiries.max`},
		{"bad date", true, decl("bad_date"), "testdata/declaration/bad_date.yaml:2:12: ", `invalid date "2025-13-40" for statement.updated; write it as YYYY-MM-DD`},
		{"bad basis", true, decl("bad_basis"), "testdata/declaration/bad_basis.yaml:4:12: ", `basis "concent" in purposes.marketing is not valid; did you mean "consent"?`},
		{"bad right", true, decl("bad_right"), "testdata/declaration/bad_right.yaml:3:5: ", `right "erasur" in rights is not valid; did you mean "erasure"?`},
		{"bad cookie purpose", true, decl("bad_cookie_purpose"), "testdata/declaration/bad_cookie_purpose.yaml:2:25: ", `cookie purpose "analytic" in cookies.purposes is not valid`},
		{"known cookie unknown purpose", true, decl("known_cookie_purpose"), "testdata/declaration/known_cookie_purpose.yaml:4:28: ", `cookie purpose "tracking" in cookies.known[0] is not valid`},
		{"bad transfer mechanism", true, decl("bad_mechanism"), "testdata/declaration/bad_mechanism.yaml:2:30: ", `mechanism "sccs" in transfers[0] is not valid; did you mean "scc"?`},
		{"unset env in declaration", true, decl("unset_env"), "testdata/declaration/unset_env.yaml:2:9: ", "environment variable VERN_TEST_UNSET_NAME is not set"},
		{"missing declaration alone", true, decl("absent"), "testdata/declaration/absent.yaml: ", "file not found"},

		{"missing vern.yaml", false, inv("absent"), "testdata/inventory/absent/vern.yaml: ", "file not found"},
		{"empty vern.yaml", false, inv("empty"), "testdata/inventory/empty/vern.yaml:1:1: ", `missing required key "declaration"`},
		{"missing declaration file", false, inv("missing_declaration"), "testdata/inventory/missing_declaration/vern.yaml:1:14: ", "declaration file testdata/inventory/missing_declaration/declration.yaml not found"},
		{"unset env in dsn", false, inv("unset_env"), "testdata/inventory/unset_env/vern.yaml:4:10: ", "environment variable VERN_TEST_UNSET_PASSWORD is not set (used in databases.crm.dsn)"},
		{"dataset unknown category", false, inv("dangling_dataset"), "testdata/inventory/dangling_dataset/vern.yaml:7:31: ", `names unknown category "contacts"; did you mean "contact"?`},
		{"dataset unknown purpose", false, inv("dangling_dataset_purpose"), "testdata/inventory/dangling_dataset_purpose/vern.yaml:7:36: ", `names unknown purpose "sales"`},
		{"dataset unknown retention", false, inv("dangling_dataset_retention"), "testdata/inventory/dangling_dataset_retention/vern.yaml:6:26: ", `names unknown retention rule "inquires"; did you mean "inquiries"?`},
		{"subject without key", false, inv("subject_without_key"), "testdata/inventory/subject_without_key/vern.yaml:6:49: ", "subject in databases.crm.datasets.public.inquiries names no key"},
		{"ignored dataset", false, inv("ignore_overlap"), "testdata/inventory/ignore_overlap/vern.yaml:7:31: ", `"public.inquiries" is both a dataset and ignored`},
		{"unknown dataset key", false, inv("unknown_dataset_key"), "testdata/inventory/unknown_dataset_key/vern.yaml:8:9: ", `unknown key "retension" in databases.crm.datasets.public.inquiries; did you mean "retention"?`},
		{"bad grace duration", false, inv("bad_grace"), "testdata/inventory/bad_grace/vern.yaml:7:51: ", `invalid duration "thirty days"`},
		{"bad site url", false, inv("bad_url"), "testdata/inventory/bad_url/vern.yaml:3:10: ", "sites[0].url is not an absolute http or https URL"},
		{"missing site url", false, inv("missing_url"), "testdata/inventory/missing_url/vern.yaml:3:5: ", `missing required key "url" in sites[0]`},
		{"duplicate site", false, inv("duplicate_site"), "testdata/inventory/duplicate_site/vern.yaml:4:5: ", "site www.example.no is listed twice"},
		{"wrong int", false, inv("wrong_int"), "testdata/inventory/wrong_int/vern.yaml:4:16: ", "sites[0].max_pages must be a whole number"},
		{"missing processors folder", false, inv("missing_processors_dir"), "testdata/inventory/missing_processors_dir/vern.yaml:2:13: ", "processors folder testdata/inventory/missing_processors_dir/registry not found"},
		{"processor malformed", false, inv("processor_malformed"), "testdata/inventory/processor_malformed/processors/nordlys.yaml:3:1: ", "invalid YAML"},
		{"processor bad role", false, inv("processor_bad"), "testdata/inventory/processor_bad/processors/nordlys.yaml:3:7: ", `role "subprocessor" at the top level is not valid`},
		{"processor review without a hash", false, inv("processor_review"), "testdata/inventory/processor_review/processors/nordlys.yaml:8:11: ", `review.sha256 "not-a-hash" is not a SHA-256 in hex`},
		{"processor unknown category", false, inv("processor_category"), "testdata/inventory/processor_category/processors/nordlys.yaml:3:23: ", `categories[1] names unknown category "health"`},
		{"processor missing kind", false, inv("processor_missing_kind"), "testdata/inventory/processor_missing_kind/processors/nordlys.yaml:1:1: ", `missing required key "kind"`},
		{"processor .yml file", false, inv("processor_yml"), "testdata/inventory/processor_yml/processors/nordlys.yml: ", "must end in .yaml"},
		{"unquoted env in flow", false, inv("env_in_flow"), "testdata/inventory/env_in_flow/vern.yaml:3:3: ", `quote ${...} references`},
		{"missing waivers file", false, inv("missing_waivers_file"), "testdata/inventory/missing_waivers_file/vern.yaml:2:10: ", "waivers file testdata/inventory/missing_waivers_file/waiver.yaml not found"},
		{"waiver over one year", false, inv("waiver_long"), "testdata/inventory/waiver_long/waivers.yaml:7:14: ", "more than one year after it was created"},
		{"waiver on collect.failed", false, inv("waiver_collect_failed"), "testdata/inventory/waiver_collect_failed/waivers.yaml:2:11: ", "collect.failed cannot be waived"},
		{"waiver missing field", false, inv("waiver_missing_field"), "testdata/inventory/waiver_missing_field/waivers.yaml:2:5: ", `missing required key "approved_by" in waivers[0]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l := testEnv(goodEnv)
			var err error
			if tc.declaration {
				_, err = l.LoadDeclaration(tc.path)
			} else {
				_, err = l.Load(tc.path)
			}
			if err == nil {
				t.Fatalf("loaded %s without error", tc.path)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is %T, want a non-empty ErrorList", err)
			}
			want := filepath.FromSlash(tc.want)
			found := false
			for _, line := range strings.Split(err.Error(), "\n") {
				if strings.HasPrefix(line, want) && strings.Contains(line, tc.phrase) {
					found = true
				}
				if !strings.Contains(line, "; ") {
					t.Errorf("error line without a fix after \"; \": %s", line)
				}
			}
			if !found {
				t.Errorf("no error line starting %q and containing %q; got:\n%v", want, tc.phrase, err)
			}
		})
	}
}

func TestLoadGood(t *testing.T) {
	t.Parallel()
	cfg, err := testEnv(goodEnv).Load(filepath.Join("testdata", "good", "vern.yaml"))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	d := cfg.Declaration
	checks := []struct {
		name      string
		got, want any
	}{
		{"controller", d.Controller.Name, "Eksempel AS"},
		{"statement updated", d.Statement.Updated, "2025-09-10"},
		{"category data", len(d.Categories["contact"].Data), 2},
		{"retention max period", *d.Retention["inquiries"].MaxPeriod, Period{Months: 12}},
		{"retention min period", *d.Retention["accounting"].MinPeriod, Period{Months: 60}},
		{"cookie max period", *d.Cookies.MaxPeriod, Period{Months: 13}},
		{"financial year end defaults to December", d.Controller.FinancialYearEnd, 12},
		{"bare right", d.Rights[0], Right{Right: "access"}},
		{"mapping right", d.Rights[2], Right{Right: "erasure", Source: "Du kan be om sletting."}},
		{"bare cookie purpose", d.Cookies.Purposes[0], CookiePurpose{ID: "necessary"}},
		{"mapping cookie purpose", d.Cookies.Purposes[1], CookiePurpose{ID: "analytics", Purpose: "analytics"}},
		{"recipient block form", d.Recipients[1], Recipient{Kind: "public_authority", When: "legal_obligation"}},
		{"dsn expanded", cfg.Inventory.Databases["crm"].DSN, goodEnv["VERN_TEST_DSN"]},
		{"grace days", cfg.Inventory.Databases["crm"].Datasets["public.newsletter_subscribers"].Consent.GracePeriod, &Period{Days: 30}},
		{"max pages", cfg.Inventory.Sites[0].MaxPages, 50},
		{"processor count", len(cfg.Processors), 2},
		{"processor id", cfg.Processors["nordlys-crm"].ID, "nordlys-crm"},
		{"processor file", cfg.Processors["nordlys-crm"].File, "processors/nordlys-crm.yaml"},
		{"default role", cfg.Processors["nordlys-crm"].Role, "processor"},
		{"given role", cfg.Processors["google-analytics"].Role, "joint_controller"},
		{"quoted country", cfg.Processors["nordlys-crm"].Country, "NO"},
		{"waiver line", cfg.Waivers[0].Line, 2},
		{"dir", cfg.Dir, filepath.Join("testdata", "good")},
	}
	for _, c := range checks {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestLocations(t *testing.T) {
	t.Parallel()
	cfg, err := testEnv(goodEnv).Load(filepath.Join("testdata", "good", "vern.yaml"))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	want := map[string]Location{
		"declaration://controller":                     {"declaration.yaml", 1, 1},
		"declaration://statement":                      {"declaration.yaml", 4, 1},
		"declaration://categories/contact":             {"declaration.yaml", 6, 3},
		"declaration://categories/cookies":             {"declaration.yaml", 11, 3},
		"declaration://purposes/marketing":             {"declaration.yaml", 14, 3},
		"declaration://retention/accounting":           {"declaration.yaml", 18, 3},
		"declaration://recipients":                     {"declaration.yaml", 20, 1},
		"declaration://transfers":                      {"declaration.yaml", 24, 1},
		"declaration://rights":                         {"declaration.yaml", 25, 1},
		"declaration://rights/access":                  {"declaration.yaml", 26, 5},
		"declaration://rights/erasure":                 {"declaration.yaml", 28, 5},
		"declaration://cookies":                        {"declaration.yaml", 30, 1},
		"declaration://automated_decisions":            {"declaration.yaml", 35, 1},
		"declaration://requirement":                    {"declaration.yaml", 36, 1},
		"postgres://crm":                               {"vern.yaml", 3, 3},
		"db:crm":                                       {"vern.yaml", 3, 3},
		"postgres://crm/public.inquiries":              {"vern.yaml", 6, 7},
		"postgres://crm/public.newsletter_subscribers": {"vern.yaml", 12, 7},
		"site://www.example.no":                        {"vern.yaml", 21, 5},
		"site:www.example.no":                          {"vern.yaml", 21, 5},
		"processors":                                   {"vern.yaml", 19, 1},
		"processor://nordlys-crm":                      {"processors/nordlys-crm.yaml", 1, 1},
		"processor://nordlys-crm/agreement":            {"processors/nordlys-crm.yaml", 7, 1},
		"processor://google-analytics/agreement":       {"processors/google-analytics.yaml", 8, 1},
		"waiver:0":                                     {"waivers.yaml", 2, 5},
	}
	for key, w := range want {
		if got, ok := cfg.Locations[key]; !ok || got != w {
			t.Errorf("Locations[%q] = %+v (present %v), want %+v", key, got, ok, w)
		}
	}
	if _, ok := cfg.Locations["declaration://rights/restriction"]; ok {
		t.Errorf("location for a right the declaration does not list")
	}
}

func TestHashes(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("testdata", "good")
	cfg, err := testEnv(goodEnv).Load(filepath.Join(dir, "vern.yaml"))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	fileHash := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return hashBytes(b)
	}
	empty := sha256.Sum256(nil)
	for key, want := range map[string]string{
		"declaration": fileHash("declaration.yaml"),
		"inventory":   fileHash("vern.yaml"),
		"waivers":     fileHash("waivers.yaml"),
	} {
		if cfg.Hashes[key] != want {
			t.Errorf("Hashes[%s] = %s, want %s", key, cfg.Hashes[key], want)
		}
	}
	if p := cfg.Hashes["processors"]; len(p) != 64 || p == hex.EncodeToString(empty[:]) {
		t.Errorf("Hashes[processors] = %q, want the registry's hash", p)
	}

	minimal, err := testEnv(nil).Load(filepath.Join("testdata", "minimal", "vern.yaml"))
	if err != nil {
		t.Fatalf("load minimal: %v", err)
	}
	for _, key := range []string{"processors", "waivers"} {
		if minimal.Hashes[key] != hex.EncodeToString(empty[:]) {
			t.Errorf("minimal Hashes[%s] = %s, want the empty-string hash", key, minimal.Hashes[key])
		}
	}
	if minimal.Hashes["declaration"] != cfg.Hashes["declaration"] {
		t.Errorf("the same declaration hashed differently through two inventories")
	}
}

func TestLegalGapsLoad(t *testing.T) {
	t.Parallel()
	cfg, err := testEnv(nil).Load(filepath.Join("testdata", "gaps", "vern.yaml"))
	if err != nil {
		t.Fatalf("a declaration with legal gaps must load; got:\n%v", err)
	}
	if cfg.Declaration.Controller.Contact != nil || len(cfg.Declaration.Rights) != 0 {
		t.Errorf("gaps were filled in: %+v", cfg.Declaration)
	}
	if p := cfg.Processors["mystery"]; p.Agreement != nil || p.Kind != "advertising" {
		t.Errorf("processor without agreement: %+v", p)
	}
	if cfg.Declaration.Purposes["personalization"].Basis != "" {
		t.Errorf("a basis was invented")
	}
}

func TestMinimalInventory(t *testing.T) {
	t.Parallel()
	cfg, err := testEnv(nil).Load(filepath.Join("testdata", "minimal", "vern.yaml"))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if len(cfg.Inventory.Databases)+len(cfg.Inventory.Sites)+len(cfg.Processors)+len(cfg.Waivers) != 0 {
		t.Errorf("targets from nowhere: %+v", cfg.Inventory)
	}
	if got := cfg.Locations["declaration://controller"].File; got != "../good/declaration.yaml" {
		t.Errorf("declaration location file = %q, want it relative to vern.yaml's folder", got)
	}
}

func TestFromDeclaration(t *testing.T) {
	t.Parallel()
	path := filepath.Join("testdata", "good", "declaration.yaml")
	cfg, err := testEnv(nil).FromDeclaration(path)
	if err != nil {
		t.Fatalf("FromDeclaration: %v", err)
	}
	if cfg.Inventory.Declaration != "declaration.yaml" || cfg.Dir != filepath.Join("testdata", "good") {
		t.Errorf("inventory %+v, dir %q", cfg.Inventory, cfg.Dir)
	}
	if got := cfg.Locations["declaration://purposes/marketing"]; got != (Location{"declaration.yaml", 14, 3}) {
		t.Errorf("location = %+v", got)
	}
	if cfg.Hashes["declaration"] == cfg.Hashes["inventory"] || *cfg.Declaration.Retention["inquiries"].MaxPeriod != (Period{Months: 12}) {
		t.Errorf("hashes %v or normalisation wrong", cfg.Hashes)
	}
}

func TestEnvExpansion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("vern.yaml", "declaration: ${DECL}\ndatabases:\n  crm: {dsn: \"${USER_PART}:${PASS}@db/crm\"}\n")
	write("d.yaml", "controller: {name: \"Price $${NOT_ENV} and ${NAME}\"}\n")
	cfg, err := testEnv(map[string]string{"DECL": "d.yaml", "USER_PART": "postgres://u", "PASS": "p${NAME}", "NAME": "X"}).
		Load(filepath.Join(dir, "vern.yaml"))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if got := cfg.Inventory.Databases["crm"].DSN; got != "postgres://u:p${NAME}@db/crm" {
		t.Errorf("dsn = %q: values are expanded once, never re-expanded", got)
	}
	if got := cfg.Declaration.Controller.Name; got != "Price ${NOT_ENV} and X" {
		t.Errorf("name = %q", got)
	}
}

// TestSecretsNeverInErrors loads files whose every ${ENV} value carries a sentinel while
// the files are wrong in many ways, and checks that no message shows it.
func TestSecretsNeverInErrors(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"VERN_TEST_DSN":   "postgres://vern:" + testPassword + "@localhost/crm",
		"VERN_TEST_URL":   "https://admin:" + testPassword + "@www.example.no/",
		"VERN_TEST_BASIS": "consent" + testPassword,
		"VERN_TEST_DAYS":  "12 " + testPassword,
		"VERN_TEST_DATE":  "2025-" + testPassword,
		"VERN_TEST_CAT":   "contact" + testPassword,
		"VERN_TEST_REPO":  testPassword,
	}
	cfgErr := func() error {
		_, err := testEnv(env).Load(filepath.Join("testdata", "secrets", "vern.yaml"))
		return err
	}()
	if cfgErr == nil {
		t.Fatal("the secrets fixture must fail to load")
	}
	msg := cfgErr.Error()
	if strings.Contains(msg, testPassword) || strings.Contains(msg, "hunter2") {
		t.Errorf("a secret leaked into an error:\n%s", msg)
	}
	if n := strings.Count(msg, "\n") + 1; n < 6 {
		t.Errorf("want at least 6 problems reported, got %d:\n%s", n, msg)
	}
	if !strings.Contains(msg, `"${VERN_TEST_BASIS}"`) {
		t.Errorf("messages should quote the reference as written:\n%s", msg)
	}
}

func TestErrorCap(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := range 30 {
		fmt.Fprintf(&b, "unknown_%d: x\n", i)
	}
	path := filepath.Join(t.TempDir(), "declaration.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := testEnv(nil).LoadDeclaration(path)
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want ErrorList, got %v", err)
	}
	if len(list) != maxErrors+1 || !strings.Contains(list[maxErrors].Message, "10 more problems not shown") {
		t.Errorf("got %d entries, last %q", len(list), list[len(list)-1].Message)
	}
	if list[0].Line != 1 || list[0].Column != 1 || list[19].Line != 20 {
		t.Errorf("errors not sorted by position: first %+v, 20th %+v", list[0], list[19])
	}
}

func TestParsePeriod(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   string
		want Period
		ok   bool
	}{
		{"days", "30 days", Period{Days: 30}, true},
		{"one day", "1 day", Period{Days: 1}, true},
		{"weeks", "2 weeks", Period{Days: 14}, true},
		{"months", "12 months", Period{Months: 12}, true},
		{"thirteen months", "13 months", Period{Months: 13}, true},
		{"years", "5 years", Period{Months: 60}, true},
		{"no space", "3months", Period{Months: 3}, true},
		{"norwegian", "12 måneder", Period{Months: 12}, true},
		{"norwegian years", "5 år", Period{Months: 60}, true},
		{"capitals", "2 Years", Period{Months: 24}, true},
		{"zero", "0 days", Period{}, true},
		{"no unit", "12", Period{}, false},
		{"no number", "months", Period{}, false},
		{"negative", "-1 days", Period{}, false},
		{"fraction", "1.5 years", Period{}, false},
		{"unknown unit", "12 moons", Period{}, false},
		{"huge", "99999999999999999999 days", Period{}, false},
		{"too long", "1001 years", Period{}, false},
		{"empty", "", Period{}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePeriod(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v, ok %v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

// TestPeriodAddTo checks calendar arithmetic: months keep the day of the month, or end on
// the month's last day when it is shorter; never 30-day months.
func TestPeriodAddTo(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time {
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cases := []struct {
		name   string
		period string
		start  string
		want   string
	}{
		{"12 months keep the day", "12 months", "2025-03-31T10:00:00Z", "2026-03-31T10:00:00Z"},
		{"a month after 31 January", "1 month", "2025-01-31T00:00:00Z", "2025-02-28T00:00:00Z"},
		{"leap year February", "1 month", "2024-01-31T00:00:00Z", "2024-02-29T00:00:00Z"},
		{"a year after 29 February", "1 year", "2024-02-29T12:00:00Z", "2025-02-28T12:00:00Z"},
		{"5 years", "5 years", "2020-12-31T23:59:59Z", "2025-12-31T23:59:59Z"},
		{"13 months across a year", "13 months", "2025-11-30T00:00:00Z", "2026-12-30T00:00:00Z"},
		{"days", "30 days", "2025-02-15T00:00:00Z", "2025-03-17T00:00:00Z"},
		{"weeks", "2 weeks", "2025-12-25T00:00:00Z", "2026-01-08T00:00:00Z"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := ParsePeriod(tc.period)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.AddTo(day(tc.start)); !got.Equal(day(tc.want)) {
				t.Errorf("%s after %s = %s; want %s", tc.period, tc.start, got.Format(time.RFC3339), tc.want)
			}
		})
	}
}

func TestPeriodString(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"12 months": "12 months", "5 år": "5 years", "1 år": "12 months", "24 months": "2 years", "13 måneder": "13 months",
		"30 dager": "30 days", "2 weeks": "14 days", "1 day": "1 day", "0 days": "0 days",
	} {
		p, err := ParsePeriod(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.String(); got != want {
			t.Errorf("ParsePeriod(%q).String() = %q; want %q", in, got, want)
		}
	}
}

func TestFinancialYearEnd(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		at       string
		endMonth int
		want     string
	}{
		{"calendar year", "2025-03-15T10:00:00Z", 12, "2026-01-01T00:00:00Z"},
		{"last day of the year", "2025-12-31T23:00:00Z", 12, "2026-01-01T00:00:00Z"},
		{"June year, before its end", "2025-06-30T10:00:00Z", 6, "2025-07-01T00:00:00Z"},
		{"June year, after its end", "2025-07-01T00:00:00Z", 6, "2026-07-01T00:00:00Z"},
		{"unset is December", "2025-01-01T00:00:00Z", 0, "2026-01-01T00:00:00Z"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			at, _ := time.Parse(time.RFC3339, tc.at)
			want, _ := time.Parse(time.RFC3339, tc.want)
			if got := FinancialYearEnd(at, tc.endMonth); !got.Equal(want) {
				t.Errorf("FinancialYearEnd(%s, %d) = %s; want %s", tc.at, tc.endMonth, got, tc.want)
			}
		})
	}
}

// TestShorthandUnmarshalYAML checks that code decoding with yaml.v3 directly reads the
// short and long forms of rights and cookie purposes as the loader does.
func TestShorthandUnmarshalYAML(t *testing.T) {
	t.Parallel()
	var got struct {
		Rights   []Right         `yaml:"rights"`
		Purposes []CookiePurpose `yaml:"purposes"`
	}
	src := "rights: [access, {right: erasure, source: s}]\npurposes: [necessary, {id: analytics, basis: consent}]\n"
	if err := yaml.Unmarshal([]byte(src), &got); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprint([]Right{{Right: "access"}, {Right: "erasure", Source: "s"}}) +
		fmt.Sprint([]CookiePurpose{{ID: "necessary"}, {ID: "analytics", Basis: "consent"}})
	if fmt.Sprint(got.Rights)+fmt.Sprint(got.Purposes) != want {
		t.Errorf("got %+v %+v", got.Rights, got.Purposes)
	}
}

func TestLoadWaiversAlone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "waivers.yaml")
	if err := os.WriteFile(good, []byte("waivers:\n  - {rule: db.public_grant, resource: \"postgres://crm/*\", justification: j, approved_by: dpo, created: 2026-01-01, expires: 2026-06-01}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, hash, err := LoadWaivers(good)
	if err != nil || len(ws) != 1 || hash == "" || ws[0].Rule != "db.public_grant" {
		t.Fatalf("LoadWaivers = %+v %q %v", ws, hash, err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("waivers:\n  - {rule: collect.failed, resource: \"*\", justification: j, approved_by: dpo, created: 2026-01-01, expires: 2026-06-01}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := testEnv(nil).LoadWaivers(bad); err == nil || !strings.Contains(err.Error(), "bad.yaml:2:") {
		t.Fatalf("waiver on collect.failed: err = %v, want a file:line error", err)
	}
}

func TestLoadProcessorReview(t *testing.T) {
	t.Parallel()
	cfg, err := testEnv(nil).Load(filepath.Join("testdata", "inventory", "processor_review_ok", "vern.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Processors["nordlys"]
	if got := p.Agreement.Files(); strings.Join(got, ",") != "nordlys.md,nordlys-vedlegg.md" {
		t.Errorf("files = %v", got)
	}
	if p.Review == nil || p.Review.By != "Kari Revisor" || p.Review.Clauses["h"] != "8" || len(p.Review.SHA256) != 64 {
		t.Errorf("review = %+v", p.Review)
	}
	a := &Agreement{Document: "main.md", Documents: []string{"annex.md", "main.md"}}
	if got := a.Files(); strings.Join(got, ",") != "main.md,annex.md" {
		t.Errorf("files = %v, want the document first and no repeats", got)
	}
}
