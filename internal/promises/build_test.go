package promises

import (
	"slices"
	"testing"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/internal/rights"
)

// testInput is a small declaration with one database, two processors and a site, all
// collected, and the rules' links as the built-in METADATA gives them.
func testInput() Input {
	return Input{
		Declaration: config.Declaration{
			Controller: config.Controller{Name: "Alarmlink AS"},
			Categories: map[string]config.Category{
				"contact":  {Data: []string{"user.contact"}},
				"identity": {Data: []string{"user.government_id"}},
				"payment":  {Data: []string{"user.financial"}},
			},
			Purposes:   map[string]config.Purpose{"marketing": {Basis: "consent"}, "customer_admin": {Basis: "contract"}},
			Retention:  map[string]config.Retention{"inquiries": {Max: "12 months"}, "accounting": {Min: "5 years"}},
			Recipients: []config.Recipient{{Kind: "it_operations"}, {Kind: "public_authority"}},
			Rights:     []config.Right{{Right: "access"}, {Right: "complaint"}},
			Cookies:    config.CookiePolicy{Purposes: []config.CookiePurpose{{ID: "analytics"}, {ID: "functional"}}},
		},
		Inventory: config.Inventory{Databases: map[string]config.Database{"crm": {Datasets: map[string]config.Dataset{
			"public.inquiries":    {Categories: []string{"contact", "identity"}, Purposes: []string{"customer_admin"}, Retention: "inquiries"},
			"public.newsletter":   {Categories: []string{"contact"}, Purposes: []string{"marketing"}},
			"public.credit_check": {Categories: []string{"identity"}, Purposes: []string{"customer_admin"}},
		}}}},
		Processors: map[string]config.Processor{
			"nordlys":   {Kind: "crm", Country: "NO"},
			"mailblast": {Kind: "email_marketing", Country: "US"},
		},
		Targets: []findings.TargetStatus{{Name: "db:crm", Status: "ok"}, {Name: "processors", Status: "ok"},
			{Name: "site:www.alarmlink.no", Status: "partial"}},
		Rules: map[string]findings.Rule{
			"db.retention_exceeded":            {Promises: []string{Retention}},
			"db.consent_missing":               {Promises: []string{Purposes}},
			"db.undeclared_data":               {Promises: []string{Categories}},
			"db.subject_unreachable":           {Promises: []string{Rights}},
			"processor.clause_missing":         {Promises: []string{Recipients}},
			"processor.transfer_unsafeguarded": {Promises: []string{Transfers}},
			"site.statement_link_missing":      {Promises: []string{Statement}},
			"cookies.before_consent":           {Promises: []string{Cookies}},
			"custom.own_rule":                  {Promises: []string{Purposes}},
		},
		KindParents: map[string]string{"crm": "it_operations", "email_marketing": "marketing"},
	}
}

func finding(rule, resource, target string) findings.Finding {
	return findings.Finding{Rule: rule, Resource: resource, Target: target, Severity: "high",
		Fingerprint: findings.Fingerprint(rule, resource)}
}

// statuses and linked maps each promise to its status and to the rules of its findings.
func result(secs []findings.PromiseSection) (map[string]string, map[string][]string, map[string]string) {
	status, linked, section := map[string]string{}, map[string][]string{}, map[string]string{}
	for _, s := range secs {
		for _, p := range s.Promises {
			status[p.Key], section[p.Key] = p.Status, s.Section
			for _, f := range p.Findings {
				linked[p.Key] = append(linked[p.Key], f.Rule)
			}
		}
	}
	return status, linked, section
}

