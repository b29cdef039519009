package config

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxFileSize bounds what one input file may weigh: they are written by hand.
const maxFileSize = 8 << 20

// Loader reads vern's input files. The zero value reads the process environment; tests
// inject LookupEnv.
type Loader struct {
	// LookupEnv resolves ${NAME} references; nil means os.LookupEnv.
	LookupEnv func(name string) (string, bool)
	// Unwaivable are the ids of the rules no waiver may name (their METADATA says
	// custom.unwaivable): a waiver on one is refused at load, with its line. The flows give
	// the loaded rules' list; empty refuses none here, and the gate still never lets such a
	// finding pass.
	Unwaivable []string

	// checks and warnings are set by Check.
	checks   *Checks
	warnings *errorSink
}

// newDecoder returns a decoder for one file with the loader's environment and checks.
func (l Loader) newDecoder(file, rel string, sink *errorSink) *fileDecoder {
	d := newFileDecoder(file, rel, l.lookup(), sink)
	d.checks, d.warnings, d.unwaivable = l.checks, l.warnings, l.Unwaivable
	return d
}

// Load reads vern.yaml at path with the process environment. See Loader.Load.
func Load(path string) (*Config, error) { return Loader{}.Load(path) }

// LoadDeclaration reads a declaration alone with the process environment.
func LoadDeclaration(path string) (*Declaration, error) { return Loader{}.LoadDeclaration(path) }

// FromDeclaration makes a Config from a declaration alone, as if a vern.yaml beside it named
// only it (no targets, no processors, no waivers).
func FromDeclaration(path string) (*Config, error) { return Loader{}.FromDeclaration(path) }

// LoadDeclaration reads a declaration alone.
func (l Loader) LoadDeclaration(path string) (*Declaration, error) {
	cfg, err := l.FromDeclaration(path)
	if err != nil {
		return nil, err
	}
	return &cfg.Declaration, nil
}

// FromDeclaration makes a Config from a declaration alone. Its Dir is the declaration's
// folder; its inventory names only the declaration.
func (l Loader) FromDeclaration(path string) (*Config, error) {
	sink := &errorSink{}
	cfg := newConfig("", filepath.Dir(path))
	rel := filepath.Base(path)
	cfg.Inventory.Declaration = rel
	data, ok := readInput(sink, path, nil, "")
	if !ok {
		return nil, sink.result()
	}
	d := l.newDecoder(path, rel, sink)
	decodeDeclaration(d, data, &cfg.Declaration)
	if err := sink.result(); err != nil {
		return nil, err
	}
	cfg.Hashes["declaration"] = hashBytes(data)
	cfg.Hashes["inventory"] = hashBytes(nil)
	declarationLocations(cfg, d)
	return cfg, nil
}

// Load reads vern.yaml at path (the inventory), the declaration it names, every
// processors/*.yaml in its processors folder and its waivers file, all relative to path's
// folder. It checks structure and references only: a gap in what the statement says loads
// fine and is for the rules to report. On failure the error is an ErrorList, one problem per
// line as file:line:col: what is wrong; how to fix it.
func (l Loader) Load(path string) (*Config, error) {
	sink := &errorSink{}
	cfg := newConfig(path, filepath.Dir(path))
	invData, ok := readInput(sink, path, nil, "")
	if !ok {
		return nil, sink.result()
	}
	inv := l.newDecoder(path, filepath.Base(path), sink)
	hosts := decodeInventory(inv, invData, &cfg.Inventory)
	cfg.Hashes["inventory"] = hashBytes(invData)

	var decl *fileDecoder
	declOK := false
	if name := cfg.Inventory.Declaration; name != "" {
		rel := cleanRel(name)
		file := cfg.resolve(rel)
		if data, ok := readInput(sink, file, inv, "declaration"); ok {
			decl = l.newDecoder(file, rel, sink)
			declOK = decodeDeclaration(decl, data, &cfg.Declaration)
			cfg.Hashes["declaration"] = hashBytes(data)
		}
	}
	procs := l.loadProcessors(cfg, inv, sink)
	waivers := l.loadWaivers(cfg, inv, sink)

	// References are judged only against a declaration that decoded completely; otherwise
	// every id would look dangling.
	if declOK {
		checkInventoryRefs(inv, &cfg.Inventory, &cfg.Declaration)
		categories := slices.Sorted(maps.Keys(cfg.Declaration.Categories))
		for _, id := range slices.Sorted(maps.Keys(cfg.Processors)) {
			procs[id].refs("categories", "category", cfg.Processors[id].Categories, categories, "categories")
		}
	}
	if err := sink.result(); err != nil {
		return nil, err
	}
	if decl != nil {
		declarationLocations(cfg, decl)
	}
	inventoryLocations(cfg, inv, hosts)
	for id, d := range procs {
		cfg.Locations["processor://"+id] = Location{File: d.rel, Line: 1, Column: 1}
		if k := d.keys["agreement"]; k != nil {
			cfg.Locations["processor://"+id+"/agreement"] = location(d, k)
		}
	}
	if waivers != nil {
		for i := range cfg.Waivers {
			if k := waivers.keys[fmt.Sprintf("waivers[%d]", i)]; k != nil {
				cfg.Locations["waiver:"+strconv.Itoa(i)] = location(waivers, k)
			}
		}
	}
	return cfg, nil
}

