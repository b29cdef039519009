package reports

import "github.com/alarmlink/vern/reports/catalogue"

// ui is the catalogue as a map per language, for the tests that read it whole; a key a
// language lacks is absent from its map, so the completeness tests still see the gap.
var ui = func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, lang := range []string{catalogue.English, catalogue.Norwegian} {
		out[lang] = map[string]string{}
		for _, k := range catalogue.Keys() {
			if s, ok := catalogue.Lookup(lang, k); ok {
				out[lang][k] = s
			}
		}
	}
	return out
}()