func TestBuild(t *testing.T) {
	t.Parallel()
	waived := finding("processor.clause_missing", "processor://nordlys/clause/h", "processor://nordlys")
	waived.Waiver = &findings.Waiver{Expires: "2099-01-01"}
	kinds := finding("db.undeclared_data", "postgres://crm/public.inquiries/fnr", "postgres://crm/public.inquiries")
	kinds.Details = map[string]any{"kinds": []any{"user.government_id.national_identification_number"}}
	cookie := finding("cookies.before_consent", "site://www.alarmlink.no/cookie/.alarmlink.no/_ga", "site://www.alarmlink.no")
	cookie.Details = map[string]any{"purpose": "analytics"}
	tests := []struct {
		name    string
		finding *findings.Finding
		key     string
		status  string
		rule    string // linked to key; "" when nothing is
		section string
	}{
		{"kept by a collected dataset", nil, "declaration://purposes/marketing", Kept, "", SectionPurposes},
		{"unchecked when no dataset declares it", nil, "declaration://categories/payment", Unchecked, "", SectionCategories},
		{"controller settled by the declaration", nil, "declaration://controller", Kept, "", SectionGeneral},
		{"retention broken through the rule's link", ptr(finding("db.retention_exceeded", "postgres://crm/public.inquiries", "postgres://crm/public.inquiries")),
			"declaration://retention/inquiries", Broken, "db.retention_exceeded", SectionRetention},
		{"retention rule does not break the category", ptr(finding("db.retention_exceeded", "postgres://crm/public.inquiries", "postgres://crm/public.inquiries")),
			"declaration://categories/contact", Kept, "", SectionCategories},
		{"consent breaks the dataset's purpose", ptr(finding("db.consent_missing", "postgres://crm/public.newsletter", "postgres://crm/public.newsletter")),
			"declaration://purposes/marketing", Broken, "db.consent_missing", SectionPurposes},
		{"a user rule's own link", ptr(finding("custom.own_rule", "postgres://crm/public.newsletter", "postgres://crm/public.newsletter")),
			"declaration://purposes/marketing", Broken, "custom.own_rule", SectionPurposes},
		{"kinds narrow the categories: identity", &kinds, "declaration://categories/identity", Broken, "db.undeclared_data", SectionCategories},
		{"kinds narrow the categories: not contact", &kinds, "declaration://categories/contact", Kept, "", SectionCategories},
		{"a rule without links breaks no promise", ptr(finding("db.public_grant", "postgres://crm/public.inquiries", "postgres://crm/public.inquiries")),
			"other://postgres://crm", Undeclared, "db.public_grant", SectionOther},
		{"waived finding on a recipient through the kind tree", &waived, "declaration://recipients/it_operations", BrokenWaived,
			"processor.clause_missing", SectionRecipients},
		{"no declared transfer: the promise of none", ptr(finding("processor.transfer_unsafeguarded", "processor://mailblast", "processor://mailblast")),
			"declaration://transfers", Broken, "processor.transfer_unsafeguarded", SectionTransfers},
		{"statement rule on a page", ptr(finding("site.statement_link_missing", "site://www.alarmlink.no/page/kampanje", "site://www.alarmlink.no")),
			"declaration://statement", Broken, "site.statement_link_missing", SectionGeneral},
		{"cookie names its purpose", &cookie, "declaration://cookies/purposes/analytics", Broken, "cookies.before_consent", SectionCookies},
		{"cookie policy untouched when the purpose is named", &cookie, "declaration://cookies", Kept, "", SectionCookies},
		{"an omitted right is undeclared", ptr(finding("statement.rights_missing", "declaration://rights/restriction", "declaration://rights")),
			"declaration://rights/restriction", Undeclared, "statement.rights_missing", SectionRights},
		{"unreachable subject breaks the schema rights", ptr(finding("db.subject_unreachable", "postgres://crm/public.call_log", "postgres://crm/public.call_log")),
			"declaration://rights/access", Broken, "db.subject_unreachable", SectionRights},
		{"complaint is no schema right", ptr(finding("db.subject_unreachable", "postgres://crm/public.call_log", "postgres://crm/public.call_log")),
			"declaration://rights/complaint", Kept, "", SectionRights},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := testInput()
			if tc.finding != nil {
				in.Findings = []findings.Finding{*tc.finding}
			}
			status, linked, section := result(Build(in))
			if status[tc.key] != tc.status {
				t.Errorf("%s: status %q, want %q", tc.key, status[tc.key], tc.status)
			}
			if section[tc.key] != tc.section {
				t.Errorf("%s: in section %q, want %q", tc.key, section[tc.key], tc.section)
			}
			if got := linked[tc.key]; (tc.rule == "") != (len(got) == 0) || (tc.rule != "" && !slices.Equal(got, []string{tc.rule})) {
				t.Errorf("%s: linked %v, want %q", tc.key, got, tc.rule)
			}
		})
	}
}