func (l Loader) lookup() func(string) (string, bool) {
	if l.LookupEnv != nil {
		return l.LookupEnv
	}
	return os.LookupEnv
}

func newConfig(path, dir string) *Config {
	empty := hashBytes(nil)
	return &Config{
		Path: path, Dir: dir,
		Processors: map[string]Processor{},
		Locations:  map[string]Location{},
		Hashes:     map[string]string{"declaration": empty, "inventory": empty, "processors": empty, "waivers": empty},
	}
}

// resolve turns a path relative to the inventory's folder into one to open (and show).
func (c *Config) resolve(rel string) string {
	if filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(c.Dir, rel)
}

func cleanRel(name string) string { return filepath.Clean(filepath.FromSlash(name)) }

// decodeRoot decodes a file's root into v; an empty file is an empty mapping, so required
// keys are still reported.
func decodeRoot(d *fileDecoder, root *yaml.Node, v any) {
	if root == nil {
		if d.failed() {
			return
		}
		root = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	}
	d.decode(root, reflect.ValueOf(v).Elem(), "")
}

// decodeDeclaration decodes and checks a declaration; it reports whether its structure was
// sound enough to judge references against.
func decodeDeclaration(d *fileDecoder, data []byte, decl *Declaration) bool {
	decodeRoot(d, d.parse(data), decl)
	structOK := !d.failed()
	checkDeclaration(d, decl, structOK)
	return structOK
}

// decodeInventory decodes and checks vern.yaml and returns the site hosts by index.
func decodeInventory(d *fileDecoder, data []byte, inv *Inventory) []string {
	decodeRoot(d, d.parse(data), inv)
	return checkInventory(d, inv)
}

// decodeProcessor decodes and checks one registry entry.
func decodeProcessor(d *fileDecoder, data []byte, p *Processor) {
	decodeRoot(d, d.parse(data), p)
	checkProcessor(d, p)
}

// decodeWaivers decodes and checks a waivers file.
func decodeWaivers(d *fileDecoder, data []byte) []Waiver {
	var ws Waivers
	decodeRoot(d, d.parse(data), &ws)
	checkWaivers(d, ws.Waivers)
	return ws.Waivers
}

// readInput reads one input file. A missing file named by another is reported at the key
// that names it (from is the naming file's decoder, key its path there).
func readInput(sink *errorSink, file string, from *fileDecoder, key string) ([]byte, bool) {
	report := func(format string, args ...any) {
		if from != nil {
			from.errorf(from.at(key), format, args...)
			return
		}
		sink.add(file, 0, 0, format, args...)
	}
	// Stat before opening: opening a named pipe or a device named by mistake would block.
	info, err := os.Stat(file)
	if err == nil && !info.Mode().IsRegular() {
		report("%s is not a regular file; name the YAML file itself", file)
		return nil, false
	}
	var data []byte
	if err == nil {
		data, err = readLimited(file)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist) && from != nil:
		report("%s file %s not found; fix the path (relative to the folder of %s) or create the file", key, file, filepath.Base(from.file))
	case errors.Is(err, fs.ErrNotExist):
		report("file not found; give the path of an existing file")
	case err != nil:
		if inner := errors.Unwrap(err); inner != nil {
			err = inner // the path is already in the message
		}
		report("cannot read %s: %v; check that it exists and is readable", file, err)
	case len(data) > maxFileSize:
		report("%s is larger than %d MiB; input files are written by hand and stay small", file, maxFileSize>>20)
	default:
		return data, true
	}
	return nil, false
}

