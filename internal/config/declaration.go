// Package config holds vern's input files: the declaration of what the privacy statement
// promises, the inventory of where data lives (vern.yaml), the processor registry and the
// waivers, together with the strict loader that reads them.
package config

// Declaration is declaration.yaml: what the privacy statement promises, and nothing it does
// not say. Gaps are legal findings, never load errors.
type Declaration struct {
	Controller         Controller            `yaml:"controller" json:"controller"`
	Statement          Statement             `yaml:"statement" json:"statement"`
	Categories         map[string]Category   `yaml:"categories" json:"categories"`
	Purposes           map[string]Purpose    `yaml:"purposes" json:"purposes"`
	Retention          map[string]Retention  `yaml:"retention" json:"retention"`
	Recipients         []Recipient           `yaml:"recipients" json:"recipients"`
	Transfers          []Transfer            `yaml:"transfers" json:"transfers"`
	Rights             []Right               `yaml:"rights" json:"rights"`
	Cookies            CookiePolicy          `yaml:"cookies" json:"cookies"`
	AutomatedDecisions *AutomatedDecisions   `yaml:"automated_decisions,omitempty" json:"automated_decisions,omitempty"`
	Requirement        *Requirement          `yaml:"requirement,omitempty" json:"requirement,omitempty"`
	Sources            map[string]SourceText `yaml:"sources,omitempty" json:"sources,omitempty"`
}

// SourceText is a passage of the statement kept for the report without a structured meaning.
type SourceText struct {
	Source string `yaml:"source" json:"source"`
}

// Controller names the data controller and how to reach it (GDPR Art. 13(1)(a)-(b)).
type Controller struct {
	Name  string `yaml:"name" json:"name"`
	OrgNo string `yaml:"org_no,omitempty" json:"org_no,omitempty"`
	// FinancialYearEnd is the last month (1-12) of the controller's financial year, from
	// which bokføringsloven § 13 counts; the loader sets December when it is not given.
	FinancialYearEnd int      `yaml:"financial_year_end,omitempty" json:"financial_year_end"`
	Contact          *Contact `yaml:"contact,omitempty" json:"contact,omitempty"`
	DPO              *Contact `yaml:"dpo,omitempty" json:"dpo,omitempty"`
	Source           string   `yaml:"source,omitempty" json:"source,omitempty"`
}

// Contact is a postal, e-mail or telephone contact published in the statement.
type Contact struct {
	Name    string `yaml:"name,omitempty" json:"name,omitempty"`
	Email   string `yaml:"email,omitempty" json:"email,omitempty"`
	Phone   string `yaml:"phone,omitempty" json:"phone,omitempty"`
	Address string `yaml:"address,omitempty" json:"address,omitempty"`
	Source  string `yaml:"source,omitempty" json:"source,omitempty"`
}

// Statement describes the published statement itself.
type Statement struct {
	URL      string `yaml:"url,omitempty" json:"url,omitempty"`
	Updated  string `yaml:"updated,omitempty" json:"updated,omitempty"`
	Language string `yaml:"language,omitempty" json:"language,omitempty"`
	SHA256   string `yaml:"sha256,omitempty" json:"sha256,omitempty"`
	Scope    string `yaml:"scope,omitempty" json:"scope,omitempty"`
	Source   string `yaml:"source,omitempty" json:"source,omitempty"`
}

// Category is a declared category of personal data, made of Fides data kinds.
type Category struct {
	Title  string   `yaml:"title" json:"title"`
	Data   []string `yaml:"data" json:"data"`
	Source string   `yaml:"source,omitempty" json:"source,omitempty"`
}

// Purpose is a declared purpose of processing with its Art. 6 legal basis.
type Purpose struct {
	Title      string   `yaml:"title" json:"title"`
	Basis      string   `yaml:"basis,omitempty" json:"basis,omitempty"`
	Interest   string   `yaml:"interest,omitempty" json:"interest,omitempty"`
	Categories []string `yaml:"categories,omitempty" json:"categories,omitempty"`
	// Subjects names the categories of data subjects, in the statement's words (customers,
	// applicants, website visitors), when the statement gives them (Art. 30(1)(c)).
	Subjects []string `yaml:"subjects,omitempty" json:"subjects,omitempty"`
	Source   string   `yaml:"source,omitempty" json:"source,omitempty"`
	BasisSrc string   `yaml:"basis_source,omitempty" json:"basis_source,omitempty"`
}

