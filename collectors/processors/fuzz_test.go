package processors

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDetect runs the clause detector on arbitrary text: it must not panic, must locate
// every element it reports inside the document, and must keep excerpts short and valid.
// Run it with go test -fuzz=FuzzDetect -fuzztime=60s ./collectors/processors/.
func FuzzDetect(f *testing.F) {
	for _, name := range []string{"nb-komplett-standard.md", "en-complete-plain.txt", "nn-revisjon-og-teieplikt-negert.md", "nb-bare-overskrifter.md"} {
		b, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
		if err != nil {
			f.Fatal(err)
		}
		// Short seeds keep each run fast enough for the fuzzer to explore.
		f.Add(b[:min(len(b), 700)], strings.HasSuffix(name, ".md"), false)
	}
	f.Add([]byte("Kategorier av registrerte:\n\n# a) Instrukser\n|a|b|\n|---|\nbehandlings-\nansvarlig."), true, true)
	f.Add([]byte("Art. 28 nr. 3 f.eks. The Processor shall not engage sub-processors without authorisation; may."), false, false)
	f.Fuzz(func(t *testing.T, data []byte, markdown, joint bool) {
		format := FormatText
		if markdown {
			format = FormatMarkdown
		}
		role := "processor"
		if joint {
			role = RoleJointController
		}
		lines := TextLines(format, data)
		got := Detect(lines, role)
		if len(got) != len(ElementIDs(role)) {
			t.Fatalf("%d elements, want %d", len(got), len(ElementIDs(role)))
		}
		for id, e := range got {
			if e.Found && e.Negated {
				t.Errorf("%s both found and negated", id)
			}
			if e.Found || e.Negated {
				if e.Page != 1 || e.Line < 1 || e.Line > len(lines) {
					t.Errorf("%s located at %d:%d outside %d lines", id, e.Page, e.Line, len(lines))
				}
			}
			if utf8.RuneCountInString(e.Excerpt) > maxExcerpt || !utf8.ValidString(e.Excerpt) {
				t.Errorf("%s excerpt %q too long or not UTF-8", id, e.Excerpt)
			}
		}
		extract(lines)
	})
}