// loadProcessors reads every processors/*.yaml; the file's stem is the processor's id.
func (l Loader) loadProcessors(cfg *Config, inv *fileDecoder, sink *errorSink) map[string]*fileDecoder {
	decoders := map[string]*fileDecoder{}
	if cfg.Inventory.Processors == "" {
		return decoders
	}
	relDir := cleanRel(cfg.Inventory.Processors)
	dir := cfg.resolve(relDir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		what := "cannot be read"
		if errors.Is(err, fs.ErrNotExist) {
			what = "not found"
		}
		inv.errorf(inv.at("processors"), "processors folder %s %s; fix the path (relative to the folder of %s) or create the folder", dir, what, filepath.Base(inv.file))
		return decoders
	}
	h := sha256.New()
	for _, e := range entries { // os.ReadDir sorts by name
		if e.IsDir() {
			continue
		}
		if strings.HasSuffix(e.Name(), ".yml") {
			// Skipping it would silently drop a processor from every check.
			sink.add(cfg.resolve(filepath.Join(relDir, e.Name())), 0, 0,
				"processor files must end in .yaml; rename it to %s.yaml", strings.TrimSuffix(e.Name(), ".yml"))
			continue
		}
		if !strings.HasSuffix(e.Name(), ".yaml") {
			continue // the agreements sit beside the entries
		}
		id := strings.TrimSuffix(e.Name(), ".yaml")
		rel := filepath.Join(relDir, e.Name())
		file := cfg.resolve(rel)
		data, ok := readInput(sink, file, nil, "")
		if !ok {
			continue
		}
		// The registry's hash covers names and contents, so a renamed file changes it.
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%s\n%s\n", e.Name(), hex.EncodeToString(sum[:]))
		d := l.newDecoder(file, filepath.ToSlash(rel), sink)
		var p Processor
		decodeProcessor(d, data, &p)
		p.ID, p.File = id, filepath.ToSlash(rel)
		cfg.Processors[id] = p
		decoders[id] = d
	}
	cfg.Hashes["processors"] = hex.EncodeToString(h.Sum(nil))
	return decoders
}

// loadWaivers reads the waivers file when vern.yaml names one.
func (l Loader) loadWaivers(cfg *Config, inv *fileDecoder, sink *errorSink) *fileDecoder {
	if cfg.Inventory.Waivers == "" {
		return nil
	}
	rel := cleanRel(cfg.Inventory.Waivers)
	file := cfg.resolve(rel)
	data, ok := readInput(sink, file, inv, "waivers")
	if !ok {
		return nil
	}
	cfg.Hashes["waivers"] = hashBytes(data)
	d := l.newDecoder(file, filepath.ToSlash(rel), sink)
	cfg.Waivers = decodeWaivers(d, data)
	return d
}

func readLimited(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	return io.ReadAll(io.LimitReader(f, maxFileSize+1))
}

func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func location(d *fileDecoder, n *yaml.Node) Location {
	return Location{File: filepath.ToSlash(d.rel), Line: n.Line, Column: n.Column}
}

// declarationSections are the top-level declaration keys that are resources of their own.
var declarationSections = []string{
	"controller", "statement", "rights", "recipients", "transfers", "cookies", "automated_decisions", "requirement",
}

func declarationLocations(cfg *Config, d *fileDecoder) {
	// The file itself, for findings on a section the declaration leaves out.
	cfg.Locations["declaration://"] = Location{File: filepath.ToSlash(d.rel), Line: 1, Column: 1}
	for _, s := range declarationSections {
		if k := d.keys[s]; k != nil {
			cfg.Locations["declaration://"+s] = location(d, k)
		}
	}
	sections := map[string][]string{
		"categories": slices.Sorted(maps.Keys(cfg.Declaration.Categories)),
		"purposes":   slices.Sorted(maps.Keys(cfg.Declaration.Purposes)),
		"retention":  slices.Sorted(maps.Keys(cfg.Declaration.Retention)),
	}
	for section, ids := range sections {
		for _, id := range ids {
			if k := d.keys[section+"."+id]; k != nil {
				cfg.Locations["declaration://"+section+"/"+id] = location(d, k)
			}
		}
	}
	for i, r := range cfg.Declaration.Rights {
		if k := d.keys[fmt.Sprintf("rights[%d]", i)]; k != nil && r.Right != "" {
			cfg.Locations["declaration://rights/"+r.Right] = location(d, k)
		}
	}
}

// inventoryLocations records where each database, site and the processors folder are
// written, under their resources and their target names. The target names are spelt
// here by hand because evidence, which owns them (evidence.TargetName), builds on this
// package; a test in evidence keeps the two spellings the same.
func inventoryLocations(cfg *Config, d *fileDecoder, hosts []string) {
	for _, db := range slices.Sorted(maps.Keys(cfg.Inventory.Databases)) {
		if k := d.keys["databases."+db]; k != nil {
			cfg.Locations["postgres://"+db] = location(d, k)
			cfg.Locations["db:"+db] = location(d, k)
		}
		for _, name := range slices.Sorted(maps.Keys(cfg.Inventory.Databases[db].Datasets)) {
			if k := d.keys["databases."+db+".datasets."+name]; k != nil {
				cfg.Locations["postgres://"+db+"/"+name] = location(d, k)
			}
		}
	}
	for i, host := range hosts {
		if k := d.keys[fmt.Sprintf("sites[%d]", i)]; k != nil && host != "" {
			cfg.Locations["site://"+host] = location(d, k)
			cfg.Locations["site:"+host] = location(d, k)
		}
	}
	if k := d.keys["processors"]; k != nil {
		cfg.Locations["processors"] = location(d, k)
	}
}
