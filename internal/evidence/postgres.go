package evidence

// Database is the postgres collector's document for one db:<name> target: the catalog as
// seen through pg_catalog, what the value sampler detected (counts only, never values) and
// the measurements of each declared dataset, all pushed down into SQL.
//
// Maps are keyed so rules can look things up by id: tables by "schema.table", columns by
// name, datasets by the inventory's dataset key ("schema.table").
type Database struct {
	// Name is the inventory's name of the database (the part after "db:").
	Name string `json:"name"`
	// ServerVersion is the server's version string (server_version).
	ServerVersion string `json:"server_version,omitempty"`
	// Database is the database's own name (current_database()).
	Database string `json:"database,omitempty"`
	// User is the role vern logged in as (never the password).
	User string `json:"user,omitempty"`
	// SampleRows is the cap of rows sampled per table.
	SampleRows int `json:"sample_rows"`
	// Threshold is the confidence at or above which a detection counts as personal data.
	Threshold float64 `json:"threshold"`
	// Schemas are the schemas scanned.
	Schemas []string `json:"schemas"`
	// Tables are the tables, partitioned tables (partitions rolled up), views and
	// materialised views, keyed "schema.table".
	Tables map[string]*Table `json:"tables"`
	// Personal is the precomputed index of detected personal data at or above Threshold:
	// table ("schema.table") → column → data kinds (Fides keys). Tables without detections
	// are absent.
	Personal map[string]map[string][]string `json:"personal"`
	// Datasets are the measurements of the inventory's datasets, keyed like the inventory.
	Datasets map[string]*DatasetMeasure `json:"datasets"`
	// Business is the index of business contact data: contact columns of tables whose rows
	// describe organisations (suppliers, shippers, companies) with no person's name beside
	// them, keyed like Personal. They are listed apart and not folded into Personal.
	Business map[string]map[string][]string `json:"business,omitempty"`
	// Unreadable lists the tables vern's role may not SELECT from, so they were not
	// sampled or measured; the collection is then partial.
	Unreadable []UnreadableTable `json:"unreadable,omitempty"`
}

// UnreadableTable is a table the role lacks SELECT on, with the statement that fixes it.
type UnreadableTable struct {
	Table string `json:"table"`
	Fix   string `json:"fix"`
}

// Table is one relation of the catalog.
type Table struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Kind is table, partitioned_table, view, materialized_view or foreign_table.
	Kind    string `json:"kind"`
	Comment string `json:"comment,omitempty"`
	// RowEstimate is the planner's estimate (pg_class.reltuples, summed over partitions);
	// -1 when the table has never been analysed, so no estimate exists.
	RowEstimate int64 `json:"row_estimate"`
	// Partitions is the number of partitions rolled up into a partitioned table.
	Partitions int `json:"partitions,omitempty"`
	// Columns are keyed by column name.
	Columns map[string]*Column `json:"columns"`
	// Grants are the table privileges by grantee; the grantee "PUBLIC" is every role.
	Grants map[string][]string `json:"grants,omitempty"`
	// PublicSelect is set when PUBLIC may SELECT from the table.
	PublicSelect bool `json:"public_select"`
	// ForeignKeys are the table's own foreign keys (this table references another).
	ForeignKeys []ForeignKey `json:"foreign_keys,omitempty"`
	// Sampled is the number of rows the value sampler looked at (0 for views).
	Sampled int `json:"sampled"`
	// Skipped says why the table's rows were not read: "ignored" (under ignore: in the
	// inventory), "not_populated" (a materialized view never refreshed, so it holds no
	// rows), "no_privilege" (the role may not SELECT it). Note says it in words.
	Skipped string `json:"skipped,omitempty"`
	Note    string `json:"note,omitempty"`
	// ReadsFrom lists the relations a view or materialized view reads ("schema.table").
	ReadsFrom []string `json:"reads_from,omitempty"`
	// Subject is "person" when the rows describe people, "organisation" when they
	// describe companies (organisation numbers, company names, suppliers, shippers) with
	// no person's name beside them; empty when no personal or contact data was found.
	Subject string `json:"subject,omitempty"`
	// PersonalLinks are the foreign keys of this table that point at a table with
	// personal data: each row is linked to a person even if it holds no personal column.
	PersonalLinks []ForeignKey `json:"personal_links,omitempty"`
}

