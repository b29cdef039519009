package reports

// ropaView is the record of processing as the HTML report shows it.
type ropaView struct {
	Headings []string
	Rows     []ropaRowView
}

type ropaRowView struct {
	Activity, Status string
	Undeclared       bool
	Cells            []ropaCellView
}

type ropaCellView struct {
	Text, Status, StatusLabel string
	Words, Evidence           []string
	Findings                  []ropaFindingRef
}

type ropaFindingRef struct {
	Anchor, Rule, Resource string
	Waived                 bool
}

// buildRopaView lays the record out for the template; nil when there is nothing to show.
func buildRopaView(in *Input, lang string) *ropaView {
	rec := buildRopa(in, lang)
	if len(rec.Rows) == 0 {
		return nil
	}
	v := &ropaView{Headings: ropaHeadings(lang)}
	for _, r := range rec.Rows {
		rv := ropaRowView{Activity: r.Activity, Status: ropaRowStatus(r, lang), Undeclared: r.Undeclared}
		for _, c := range ropaColumns {
			cell := r.Cells[c]
			cv := ropaCellView{Text: cell.Text, Status: cell.Status, StatusLabel: tr(lang, "ropa.status."+cell.Status)}
			for _, s := range cell.Sources {
				switch s.Kind {
				case "declaration":
					cv.Words = append(cv.Words, s.Text)
				case "evidence":
					cv.Evidence = append(cv.Evidence, s.Text)
				case "finding":
					cv.Findings = append(cv.Findings, ropaFindingRef{Anchor: anchor(s.Fingerprint, s.Rule, s.Resource),
						Rule: s.Rule, Resource: s.Resource, Waived: s.Waived})
				}
			}
			rv.Cells = append(rv.Cells, cv)
		}
		v.Rows = append(v.Rows, rv)
	}
	return v
}
