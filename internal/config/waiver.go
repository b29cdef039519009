package config

// Waiver is an accepted risk: findings of Rule whose resource matches the Resource glob are
// marked waived until Expires.
type Waiver struct {
	Rule          string `yaml:"rule" json:"rule"`
	Resource      string `yaml:"resource" json:"resource"`
	Justification string `yaml:"justification" json:"justification"`
	ApprovedBy    string `yaml:"approved_by" json:"approved_by"`
	Created       string `yaml:"created" json:"created"`
	Expires       string `yaml:"expires" json:"expires"`
	// Line is where the waiver starts in its file.
	Line int `yaml:"-" json:"line"`
}

// Waivers is waivers.yaml.
type Waivers struct {
	Waivers []Waiver `yaml:"waivers" json:"waivers"`
}
