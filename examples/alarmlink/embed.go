// Package alarmlink embeds the Alarmlink example (declaration, demo inventory, processor
// registry and waivers) so `vern demo` runs from the binary alone.
package alarmlink

import (
	"embed"
	"io/fs"
	"os"
	"path/filepath"
)

// Files holds the example's input files.
//
//go:embed declaration.yaml vern.demo.yaml waivers.yaml processors
var Files embed.FS

// Extract writes the example's files into dir, keeping their folders.
func Extract(dir string) error {
	return fs.WalkDir(Files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(Files, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
