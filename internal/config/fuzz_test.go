package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzEnv resolves every variable but one, so fuzzing reaches both expansion paths.
func fuzzEnv(name string) (string, bool) {
	if name == "UNSET" {
		return "", false
	}
	return "postgres://u:" + testPassword + "@h/db", true
}

func addSeeds(f *testing.F, patterns ...string) {
	f.Helper()
	for _, pattern := range patterns {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

// checkFuzzErrors holds for any input: each problem is one line with a fix, and no
// expanded value is shown.
func checkFuzzErrors(t *testing.T, sink *errorSink) {
	err := sink.result()
	if err == nil {
		return
	}
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("%T is not an ErrorList: %v", err, err)
	}
	if len(list) > maxErrors+1 {
		t.Fatalf("%d errors, over the cap", len(list))
	}
	for _, e := range list {
		if strings.ContainsAny(e.Message, "\n\r") {
			t.Fatalf("multi-line message: %q", e.Message)
		}
		if strings.Contains(e.Message, testPassword) {
			t.Fatalf("expanded value in message: %q", e.Message)
		}
		if e.Line < 0 || e.Column < 0 {
			t.Fatalf("negative position: %+v", e)
		}
	}
}

func FuzzLoadDeclaration(f *testing.F) {
	addSeeds(f, "testdata/good/declaration.yaml", "testdata/gaps/declaration.yaml", "testdata/declaration/*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		sink := &errorSink{}
		d := newFileDecoder("declaration.yaml", "declaration.yaml", fuzzEnv, sink)
		cfg := newConfig("", ".")
		decodeDeclaration(d, data, &cfg.Declaration)
		checkFuzzErrors(t, sink)
		if sink.len() == 0 {
			declarationLocations(cfg, d)
		}
	})
}

// FuzzLoadInventory feeds the same bytes to the inventory, processor and waiver decoders,
// and checks the inventory's references against a sound declaration.
func FuzzLoadInventory(f *testing.F) {
	addSeeds(f, "testdata/good/vern.yaml", "testdata/good/waivers.yaml", "testdata/good/processors/*.yaml",
		"testdata/inventory/*/vern.yaml", "testdata/inventory/*/waivers.yaml", "testdata/inventory/*/processors/*.yaml",
		"testdata/secrets/vern.yaml")
	decl, err := testEnv(nil).LoadDeclaration("testdata/good/declaration.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sink := &errorSink{}
		d := newFileDecoder("vern.yaml", "vern.yaml", fuzzEnv, sink)
		cfg := newConfig("vern.yaml", ".")
		hosts := decodeInventory(d, data, &cfg.Inventory)
		if !d.failed() {
			checkInventoryRefs(d, &cfg.Inventory, decl)
			inventoryLocations(cfg, d, hosts)
		}
		var p Processor
		decodeProcessor(newFileDecoder("p.yaml", "p.yaml", fuzzEnv, sink), data, &p)
		decodeWaivers(newFileDecoder("w.yaml", "w.yaml", fuzzEnv, sink), data)
		checkFuzzErrors(t, sink)
	})
}
