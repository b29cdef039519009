package processors

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Document formats.
const (
	FormatMarkdown = "md"
	FormatText     = "txt"
	FormatPDF      = "pdf"
)

// formatOf names a document's format from its name, or from its first bytes when the name
// says nothing.
func formatOf(name string, head []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return FormatMarkdown
	case ".txt", ".text":
		return FormatText
	case ".pdf":
		return FormatPDF
	}
	if bytes.HasPrefix(head, []byte("%PDF-")) {
		return FormatPDF
	}
	return ""
}

// ligatures are the typographic ligatures PDF printers emit for fi, fl and the like.
var ligatures = strings.NewReplacer("\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl", "\ufb05", "st", "\ufb06", "st")

var (
	mdHeadingRe  = regexp.MustCompile(`^\s{0,3}#{1,6}\s`)
	mdBoldLineRe = regexp.MustCompile(`^\s*(\*\*|__)[^*_]+(\*\*|__)\s*$`)
	mdTableSepRe = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$`)
)

// TextLines splits Markdown or plain text into numbered lines on page 1. Markdown headings
// and bold-only lines are marked as headings; a table row becomes "first cell: other cells",
// the way appendices list the particulars of processing.
func TextLines(format string, data []byte) []Line {
	text := strings.ToValidUTF8(string(data), "\uFFFD")
	text = strings.TrimPrefix(text, "\uFEFF")
	raw := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	lines := make([]Line, 0, len(raw))
	for i, s := range raw {
		l := Line{Page: 1, Number: i + 1, Text: strings.TrimRight(s, " \r")}
		if format == FormatMarkdown {
			// Markdown marks its headings; a short line of its own is text.
			l.Marked = true
			switch {
			case mdHeadingRe.MatchString(s) || mdBoldLineRe.MatchString(s):
				l.Heading = true
			case mdTableSepRe.MatchString(s) && strings.Contains(s, "-"):
				l.Text = ""
			case strings.HasPrefix(strings.TrimSpace(s), "|"):
				l.Text, l.Alone = tableRow(s), true
			}
		}
		lines = append(lines, l)
	}
	return lines
}

func tableRow(s string) string {
	cells := strings.Split(strings.Trim(strings.TrimSpace(s), "|"), "|")
	var kept []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			kept = append(kept, c)
		}
	}
	if len(kept) < 2 {
		return strings.Join(kept, " ")
	}
	return strings.TrimRight(kept[0], ":") + ": " + strings.Join(kept[1:], ", ")
}

// PageLines splits the text of PDF pages into lines numbered per page, skipping empty
// ones, as a reader counts them on the printed page.
func PageLines(pages []string) []Line {
	var lines []Line
	for i, p := range pages {
		n := 0
		for _, s := range strings.Split(p, "\n") {
			if strings.TrimSpace(s) == "" {
				continue
			}
			n++
			lines = append(lines, Line{Page: i + 1, Number: n, Text: ligatures.Replace(strings.TrimSpace(s))})
		}
		// A page break ends a paragraph only when the page's last line ended one; keep
		// the flow otherwise by not inserting a blank line.
	}
	return lines
}

// hasText reports whether lines carry readable text: a scan without a text layer yields
// none, or a few stray glyphs.
func hasText(lines []Line) bool {
	letters := 0
	for _, l := range lines {
		for _, r := range l.Text {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters >= 20 {
			return true
		}
	}
	return false
}

// validText reports whether a document without a known extension is text.
func validText(b []byte) bool {
	return utf8.Valid(b) && !bytes.ContainsRune(b, 0)
}
