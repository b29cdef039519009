package evidence

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Read loads an evidence file streaming and checks its hash and schema version.
func Read(path string) (*Evidence, error) {
	e, err := Load(path)
	if err != nil {
		return nil, err
	}
	if err := e.Verify(); err != nil {
		return nil, fmt.Errorf("read evidence %s: %w", path, err)
	}
	return e, nil
}

// Write seals the document and writes it atomically (a temporary file renamed into place),
// so an interrupted run never leaves half a file where a good one was.
func Write(path string, e *Evidence) error {
	if err := e.Seal(); err != nil {
		return err
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return fmt.Errorf("write evidence: %w", err)
	}
	return WriteFileAtomic(path, append(b, '\n'))
}

// WriteFileAtomic writes data to a temporary file beside path and renames it into place.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	// On failure the temporary file is removed; the write's own error comes first, and a
	// failed removal is joined to it because it leaves a stray file beside path.
	if _, err := f.Write(data); err != nil {
		_ = f.Close() // the file is discarded: the write error is the one that matters
		return fmt.Errorf("write %s: %w", path, errors.Join(err, os.Remove(tmp)))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, errors.Join(err, os.Remove(tmp)))
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, errors.Join(err, os.Remove(tmp)))
	}
	return nil
}
