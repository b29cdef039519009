package reports

import (
	"maps"
	"slices"

	"github.com/alarmlink/vern/internal/findings"
)

// chartView is the summary's bar chart, laid out here so the template only draws it as
// inline SVG (no script, no fetched image).
type chartView struct {
	Width, Height int
	Groups        []chartGroup
}

type chartGroup struct {
	Title string
	Y     int
	Bars  []chartBar
}

type chartBar struct {
	Label, Class           string
	Count                  int
	X, Y, W, TextY, CountX int
}

const (
	chartWidth  = 600
	chartLabelW = 250
	chartBarMax = 300
	chartRow    = 20
)

// buildChart lays out the open findings by severity, kind and area.
func buildChart(lang string, bySev map[findings.Severity]int, byKind, byArea map[string]int) chartView {
	type item struct {
		label, class string
		n            int
	}
	groups := []struct {
		title string
		items []item
	}{
		{title: tr(lang, "by.severity")},
		{title: tr(lang, "by.kind")},
		{title: tr(lang, "by.area")},
	}
	for _, s := range findings.Severities {
		groups[0].items = append(groups[0].items, item{severityLabel(lang, s), "b-" + string(s), bySev[s]})
	}
	for _, k := range kinds {
		groups[1].items = append(groups[1].items, item{kindLabel(lang, k), "b-kind", byKind[k]})
	}
	seen := map[string]bool{}
	for _, a := range areas {
		seen[a] = true
		groups[2].items = append(groups[2].items, item{areaLabel(lang, a), "b-area", byArea[a]})
	}
	for _, a := range slices.Sorted(maps.Keys(byArea)) {
		if !seen[a] {
			groups[2].items = append(groups[2].items, item{areaLabel(lang, a), "b-area", byArea[a]})
		}
	}
	max := 1
	for _, g := range groups {
		for _, it := range g.items {
			if it.n > max {
				max = it.n
			}
		}
	}
	v := chartView{Width: chartWidth}
	y := 0
	for _, g := range groups {
		y += chartRow
		cg := chartGroup{Title: g.title, Y: y - 4}
		for _, it := range g.items {
			w := it.n * chartBarMax / max
			if it.n > 0 && w < 2 {
				w = 2
			}
			cg.Bars = append(cg.Bars, chartBar{Label: it.label, Class: it.class, Count: it.n, X: chartLabelW, Y: y + 3, W: w,
				TextY: y + 14, CountX: chartLabelW + w + 6})
			y += chartRow
		}
		v.Groups = append(v.Groups, cg)
		y += 6
	}
	v.Height = y + 4
	return v
}
