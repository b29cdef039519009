package config

// Processor is one entry of the processor registry (processors/NAME.yaml). The file's stem
// is its id.
type Processor struct {
	ID           string     `yaml:"-" json:"id"`
	Name         string     `yaml:"name" json:"name"`
	Kind         string     `yaml:"kind" json:"kind"`
	Role         string     `yaml:"role,omitempty" json:"role"`
	Country      string     `yaml:"country,omitempty" json:"country,omitempty"`
	DataLocation []string   `yaml:"data_location,omitempty" json:"data_location,omitempty"`
	Categories   []string   `yaml:"categories,omitempty" json:"categories,omitempty"`
	Vendor       string     `yaml:"vendor,omitempty" json:"vendor,omitempty"`
	Agreement    *Agreement `yaml:"agreement,omitempty" json:"agreement,omitempty"`
	Transfer     *Transfer  `yaml:"transfer,omitempty" json:"transfer,omitempty"`
	DPF          bool       `yaml:"dpf_certified,omitempty" json:"dpf_certified,omitempty"`
	Source       string     `yaml:"source,omitempty" json:"source,omitempty"`
	// Review records where a person found each element of the agreement (see Review).
	Review *Review `yaml:"review,omitempty" json:"review,omitempty"`
	// File is the registry file the entry came from, relative to the inventory.
	File string `yaml:"-" json:"file"`
}

// Agreement is the processor's data processing agreement (or Art. 26 arrangement).
type Agreement struct {
	Document string `yaml:"document,omitempty" json:"document,omitempty"`
	// Documents names the agreement's files when it has several (main agreement, annexes,
	// sub-processor list, security measures): they are read together as one agreement.
	// Document, when also given, is read first.
	Documents []string `yaml:"documents,omitempty" json:"documents,omitempty"`
	Signed    string   `yaml:"signed,omitempty" json:"signed,omitempty"`
	Expires   string   `yaml:"expires,omitempty" json:"expires,omitempty"`
}

// Files lists the agreement's documents in reading order, without repeats.
func (a *Agreement) Files() []string {
	if a == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range append([]string{a.Document}, a.Documents...) {
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, f)
	}
	return out
}

// Review is a person's reading of the agreement: who, when, the SHA-256 of the document
// they read (the first of the agreement's files), and where they found each element, as
// an anchor in that document: a section number ("6", "9.2") or a heading ("9. Revisjon").
type Review struct {
	By      string            `yaml:"by" json:"by"`
	Date    string            `yaml:"date" json:"date"`
	SHA256  string            `yaml:"sha256" json:"sha256"`
	Clauses map[string]string `yaml:"clauses,omitempty" json:"clauses,omitempty"`
}
