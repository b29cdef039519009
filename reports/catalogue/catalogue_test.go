package catalogue

import (
	"sort"
	"testing"
)

// TestPartsDoNotOverlap: a key in two parts would let one concern's text silently replace
// the other's.
func TestPartsDoNotOverlap(t *testing.T) {
	t.Parallel()
	owner := map[string]int{}
	for i, p := range parts {
		for lang, m := range p {
			for k := range m {
				id := lang + " " + k
				if j, ok := owner[id]; ok && j != i {
					t.Errorf("key %s (%s) is in parts %d and %d", k, lang, j, i)
				}
				owner[id] = i
			}
		}
	}
}

func TestLookups(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, got, want string
	}{
		{name: "report text in bokmål", got: Text(Norwegian, "nav.summary"), want: "Sammendrag"},
		{name: "issue text in bokmål", got: Text(Norwegian, "issue.target"), want: "Gjelder"},
		{name: "issue text in English", got: Text(English, "issue.what_is_wrong"), want: "What is wrong"},
		{name: "unknown language falls back to English", got: Text("de", "issue.fix"), want: "How to fix it"},
		{name: "missing key shows itself", got: Text(Norwegian, "no.such.key"), want: "no.such.key"},
		{name: "word of a vocabulary", got: Word(Norwegian, "sev", "high"), want: "høy"},
		{name: "unknown word shown as it is", got: Word(Norwegian, "sev", "severe"), want: "severe"},
		{name: "supported language kept", got: Lang(Norwegian), want: Norwegian},
		{name: "unsupported language is English", got: Lang("nn"), want: English},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func TestLookupDoesNotFallBack(t *testing.T) {
	t.Parallel()
	if _, ok := Lookup("de", "nav.summary"); ok {
		t.Error("Lookup answered for a language the catalogue does not have")
	}
	if s, ok := Lookup(Norwegian, "issue.footer"); !ok || s == "" {
		t.Error("Lookup lacks a bokmål text of the issue sync")
	}
}

func TestKeysCoverEveryPart(t *testing.T) {
	t.Parallel()
	keys := Keys()
	if !sort.StringsAreSorted(keys) {
		t.Error("keys are not sorted")
	}
	have := map[string]bool{}
	for _, k := range keys {
		have[k] = true
	}
	for i, p := range parts {
		for _, m := range p {
			for k := range m {
				if !have[k] {
					t.Errorf("key %s of part %d is not listed", k, i)
				}
			}
		}
	}
}
