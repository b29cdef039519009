package reports

import (
	"fmt"
	"strings"
)

// writePromiseTable writes the compact promise matrix: one line per promise with its
// section, its status and how many findings break it. Nothing when the document has no
// matrix.
func writePromiseTable(b *strings.Builder, in *Input, lang string) {
	secs := buildMatrix(in, lang)
	if len(secs) == 0 {
		return
	}
	fmt.Fprintf(b, "\n### %s\n\n| %s | %s | %s | %s |\n|---|---|---|--:|\n", tr(lang, "md.promises"),
		tr(lang, "md.section"), tr(lang, "matrix.entry"), tr(lang, "status"), tr(lang, "matrix.findings"))
	for _, s := range secs {
		for _, r := range s.Rows {
			name := mdText(r.Title)
			if r.Title != r.ID {
				name = strings.TrimSpace(name + " `" + mdCode(r.ID) + "`")
			}
			st := mdText(tr(lang, "matrix."+r.Status))
			if r.Status == statusBroken {
				st = "**" + st + "**"
			}
			fmt.Fprintf(b, "| %s | %s | %s | %d |\n", mdText(s.Title), name, st, len(r.Findings)+r.More)
		}
	}
}
