package audit

import (
	"sync"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/engine"
	vernrego "github.com/alarmlink/vern/rego"
)

// builtinUnwaivable are the built-in rules no waiver may name, read once from their
// METADATA (custom.unwaivable) without compiling them.
var builtinUnwaivable = sync.OnceValues(func() ([]string, error) {
	rules, err := engine.Catalog(engine.Options{Bundle: vernrego.Bundle})
	if err != nil {
		return nil, err
	}
	return engine.Unwaivable(rules), nil
})

// loader is the configuration loader every flow uses: the given environment lookup (nil:
// the process's), and the built-in rules' list of what no waiver may name, so a waiver on
// one is refused with its file and line before anything is collected.
func loader(lookup func(string) (string, bool)) (config.Loader, error) {
	ids, err := builtinUnwaivable()
	if err != nil {
		return config.Loader{}, invalid(err)
	}
	return config.Loader{LookupEnv: lookup, Unwaivable: ids}, nil
}

// loadConfig loads the inventory at path with the flows' loader and the process environment.
func loadConfig(path string) (*config.Config, error) {
	l, err := loader(nil)
	if err != nil {
		return nil, err
	}
	return l.Load(path)
}
