package config

// Inventory is vern.yaml: where the data lives and how to reach it. Secrets come only
// through ${ENV} and are never printed.
type Inventory struct {
	Declaration string              `yaml:"declaration" json:"declaration"`
	Databases   map[string]Database `yaml:"databases,omitempty" json:"databases,omitempty"`
	Processors  string              `yaml:"processors,omitempty" json:"processors,omitempty"`
	Sites       []Site              `yaml:"sites,omitempty" json:"sites,omitempty"`
	Waivers     string              `yaml:"waivers,omitempty" json:"waivers,omitempty"`
	GitHub      *GitHub             `yaml:"github,omitempty" json:"github,omitempty"`
}

// Database is one PostgreSQL database and the datasets it holds.
type Database struct {
	// DSN is secret: it is redacted in the evidence and never logged.
	DSN              string             `yaml:"dsn" json:"-"`
	Datasets         map[string]Dataset `yaml:"datasets,omitempty" json:"datasets,omitempty"`
	Ignore           []string           `yaml:"ignore,omitempty" json:"ignore,omitempty"`
	Schemas          []string           `yaml:"schemas,omitempty" json:"schemas,omitempty"`
	SampleRows       int                `yaml:"sample_rows,omitempty" json:"sample_rows,omitempty"`
	StatementTimeout string             `yaml:"statement_timeout,omitempty" json:"statement_timeout,omitempty"`
	LockTimeout      string             `yaml:"lock_timeout,omitempty" json:"lock_timeout,omitempty"`
}

// Dataset maps one table to the declaration: its categories, purposes and retention rule,
// and the SQL predicates the retention and consent checks need.
type Dataset struct {
	Categories []string    `yaml:"categories,omitempty" json:"categories,omitempty"`
	Purposes   []string    `yaml:"purposes,omitempty" json:"purposes,omitempty"`
	Retention  string      `yaml:"retention,omitempty" json:"retention,omitempty"`
	Timestamp  string      `yaml:"timestamp,omitempty" json:"timestamp,omitempty"`
	ExemptWhen string      `yaml:"exempt_when,omitempty" json:"exempt_when,omitempty"`
	ErasedWhen string      `yaml:"erased_when,omitempty" json:"erased_when,omitempty"`
	Consent    *Consent    `yaml:"consent,omitempty" json:"consent,omitempty"`
	NationalID *NationalID `yaml:"national_id,omitempty" json:"national_id,omitempty"`
	Special    *Special    `yaml:"special,omitempty" json:"special,omitempty"`
	// Subject names the column that identifies the data subject in this table, so an
	// access or erasure request can find the person's rows without a foreign key.
	Subject *Subject `yaml:"subject,omitempty" json:"subject,omitempty"`
}

// Subject is a dataset's data subject key: the column (customer_id, email) whose value
// identifies the person an access, erasure or portability request is about.
type Subject struct {
	Key string `yaml:"key" json:"key"`
}

// Consent names the columns that record consent and how long a withdrawal may take to act.
type Consent struct {
	Given       string  `yaml:"given" json:"given"`
	Withdrawn   string  `yaml:"withdrawn,omitempty" json:"withdrawn,omitempty"`
	Grace       string  `yaml:"grace,omitempty" json:"grace,omitempty"`
	GracePeriod *Period `yaml:"-" json:"grace_period,omitempty"`
}

// NationalID declares that a dataset stores national identity numbers, and why
// (personopplysningsloven § 12).
type NationalID struct {
	Justification string `yaml:"justification" json:"justification"`
}

// Special declares Art. 9/10 data in a dataset and the Art. 9(2) condition relied on.
type Special struct {
	Condition string `yaml:"condition" json:"condition"`
}

// Site is one website to crawl.
type Site struct {
	URL       string            `yaml:"url" json:"url"`
	Statement string            `yaml:"statement,omitempty" json:"statement,omitempty"`
	MaxPages  int               `yaml:"max_pages,omitempty" json:"max_pages,omitempty"`
	Hosts     []string          `yaml:"hosts,omitempty" json:"hosts,omitempty"`
	Consent   *ConsentSelectors `yaml:"consent,omitempty" json:"consent,omitempty"`
	Timeout   string            `yaml:"timeout,omitempty" json:"timeout,omitempty"`
}

// ConsentSelectors are CSS selectors of the consent banner's buttons.
type ConsentSelectors struct {
	Accept string `yaml:"accept,omitempty" json:"accept,omitempty"`
	Reject string `yaml:"reject,omitempty" json:"reject,omitempty"`
}

// GitHub is where findings are filed as issues.
type GitHub struct {
	Repo   string   `yaml:"repo" json:"repo"`
	Labels []string `yaml:"labels,omitempty" json:"labels,omitempty"`
	APIURL string   `yaml:"api_url,omitempty" json:"api_url,omitempty"`
}
