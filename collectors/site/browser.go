package site

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"syscall"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/evidence"
	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/sirupsen/logrus"
)

// Locale and time zone every visit runs with: a Norwegian visitor.
const (
	Locale   = "nb-NO"
	TimeZone = "Europe/Oslo"
)

// browser is one running Chromium process.
type browser struct {
	ctx    context.Context
	cancel context.CancelFunc
	info   evidence.SiteBrowser
	dir    string
	// ua is the user agent the tabs present: the browser's own, as a regular Chrome.
	ua string
}

func (b *browser) close() {
	b.cancel()
	if b.dir != "" {
		_ = os.RemoveAll(b.dir) // best effort: close has no caller to report to, and the browser is already gone
	}
}

// identity is who the browser runs as.
type identity struct {
	name     string
	uid, gid uint32
	switchTo bool
}

// ErrNoChromium is returned when the browser binary is missing.
var ErrNoChromium = errors.New("chromium not found")

// startBrowser starts Chromium. Run as root, it starts the browser as an unprivileged user
// so that Chromium's sandbox can work; it falls back to running without the sandbox (as
// that user) and, only when no such user exists, as root without the sandbox. Which one
// ran is recorded.
func (c *Collector) startBrowser(ctx context.Context, log *logrus.Entry) (*browser, error) {
	if _, err := os.Stat(c.opts.ChromiumPath); err != nil {
		return nil, &collect.Failure{
			Reason: fmt.Sprintf("chromium not found at %s", c.opts.ChromiumPath),
			Fix:    "install Debian's chromium package (apt-get install -y chromium), or run with --browser none for a partial, header-only collection",
			Err:    ErrNoChromium,
		}
	}
	var ids []identity
	if os.Geteuid() == 0 {
		if u, err := user.Lookup(c.opts.User); err == nil {
			uid, _ := strconv.ParseUint(u.Uid, 10, 32)
			gid, _ := strconv.ParseUint(u.Gid, 10, 32)
			ids = append(ids, identity{name: u.Username, uid: uint32(uid), gid: uint32(gid), switchTo: true})
		}
		ids = append(ids, identity{name: "root"})
	} else {
		name := strconv.Itoa(os.Geteuid())
		if u, err := user.Current(); err == nil {
			name = u.Username
		}
		ids = append(ids, identity{name: name})
	}
	var lastErr error
	for _, id := range ids {
		for _, sandbox := range []bool{true, false} {
			if id.name == "root" && sandbox {
				continue // Chromium refuses its sandbox as root.
			}
			b, err := c.launch(ctx, id, sandbox)
			if err == nil {
				return b, nil
			}
			lastErr = err
			log.WithField("user", id.name).WithField("sandbox", sandbox).Debugf("chromium did not start: %v", err)
			if ctx.Err() != nil {
				return nil, fmt.Errorf("start chromium: %w", err)
			}
		}
	}
	return nil, &collect.Failure{Reason: "chromium did not start", Fix: "check that " + c.opts.ChromiumPath + " runs (chromium --headless --version)", Err: lastErr}
}

func (c *Collector) launch(ctx context.Context, id identity, sandbox bool) (*browser, error) {
	dir, err := os.MkdirTemp("", "vern-chromium-")
	if err != nil {
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	if id.switchTo {
		if err := os.Chown(dir, int(id.uid), int(id.gid)); err != nil {
			_ = os.RemoveAll(dir) // the chown error is the one to report
			return nil, fmt.Errorf("start chromium: %w", err)
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(c.opts.ChromiumPath),
		chromedp.UserDataDir(dir),
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", Locale),
		// A visitor's browser: not marked as automated, in a normal window.
		chromedp.Flag("enable-automation", false),
		chromedp.Flag("disable-blink-features", "AutomationControlled"),
		chromedp.WindowSize(WindowWidth, WindowHeight),
		chromedp.Flag("no-sandbox", !sandbox),
		// Pages may not open windows on their own, and none may eat the machine's memory.
		chromedp.Flag("disable-popup-blocking", false),
		chromedp.Flag("js-flags", fmt.Sprintf("--max-old-space-size=%d", c.opts.JSHeapMB)),
		// The browser gets none of vern's environment (DSNs, tokens), only what it needs.
		chromedp.NoInheritEnv,
		chromedp.Env("HOME="+dir, "TZ="+TimeZone, "LANG=nb_NO.UTF-8", "PATH=/usr/local/bin:/usr/bin:/bin"),
		chromedp.ModifyCmdFunc(func(cmd *exec.Cmd) {
			cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
			if id.switchTo {
				cmd.SysProcAttr.Credential = &syscall.Credential{Uid: id.uid, Gid: id.gid}
			}
		}),
	)
	actx, acancel := chromedp.NewExecAllocator(context.WithoutCancel(ctx), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	cancel := func() { bcancel(); acancel() }
	stop := context.AfterFunc(ctx, cancel)
	b := &browser{ctx: bctx, cancel: func() { stop(); cancel() }, dir: dir}
	if err := chromedp.Do(bctx); err != nil {
		b.close()
		return nil, err
	}
	v, err := chromedp.CallBrowser(bctx, cdpbrowser.GetVersion, struct{}{})
	if err != nil {
		b.close()
		return nil, err
	}
	b.ua = visitorUA(v.UserAgent)
	b.info = evidence.SiteBrowser{Name: string(BrowserChromium), Version: v.Product, Sandbox: sandbox, User: id.name,
		Locale: Locale, TimeZone: TimeZone, Tabs: c.opts.Tabs}
	return b, nil
}
