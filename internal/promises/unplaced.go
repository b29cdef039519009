package promises

import (
	"strings"

	"github.com/alarmlink/vern/internal/findings"
)

// sectionPrefixes map the declaration's resource prefixes to their sections; the longest
// match wins, and the bare scheme falls to the general section.
var sectionPrefixes = map[string]string{
	declPrefix + "categories/": SectionCategories, declPrefix + "purposes/": SectionPurposes,
	declPrefix + "retention/": SectionRetention, declPrefix + "recipients/": SectionRecipients,
	declPrefix + "transfers/": SectionTransfers, declPrefix + "cookies/purposes/": SectionCookies,
	declPrefix + "rights/": SectionRights, declPrefix: SectionGeneral,
}

// otherScheme prefixes the keys of the rows of findings tied to no promise.
const otherScheme = "other://"

// unplaced is the row of a finding no promise takes: a declaration resource with no
// declared entry is a promise the statement leaves out; anything else is grouped under
// what holds it.
func (b *builder) unplaced(f *findings.Finding) *row {
	if res := f.Resource; strings.HasPrefix(res, declPrefix) {
		sec, best := SectionGeneral, ""
		for p, s := range sectionPrefixes {
			if strings.HasPrefix(res, p) && len(p) > len(best) {
				best, sec = p, s
			}
		}
		id := strings.TrimPrefix(res, best)
		return b.m.add(sec, &row{Promise: findings.Promise{Key: res, ID: id}, undeclared: true})
	}
	root := otherRoot(f.Target)
	if r := b.m.lookup[otherScheme+root]; r != nil {
		return r
	}
	return b.m.add(SectionOther, &row{Promise: findings.Promise{Key: otherScheme + root, ID: root}, undeclared: true})
}

// otherRoot groups findings tied to no promise by what holds them: the database, the
// processor or the site, so ten thousand unmapped tables make one row, not ten thousand.
func otherRoot(target string) string {
	for _, scheme := range []string{"postgres://", "processor://", "site://"} {
		if rest, ok := strings.CutPrefix(target, scheme); ok {
			return scheme + strings.SplitN(rest, "/", 2)[0]
		}
	}
	return target
}
