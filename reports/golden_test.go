package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./reports/ -run %s -update to create it): %v", t.Name(), err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s differs from the golden file at line %d:\n got: %q\nwant: %q\n(run with -update if the change is intended)", name, i+1, g, w)
		}
	}
}

func TestGoldenFormats(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		format Format
		lang   string
		file   string
	}{
		{name: "html en", format: HTML{}, lang: "en", file: "report.en.html"},
		{name: "html nb", format: HTML{}, lang: "nb", file: "report.nb.html"},
		{name: "sarif en", format: SARIF{}, lang: "en", file: "results.en.sarif"},
		{name: "sarif nb", format: SARIF{}, lang: "nb", file: "results.nb.sarif"},
		{name: "junit en", format: JUnit{}, lang: "en", file: "junit.en.xml"},
		{name: "junit nb", format: JUnit{}, lang: "nb", file: "junit.nb.xml"},
		{name: "markdown en", format: Markdown{}, lang: "en", file: "summary.en.md"},
		{name: "markdown nb", format: Markdown{}, lang: "nb", file: "summary.nb.md"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := tc.format.Write(&buf, fixtureInput(tc.lang)); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.file, buf.Bytes())
		})
	}
}

func TestGoldenAnnotations(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteAnnotations(&buf, fixtureDocument(), 0); err != nil {
		t.Fatal(err)
	}
	golden(t, "annotations.txt", buf.Bytes())
}

func TestGoldenConsole(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, lang, file string }{
		{name: "en", lang: "en", file: "console.en.txt"},
		{name: "nb", lang: "nb", file: "console.nb.txt"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := WriteConsoleLang(&buf, fixtureDocument(), tc.lang); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.file, buf.Bytes())
		})
	}
}

func TestRegistryHasFormats(t *testing.T) {
	t.Parallel()
	want := map[string]string{"json": "findings.json", "html": "report.html", "sarif": "results.sarif", "junit": "junit.xml", "markdown": "summary.md"}
	for name, file := range want {
		f, err := Get(name)
		if err != nil {
			t.Fatalf("format %s: %v", name, err)
		}
		if f.FileName() != file {
			t.Errorf("format %s writes %s, want %s", name, f.FileName(), file)
		}
	}
}

func TestWriteAllWritesEveryFormat(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fs, err := Parse("html,json,sarif,junit,markdown")
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteAll(dir, fs, fixtureInput("nb")); err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		st, err := os.Stat(filepath.Join(dir, f.FileName()))
		if err != nil || st.Size() == 0 {
			t.Errorf("%s: missing or empty (%v)", f.FileName(), err)
		}
	}
}
