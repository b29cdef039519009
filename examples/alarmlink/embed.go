// Package alarmlink embeds the Alarmlink example (declaration, demo inventory, processor
// registry and waivers) so `vern demo` runs from the binary alone.
package alarmlink

import "embed"

// Files holds the example's input files.
//
//go:embed declaration.yaml vern.demo.yaml waivers.yaml processors
var Files embed.FS
