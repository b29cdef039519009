package collect

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// New starts an evidence document for cfg, with no targets yet.
func New(cfg *config.Config, version string, started time.Time) *evidence.Evidence {
	hashes := map[string]string{}
	for k, v := range cfg.Hashes {
		hashes[k] = v
	}
	return &evidence.Evidence{
		SchemaVersion: evidence.SchemaVersion,
		VernVersion:   version,
		StartedAt:     started.UTC(),
		CollectedAt:   started.UTC(),
		Declaration:   cfg.Declaration,
		Inventory:     cfg.Inventory,
		Processors:    cfg.Processors,
		Waivers:       cfg.Waivers,
		Locations:     cfg.Locations,
		Root:          root(cfg.Dir),
		Hashes:        hashes,
		Targets:       map[string]*evidence.Target{},
	}
}

// root is dir relative to the working directory, when dir lies under it.
func root(dir string) string {
	if dir == "" {
		return ""
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(rel)
}
