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
	// File is the registry file the entry came from, relative to the inventory.
	File string `yaml:"-" json:"file"`
}

// Agreement is the processor's data processing agreement (or Art. 26 arrangement).
type Agreement struct {
	Document string `yaml:"document,omitempty" json:"document,omitempty"`
	Signed   string `yaml:"signed,omitempty" json:"signed,omitempty"`
	Expires  string `yaml:"expires,omitempty" json:"expires,omitempty"`
}
