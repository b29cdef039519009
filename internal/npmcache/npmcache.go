// Package npmcache finds the npm packages vern depends on without vendoring them: their
// versions and checksums are pinned in packages.txt, scripts/npm-deps.sh unpacks each
// verified tarball into a cache directory, and this package resolves paths inside it.
package npmcache

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

//go:embed packages.txt
var manifest string

// Package is one pinned npm package.
type Package struct {
	Name      string
	Version   string
	Integrity string
}

// EnvCache names the environment variable that moves the cache (default ~/.cache/vern).
const EnvCache = "VERN_CACHE"

// Pins lists the pinned packages in manifest order.
func Pins() []Package {
	var out []Package
	for _, line := range strings.Split(manifest, "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || strings.HasPrefix(f[0], "#") {
			continue
		}
		out = append(out, Package{Name: f[0], Version: f[1], Integrity: f[2]})
	}
	return out
}

// Pinned returns the pin of the named package.
func Pinned(name string) (Package, bool) {
	for _, p := range Pins() {
		if p.Name == name {
			return p, true
		}
	}
	return Package{}, false
}

// Root is the directory the packages are unpacked under: $VERN_CACHE/npm, else
// ~/.cache/vern/npm.
func Root() string {
	if d := os.Getenv(EnvCache); d != "" {
		return filepath.Join(d, "npm")
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "vern", "npm")
	}
	return filepath.Join(os.TempDir(), "vern-cache", "npm")
}

// Dir is the unpacked package's directory (the tarball's package/ folder).
func (p Package) Dir() string {
	return filepath.Join(Root(), p.Name+"@"+p.Version)
}

// File returns the path of a file inside the pinned package name, or an error that says
// how to install it.
func File(name, rel string) (string, error) {
	p, ok := Pinned(name)
	if !ok {
		return "", fmt.Errorf("npm package %s is not pinned in internal/npmcache/packages.txt", name)
	}
	path := filepath.Join(p.Dir(), filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("npm package %s@%s is not installed (%s missing); run bash scripts/setup.sh, or set %s to the cache it used",
			p.Name, p.Version, rel, EnvCache)
	}
	return path, nil
}
