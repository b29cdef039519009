package promises

import (
	"maps"
	"slices"
	"sort"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
)

// coverage says which targets were collected, to tell "kept" from "not checked".
type coverage struct {
	db        map[string]bool // database name → collected (in full or in part)
	processor bool
	site      []string // collected site targets, sorted
}

func newCoverage(targets []findings.TargetStatus) coverage {
	c := coverage{db: map[string]bool{}}
	for _, t := range targets {
		if t.Status == evidence.StatusFailed {
			continue
		}
		tn, err := evidence.ParseTarget(t.Name)
		if err != nil {
			continue
		}
		switch tn.Kind {
		case evidence.TargetDB:
			c.db[tn.Name] = true
		case evidence.TargetProcessors:
			c.processor = true
		case evidence.TargetSite:
			c.site = append(c.site, t.Name)
		}
	}
	sort.Strings(c.site)
	return c
}

// processors is the coverage of the promises the processor registry checks.
func (c coverage) processors() []string {
	if c.processor {
		return []string{"processors"}
	}
	return nil
}

// dataset is one declared dataset of the inventory.
type dataset struct {
	resource string // postgres://db/schema.table
	db       string
	ds       config.Dataset
}

// datasets lists the inventory's datasets in name order.
func datasets(inv config.Inventory) []dataset {
	var out []dataset
	for _, db := range slices.Sorted(maps.Keys(inv.Databases)) {
		for _, name := range slices.Sorted(maps.Keys(inv.Databases[db].Datasets)) {
			out = append(out, dataset{resource: "postgres://" + db + "/" + name, db: db, ds: inv.Databases[db].Datasets[name]})
		}
	}
	return out
}

// checkedBy maps a category, purpose or retention promise to the collected datasets that
// speak for it.
func checkedBy(sets []dataset, cov coverage) map[string][]string {
	out := map[string][]string{}
	for _, d := range sets {
		if !cov.db[d.db] {
			continue
		}
		for _, c := range d.ds.Categories {
			out[declPrefix+"categories/"+c] = append(out[declPrefix+"categories/"+c], d.resource)
		}
		for _, p := range d.ds.Purposes {
			out[declPrefix+"purposes/"+p] = append(out[declPrefix+"purposes/"+p], d.resource)
		}
		if d.ds.Retention != "" {
			k := declPrefix + "retention/" + d.ds.Retention
			out[k] = append(out[k], d.resource)
		}
	}
	return out
}
