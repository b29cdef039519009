// Package plan lists the targets of an inventory for a fan-out: what each one reads from the
// environment (names only, never values), whether it needs Chromium, and which target an
// index of a CI matrix or a Kubernetes Indexed Job picks.
package plan

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/alarmlink/vern/collectors"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// Target is one collection unit of the fan-out.
type Target struct {
	// Index is the target's position: the matrix entry and the Kubernetes completion index.
	Index int `json:"index"`
	// Name is what `vern collect --target` takes: db:<name>, site:<host> or processors.
	Name string `json:"target"`
	Kind string `json:"kind"`
	// Slug is the name made safe for artifact names and folders (db-crm).
	Slug string `json:"slug"`
	// Secrets are the environment variables the target's settings read, never their values.
	Secrets  []string `json:"secrets"`
	Chromium bool     `json:"chromium"`
}

// Plan is the fan-out of one inventory.
type Plan struct {
	Config  string   `json:"config"`
	Targets []Target `json:"targets"`
	// Parallelism is a suggested number of targets to collect at once.
	Parallelism int `json:"parallelism"`
	// Chromium is whether any target needs Chromium (an image or runner without it fails
	// those targets).
	Chromium bool `json:"chromium"`
}

// MaxParallel caps the suggested parallelism: each database target holds one connection
// and each site target one Chromium (about a core and 300 MB), so a handful at a time keeps
// the audited servers and a CI runner pool unhurt; 20 is GitHub's concurrent-job limit on
// its free plans.
const MaxParallel = 20

// Load reads the inventory without needing its secrets: ${NAME} references are recorded,
// not resolved, so a plan can be made where the secrets are not set (the job that builds
// the matrix).
func Load(path string) (*Plan, error) {
	// Check loads as Load does, with an unset ${NAME} a warning instead of an error.
	cfg, _, err := config.Loader{}.Check(path, config.Checks{})
	if err != nil {
		return nil, err
	}
	dbRefs, siteRefs, err := envRefs(path)
	if err != nil {
		return nil, err
	}
	p := &Plan{Config: path, Targets: []Target{}}
	sites := 0
	for _, c := range collectors.All() {
		for _, name := range c.Targets(cfg) {
			tn, err := evidence.ParseTarget(name)
			if err != nil {
				return nil, fmt.Errorf("plan: %w", err)
			}
			var secrets []string
			switch tn.Kind {
			case evidence.TargetDB:
				secrets = dbRefs[tn.Name]
			case evidence.TargetSite:
				// Site targets follow the inventory's order of sites (checked below).
				if sites < len(siteRefs) {
					secrets = siteRefs[sites]
				}
				sites++
			}
			t := Target{Index: len(p.Targets), Name: name, Kind: string(tn.Kind), Slug: Slug(name), Secrets: secrets, Chromium: tn.Kind == evidence.TargetSite}
			if t.Secrets == nil {
				t.Secrets = []string{}
			}
			p.Chromium = p.Chromium || t.Chromium
			p.Targets = append(p.Targets, t)
		}
	}
	if sites != len(cfg.Inventory.Sites) {
		// A site whose address comes from an unset variable has no host to be named by; the
		// indexes would then differ between the plan and the jobs, so refuse.
		return nil, fmt.Errorf("plan: %s: %d sites, but only %d have an address: set the variables their url reads (%s) where vern plan runs",
			path, len(cfg.Inventory.Sites), sites, strings.Join(flatten(siteRefs), ", "))
	}
	p.Parallelism = min(len(p.Targets), MaxParallel)
	return p, nil
}

func flatten(lists [][]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// At returns the target at index, the mapping a Kubernetes Indexed Job's
// JOB_COMPLETION_INDEX uses.
func (p *Plan) At(index int) (Target, error) {
	if index < 0 || index >= len(p.Targets) {
		return Target{}, fmt.Errorf("target index %d: the inventory %s has %d targets (indexes 0 to %d); set the Job's completions to %d",
			index, p.Config, len(p.Targets), len(p.Targets)-1, len(p.Targets))
	}
	return p.Targets[index], nil
}

var slugUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// Slug makes a target name safe for an artifact name, a folder or a Kubernetes label:
// lower case letters, digits and dashes.
func Slug(name string) string {
	return strings.Trim(slugUnsafe.ReplaceAllString(strings.ToLower(name), "-"), "-")
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// envRefs lists the ${NAME} references in each database's settings and each site's, in
// the inventory's order of sites. It reads the file as written (the loader has validated
// it already), so names are found without any value being looked up.
func envRefs(path string) (map[string][]string, [][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("plan: %w", err)
	}
	var doc struct {
		Databases map[string]yaml.Node `yaml:"databases"`
		Sites     []yaml.Node          `yaml:"sites"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, nil, fmt.Errorf("plan: %s: %w", path, err)
	}
	dbs := map[string][]string{}
	for name, n := range doc.Databases {
		dbs[name] = names(&n)
	}
	sites := make([][]string, len(doc.Sites))
	for i := range doc.Sites {
		sites[i] = names(&doc.Sites[i])
	}
	return dbs, sites, nil
}

func names(n *yaml.Node) []string {
	set := map[string]bool{}
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			for _, m := range envRef.FindAllStringSubmatch(strings.ReplaceAll(n.Value, "$${", ""), -1) {
				set[m[1]] = true
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
