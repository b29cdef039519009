package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Chromium; without it the browser tests skip locally and fail in CI.
func chromiumPath(tb testing.TB) string {
	tb.Helper()
	for _, p := range []string{os.Getenv("VERN_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		tb.Fatal("Chromium is missing and CI is set: apt-get install -y chromium (or set VERN_CHROMIUM)")
	}
	tb.Skip("Chromium not found; install it (apt-get install -y chromium) to run the browser tests")
	return ""
}

// newBrowser starts a headless Chromium with no network beyond the loopback interface.
func newBrowser(tb testing.TB) context.Context {
	tb.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(tb)),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	tb.Cleanup(func() { cancel(); acancel() })
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// pageWatch records what a page did that a report must never do.
type pageWatch struct {
	mu       sync.Mutex
	requests []string
	errors   []string
}

func (w *pageWatch) snapshot() ([]string, []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.requests...), append([]string(nil), w.errors...)
}

// watch installs listeners for requests, console errors, exceptions and log entries
// (a CSP violation is logged as an error) on the tab of ctx.
func watch(tb testing.TB, ctx context.Context, self string) *pageWatch {
	tb.Helper()
	w := &pageWatch{}
	if err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if e.Request != nil && e.Request.URL != self && !strings.HasPrefix(e.Request.URL, "data:") {
				w.requests = append(w.requests, e.Request.URL)
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				w.errors = append(w.errors, "console."+string(e.Type)+": "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			w.errors = append(w.errors, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
				w.errors = append(w.errors, "log "+string(e.Entry.Source)+": "+e.Entry.Text)
			}
		}
	}); err != nil {
		tb.Fatalf("listen: %v", err)
	}
	for _, err := range []error{
		func() error { _, err := chromedp.Call(ctx, runtime.Enable, struct{}{}); return err }(),
		func() error { _, err := chromedp.Call(ctx, log.Enable, struct{}{}); return err }(),
		func() error { _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); return err }(),
	} {
		if err != nil {
			tb.Fatalf("enable domains: %v", err)
		}
	}
	return w
}

// artifactDir is where screenshots go: $VERN_TEST_ARTIFACTS, else a folder under os.TempDir.
func artifactDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("VERN_TEST_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "vern-test-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// openReport writes html to a file and loads it in a fresh tab, returning the tab.
func openReport(tb testing.TB, browser context.Context, html []byte) (context.Context, *pageWatch, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "report.html")
	if err := os.WriteFile(path, html, 0o644); err != nil {
		tb.Fatal(err)
	}
	url := "file://" + path
	tab, cancel := chromedp.NewContext(browser)
	tb.Cleanup(cancel)
	w := watch(tb, tab, url)
	tctx, tcancel := context.WithTimeout(tab, 60*time.Second)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
		tb.Fatalf("load report: %v", err)
	}
	return tab, w, url
}
