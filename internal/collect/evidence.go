package collect

import (
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
		Locations:     cfg.Locations,
		Hashes:        hashes,
		Targets:       map[string]*evidence.Target{},
	}
}
