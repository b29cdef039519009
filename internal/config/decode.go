package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The files are decoded by walking yaml.v3's node tree rather than with yaml.Unmarshal:
// the tree keeps every key's line and column, so each problem (unknown key, wrong type,
// duplicate key, missing field) is reported where it is, and decoding goes on to find the
// others. yaml.v3's own KnownFields errors carry neither columns nor more than one problem.

// fileDecoder decodes one input file into its Go type and remembers where each value was.
type fileDecoder struct {
	// file is the path shown in errors; rel is the path relative to the inventory's folder
	// used in Locations.
	file, rel string
	lookup    func(string) (string, bool)
	sink      *errorSink
	// keys maps a path ("purposes.marketing", "rights[2]") to the node naming the entry: a
	// mapping key, or the item itself in a list. vals maps a path to its value node.
	keys, vals map[string]*yaml.Node
	errsBefore int
	// checks are `vern check`'s extra checks (nil on a plain load); warnings receives what
	// check reports without failing, such as an unset ${ENV}.
	checks *Checks
	// unwaivable are the rules no waiver may name (Loader.Unwaivable).
	unwaivable []string
	warnings   *errorSink
	// unresolved are the paths whose ${ENV} was unset and only warned about: their values
	// are empty and not judged.
	unresolved map[string]bool
}

func newFileDecoder(file, rel string, lookup func(string) (string, bool), sink *errorSink) *fileDecoder {
	return &fileDecoder{
		file: file, rel: rel, lookup: lookup, sink: sink,
		keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}, unresolved: map[string]bool{},
		errsBefore: sink.len(),
	}
}

// failed reports whether this file added any problem.
func (d *fileDecoder) failed() bool { return d.sink.len() > d.errsBefore }

func (d *fileDecoder) errorf(n *yaml.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	d.sink.add(d.file, line, col, format, args...)
}

// at returns the value node of path, or of its nearest recorded parent, for positioning a
// problem found after decoding.
func (d *fileDecoder) at(path string) *yaml.Node {
	for p := path; p != ""; p = parentPath(p) {
		if n, ok := d.vals[p]; ok {
			return n
		}
	}
	return nil
}

// keyAt is like at but prefers the node naming the entry (its key).
func (d *fileDecoder) keyAt(path string) *yaml.Node {
	if n, ok := d.keys[path]; ok {
		return n
	}
	return d.at(path)
}

// raw is the text of path's value as written in the file, before ${ENV} expansion: the only
// form of a value a message may quote.
func (d *fileDecoder) raw(path string) string {
	if n, ok := d.vals[path]; ok {
		return n.Value
	}
	return ""
}

func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

func where(path string) string {
	if path == "" {
		return "at the top level"
	}
	return "in " + path
}

