package config

// Config is everything loaded from one vern.yaml: the inventory, the declaration it names,
// the processor registry and the waivers, with where each entry sits in its file.
type Config struct {
	// Path is the vern.yaml path as given; Dir is its folder, against which the other files
	// are resolved.
	Path string
	Dir  string

	Inventory   Inventory
	Declaration Declaration
	Processors  map[string]Processor
	Waivers     []Waiver

	// Locations maps a resource or target (declaration://purposes/marketing,
	// postgres://crm/public.inquiries, processor://nordlys-crm, site://www.alarmlink.no)
	// to the file and line that declares it, so reports can point at it.
	Locations map[string]Location

	// Hashes of the files as read (sha256, hex): declaration, inventory, processors, waivers.
	Hashes map[string]string
}

// Location is a position in an input file. File is relative to the inventory's folder.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"`
}
