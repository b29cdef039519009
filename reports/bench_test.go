package reports

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// benchFindings is the size of the report the benchmarks render (goal: under 5 MB, under
// 3 s to render in headless Chromium).
const benchFindings = 5000

func benchInput() *Input {
	doc := syntheticDocument(benchFindings)
	ev := fixtureEvidence()
	return &Input{Findings: doc, Evidence: ev, Previous: syntheticDocument(benchFindings - 500), Lang: "nb"}
}

// BenchmarkHTMLRender5000 renders the HTML report of 5,000 findings and reports its size.
func BenchmarkHTMLRender5000(b *testing.B) {
	in := benchInput()
	var size int
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := (HTML{}).Write(&buf, in); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1e6, "MB/report")
}

// BenchmarkFormats5000 renders every other format for 5,000 findings.
func BenchmarkFormats5000(b *testing.B) {
	in := benchInput()
	for _, f := range []Format{SARIF{}, JUnit{}, Markdown{}, JSON{}} {
		b.Run(f.Name(), func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if err := f.Write(&buf, in); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size)/1e6, "MB/file")
		})
	}
	b.Run("annotations+console", func(b *testing.B) {
		for b.Loop() {
			_ = WriteAnnotations(io.Discard, in.Findings, 0)
			_ = WriteConsole(io.Discard, in.Findings)
		}
	})
}

// BenchmarkHTMLChromium5000 loads the 5,000-finding report in headless Chromium until it
// is laid out, and reports the time per load (one browser, a fresh tab per load).
func BenchmarkHTMLChromium5000(b *testing.B) {
	browser := newBrowser(b)
	var buf bytes.Buffer
	if err := (HTML{}).Write(&buf, benchInput()); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "report.html")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(buf.Len())/1e6, "MB/report")
	var total time.Duration
	n := 0
	for b.Loop() {
		tab, cancel := chromedp.NewContext(browser)
		if err := chromedp.Do(tab); err != nil {
			b.Fatal(err)
		}
		ctx, tcancel := context.WithTimeout(tab, 60*time.Second)
		start := time.Now()
		err := chromedp.Do(ctx, chromedp.Navigate("file://"+path))
		var rows int
		if err == nil {
			// Reading the layout forces style and layout of the whole page.
			rows, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.body.scrollHeight > 0 ? document.querySelectorAll("tr.f").length : 0`))
		}
		total += time.Since(start)
		n++
		tcancel()
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		if rows != benchFindings {
			b.Fatalf("%d finding rows, want %d", rows, benchFindings)
		}
	}
	b.ReportMetric(total.Seconds()/float64(n), "s/load")
}