// parse reads data as a single YAML document and returns its root, or nil for an empty
// file. Syntax errors are reported with the best position yaml.v3 allows.
func (d *fileDecoder) parse(data []byte) (root *yaml.Node) {
	defer func() {
		// The parser is third-party code fed untrusted input: a panic in it is a syntax error
		// to report, never a crash.
		if r := recover(); r != nil {
			d.errorf(nil, "cannot parse the file as YAML; check its syntax")
			root = nil
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) {
			d.syntaxError(data, err)
		}
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		d.errorf(&extra, "a second YAML document starts here; keep one document per file (remove the ---)")
		return nil
	case !errors.Is(err, io.EOF):
		d.syntaxError(data, err)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

// parserProblems are the problems yaml.v3's parser (as opposed to its scanner) reports.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError reports a yaml.v3 parse error. yaml.v3 gives only a line, so the column is the
// first tab in the indentation when there is one (the most common cause) or else the line's
// first character.
func (d *fileDecoder) syntaxError(data []byte, err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	msg = strings.ReplaceAll(msg, "\n", " ")
	if parserProblems[msg] {
		// yaml.v3 counts lines from 0 in its parser's errors (only its scanner's are
		// adjusted); the line is that of the construct left open, or of the problem.
		line++
	}
	lines := strings.Split(string(data), "\n")
	// A tab in indentation is what most syntax errors of hand-written YAML come down to;
	// point at it when one sits at or before the reported line.
	for i, l := range lines {
		if line > 0 && i >= line {
			break
		}
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if j := strings.IndexByte(indent, '\t'); j >= 0 {
			d.sink.add(d.file, i+1, j+1, "tab character in indentation (%s); YAML indents with spaces only: replace the tab with spaces", msg)
			return
		}
	}
	if line == 0 {
		d.sink.add(d.file, 0, 0, "invalid YAML: %s; check the file's syntax and encoding (UTF-8)", msg)
		return
	}
	col := 1
	if line <= len(lines) {
		l := lines[line-1]
		col = len(l) - len(strings.TrimLeft(l, " ")) + 1
	}
	hint := "check indentation and quoting on this line and the one above"
	if strings.Contains(msg, "mapping values are not allowed") {
		hint = `quote values that contain ": " and check indentation`
	}
	if line <= len(lines) && strings.Contains(lines[line-1], "${") {
		hint = `quote ${...} references, e.g. dsn: "${CRM_DATABASE_URL}" or ["${NAME}"]`
	}
	d.sink.add(d.file, line, col, "invalid YAML: %s; %s", msg, hint)
}

// shorthand lists the types that may be written as a bare scalar, and the field the scalar
// fills: `- access` means `- {right: access}`.
var shorthand = map[reflect.Type]string{
	reflect.TypeFor[Right]():         "right",
	reflect.TypeFor[CookiePurpose](): "id",
}

// required lists the keys a mapping of a type must have with a non-empty value. Kept
// minimal on purpose: a gap in what the statement says is a finding, not a load error.
var required = map[reflect.Type][]string{
	reflect.TypeFor[Inventory]():     {"declaration"},
	reflect.TypeFor[Database]():      {"dsn"},
	reflect.TypeFor[Site]():          {"url"},
	reflect.TypeFor[GitHub]():        {"repo"},
	reflect.TypeFor[Consent]():       {"given"},
	reflect.TypeFor[Processor]():     {"name", "kind"},
	reflect.TypeFor[Waiver]():        {"rule", "resource", "justification", "approved_by", "created", "expires"},
	reflect.TypeFor[Recipient]():     {"kind"},
	reflect.TypeFor[KnownCookie]():   {"name", "purpose"},
	reflect.TypeFor[Right]():         {"right"},
	reflect.TypeFor[CookiePurpose](): {"id"},
}

// fieldsOf maps each yaml key of a struct type to its field index, and lists the keys in
// declaration order for messages.
func fieldsOf(t reflect.Type) (map[string]int, []string) {
	idx := map[string]int{}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || name == "" || !f.IsExported() {
			continue
		}
		idx[name] = i
		names = append(names, name)
	}
	return idx, names
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// describe names what a node holds, for "must be a list, found a string".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!null":
		return "nothing"
	}
	return "a string"
}

// decode fills v from n, reporting every problem found and skipping the values it affects.
func (d *fileDecoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if path != "" {
		d.vals[path] = n
	}
	if n.Kind == yaml.AliasNode {
		d.errorf(n, "YAML aliases (*%s) are not supported %s; write the value out in full", n.Value, where(path))
		return
	}
	if isNull(n) {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.decode(n, p.Elem(), path)
		v.Set(p)
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Map:
		d.decodeMap(n, v, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			hint := "write it as a list"
			if n.Kind == yaml.ScalarNode {
				hint = fmt.Sprintf("write it as a list: [%s]", n.Value)
				if len(n.Value) > 60 || strings.ContainsAny(n.Value, "\n[]{},") {
					hint = "write it as a list, e.g. [a, b]"
				}
			}
			d.errorf(n, "%s must be a list, found %s; %s", path, describe(n), hint)
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			d.keys[p] = item
			d.decode(item, s.Index(i), p)
		}
		v.Set(s)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, "%s must be a single value, found %s; write one value (quote it if it contains \": \" or starts with [ or {)", path, describe(n))
			return
		}
		v.SetString(d.expand(n, path))
	case reflect.Int:
		var i int
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&i) != nil {
			d.errorf(n, "%s must be a whole number, found %s; write digits only, e.g. %s: 50", path, describe(n), lastKey(path))
			return
		}
		if i < 0 {
			d.errorf(n, "%s must not be negative; write 0 or more", path)
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		var b bool
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
			d.errorf(n, "%s must be true or false, found %s; write %s: true or %s: false", path, describe(n), lastKey(path), lastKey(path))
			return
		}
		v.SetBool(b)
	default:
		// Only the types above occur in the file formats; a new kind is a programming error
		// caught by the tests, reported rather than panicking on user input.
		d.errorf(n, "%s cannot be read (unsupported field type %s); report this as a bug in vern", path, v.Kind())
	}
}

func lastKey(path string) string {
	if i := strings.LastIndexAny(path, "."); i >= 0 {
		return path[i+1:]
	}
	return path
}

