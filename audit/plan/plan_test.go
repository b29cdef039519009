package plan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/alarmlink/vern/examples/alarmlink"
)

// inventory writes the Alarmlink example with vern.yaml replaced by body and returns its path.
func inventory(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	err := alarmlink.Extract(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "vern.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const estate = `declaration: declaration.yaml
databases:
  crm:
    dsn: "${CRM_DATABASE_URL}"
  billing:
    dsn: "postgres://vern:${BILLING_PASSWORD}@${BILLING_HOST}/billing"
  literal:
    dsn: "postgres://127.0.0.1/none $${NOT_A_REF}"
processors: processors/
sites:
  - url: https://www.alarmlink.no/
  - url: "${SHOP_URL}"
    consent: {accept: "#ok"}
`

func TestLoad(t *testing.T) {
	t.Setenv("CRM_DATABASE_URL", "postgres://sentinel-secret-value@db/crm")
	t.Setenv("SHOP_URL", "https://shop.alarmlink.no/")
	p, err := Load(inventory(t, estate))
	if err != nil {
		t.Fatal(err)
	}
	want := []Target{
		{0, "db:billing", "db", "db-billing", []string{"BILLING_HOST", "BILLING_PASSWORD"}, false},
		{1, "db:crm", "db", "db-crm", []string{"CRM_DATABASE_URL"}, false},
		{2, "db:literal", "db", "db-literal", []string{}, false},
		{3, "processors", "processors", "processors", []string{}, false},
		{4, "site:www.alarmlink.no", "site", "site-www-alarmlink-no", []string{}, true},
		{5, "site:shop.alarmlink.no", "site", "site-shop-alarmlink-no", []string{"SHOP_URL"}, true},
	}
	if !reflect.DeepEqual(p.Targets, want) {
		t.Fatalf("targets:\n got %+v\nwant %+v", p.Targets, want)
	}
	if p.Parallelism != 6 || !p.Chromium {
		t.Errorf("parallelism %d chromium %v, want 6 true", p.Parallelism, p.Chromium)
	}
	b, _ := json.Marshal(p)
	if m, _ := json.Marshal(p.GitHubMatrix(0)); strings.Contains(string(b)+string(m), "sentinel") {
		t.Fatal("the plan holds a secret's value")
	}
}

func TestLoadNeedsNoSecret(t *testing.T) {
	p, err := Load(inventory(t, `declaration: declaration.yaml
databases:
  crm: {dsn: "${PLAN_TEST_UNSET_DSN}"}
`))
	if err != nil {
		t.Fatalf("plan needed the secret: %v", err)
	}
	if len(p.Targets) != 1 || p.Targets[0].Secrets[0] != "PLAN_TEST_UNSET_DSN" {
		t.Fatalf("targets %+v", p.Targets)
	}
}

func TestLoadRefusesSiteWithoutAddress(t *testing.T) {
	_, err := Load(inventory(t, `declaration: declaration.yaml
sites:
  - url: "${PLAN_TEST_UNSET_URL}"
`))
	if err == nil || !strings.Contains(err.Error(), "PLAN_TEST_UNSET_URL") {
		t.Fatalf("want a refusal naming PLAN_TEST_UNSET_URL, got %v", err)
	}
}

func TestAt(t *testing.T) {
	t.Setenv("SHOP_URL", "https://shop.alarmlink.no/")
	p, err := Load(inventory(t, estate))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		index   int
		want    string
		wantErr string
	}{
		{"first", 0, "db:billing", ""},
		{"processors", 3, "processors", ""},
		{"last", 5, "site:shop.alarmlink.no", ""},
		{"past the end", 6, "", "completions to 6"},
		{"negative", -1, "", "indexes 0 to 5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := p.At(c.index)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("want error with %q, got %v", c.wantErr, err)
				}
				return
			}
			if err != nil || got.Name != c.want || got.Index != c.index {
				t.Fatalf("At(%d) = %+v, %v; want %s", c.index, got, err, c.want)
			}
		})
	}
}

func TestGitHubMatrix(t *testing.T) {
	t.Setenv("SHOP_URL", "https://shop.alarmlink.no/")
	p, err := Load(inventory(t, estate))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p.GitHubMatrix(0))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Include []map[string]any `json:"include"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Include) != 6 {
		t.Fatalf("%d entries, want 6", len(m.Include))
	}
	first := m.Include[0]
	if first["target"] != "db:billing" || first["secret"] != "BILLING_HOST" || first["secrets"] != "BILLING_HOST BILLING_PASSWORD" || first["chromium"] != false {
		t.Errorf("first entry %v", first)
	}
	if last := m.Include[5]; last["slug"] != "site-shop-alarmlink-no" || last["chromium"] != true {
		t.Errorf("last entry %v", last)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"db:crm": "db-crm", "site:www.Example.no:8443": "site-www-example-no-8443", "processors": "processors", "db:a_b": "db-a-b"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGitHubMatrixBatches(t *testing.T) {
	p := &Plan{}
	for i := range 10 {
		name := "db:d" + strconv.Itoa(i)
		p.Targets = append(p.Targets, Target{Index: i, Name: name, Kind: "db", Slug: Slug(name), Secrets: []string{"PG_PASSWORD"}})
	}
	p.Targets = append(p.Targets, Target{Index: 10, Name: "site:a", Kind: "site", Slug: "site-a", Secrets: []string{}, Chromium: true})
	cases := []struct {
		name     string
		maxJobs  int
		entries  int
		first    string
		lastSlug string
	}{
		{"fits", 0, 11, "db:d0", "site-a"},
		{"exactly", 11, 11, "db:d0", "site-a"},
		{"batched by 3", 4, 4, "db:d0,db:d1,db:d2", "batch-003"},
		{"one job", 1, 1, "db:d0,db:d1,db:d2,db:d3,db:d4,db:d5,db:d6,db:d7,db:d8,db:d9,site:a", "batch-000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := p.GitHubMatrix(c.maxJobs)
			if len(m.Include) != c.entries || m.Include[0].Target != c.first || m.Include[len(m.Include)-1].Slug != c.lastSlug {
				t.Fatalf("%+v", m.Include)
			}
			covered := 0
			for i, e := range m.Include {
				covered += len(strings.Split(e.Target, ","))
				if e.Index != i {
					t.Errorf("entry %d has index %d", i, e.Index)
				}
				if strings.Contains(e.Target, "site:") != e.Chromium {
					t.Errorf("entry %s: chromium %v", e.Target, e.Chromium)
				}
				if strings.Contains(e.Target, "db:") && e.Secrets != "PG_PASSWORD" {
					t.Errorf("entry %s: secrets %q", e.Target, e.Secrets)
				}
			}
			if covered != len(p.Targets) {
				t.Errorf("the entries cover %d targets of %d", covered, len(p.Targets))
			}
		})
	}
}
