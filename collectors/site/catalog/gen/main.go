// Command gen builds vern's cookie catalog (catalog.json) from the Open Cookie Database
// (Apache-2.0): it keeps the facts (name, vendor domain, category, retention, controller),
// normalises categories to vern's four purposes and lifetimes to days, applies vern's own
// list of strictly necessary cookies and drops the database's descriptions.
//
//	go run ./collectors/site/catalog/gen -in ../shared/reference/open-cookie-database.csv -out collectors/site/catalog/catalog.json
package main

import (
	"github.com/alarmlink/vern/collectors/site/catalog"

	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// entry is a catalog entry, the type the catalog package reads back.
type entry = catalog.Entry

type document struct {
	Name    string  `json:"name"`
	Version string  `json:"version"`
	Source  string  `json:"source"`
	Licence string  `json:"licence"`
	Credit  string  `json:"credit"`
	Entries []entry `json:"entries"`
}

// necessary is vern's curated list of strictly necessary cookies: sessions, load balancers,
// security and the consent platforms' own records of the choice. The database files most of
// them under "Functional" together with trackers, so its category cannot tell them apart.
var necessary = []entry{
	{Name: "PHPSESSID", Role: "session"}, {Name: "JSESSIONID", Role: "session"},
	{Name: "ASP.NET_SessionId", Role: "session"}, {Name: "ASPSESSIONID", Prefix: true, Role: "session"},
	{Name: ".AspNetCore.Session", Role: "session"}, {Name: "connect.sid", Role: "session"},
	{Name: "laravel_session", Role: "session"}, {Name: "ci_session", Role: "session"},
	{Name: "sessionid", Role: "session"}, {Name: "session", Role: "session"},
	{Name: "_session_id", Role: "session"}, {Name: "SESS", Prefix: true, Role: "session"},
	{Name: "SSESS", Prefix: true, Role: "session"}, {Name: "wordpress_logged_in_", Prefix: true, Role: "session"},
	{Name: "wordpress_sec_", Prefix: true, Role: "session"}, {Name: "CFID", Role: "session"},
	{Name: "CFTOKEN", Role: "session"},
	{Name: "XSRF-TOKEN", Role: "security"}, {Name: "csrftoken", Role: "security"},
	{Name: "_csrf", Role: "security"}, {Name: "__RequestVerificationToken", Role: "security"},
	{Name: ".AspNetCore.Antiforgery.", Prefix: true, Role: "security"},
	{Name: "__cf_bm", Role: "security"}, {Name: "cf_clearance", Role: "security"},
	{Name: "__cfruid", Role: "security"}, {Name: "_cfuvid", Role: "security"},
	{Name: "ARRAffinity", Role: "load_balancer"}, {Name: "ARRAffinitySameSite", Role: "load_balancer"},
	{Name: "AWSALB", Role: "load_balancer"}, {Name: "AWSALBCORS", Role: "load_balancer"},
	{Name: "AWSELB", Role: "load_balancer"}, {Name: "BIGipServer", Prefix: true, Role: "load_balancer"},
	{Name: "SERVERID", Role: "load_balancer"},
	{Name: "CookieConsent", Role: "consent", Vendor: "cookiebot"},
	{Name: "OptanonConsent", Role: "consent", Vendor: "onetrust"},
	{Name: "OptanonAlertBoxClosed", Role: "consent", Vendor: "onetrust"},
	{Name: "cookieyes-consent", Role: "consent", Vendor: "cookieyes"},
	{Name: "CookieInformationConsent", Role: "consent", Vendor: "cookieinformation"},
	{Name: "uc_settings", Role: "consent", Vendor: "usercentrics"},
	{Name: "uc_user_interaction", Role: "consent", Vendor: "usercentrics"},
	{Name: "didomi_token", Role: "consent", Vendor: "didomi"},
	{Name: "euconsent-v2", Role: "consent"},
	{Name: "cmplz_", Prefix: true, Role: "consent", Vendor: "complianz"},
	{Name: "cookielawinfo-checkbox-", Prefix: true, Role: "consent"},
	{Name: "viewed_cookie_policy", Role: "consent"},
	{Name: "borlabs-cookie", Role: "consent"},
	// Open-source consent libraries' records of the choice.
	{Name: "cc_cookie", Role: "consent", Platform: "vanilla-cookieconsent"},
	{Name: "klaro", Role: "consent", Platform: "Klaro"},
	{Name: "tarteaucitron", Role: "consent", Platform: "tarteaucitron"},
	{Name: "cookieconsent_status", Role: "consent", Platform: "Osano cookieconsent"},
	{Name: "hasConsent", Role: "consent", Platform: "Cookies EU banner"},
	{Name: "CookieScriptConsent", Role: "consent", Platform: "Cookie Script"},
	{Name: "cookiefirst-consent", Role: "consent", Platform: "CookieFirst"},
	{Name: "axeptio_cookies", Role: "consent", Platform: "Axeptio"},
	{Name: "axeptio_authorized_vendors", Role: "consent", Platform: "Axeptio"},
	{Name: "axeptio_all_vendors", Role: "consent", Platform: "Axeptio"},
	{Name: "_iub_cs-", Prefix: true, Role: "consent", Platform: "Iubenda"},
	{Name: "CookieConsentBulkSetting-", Prefix: true, Role: "consent", Platform: "Cookiebot"},
	{Name: "notice_preferences", Role: "consent", Platform: "TrustArc"},
	{Name: "notice_gdpr_prefs", Role: "consent", Platform: "TrustArc"},
	{Name: "cmapi_cookie_privacy", Role: "consent", Platform: "TrustArc"},
	{Name: "__cmpconsentx", Prefix: true, Role: "consent", Platform: "consentmanager"},
	{Name: "__cmpcccx", Prefix: true, Role: "consent", Platform: "consentmanager"},
	{Name: "consentUUID", Role: "consent", Platform: "Sourcepoint"},
	{Name: "termly-consent-preferences", Role: "consent", Platform: "Termly"},
}

// consentPlatforms are the Open Cookie Database's platforms that are consent platforms:
// their entries that record the visitor's choice are strictly necessary (Art. 29 WP
// Opinion 04/2012, the "user-input" exemption).
var consentPlatforms = map[string]bool{
	"cookie law info": true, "cookieyes": true, "complianz": true, "cookiebot": true, "onetrust": true,
	"osano": true, "consentmanager.net": true, "termly": true, "qookieqloud": true, "cookieconsent.io": true,
	"didomi": true, "axeptio": true, "cookie first": true, "iubenda": true, "borlabs": true, "cookie script": true,
	"privacypillar": true, "usercentrics": true, "cookie information": true, "trustarc": true, "sourcepoint": true,
	"quantcast": true, "klaro": true, "termsfeed": true, "cookiehub": true, "civic": true,
}

// choiceWords are the words of a description that says an entry records the choice.
var choiceWords = regexp.MustCompile(`(?i)consent|preference|choice|banner|cookie settings|opt[- ]?(in|out)`)

// analyticsVendors are vendors whose cookies the database files as "Functional" although
// they measure behaviour.
var analyticsVendors = map[string]bool{"hotjar": true, "crazyegg": true, "contentsquare": true, "mouseflow": true}

var vendorIDs = map[string]string{
	"facebook": "meta", "meta": "meta", "meta platforms": "meta", "twitter": "x", "x": "x",
	"bytedance": "tiktok", "tiktok": "tiktok", "crazy egg": "crazyegg",
}

func main() {
	in := flag.String("in", "../shared/reference/open-cookie-database.csv", "Open Cookie Database CSV")
	out := flag.String("out", "collectors/site/catalog/catalog.json", "catalog to write")
	version := flag.String("version", "open-cookie-database 2025", "version of the source recorded in the catalog")
	flag.Parse()
	if err := run(*in, *out, *version); err != nil {
		log.Fatal(err)
	}
}

func run(in, out, version string) error {
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("read database: %w", err)
	}
	defer func() { _ = f.Close() }()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return fmt.Errorf("read database %s: %w", in, err)
	}
	if len(rows) < 2 {
		return fmt.Errorf("read database %s: no rows", in)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, want := range []string{"Platform", "Category", "Description", "Cookie / Data Key name", "Domain", "Retention period", "Data Controller", "Wildcard match"} {
		if _, ok := col[want]; !ok {
			return fmt.Errorf("read database %s: no column %q", in, want)
		}
	}
	curated := map[string]bool{}
	for _, e := range necessary {
		curated[e.Name] = true
	}
	seen := map[string]bool{}
	entries := append([]entry(nil), necessary...)
	for i := range entries {
		entries[i].Purpose = "necessary"
	}
	for _, r := range rows[1:] {
		name := strings.TrimSpace(r[col["Cookie / Data Key name"]])
		if name == "" || curated[name] {
			continue
		}
		e := entry{
			Name:         name,
			Prefix:       strings.TrimSpace(r[col["Wildcard match"]]) == "1",
			Domain:       domain(r[col["Domain"]]),
			Vendor:       vendor(r[col["Data Controller"]]),
			Platform:     strings.TrimSpace(r[col["Platform"]]),
			LifetimeDays: lifetime(r[col["Retention period"]]),
		}
		e.Purpose = purpose(r[col["Category"]], e.Vendor)
		if consentPlatforms[strings.ToLower(strings.TrimSpace(e.Platform))] && choiceWords.MatchString(r[col["Description"]]) &&
			e.Purpose != "marketing" && e.Purpose != "analytics" {
			e.Purpose, e.Role = "necessary", "consent"
		}
		key := e.Name + "|" + e.Domain
		if seen[key] {
			continue
		}
		seen[key] = true
		entries = append(entries, e)
	}
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].Name != entries[j].Name {
			return entries[i].Name < entries[j].Name
		}
		return entries[i].Domain < entries[j].Domain
	})
	doc := document{
		Name:    "vern cookie catalog",
		Version: version,
		Source:  "Open Cookie Database (github.com/jkwakman/Open-Cookie-Database)",
		Licence: "Apache-2.0",
		Credit: "Cookie facts (names, vendors, domains, categories, retention) from the Open Cookie Database " +
			"by Jaap Kwakman and contributors, Apache License 2.0; normalised and curated by vern.",
		Entries: entries,
	}
	b, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(b, '\n'), 0o644)
}

