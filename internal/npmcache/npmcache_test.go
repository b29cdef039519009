package npmcache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPinsAreComplete(t *testing.T) {
	t.Parallel()
	pins := Pins()
	if len(pins) == 0 {
		t.Fatal("no packages pinned")
	}
	seen := map[string]bool{}
	for _, p := range pins {
		if seen[p.Name] {
			t.Errorf("%s pinned twice", p.Name)
		}
		seen[p.Name] = true
		if !strings.HasPrefix(p.Integrity, "sha512-") {
			t.Errorf("%s: integrity %q is not a sha512 checksum", p.Name, p.Integrity)
		}
		if strings.ContainsAny(p.Version, "^~*<> ") || p.Version == "latest" {
			t.Errorf("%s: version %q is a range, not a pin", p.Name, p.Version)
		}
	}
}

func TestFileInCache(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvCache, dir)
	p := Pins()[0]
	if _, err := File(p.Name, "package.json"); err == nil || !strings.Contains(err.Error(), "scripts/setup.sh") {
		t.Fatalf("missing package: err %v, want the set-up named", err)
	}
	if err := os.MkdirAll(p.Dir(), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p.Dir(), "package.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := File(p.Name, "package.json")
	if err != nil || got != filepath.Join(dir, "npm", p.Name+"@"+p.Version, "package.json") {
		t.Fatalf("File = %q, %v", got, err)
	}
	if _, err := File("left-pad", "index.js"); err == nil {
		t.Fatal("an unpinned package was found")
	}
}
