package config

import "path/filepath"

// LoadWaivers reads a waivers file on its own (for `vern evaluate --waivers`), as strictly
// as Load does, and returns the waivers with the file's sha256.
func (l Loader) LoadWaivers(path string) ([]Waiver, string, error) {
	sink := &errorSink{}
	data, ok := readInput(sink, path, nil, "")
	if !ok {
		return nil, "", sink.result()
	}
	d := l.newDecoder(path, filepath.ToSlash(path), sink)
	ws := decodeWaivers(d, data)
	if err := sink.result(); err != nil {
		return nil, "", err
	}
	return ws, hashBytes(data), nil
}

// LoadWaivers reads a waivers file with the process environment. See Loader.LoadWaivers.
func LoadWaivers(path string) ([]Waiver, string, error) { return Loader{}.LoadWaivers(path) }
