// Package rego embeds vern's built-in rule bundle: one Rego package per area under
// vern.<area> (the folder mirrors the package), a shared finding builder in vern.lib, and
// the reference data (kind tree, EEA and adequacy lists, cookie catalog) under
// data.vern.reference.
package rego

import "embed"

// Bundle holds the built-in rules, their tests and the reference data.
//
//go:embed */*.rego reference/*.json
var Bundle embed.FS