// Retention is a declared retention rule. Durations are written as "12 months", "5 years",
// "30 days"; the loader reads them into calendar periods. A period runs from each row's
// timestamp, or from the end of its financial year when From says end_of_financial_year.
type Retention struct {
	Title      string   `yaml:"title,omitempty" json:"title,omitempty"`
	Categories []string `yaml:"categories,omitempty" json:"categories,omitempty"`
	Purposes   []string `yaml:"purposes,omitempty" json:"purposes,omitempty"`
	Max        string   `yaml:"max,omitempty" json:"max,omitempty"`
	Min        string   `yaml:"min,omitempty" json:"min,omitempty"`
	Until      string   `yaml:"until,omitempty" json:"until,omitempty"`
	AppliesTo  string   `yaml:"applies_to,omitempty" json:"applies_to,omitempty"`
	Action     string   `yaml:"action,omitempty" json:"action,omitempty"`
	From       string   `yaml:"from,omitempty" json:"from,omitempty"`
	Law        string   `yaml:"law,omitempty" json:"law,omitempty"`
	Source     string   `yaml:"source,omitempty" json:"source,omitempty"`
	MaxPeriod  *Period  `yaml:"-" json:"max_period,omitempty"`
	MinPeriod  *Period  `yaml:"-" json:"min_period,omitempty"`
}

// RetentionFromFinancialYearEnd is the value of retention.from that starts the period at
// the end of the financial year of the row's timestamp.
const RetentionFromFinancialYearEnd = "end_of_financial_year"

// Recipient is a declared kind of recipient (a node of the recipient kind tree).
type Recipient struct {
	Kind     string   `yaml:"kind" json:"kind"`
	Examples []string `yaml:"examples,omitempty" json:"examples,omitempty"`
	When     string   `yaml:"when,omitempty" json:"when,omitempty"`
	Source   string   `yaml:"source,omitempty" json:"source,omitempty"`
}

// Transfer is a third country the statement names as a destination of personal data.
type Transfer struct {
	Country   string `yaml:"country" json:"country"`
	Mechanism string `yaml:"mechanism,omitempty" json:"mechanism,omitempty"`
	Source    string `yaml:"source,omitempty" json:"source,omitempty"`
}

// Right is a data subject right the statement tells people about. In YAML it is either a
// bare id (`access`) or a mapping with the statement's words.
type Right struct {
	Right  string `yaml:"right" json:"right"`
	Source string `yaml:"source,omitempty" json:"source,omitempty"`
}

// CookiePolicy is what the statement says about cookies.
type CookiePolicy struct {
	Purposes    []CookiePurpose `yaml:"purposes" json:"purposes"`
	MaxLifetime string          `yaml:"max_lifetime,omitempty" json:"max_lifetime,omitempty"`
	Known       []KnownCookie   `yaml:"known,omitempty" json:"known,omitempty"`
	Source      string          `yaml:"source,omitempty" json:"source,omitempty"`
	MaxPeriod   *Period         `yaml:"-" json:"max_lifetime_period,omitempty"`
}

// CookiePurpose is a declared cookie purpose (necessary, functional, analytics, marketing).
// Its basis is its own when given, else that of the declared purpose of the same id. In YAML
// it is either a bare id or a mapping.
type CookiePurpose struct {
	ID      string `yaml:"id" json:"id"`
	Purpose string `yaml:"purpose,omitempty" json:"purpose,omitempty"`
	Basis   string `yaml:"basis,omitempty" json:"basis,omitempty"`
	Source  string `yaml:"source,omitempty" json:"source,omitempty"`
}

// KnownCookie is a cookie the declaration itself classifies; it wins over the catalog.
type KnownCookie struct {
	Name     string `yaml:"name" json:"name"`
	Domain   string `yaml:"domain,omitempty" json:"domain,omitempty"`
	Prefix   bool   `yaml:"prefix,omitempty" json:"prefix,omitempty"`
	Purpose  string `yaml:"purpose" json:"purpose"`
	Vendor   string `yaml:"vendor,omitempty" json:"vendor,omitempty"`
	Lifetime string `yaml:"lifetime,omitempty" json:"lifetime,omitempty"`
}

// AutomatedDecisions is what the statement says on automated decisions and profiling
// (Art. 13(2)(f)).
type AutomatedDecisions struct {
	Used   bool   `yaml:"used" json:"used"`
	Logic  string `yaml:"logic,omitempty" json:"logic,omitempty"`
	Source string `yaml:"source,omitempty" json:"source,omitempty"`
}

// Requirement is what the statement says on whether giving the data is a statutory or
// contractual requirement and what follows from not giving it (Art. 13(2)(e)).
type Requirement struct {
	Text   string `yaml:"text,omitempty" json:"text,omitempty"`
	Source string `yaml:"source,omitempty" json:"source,omitempty"`
}
