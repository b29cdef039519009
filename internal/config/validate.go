package config

import (
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The checks here run on decoded values: vocabularies, dates, durations, URLs and the ids
// one entry uses and another must define. None of them judges what a statement says or
// omits; that is for the rules.

var (
	countryCode = regexp.MustCompile(`^[A-Z]{2}$`)
	sha256Hex   = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)
	repoName    = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`)
)

// enum reports a value outside its vocabulary.
func (d *fileDecoder) enum(path, what, v string, valid []string) {
	if v == "" || slices.Contains(valid, v) {
		return
	}
	d.errorf(d.at(path), "%s %s %s is not valid; %svalid values: %s", what, quote(d.raw(path)), where(parentPath(path)),
		didYouMean(v, valid), strings.Join(valid, ", "))
}

// period reads a duration and reports it when it cannot be read; nil when it is not given
// or cannot be read.
func (d *fileDecoder) period(path, v string) *Period {
	if v == "" {
		return nil
	}
	p, err := ParsePeriod(v)
	if err != nil {
		detail := err.Error()
		if d.raw(path) != v {
			detail = "read from the environment" // the expanded value is never shown
		}
		d.errorf(d.at(path), "invalid duration %s for %s (%s); %s", quote(d.raw(path)), path, detail, durationFormat)
		return nil
	}
	return &p
}

// date reads a YYYY-MM-DD date and reports it when it cannot be read.
func (d *fileDecoder) date(path, v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, false
	}
	t, err := ParseDate(v)
	if err != nil {
		d.errorf(d.at(path), "invalid date %s for %s; write it as YYYY-MM-DD, e.g. 2025-09-10", quote(d.raw(path)), path)
		return time.Time{}, false
	}
	return t, true
}

func (d *fileDecoder) country(path, v string) {
	if v != "" && !countryCode.MatchString(v) {
		d.errorf(d.at(path), "invalid country %s for %s; write an ISO 3166 two-letter code in capitals, e.g. NO, SE, US", quote(d.raw(path)), path)
	}
}

// ref reports an id that names nothing defined in the declaration.
func (d *fileDecoder) ref(path, what, id string, defined []string, section string) {
	if slices.Contains(defined, id) {
		return
	}
	have := "none are declared"
	if len(defined) > 0 {
		have = "declared: " + strings.Join(defined, ", ")
	}
	d.errorf(d.keyAt(path), "%s names unknown %s %s; %sdeclare it under %s: in the declaration or fix the id (%s)",
		path, what, quote(d.raw(path)), didYouMean(id, defined), section, have)
}

func (d *fileDecoder) refs(path, what string, ids, defined []string, section string) {
	for i, id := range ids {
		d.ref(fmt.Sprintf("%s[%d]", path, i), what, id, defined, section)
	}
}

// httpURL checks an absolute http(s) URL without credentials. The URL itself is never
// quoted: it may carry a token.
func (d *fileDecoder) httpURL(path, v string) (*url.URL, bool) {
	if d.unresolved[path] {
		return nil, false // an unset ${ENV}, warned about by check
	}
	u, err := url.Parse(v)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
		d.errorf(d.at(path), "%s is not an absolute http or https URL; write it like https://www.example.no/", path)
		return nil, false
	case u.User != nil:
		d.errorf(d.at(path), "%s contains a user name or password; remove them from the URL", path)
		return nil, false
	}
	return u, true
}

// checkDeclaration checks a decoded declaration's values and internal references and fills
// the normalised periods. structOK says the file decoded without problems, so that
// references are judged against complete sections only.
func checkDeclaration(d *fileDecoder, decl *Declaration, structOK bool) {
	d.date(keyPath("statement", "updated"), decl.Statement.Updated)
	switch fy := decl.Controller.FinancialYearEnd; {
	case fy == 0:
		decl.Controller.FinancialYearEnd = 12
	case fy < 1 || fy > 12:
		d.errorf(d.at("controller.financial_year_end"), "controller.financial_year_end %s is not a month; write the number (1-12) of the financial year's last month, e.g. 12 for December", quote(d.raw("controller.financial_year_end")))
	}
	if decl.Statement.URL != "" {
		d.httpURL(keyPath("statement", "url"), decl.Statement.URL)
	}
	if s := decl.Statement.SHA256; s != "" && !sha256Hex.MatchString(s) {
		p := keyPath("statement", "sha256")
		d.errorf(d.at(p), "%s is not a sha256 hex digest; write the 64 hex digits of the published text's sha256, or remove it", p)
	}
	d.checkDataKeys(decl.Categories)
	categories, purposes, retention := slices.Sorted(maps.Keys(decl.Categories)), slices.Sorted(maps.Keys(decl.Purposes)), slices.Sorted(maps.Keys(decl.Retention))
	for _, id := range purposes {
		p := decl.Purposes[id]
		d.enum("purposes."+id+".basis", "basis", p.Basis, bases)
		if structOK {
			d.refs("purposes."+id+".categories", "category", p.Categories, categories, "categories")
		}
	}
	for _, id := range retention {
		r := decl.Retention[id]
		path := "retention." + id
		r.MaxPeriod = d.period(path+".max", r.Max)
		r.MinPeriod = d.period(path+".min", r.Min)
		d.enum(path+".from", "from", r.From, retentionFrom)
		decl.Retention[id] = r
		if structOK {
			d.refs(path+".categories", "category", r.Categories, categories, "categories")
			d.refs(path+".purposes", "purpose", r.Purposes, purposes, "purposes")
		}
	}
	for i, t := range decl.Transfers {
		path := fmt.Sprintf("transfers[%d]", i)
		d.country(path+".country", t.Country)
		d.enum(path+".mechanism", "mechanism", t.Mechanism, transferMechanisms)
	}
	seen := map[string]string{}
	for i, r := range decl.Rights {
		path := fmt.Sprintf("rights[%d]", i)
		valuePath := path
		if d.vals[path+".right"] != nil {
			valuePath = path + ".right"
		}
		d.enum(valuePath, "right", r.Right, rightIDs)
		if first, dup := seen[r.Right]; dup && r.Right != "" {
			d.errorf(d.keyAt(path), "right %s is listed twice (also at %s); remove one", quote(r.Right), first)
		}
		seen[r.Right] = path
	}
	checkCookiePolicy(d, decl, purposes, structOK)
}

func checkCookiePolicy(d *fileDecoder, decl *Declaration, purposes []string, structOK bool) {
	c := &decl.Cookies
	seen := map[string]string{}
	for i, p := range c.Purposes {
		path := itemPath("cookies", "purposes", i)
		idPath := path
		if d.vals[path+".id"] != nil {
			idPath = path + ".id"
		}
		d.enum(idPath, "cookie purpose", p.ID, cookiePurposeIDs)
		d.enum(path+".basis", "basis", p.Basis, bases)
		if first, dup := seen[p.ID]; dup && p.ID != "" {
			d.errorf(d.keyAt(path), "cookie purpose %s is listed twice (also at %s); remove one", quote(p.ID), first)
		}
		seen[p.ID] = path
		if structOK && p.Purpose != "" {
			d.ref(path+".purpose", "purpose", p.Purpose, purposes, "purposes")
		}
	}
	c.MaxPeriod = d.period(keyPath("cookies", "max_lifetime"), c.MaxLifetime)
	for i, k := range c.Known {
		path := itemPath("cookies", "known", i)
		d.enum(path+".purpose", "cookie purpose", k.Purpose, cookiePurposeIDs)
		d.period(path+".lifetime", k.Lifetime)
	}
}

// checkInventory checks vern.yaml's values and returns the site hosts by index.
func checkInventory(d *fileDecoder, inv *Inventory) []string {
	for _, db := range slices.Sorted(maps.Keys(inv.Databases)) {
		base := "databases." + db
		database := inv.Databases[db]
		for _, name := range slices.Sorted(maps.Keys(database.Datasets)) {
			path := base + ".datasets." + name
			schema, table, ok := strings.Cut(name, ".")
			if !ok || schema == "" || table == "" {
				d.errorf(d.keyAt(path), "dataset %s in %s is not schema.table; write the table with its schema, e.g. public.%s", quote(name), base, name)
			}
			ds := database.Datasets[name]
			d.checkSQLExpr(path+".exempt_when", ds.ExemptWhen)
			d.checkSQLExpr(path+".erased_when", ds.ErasedWhen)
			if ds.Subject != nil && strings.TrimSpace(ds.Subject.Key) == "" {
				d.errorf(d.keyAt(path+".subject"), "subject in %s names no key; write the column that identifies the person, e.g. subject: {key: customer_id}", path)
			}
			if ds.Consent != nil {
				ds.Consent.GracePeriod = d.period(path+".consent.grace", ds.Consent.Grace)
			}
		}
		for i, ig := range database.Ignore {
			if _, dup := database.Datasets[ig]; dup {
				p := fmt.Sprintf("%s.ignore[%d]", base, i)
				d.errorf(d.keyAt(p), "%s is both a dataset and ignored in %s; remove it from ignore or from datasets", quote(ig), base)
			}
		}
	}
	hosts := make([]string, len(inv.Sites))
	firstHost := map[string]int{}
	for i, s := range inv.Sites {
		path := fmt.Sprintf("sites[%d]", i)
		if s.URL == "" {
			continue // reported as missing
		}
		u, ok := d.httpURL(path+".url", s.URL)
		if !ok {
			continue
		}
		host := strings.ToLower(u.Host)
		hosts[i] = host
		if j, dup := firstHost[host]; dup {
			d.errorf(d.keyAt(path), "site %s is listed twice (also sites[%d]); merge the entries: one site per host", host, j)
		}
		firstHost[host] = i
		if st := s.Statement; st != "" && !strings.HasPrefix(st, "/") {
			d.httpURL(path+".statement", st)
		}
	}
	if inv.GitHub != nil && inv.GitHub.Repo != "" && !repoName.MatchString(inv.GitHub.Repo) {
		d.errorf(d.at("github.repo"), "github.repo %s is not owner/name; write it like alarmlink/compliance", quote(d.raw("github.repo")))
	}
	return hosts
}

// checkInventoryRefs checks that datasets name declared categories, purposes and retention
// rules.
func checkInventoryRefs(d *fileDecoder, inv *Inventory, decl *Declaration) {
	categories, purposes, retention := slices.Sorted(maps.Keys(decl.Categories)), slices.Sorted(maps.Keys(decl.Purposes)), slices.Sorted(maps.Keys(decl.Retention))
	for _, db := range slices.Sorted(maps.Keys(inv.Databases)) {
		for _, name := range slices.Sorted(maps.Keys(inv.Databases[db].Datasets)) {
			ds := inv.Databases[db].Datasets[name]
			path := "databases." + db + ".datasets." + name
			d.refs(path+".categories", "category", ds.Categories, categories, "categories")
			d.refs(path+".purposes", "purpose", ds.Purposes, purposes, "purposes")
			if ds.Retention != "" {
				d.ref(path+".retention", "retention rule", ds.Retention, retention, "retention")
			}
		}
	}
}

// checkProcessor checks one registry entry's values and sets its default role.
func checkProcessor(d *fileDecoder, p *Processor) {
	if p.Role == "" {
		p.Role = "processor"
	}
	d.enum("role", "role", p.Role, processorRoles)
	d.country("country", p.Country)
	for i, c := range p.DataLocation {
		d.country(fmt.Sprintf("data_location[%d]", i), c)
	}
	if p.Transfer != nil {
		d.country("transfer.country", p.Transfer.Country)
		d.enum("transfer.mechanism", "mechanism", p.Transfer.Mechanism, transferMechanisms)
	}
	if a := p.Agreement; a != nil {
		d.date("agreement.signed", a.Signed)
		d.date("agreement.expires", a.Expires)
	}
	if r := p.Review; r != nil {
		d.date("review.date", r.Date)
		if !sha256Re.MatchString(r.SHA256) {
			d.errorf(d.at("review.sha256"), "review.sha256 %s is not a SHA-256 in hex; copy the document's hash from `vern processors review %s`", quote(r.SHA256), p.ID)
		}
		if strings.TrimSpace(r.By) == "" {
			d.errorf(d.at("review.by"), "review.by is empty; name who reviewed the agreement")
		}
	}
}

var sha256Re = regexp.MustCompile(`^[0-9a-f]{64}$`)

// checkWaivers checks each waiver: its dates, that it lasts at most a year, and that it does
// not try to silence a rule that cannot be waived (custom.unwaivable).
func checkWaivers(d *fileDecoder, ws []Waiver) {
	for i := range ws {
		w := &ws[i]
		path := fmt.Sprintf("waivers[%d]", i)
		if n := d.keyAt(path); n != nil {
			w.Line = n.Line
		}
		d.checkGlob(path+".resource", w.Resource)
		if slices.Contains(d.unwaivable, w.Rule) {
			d.errorf(d.at(path+".rule"), "%s cannot be waived: a target that could not be collected must never pass; fix the collection or remove the target", w.Rule)
		} else {
			d.checkWaiverRule(path+".rule", w.Rule)
		}
		created, okC := d.date(path+".created", w.Created)
		expires, okE := d.date(path+".expires", w.Expires)
		if !okC || !okE {
			continue
		}
		switch {
		case !expires.After(created):
			d.errorf(d.at(path+".expires"), "waiver expires %s, not after it was created %s; set expires after created",
				quote(d.raw(path+".expires")), quote(d.raw(path+".created")))
		case expires.After(created.AddDate(1, 0, 0)):
			d.errorf(d.at(path+".expires"), "waiver expires %s, more than one year after it was created %s; set expires to %s at the latest and review it then",
				quote(d.raw(path+".expires")), quote(d.raw(path+".created")), created.AddDate(1, 0, 0).Format(dateLayout))
		}
	}
}
