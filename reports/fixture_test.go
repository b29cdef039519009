package reports

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/internal/promises"
)

// Hostile strings as a crawled site or a database catalog could hand them to vern.
const (
	hostileTitle  = `<script>window.__pwned=1;console.error("pwned")</script>Forside`
	hostileCookie = `<img src=x onerror="window.__pwned=2">ck`
	hostileTable  = `public."o'brien ""rows"""`
)

var fixtureNow = time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)

func i64(n int64) *int64 { return &n }

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// fixtureLinks are the custom.promise and custom.ropa of the fixture's rules, as the
// built-in rules' METADATA gives them.
var fixtureLinks = map[string]struct{ promises, ropa []string }{
	"statement.retention_unbounded":    {ropa: []string{"erasure"}},
	"db.retention_exceeded":            {promises: []string{"retention"}, ropa: []string{"erasure"}},
	"db.national_id":                   {promises: []string{"categories"}, ropa: []string{"data", "undeclared"}},
	"db.unmapped_personal_data":        {ropa: []string{"undeclared"}},
	"db.consent_missing":               {promises: []string{"purposes"}},
	"db.undeclared_data":               {promises: []string{"categories"}, ropa: []string{"data", "undeclared"}},
	"db.public_grant":                  {ropa: []string{"security"}},
	"db.subject_unreachable":           {promises: []string{"rights"}},
	"processor.clause_missing":         {promises: []string{"recipients"}, ropa: []string{"processors"}},
	"processor.transfer_unsafeguarded": {promises: []string{"transfers"}, ropa: []string{"transfers"}},
	"cookies.before_consent":           {promises: []string{"cookies"}},
	"cookies.after_reject":             {promises: []string{"cookies"}},
	"site.statement_link_missing":      {promises: []string{"statement"}},
	"collect.partial":                  {promises: []string{"cookies"}},
}

// fixtureKindParents is the part of the recipient kind tree the fixture's processors need.
var fixtureKindParents = map[string]string{"hosting": "it_operations", "crm": "it_operations", "email_marketing": "marketing"}

// judged recomputes the document's promise matrix from the input's evidence and findings,
// as the evaluation does, for tests that change either.
func judged(in *Input) *Input {
	doc := *in.Findings
	doc.Promises = promises.Build(promises.FromEvidence(in.Evidence, &doc, fixtureKindParents))
	out := *in
	out.Findings = &doc
	return &out
}

// fixtureRules is the rule metadata of the fixture, English and Norwegian.
func fixtureRules() map[string]findings.Rule {
	type r struct{ id, sev, kind, title, nbTitle string }
	list := []r{
		{"statement.controller_contact_missing", "medium", "statement", "The statement gives no contact details for the controller", "Erklæringen mangler kontaktopplysninger til behandlingsansvarlig"},
		{"statement.rights_missing", "medium", "statement", "The statement omits a right of the data subject", "Erklæringen utelater en rettighet"},
		{"statement.retention_unbounded", "medium", "statement", "A retention rule has no maximum", "En lagringsregel mangler øvre grense"},
		{"db.retention_exceeded", "high", "drift", "Rows kept past the declared retention", "Rader lagret lenger enn erklært"},
		{"db.national_id", "high", "law", "National identity numbers stored without justification", "Fødselsnummer lagret uten begrunnelse"},
		{"db.unmapped_personal_data", "medium", "drift", "A table holds personal data but is not in the inventory", "En tabell har personopplysninger, men står ikke i oversikten"},
		{"db.consent_missing", "high", "drift", "Rows of a consent-based purpose without consent", "Rader uten samtykke for et samtykkebasert formål"},
		{"processor.clause_missing", "medium", "law", "The data processing agreement lacks an Art. 28(3) element", "Databehandleravtalen mangler et element etter art. 28 nr. 3"},
		{"processor.transfer_unsafeguarded", "high", "law", "Data outside the EEA without safeguards", "Data utenfor EØS uten garantier"},
		{"cookies.before_consent", "high", "law", "Non-essential cookie set before any choice", "Ikke-nødvendig informasjonskapsel satt før valg"},
		{"cookies.after_reject", "critical", "law", "Cookie set after the visitor refused", "Informasjonskapsel satt etter at besøkende avslo"},
		{"site.statement_link_missing", "medium", "drift", "A page does not link to the privacy statement", "En side lenker ikke til personvernerklæringen"},
		{"collect.partial", "medium", "drift", "A target was collected in a reduced mode", "Et mål ble innhentet i redusert modus"},
	}
	out := map[string]findings.Rule{}
	for _, x := range list {
		area := x.id[:indexDot(x.id)]
		out[x.id] = findings.Rule{
			Promises: fixtureLinks[x.id].promises, Ropa: fixtureLinks[x.id].ropa,
			ID: x.id, Title: x.title, Severity: findings.Severity(x.sev), Kind: x.kind, Area: area, Builtin: true,
			Description: "What " + x.id + " checks and why the law requires it.",
			Legal:       []string{"GDPR Art. 5(1)", "GDPR Art. 13"},
			Remediation: "Fix " + x.id + " at its source.",
			Links:       []findings.Link{{Ref: "https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13", Description: "GDPR Article 13"}},
			NB: &findings.Text{Title: x.nbTitle, Description: "Hva " + x.id + " kontrollerer og hvorfor loven krever det.",
				Remediation: "Rett " + x.id + " ved kilden."},
		}
	}
	return out
}

