package processors

import (
	"regexp"
	"strings"
)

// headingStack holds the headings above the current line, outermost first, so that a
// heading is context for everything under it until a heading of its level or higher.
type headingStack struct {
	levels []int
	texts  []string
}

func (h *headingStack) push(level int, text string) {
	for len(h.levels) > 0 && h.levels[len(h.levels)-1] >= level {
		h.levels = h.levels[:len(h.levels)-1]
		h.texts = h.texts[:len(h.texts)-1]
	}
	h.levels = append(h.levels, level)
	h.texts = append(h.texts, text)
}

// context is the nearest two headings: the section and the one it stands in. Further
// levels say little about a clause and would let a document's title count for all of it.
func (h *headingStack) context() string {
	n := len(h.texts)
	if n > 2 {
		return strings.Join(h.texts[n-2:], " | ")
	}
	return strings.Join(h.texts, " | ")
}

// parent is the context of the current heading itself: the heading above it.
func (h *headingStack) parent() string {
	n := len(h.texts)
	if n < 2 {
		return ""
	}
	return h.texts[n-2]
}

var (
	mdLevelRe  = regexp.MustCompile(`^\s{0,3}(#{1,6})\s`)
	numLevelRe = regexp.MustCompile(`^\s*(?:\*\*)?(\d+(?:\.\d+)*)\.?(?:\s|\*|$)`)
)

// headingLevel ranks a heading line: Markdown by its #s, numbered headings by the depth
// of their number (a 6.4.1 under a 6.4), and anything else (bold, capitals) below both.
func headingLevel(s string) int {
	if m := mdLevelRe.FindStringSubmatch(s); m != nil {
		return len(m[1])
	}
	if m := numLevelRe.FindStringSubmatch(s); m != nil {
		return 1 + strings.Count(m[1], ".")
	}
	return 7
}

var (
	// tocLineRe is an entry with dot leaders or a trailing page number: "3. Security ..... 4".
	tocLineRe = regexp.MustCompile(`^.{2,120}?(?:\.{4,}|…{2,}|\s{3,}|\t)\s*\d{1,3}$`)
	// tocLinkRe is an entry that only links to an anchor: "- [Security](#security)".
	tocLinkRe = regexp.MustCompile(`^(?:[-*]\s+|\d+[.)]\s+)?\[[^\]]+\]\(#[^)]*\)[.,;]?$`)
	tocHeadRe = regexp.MustCompile(`(?i)^[#*\s]*(?:table of contents|contents|innhold|innholdsfortegnelse|innhaldsliste|innehåll|innehållsförteckning|indhold|indholdsfortegnelse)[*\s:]*$`)
)

// tocSkipper recognises a table of contents: the entries under a contents heading (until
// the first line that reads as text), and lines that are entries wherever they stand.
type tocSkipper struct {
	inTOC bool
}

func (t *tocSkipper) skip(s string, heading bool) bool {
	if tocHeadRe.MatchString(s) {
		t.inTOC = true
		return true
	}
	if tocLineRe.MatchString(s) || tocLinkRe.MatchString(s) {
		return true
	}
	if !t.inTOC {
		return false
	}
	if s == "" {
		return true
	}
	words := len(strings.Fields(s))
	if words <= 12 && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ":") {
		return true
	}
	t.inTOC = false
	return false
}