func purpose(category, vendor string) string {
	switch strings.ToLower(strings.TrimSpace(category)) {
	case "necessary", "security":
		return "necessary"
	case "analytics":
		return "analytics"
	case "marketing":
		return "marketing"
	default:
		if analyticsVendors[vendor] {
			return "analytics"
		}
		return "functional"
	}
}

func domain(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSpace(strings.TrimSuffix(s, "(3rd party)"))
	s = strings.TrimPrefix(s, "*.")
	s = strings.TrimPrefix(s, ".")
	if strings.ContainsAny(s, " ,/") {
		return ""
	}
	return s
}

var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

func vendor(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if id, ok := vendorIDs[s]; ok {
		return id
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, ".com"), " inc.")
	return nonAlnum.ReplaceAllString(s, "")
}

var spans = regexp.MustCompile(`(\d+(?:[.,]\d+)?)\s*(minute|min|hour|day|week|month|year)`)

// lifetime turns the database's free text into whole days (rounded up): 0 for a session
// cookie, -1 when it does not say; with a range ("60 days till 3650 days") the longest.
func lifetime(s string) int {
	t := strings.ToLower(s)
	if strings.Contains(t, "session") {
		return 0
	}
	if strings.Contains(t, "forever") || strings.Contains(t, "persistent") {
		return 3650
	}
	best := -1.0
	for _, m := range spans.FindAllStringSubmatch(t, -1) {
		n, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", "."), 64)
		if err != nil {
			continue
		}
		per := map[string]float64{"minute": 1.0 / 1440, "min": 1.0 / 1440, "hour": 1.0 / 24, "day": 1, "week": 7, "month": 30.44, "year": 365}[m[2]]
		if d := n * per; d > best {
			best = d
		}
	}
	if best < 0 {
		return -1
	}
	return int(math.Ceil(best - 1e-9))
}
