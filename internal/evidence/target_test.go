package evidence

import (
	"net/url"
	"path/filepath"
	"testing"

	"github.com/alarmlink/vern/internal/config"
)

func TestParseTarget(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    TargetName
		wantErr bool
	}{
		{name: "database", in: "db:crm", want: TargetName{Kind: TargetDB, Name: "crm"}},
		{name: "site", in: "site:www.example.no", want: TargetName{Kind: TargetSite, Name: "www.example.no"}},
		{name: "site with port", in: "site:127.0.0.1:8080", want: TargetName{Kind: TargetSite, Name: "127.0.0.1:8080"}},
		{name: "processors", in: "processors", want: TargetName{Kind: TargetProcessors}},
		{name: "database without name", in: "db:", wantErr: true},
		{name: "bare db", in: "db", wantErr: true},
		{name: "processors with name", in: "processors:x", wantErr: true},
		{name: "unknown kind", in: "s3:bucket", wantErr: true},
		{name: "empty", in: "", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseTarget(tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("ParseTarget(%q) error = %v, want error %v", tc.in, err, tc.wantErr)
			}
			if got != tc.want {
				t.Fatalf("ParseTarget(%q) = %+v, want %+v", tc.in, got, tc.want)
			}
			if err == nil && got.String() != tc.in {
				t.Fatalf("ParseTarget(%q).String() = %q, want the name back", tc.in, got.String())
			}
		})
	}
}

func TestTargetNameString(t *testing.T) {
	tests := []struct {
		name string
		in   TargetName
		want string
	}{
		{name: "database", in: DBTarget("crm"), want: "db:crm"},
		{name: "site", in: SiteTarget("www.example.no"), want: "site:www.example.no"},
		{name: "processors", in: ProcessorsTarget(), want: "processors"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.String(); got != tc.want {
				t.Fatalf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestInventoryLocationsUseTargetNames guards the one spelling of target names the config
// package cannot take from here (evidence imports config): the inventory's locations of
// its databases, sites and processor registry are keyed by the names this package builds.
func TestInventoryLocationsUseTargetNames(t *testing.T) {
	cfg, _, err := config.Loader{}.Check(filepath.Join("..", "..", "examples", "alarmlink", "vern.yaml"), config.Checks{})
	if err != nil {
		t.Fatal(err)
	}
	want := []TargetName{ProcessorsTarget()}
	for name := range cfg.Inventory.Databases {
		want = append(want, DBTarget(name))
	}
	for _, s := range cfg.Inventory.Sites {
		u, err := url.Parse(s.URL)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, SiteTarget(u.Host))
	}
	if len(want) < 3 {
		t.Fatalf("the example inventory names %d targets; the test needs a database, a site and processors", len(want))
	}
	for _, tn := range want {
		t.Run(tn.String(), func(t *testing.T) {
			if _, ok := cfg.Locations[tn.String()]; !ok {
				t.Fatalf("no location recorded under %q", tn.String())
			}
		})
	}
}
