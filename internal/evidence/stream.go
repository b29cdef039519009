package evidence

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strings"
)

// ContentHash is the sha256 of the canonical form (Canonical), computed field by field and
// target by target into the hash, so a large document is never marshalled whole: at most
// one target's JSON is in memory beside the document.
func (e *Evidence) ContentHash() (string, error) {
	h := sha256.New()
	if err := e.writeCanonical(h); err != nil {
		return "", fmt.Errorf("canonical evidence: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writeCanonical writes exactly what json.Marshal writes for the document with SHA256 and
// Signature empty (a test holds the two equal), walking the struct's fields in order.
func (e *Evidence) writeCanonical(w io.Writer) error {
	c := *e
	c.SHA256 = ""
	c.Signature = nil
	v := reflect.ValueOf(c)
	t := v.Type()
	// bufio.Writer keeps its first write error and returns it from every later write and
	// from Flush, so the writes below are checked once, by the Flush that ends them.
	bw := bufio.NewWriter(w)
	bw.WriteByte('{')
	first := true
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fv := v.Field(i)
		if strings.Contains(","+opts+",", ",omitempty,") && isEmptyValue(fv) {
			continue
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		key, _ := json.Marshal(name)
		bw.Write(key)
		bw.WriteByte(':')
		if f.Name == "Targets" && c.Targets != nil {
			if err := writeTargets(bw, c.Targets); err != nil {
				return err
			}
			continue
		}
		b, err := json.Marshal(fv.Interface())
		if err != nil {
			return err
		}
		bw.Write(b)
	}
	bw.WriteByte('}')
	return bw.Flush()
}

type targetMap = map[string]*Target

func writeTargets(w *bufio.Writer, m targetMap) error {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	// w is the caller's bufio.Writer: its Flush returns any error of these writes.
	w.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			w.WriteByte(',')
		}
		key, _ := json.Marshal(n)
		w.Write(key)
		w.WriteByte(':')
		b, err := json.Marshal(m[n])
		if err != nil {
			return err
		}
		w.Write(b)
	}
	w.WriteByte('}')
	return nil
}

// isEmptyValue is encoding/json's notion of empty, for omitempty.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// Decode reads an evidence document from r without checking its hash. It walks the
// top-level object token by token and decodes one target at a time, so the file's JSON is
// never held whole beside the decoded document.
func Decode(r io.Reader) (*Evidence, error) {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	rest := map[string]json.RawMessage{}
	var targets map[string]*Target
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		if key != "targets" {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, fmt.Errorf("%s: %w", key, err)
			}
			rest[key] = raw
			continue
		}
		if targets, err = decodeTargets(dec); err != nil {
			return nil, fmt.Errorf("targets: %w", err)
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the document")
	}
	// What is left (declaration, inventory, hashes, chain) is small.
	b, err := json.Marshal(rest)
	if err != nil {
		return nil, err
	}
	var e Evidence
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, err
	}
	e.Targets = targets
	return &e, nil
}

func decodeTargets(dec *json.Decoder) (map[string]*Target, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok == nil {
		return nil, nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("not an object")
	}
	out := map[string]*Target{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := tok.(string)
		var t Target
		if err := dec.Decode(&t); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = &t
	}
	return out, expectDelim(dec, '}')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q, found %v", want, tok)
	}
	return nil
}

// Load reads an evidence file streaming and checks its schema version, not its hash
// (vern verify reports a hash that does not match instead of refusing the file).
func Load(path string) (*Evidence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read evidence: %w", err)
	}
	defer func() { _ = f.Close() }() // read only: nothing is lost if closing fails
	e, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("read evidence %s: not an evidence document: %w", path, err)
	}
	if e.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("read evidence %s: schema_version %q, this vern reads %q: collect again with this version", path, e.SchemaVersion, SchemaVersion)
	}
	return e, nil
}