// Column is one column with what the sampler detected in it.
type Column struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Position int    `json:"position"`
	NotNull  bool   `json:"not_null,omitempty"`
	Comment  string `json:"comment,omitempty"`
	// Detections are the data kinds detected, strongest first, with their confidence.
	Detections []Detection `json:"detections,omitempty"`
	// Link is "primary_key", "foreign_key" or "surrogate_key" for a key column: keys are
	// links between rows, not data, and are not sampled for personal data.
	Link string `json:"link,omitempty"`
	// Exact holds exact counts over the whole column where a check warrants one
	// ("plaintext_password", "card_number"), computed in the database or streamed
	// through memory; never the values.
	Exact map[string]ExactCount `json:"exact,omitempty"`
}

// Detection is one data kind found in a column, with the signals behind it.
type Detection struct {
	// Kind is the Fides data kind (user.contact.email, ...).
	Kind string `json:"kind"`
	// Detector names the check (email, phone, national_id, bank_account, iban,
	// card_number, ip_address, date_of_birth, password, name, ...).
	Detector string `json:"detector"`
	// Confidence combines the name and value signals, 0..1.
	Confidence float64 `json:"confidence"`
	// Name is set when the column's name signals the kind.
	Name bool `json:"name,omitempty"`
	// Matched of Sampled non-null sampled values carried the kind (as the whole value or
	// inside free text or jsonb).
	Matched int `json:"matched"`
	Sampled int `json:"sampled"`
	// Synthetic counts matched values that are recognisable test numbers (national ids).
	Synthetic int `json:"synthetic,omitempty"`
	// Hashed counts password-like values that are hashes (password detector only).
	Hashed int `json:"hashed,omitempty"`
	// Signals explain the confidence: which checks fired ("column_name", "values",
	// "values_in_text", "libphonenumber", "phone_shaped", "birth_range", "name_list",
	// "honorific") and which lowered it ("contradicted_by_values").
	Signals []string `json:"signals,omitempty"`
}

// ExactCount is a count over every row of a column.
type ExactCount struct {
	// Matches is the number of values that failed the check (plain-text passwords, full
	// card numbers).
	Matches int64 `json:"matches"`
	// Checked is the number of non-null values looked at.
	Checked int64 `json:"checked"`
}

// ForeignKey is a foreign key from its table to Table, with its ON DELETE action (cascade,
// restrict, no_action, set_null, set_default).
type ForeignKey struct {
	Name       string   `json:"name"`
	Columns    []string `json:"columns"`
	Table      string   `json:"table"`
	RefColumns []string `json:"ref_columns"`
	OnDelete   string   `json:"on_delete"`
}

// DatasetMeasure is what vern measured in one declared dataset.
type DatasetMeasure struct {
	// Table is the dataset's table ("schema.table"); Exists is false when the catalog
	// has no such table (the other fields are then empty).
	Table  string `json:"table"`
	Exists bool   `json:"exists"`
	// Retention is set when the dataset's retention rule has a maximum.
	Retention *RetentionMeasure `json:"retention,omitempty"`
	// ErasedWhen lists the columns the erased_when predicate names; Unerased the
	// columns with detected personal data it leaves out.
	ErasedWhen []string `json:"erased_when,omitempty"`
	Unerased   []string `json:"unerased,omitempty"`
	// Consent is set when the dataset names its consent columns.
	Consent *ConsentMeasure `json:"consent,omitempty"`
	// Cascades are the ON DELETE CASCADE paths through which deleting rows elsewhere
	// deletes rows of this dataset (measured for datasets with a minimum retention).
	Cascades []Cascade `json:"cascades,omitempty"`
}

// RetentionMeasure counts rows kept past the maximum retention.
type RetentionMeasure struct {
	// Max is the maximum retention in calendar terms ("12 months"), From where it counts
	// from when not the row's timestamp (end_of_financial_year).
	Max       string `json:"max"`
	From      string `json:"from,omitempty"`
	Timestamp string `json:"timestamp"`
	// Expired is the number of rows whose maximum retention has run out and that are
	// neither exempt nor erased.
	Expired int64 `json:"expired"`
	// OldestDays is the age in days of the oldest such row (0 when none).
	OldestDays int `json:"oldest_days"`
}

// ConsentMeasure counts rows without valid consent.
type ConsentMeasure struct {
	Given     string `json:"given"`
	Withdrawn string `json:"withdrawn,omitempty"`
	Grace     string `json:"grace,omitempty"`
	// Missing counts rows, not erased, with no consent given.
	Missing int64 `json:"missing"`
	// WithdrawnRetained counts rows whose consent was withdrawn longer ago than Grace
	// and that are not erased.
	WithdrawnRetained int64 `json:"withdrawn_retained"`
}

// Cascade is one chain of ON DELETE CASCADE foreign keys ending in a dataset: deleting a
// row of From deletes rows of the dataset. Path lists the constraints, From side first.
type Cascade struct {
	From string   `json:"from"`
	Path []string `json:"path"`
}