func (d *fileDecoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	t := v.Type()
	if field, ok := shorthand[t]; ok && n.Kind == yaml.ScalarNode {
		idx, _ := fieldsOf(t)
		v.Field(idx[field]).SetString(d.expand(n, path))
		if v.Field(idx[field]).String() == "" {
			d.errorf(n, "%s is empty; write an id or remove the entry", path)
		}
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of keys to values, found %s; write it as key: value lines indented under %s", orTop(path), describe(n), orTop(lastKey(path)))
		return
	}
	idx, names := fieldsOf(t)
	seen := map[string]*yaml.Node{}
	failed := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key, ok := d.mapKey(k, path, seen)
		if !ok {
			continue
		}
		fi, known := idx[key]
		if !known {
			d.errorf(k, "unknown key %s %s; %svalid keys: %s", quote(key), where(path), didYouMean(key, names), strings.Join(names, ", "))
			continue
		}
		p := joinPath(path, key)
		d.keys[p] = k
		before := d.sink.len()
		d.decode(val, v.Field(fi), p)
		if d.sink.len() > before {
			failed[key] = true
		}
	}
	for _, name := range required[t] {
		k, ok := seen[name]
		f := v.Field(idx[name])
		switch {
		case !ok:
			d.errorf(n, "missing required key %s %s; add %s: ...", quote(name), where(path), name)
		case failed[name], d.unresolved[joinPath(path, name)]:
			// Already reported (a wrong type or an unset variable): one problem, one message.
		case f.Kind() == reflect.String && f.String() == "":
			d.errorf(k, "%s is empty; give it a value", joinPath(path, name))
		}
	}
}

func orTop(path string) string {
	if path == "" {
		return "the file"
	}
	return path
}

// mapKey checks one mapping key: a scalar, not a merge key, not seen before.
func (d *fileDecoder) mapKey(k *yaml.Node, path string, seen map[string]*yaml.Node) (string, bool) {
	if k.Kind != yaml.ScalarNode {
		d.errorf(k, "a key %s is %s; keys must be plain names", where(path), describe(k))
		return "", false
	}
	if k.Tag == "!!merge" {
		d.errorf(k, "merge keys (<<) are not supported %s; write the keys out in full", where(path))
		return "", false
	}
	if first, dup := seen[k.Value]; dup {
		d.errorf(k, "duplicate key %s %s (first at line %d); remove or rename one of them", quote(k.Value), where(path), first.Line)
		return "", false
	}
	seen[k.Value] = k
	return k.Value, true
}

func (d *fileDecoder) decodeMap(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of ids to entries, found %s; write one `id:` line per entry, indented under %s", path, describe(n), lastKey(path))
		return
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key, ok := d.mapKey(k, path, seen)
		if !ok {
			continue
		}
		if key == "" {
			d.errorf(k, "empty id %s; give the entry a name", where(path))
			continue
		}
		p := joinPath(path, key)
		d.keys[p] = k
		elem := reflect.New(v.Type().Elem()).Elem()
		d.decode(val, elem, p)
		m.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), elem)
	}
	v.Set(m)
}

// expand replaces ${NAME} references in a scalar string with the environment's values. It
// runs after parsing, so a value can neither break the YAML nor end up in a message: a
// problem names the file, the line and the variable, never what it holds. `$${` writes a
// literal `${`.
func (d *fileDecoder) expand(n *yaml.Node, path string) string {
	s := n.Value
	if !strings.Contains(s, "${") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		if i > 0 && s[i-1] == '$' {
			b.WriteString(s[:i-1])
			b.WriteString("${")
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		end := strings.IndexByte(s[i:], '}')
		name := ""
		if end > 0 {
			name = s[i+2 : i+end]
		}
		if !validEnvName(name) {
			d.errorf(n, "malformed environment reference %s; write ${NAME} with letters, digits and _ (or $${ for a literal ${)", where(path))
			return ""
		}
		val, ok := d.lookup(name)
		if !ok {
			if d.checks != nil && !d.checks.StrictEnv && d.warnings != nil {
				d.warnings.add(d.file, n.Line, n.Column, "environment variable %s is not set (used %s); set it where vern collects (%s)", name, where(path), StrictEnvNote)
				d.unresolved[path] = true
				return ""
			}
			d.errorf(n, "environment variable %s is not set (used %s); set it before running vern", name, where(path))
			return ""
		}
		b.WriteString(val)
		s = s[i+end+1:]
	}
}

func validEnvName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		ok := r == '_' || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (i > 0 && r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}
