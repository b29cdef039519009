package issues

import (
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alarmlink/vern/internal/findings"
)

var update = flag.Bool("update", false, "rewrite golden files")

func goldenFindings() []findings.Finding {
	return []findings.Finding{
		clause("nordlys-crm", "c", 2, 14), clause("nordlys-crm", "a", 1, 3),
		retention("public.inquiries", 120), waived(retention("public.tickets", 7), "2026-06-30"),
	}
}

func TestBodyGolden(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "nb"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			var b strings.Builder
			for _, d := range buildDesired(document(goldenFindings()...), lang, "https://ci.example/report.html", nil) {
				b.WriteString("=== " + d.title + " " + strings.Join(d.labels, ",") + "\n" + d.body)
			}
			path := filepath.Join("testdata", "bodies_"+lang+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != string(want) {
				t.Errorf("bodies differ from %s (run with -update to accept):\n%s", path, b.String())
			}
		})
	}
}

// TestBodyDeterministic: the order findings arrive in does not change a byte.
func TestBodyDeterministic(t *testing.T) {
	t.Parallel()
	fs := append(goldenFindings(), cookie("www.alarmlink.no", "_ga"), cookie("www.alarmlink.no", "_fbp"), cookie("www.alarmlink.no", "_gid"))
	want := buildDesired(document(fs...), "en", "", nil)
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		shuffled := append([]findings.Finding(nil), fs...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got := buildDesired(document(shuffled...), "en", "", nil)
		for i := range want {
			if got[i].id != want[i].id || got[i].body != want[i].body || got[i].title != want[i].title {
				t.Fatalf("issue %s differs with the findings shuffled", want[i].id)
			}
		}
	}
}

// TestBodyHostileNames: names from the systems audited are text, never markup, mentions or markers.
func TestBodyHostileNames(t *testing.T) {
	t.Parallel()
	other := IssueID("db.retention_exceeded", "db:crm/other")
	tests := []struct {
		name, cookie string
		forbidden    []string
	}{
		{name: "marker", cookie: "x\n" + marker(other), forbidden: []string{"\n" + marker(other)}},
		{name: "html", cookie: "<img src=x onerror=alert(1)>", forbidden: []string{"\n<img"}},
		{name: "table pipe", cookie: "a|b", forbidden: []string{"/a|b`", " a|b "}},
		{name: "backticks", cookie: "a`b``c", forbidden: []string{"`a`b"}},
		{name: "mention", cookie: "@alarmlink/everyone", forbidden: []string{" @alarmlink"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := buildDesired(document(cookie("www.alarmlink.no", tc.cookie)), "en", "", nil)[0]
			if id := markerID(d.body); id != d.id {
				t.Fatalf("marker read as %s, want %s", id, d.id)
			}
			for _, f := range tc.forbidden {
				if strings.Contains(d.body, f) {
					t.Errorf("body contains %q:\n%s", f, d.body)
				}
			}
		})
	}
}

func TestMarkerID(t *testing.T) {
	t.Parallel()
	id := IssueID("db.retention_exceeded", "db:crm/public.inquiries")
	tests := []struct {
		name, body, want string
	}{
		{name: "first line", body: marker(id) + "\nbody", want: id},
		{name: "after a person's note", body: "Note from Kari\r\n" + marker(id) + "\r\nbody", want: id},
		{name: "inside a line", body: "see `" + marker(id) + "`", want: ""},
		{name: "none", body: "a person's issue", want: ""},
		{name: "short hash", body: "<!-- vern:id=abc -->", want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := markerID(tc.body); got != tc.want {
				t.Fatalf("markerID = %q, want %q", got, tc.want)
			}
		})
	}
	if IssueID("a", "b") == IssueID("a", "c") || IssueID("a.b", "c") == IssueID("a", "b.c") {
		t.Fatal("identities collide")
	}
}

func TestResourceGlob(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   []string
		want string
	}{
		{name: "one", in: []string{"db:crm/public.x"}, want: "db:crm/public.x"},
		{name: "clauses", in: []string{"p://n#clause=c", "p://n#clause=a"}, want: "p://n#clause=*"},
		{name: "norwegian letters", in: []string{"site:bø/å", "site:bø/æ"}, want: "site:bø/*"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := resourceGlob(tc.in); got != tc.want {
				t.Fatalf("resourceGlob = %q, want %q", got, tc.want)
			}
		})
	}
}