func ptr(f findings.Finding) *findings.Finding { return &f }

func TestBuildCoverage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Input)
		key    string
		status string
	}{
		{"collected database keeps its purposes", func(*Input) {}, "declaration://purposes/marketing", Kept},
		{"failed database checks nothing", func(in *Input) { in.Targets[0].Status = "failed" }, "declaration://purposes/marketing", Unchecked},
		{"partial site still checks the statement", func(*Input) {}, "declaration://statement", Kept},
		{"no site: statement unchecked", func(in *Input) { in.Targets = in.Targets[:2] }, "declaration://statement", Unchecked},
		{"no registry: recipients unchecked", func(in *Input) { in.Targets = in.Targets[:1] }, "declaration://recipients/it_operations", Unchecked},
		{"every table reached: access kept", func(in *Input) {
			in.Reach = []*rights.Database{{Name: "crm", Judged: 3, Reachable: 3}}
		}, "declaration://rights/access", Kept},
		{"a table out of reach breaks access without a finding", func(in *Input) {
			in.Reach = []*rights.Database{{Name: "crm", Judged: 3, Reachable: 2}}
		}, "declaration://rights/access", Broken},
		{"reach leaves complaint as stated", func(in *Input) {
			in.Reach = []*rights.Database{{Name: "crm", Judged: 3, Reachable: 2}}
		}, "declaration://rights/complaint", Kept},
		{"no targets: only the declaration's own promises", func(in *Input) { in.Targets = nil }, "declaration://cookies", Unchecked},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := testInput()
			tc.change(&in)
			status, _, _ := result(Build(in))
			if status[tc.key] != tc.status {
				t.Errorf("%s: status %q, want %q", tc.key, status[tc.key], tc.status)
			}
		})
	}
}

func TestBuildShape(t *testing.T) {
	t.Parallel()
	in := testInput()
	in.Reach = []*rights.Database{{Name: "crm", Judged: 3, Reachable: 2}}
	in.Findings = []findings.Finding{
		finding("db.public_grant", "postgres://crm/public.a", "postgres://crm/public.a"),
		finding("db.public_grant", "postgres://crm/public.b", "postgres://crm/public.b"),
	}
	secs := Build(in)
	var order []string
	for _, s := range secs {
		order = append(order, s.Section)
	}
	want := []string{SectionGeneral, SectionCategories, SectionPurposes, SectionRetention, SectionRecipients,
		SectionTransfers, SectionCookies, SectionRights, SectionOther}
	if !slices.Equal(order, want) {
		t.Errorf("sections %v, want %v", order, want)
	}
	other := secs[len(secs)-1].Promises
	if len(other) != 1 || len(other[0].Findings) != 2 {
		t.Errorf("findings tied to no promise: %+v, want one row for the database holding both", other)
	}
	access := secs[7].Promises[0]
	if access.Key != "declaration://rights/access" || !slices.Equal(access.Coverage, []string{"db:crm"}) ||
		len(access.Reach) != 1 || access.Reach[0] != (findings.PromiseReach{Database: "crm", Reachable: 2, Judged: 3}) {
		t.Errorf("access = %+v", access)
	}
	if empty := Build(Input{}); len(empty) != 3 {
		t.Errorf("an empty declaration gives %d sections, want the controller, the promise of no transfers and the cookie policy", len(empty))
	}
}

func TestKindsMatchTheEngine(t *testing.T) {
	t.Parallel()
	for _, k := range []string{Categories, Purposes, Retention, Recipients, Transfers, Cookies, Statement, Rights} {
		if !slices.Contains(findings.PromiseKinds, k) {
			t.Errorf("kind %s is not in findings.PromiseKinds, so no rule could name it", k)
		}
	}
	if len(findings.PromiseKinds) != 8 {
		t.Errorf("findings.PromiseKinds has %d kinds; each needs a link in this package", len(findings.PromiseKinds))
	}
}