func indexDot(s string) int {
	for i := range s {
		if s[i] == '.' {
			return i
		}
	}
	return len(s)
}

func fixtureFinding(rules map[string]findings.Rule, id, resource, target, msg, msgNB string, count *int64, loc *findings.Location) findings.Finding {
	r := rules[id]
	return findings.Finding{
		Rule: id, Title: r.Title, Severity: r.Severity, Kind: r.Kind, Area: r.Area, Resource: resource, Target: target,
		Message: msg, MessageNB: msgNB, Count: count, Legal: r.Legal, Remediation: r.Remediation,
		Fingerprint: findings.Fingerprint(id, resource), Location: loc,
	}
}

// fixtureDocument is a findings document touching every area, with a waived finding, counts,
// locations and hostile names.
func fixtureDocument() *findings.Document {
	rules := fixtureRules()
	loc := func(file string, line int) *findings.Location { return &findings.Location{File: file, Line: line} }
	fs := []findings.Finding{
		fixtureFinding(rules, "statement.rights_missing", "declaration://rights/restriction", "declaration://rights",
			"The statement does not mention the right to restriction of processing.", "Erklæringen nevner ikke retten til begrensning av behandling.", nil, loc("declaration.yaml", 40)),
		fixtureFinding(rules, "statement.retention_unbounded", "declaration://retention/accounting", "declaration://retention/accounting",
			"Retention rule accounting has a minimum (5 years) but no maximum.", "Lagringsregelen accounting har et minimum (5 år), men ikke noe maksimum.", nil, loc("declaration.yaml", 31)),
		fixtureFinding(rules, "db.retention_exceeded", "postgres://crm/public.inquiries", "postgres://crm/public.inquiries",
			"1 204 rows of public.inquiries are older than 12 months and neither exempt nor erased.", "1 204 rader i public.inquiries er eldre enn 12 måneder og verken unntatt eller slettet.", i64(1204), loc("vern.yaml", 9)),
		fixtureFinding(rules, "db.consent_missing", "postgres://crm/public.newsletter_subscribers", "postgres://crm/public.newsletter_subscribers",
			"37 rows of public.newsletter_subscribers have no consent recorded.", "37 rader i public.newsletter_subscribers mangler registrert samtykke.", i64(37), loc("vern.yaml", 16)),
		fixtureFinding(rules, "db.national_id", "postgres://crm/public.credit_checks/fnr", "postgres://crm/public.credit_checks",
			"Column fnr holds national identity numbers.", "Kolonnen fnr inneholder fødselsnummer.", i64(88), loc("vern.yaml", 22)),
		fixtureFinding(rules, "db.unmapped_personal_data", "postgres://crm/"+hostileTable, "postgres://crm/"+hostileTable,
			"Table "+hostileTable+" holds personal data (user.contact.email) but is neither a dataset nor ignored.",
			"Tabellen "+hostileTable+" har personopplysninger (user.contact.email), men er verken datasett eller ignorert.", nil, loc("vern.yaml", 4)),
		fixtureFinding(rules, "processor.clause_missing", "processor://nordlys-crm/clause/h", "processor://nordlys-crm",
			"The agreement with Nordlys CRM AS lacks Art. 28(3)(h) (audits and inspections).", "Avtalen med Nordlys CRM AS mangler art. 28 nr. 3 bokstav h (revisjon og inspeksjon).", nil, loc("processors/nordlys-crm.yaml", 1)),
		fixtureFinding(rules, "processor.transfer_unsafeguarded", "processor://mailblast", "processor://mailblast",
			"Mailblast Inc stores data in US with no safeguard.", "Mailblast Inc lagrer data i US uten garantier.", nil, loc("processors/mailblast.yaml", 4)),
		fixtureFinding(rules, "cookies.before_consent", "site://www.alarmlink.no/cookie/.alarmlink.no/"+hostileCookie, "site://www.alarmlink.no",
			"Cookie "+hostileCookie+" (analytics) was set before any choice.", "Informasjonskapselen "+hostileCookie+" (analyse) ble satt før noe valg.", nil, loc("vern.yaml", 30)),
		fixtureFinding(rules, "cookies.after_reject", "site://www.alarmlink.no/cookie/.alarmlink.no/_ga", "site://www.alarmlink.no",
			"Cookie _ga (analytics) was written after the visitor refused.", "Informasjonskapselen _ga (analyse) ble skrevet etter at besøkende avslo.", nil, loc("vern.yaml", 30)),
		fixtureFinding(rules, "site.statement_link_missing", "site://www.alarmlink.no/page/kampanje", "site://www.alarmlink.no",
			"Page /kampanje has no link to the privacy statement.", "Siden /kampanje lenker ikke til personvernerklæringen.", nil, loc("vern.yaml", 30)),
		fixtureFinding(rules, "collect.partial", "target://site:shop.alarmlink.no", "site:shop.alarmlink.no",
			"site:shop.alarmlink.no was collected without a browser.", "site:shop.alarmlink.no ble innhentet uten nettleser.", nil, nil),
	}
	fs[0].Details = map[string]any{"right": "restriction"}
	fs[8].Details = map[string]any{"purpose": "analytics", "cookie": hostileCookie}
	fs[9].Details = map[string]any{"purpose": "analytics"}
	// An accepted risk: waived, still shown everywhere.
	fs[6].Waiver = &findings.Waiver{Justification: "New agreement with audit clause is being signed", ApprovedBy: "DPO Kari <dpo>",
		Created: "2026-10-01", Expires: "2026-12-10", Resource: "processor://nordlys-crm/*", Expiring: true}
	findings.Sort(fs)
	targets := []findings.TargetStatus{
		{Name: "db:crm", Kind: "postgres", Status: "ok"},
		{Name: "processors", Kind: "processors", Status: "ok"},
		{Name: "site:shop.alarmlink.no", Kind: "site", Status: "partial", Reason: "collected with --browser none", Fix: "run with Chromium"},
		{Name: "site:www.alarmlink.no", Kind: "site", Status: "ok"},
	}
	doc := &findings.Document{
		VernVersion: "0.9.0-test",
		EvaluatedAt: fixtureNow,
		CollectedAt: fixtureNow.Add(-10 * time.Minute),
		Hashes: map[string]string{
			"evidence":    "9f2c1e0b7a6d5c4b3a29181716151413121110f0e0d0c0b0a09080706050403",
			"declaration": "aa11bb22cc33dd44ee55ff6600778899aabbccddeeff00112233445566778899",
			"rules":       "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		},
		Findings: fs,
		Rules:    fixtureRules(),
		Targets:  targets,
	}
	doc.WaiverNotices = []findings.WaiverNote{{Waiver: 1, Rule: "processor.clause_missing", Resource: "processor://nordlys-crm/*",
		Line: 3, Note: findings.WaiverExpiring, Expires: "2026-12-10"}}
	doc.WaiverNotes = findings.WaiverNoteTexts(doc.WaiverNotices)
	doc.Gate = findings.Judge(fs, targets, "high")
	doc.Summary = findings.Summarise(fs)
	return doc
}

// fixturePrevious is the previous run: one finding since resolved, most still open.
func fixturePrevious() *findings.Document {
	cur := fixtureDocument()
	prev := *cur
	prev.EvaluatedAt = fixtureNow.Add(-24 * time.Hour)
	var fs []findings.Finding
	for _, f := range cur.Findings {
		if f.Rule == "cookies.after_reject" || f.Rule == "db.unmapped_personal_data" {
			continue // new in this run
		}
		fs = append(fs, f)
	}
	rules := fixtureRules()
	fs = append(fs, fixtureFinding(rules, "statement.controller_contact_missing", "declaration://controller", "declaration://controller",
		"No contact.", "Ingen kontakt.", nil, nil))
	prev.Findings = fs
	return &prev
}

// fixtureEvidence is the evidence the fixture's findings came from.
func fixtureEvidence() *evidence.Evidence {
	decl := config.Declaration{
		Controller: config.Controller{Name: "Alarmlink AS", Contact: &config.Contact{Email: "personvern@alarmlink.no"},
			Source: "Alarmlink AS er behandlingsansvarlig for behandlingen av personopplysninger."},
		Statement: config.Statement{URL: "https://www.alarmlink.no/personvern", Updated: "2025-09-10", Language: "nb"},
		Categories: map[string]config.Category{
			"contact":  {Title: "Kontaktinformasjon", Data: []string{"user.contact.email", "user.contact.phone_number"}, Source: "Kontaktinformasjon: adresse, telefonnummer, e-postadresse."},
			"identity": {Title: "Identitet", Data: []string{"user.government_id.national_identification_number"}},
			"payment":  {Title: "Betaling", Data: []string{"user.financial"}},
		},
		Purposes: map[string]config.Purpose{
			"customer_admin": {Title: "Kundeadministrasjon", Basis: "contract", Categories: []string{"contact"}, Source: "For å administrere kundeforholdet."},
			"marketing":      {Title: "Markedsføring", Basis: "consent", Categories: []string{"contact"}, Source: "Vi sender nyhetsbrev når du har samtykket."},
			"credit":         {Title: "Kredittvurdering", Basis: "legitimate_interest", Interest: "sikre betaling", Categories: []string{"identity"}},
		},
		Retention: map[string]config.Retention{
			"inquiries":  {Categories: []string{"contact"}, Max: "12 months", AppliesTo: "non-customers", Source: "Henvendelser slettes etter 12 måneder."},
			"accounting": {Categories: []string{"payment"}, Min: "5 years", Law: "bokføringsloven"},
			"marketing":  {Purposes: []string{"marketing"}, Until: "consent_withdrawn"},
		},
		Recipients: []config.Recipient{{Kind: "it_operations", Examples: []string{"hosting", "crm"}, Source: "Leverandører av IT-drift."},
			{Kind: "public_authority", When: "legal_obligation"}},
		Rights: []config.Right{{Right: "access", Source: "Du har rett til innsyn."}, {Right: "erasure"}, {Right: "complaint"}},
		Cookies: config.CookiePolicy{Purposes: []config.CookiePurpose{{ID: "analytics", Basis: "consent"}, {ID: "functional"}},
			MaxLifetime: "13 months", Known: []config.KnownCookie{{Name: "_ga", Purpose: "analytics", Vendor: "google"}}},
	}
	inv := config.Inventory{
		Declaration: "declaration.yaml",
		Databases: map[string]config.Database{"crm": {Datasets: map[string]config.Dataset{
			"public.inquiries":              {Categories: []string{"contact"}, Purposes: []string{"customer_admin"}, Retention: "inquiries"},
			"public.newsletter_subscribers": {Categories: []string{"contact"}, Purposes: []string{"marketing"}, Retention: "marketing"},
			"public.credit_checks":          {Categories: []string{"identity"}, Purposes: []string{"credit"}},
		}, Ignore: []string{"public.products"}},
			"archive": {}},
		Sites: []config.Site{{URL: "https://www.alarmlink.no/"}, {URL: "https://shop.alarmlink.no/"}},
	}
	procs := map[string]config.Processor{
		"nordlys-crm": {ID: "nordlys-crm", Name: "Nordlys CRM AS", Kind: "crm", Role: "processor", Country: "NO"},
		"mailblast":   {ID: "mailblast", Name: "Mailblast Inc", Kind: "email_marketing", Role: "processor", Country: "US", DataLocation: []string{"US"}},
	}
	db := evidence.Database{Name: "crm", ServerVersion: "15.8", Database: "crm", User: "vern_reader", SampleRows: 1000, Threshold: 0.8,
		Schemas: []string{"public"},
		Tables: map[string]*evidence.Table{
			"public.inquiries": {Schema: "public", Name: "inquiries", Kind: "table", RowEstimate: 5120, Sampled: 1000,
				Columns: map[string]*evidence.Column{"email": {Name: "email", Type: "text"}, "created_at": {Name: "created_at", Type: "timestamptz"}}},
			"public.credit_checks": {Schema: "public", Name: "credit_checks", Kind: "table", RowEstimate: 88, Sampled: 88,
				Columns: map[string]*evidence.Column{"fnr": {Name: "fnr", Type: "text"}}},
			hostileTable: {Schema: "public", Name: `o'brien "rows"`, Kind: "table", RowEstimate: 12, PublicSelect: true,
				Columns: map[string]*evidence.Column{"mail": {Name: "mail", Type: "text"}}},
			"public.products": {Schema: "public", Name: "products", Kind: "table", RowEstimate: 300,
				Columns: map[string]*evidence.Column{"sku": {Name: "sku", Type: "text"}}},
		},
		Personal: map[string]map[string][]string{
			"public.inquiries":     {"email": {"user.contact.email"}},
			"public.credit_checks": {"fnr": {"user.government_id.national_identification_number"}},
			hostileTable:           {"mail": {"user.contact.email"}},
		},
		Datasets: map[string]*evidence.DatasetMeasure{
			"public.inquiries": {Table: "public.inquiries", Exists: true, Retention: &evidence.RetentionMeasure{Max: "12 months", Timestamp: "created_at", Expired: 1204, OldestDays: 900}},
		},
	}
	pr := evidence.Processors{Detector: "clauses/v1", Processors: map[string]evidence.ProcessorRecord{
		"nordlys-crm": {Role: "processor", Document: evidence.Document{Path: "processors/nordlys-crm-databehandleravtale.md", Status: evidence.DocumentFound, Format: "md", Pages: 1,
			SHA256: "4b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c"},
			Signed: "2024-03-01", Expires: "2027-03-01", DatesFrom: "registry",
			Standard: &evidence.StandardText{ID: "eu-2021-915", Name: "Standard contractual clauses between controllers and processors, Commission Implementing Decision (EU) 2021/915",
				Matched: 41, Total: 57, Departures: []string{"Clause 7.7", "Clause 9"}},
			Review: &evidence.Review{By: "Kari Nordmann", Date: "2026-09-14", SHA256: "4b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c",
				Disagreements: []string{"e"}},
			Elements: map[string]evidence.Element{
				"subject_matter": {Found: true, Page: 1, Line: 4, Excerpt: "Avtalen gjelder behandling av kundedata", Status: evidence.ElementFound},
				"a": {Found: true, Page: 1, Line: 12, Excerpt: "kun etter dokumenterte instrukser", Status: evidence.ElementConfirmed,
					Review: &evidence.ElementReview{By: "Kari Nordmann", Date: "2026-09-14", Anchor: "3. Instrukser", Agrees: true,
						Location: &evidence.Location{Page: 1, Line: 11}}},
				"c": {Found: true, Page: 1, Line: 20, Excerpt: "Databehandleren skal iverksette tiltak etter art. 32", Status: evidence.ElementConflict,
					Conflict: &evidence.Location{Document: "processors/nordlys-crm-vedlegg-2.md", Page: 1, Line: 7, Excerpt: "Databehandleren er ikke ansvarlig for sikkerhetstiltak"}},
				"data_types": {Found: false, Page: 1, Line: 9, Excerpt: "Opplysningstypene fremgår av vedlegg 1", Status: evidence.ElementReferenced},
				"e": {Found: true, Page: 1, Line: 24, Excerpt: "bistå behandlingsansvarlige med de registrertes rettigheter", Status: evidence.ElementFound,
					Review: &evidence.ElementReview{By: "Kari Nordmann", Date: "2026-09-14", Anchor: "7. Rettigheter", Agrees: false,
						Location: &evidence.Location{Page: 1, Line: 30}}},
				"h": {Found: false, Status: evidence.ElementMissing},
			}},
		"mailblast": {Role: "processor", Document: evidence.Document{Status: evidence.DocumentMissing, Reason: "no agreement document named"}},
	}}
	site := evidence.Site{URL: "https://www.alarmlink.no/", Host: "www.alarmlink.no", Hosts: []string{"www.alarmlink.no"}, Mode: "browser",
		Browser:  &evidence.SiteBrowser{Name: "Chromium", Version: "130", Sandbox: true, User: "vern", Locale: "nb-NO", TimeZone: "Europe/Oslo"},
		MaxPages: 50,
		Pages: []evidence.SitePage{{Path: "/", Title: hostileTitle, Status: 200, LinksStatement: true},
			{Path: "/kampanje", Title: "Kampanje", Status: 200}},
		Statement: evidence.SiteStatement{Path: "/personvern", Reachable: true, Status: 200, Updated: "2025-09-10"},
		Consent:   evidence.SiteConsent{Checked: true, Platform: "cookiebot", Method: "platform", Accept: true, Reject: true},
		Phases:    map[string]evidence.SitePhase{"before": {Pages: 2}, "reject": {Pages: 2, Choice: "reject"}, "accept": {Pages: 2, Choice: "accept"}},
		Cookies: []evidence.SiteCookie{
			{Name: "_ga", Domain: ".alarmlink.no", Party: "first", LifetimeDays: 400, Purpose: "analytics", Source: "declaration", Vendor: "google",
				Phases: map[string]evidence.SiteCookiePhase{"reject": {FirstSeen: "/", AfterChoice: true}, "accept": {FirstSeen: "/", AfterChoice: true}}},
			{Name: hostileCookie, Domain: ".alarmlink.no", Party: "first", LifetimeDays: 30, Purpose: "analytics", Source: "catalog",
				Phases: map[string]evidence.SiteCookiePhase{"before": {FirstSeen: "/", BeforeChoice: true}}},
		},
		Requests: []evidence.SiteRequest{{Host: "www.google-analytics.com", Vendor: "google", Category: "analytics",
			Phases: map[string]evidence.SiteRequestPhase{"accept": {Count: 3}}}},
		Catalog: evidence.SiteCatalog{Name: "Open Cookie Database", Version: "2026-10", Entries: 2000, Credit: "Apache-2.0"},
	}
	started := fixtureNow.Add(-15 * time.Minute)
	ev := &evidence.Evidence{
		SchemaVersion: evidence.SchemaVersion, VernVersion: "0.9.0-test", StartedAt: started, CollectedAt: fixtureNow.Add(-10 * time.Minute),
		Declaration: decl, Inventory: inv, Processors: procs,
		Locations: map[string]config.Location{"postgres://crm/public.inquiries": {File: "vern.yaml", Line: 9}},
		Hashes:    map[string]string{"declaration": "aa11bb22cc33dd44ee55ff6600778899aabbccddeeff00112233445566778899"},
		Targets: map[string]*evidence.Target{
			"db:crm":                 {Name: "db:crm", Kind: "postgres", Status: evidence.StatusOK, StartedAt: started, FinishedAt: started.Add(time.Minute), Data: mustJSON(db)},
			"processors":             {Name: "processors", Kind: "processors", Status: evidence.StatusOK, StartedAt: started, FinishedAt: started.Add(time.Second), Data: mustJSON(pr)},
			"site:www.alarmlink.no":  {Name: "site:www.alarmlink.no", Kind: "site", Status: evidence.StatusOK, StartedAt: started, FinishedAt: started.Add(2 * time.Minute), Data: mustJSON(site)},
			"site:shop.alarmlink.no": {Name: "site:shop.alarmlink.no", Kind: "site", Status: evidence.StatusPartial, Reason: "collected with --browser none", Data: json.RawMessage(`{"future_field":[1,2,3],"mode":"http"}`)},
		},
	}
	if err := ev.Seal(); err != nil {
		panic(fmt.Sprintf("seal fixture: %v", err))
	}
	return ev
}

// fixtureInput is the full input in a language.
func fixtureInput(lang string) *Input {
	return judged(&Input{Findings: fixtureDocument(), Evidence: fixtureEvidence(), Previous: fixturePrevious(), Lang: lang,
		ReportURL: "https://example.org/vern/report.html"})
}
