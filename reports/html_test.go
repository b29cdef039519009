package reports

import (
	"bytes"
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	xhtml "golang.org/x/net/html"
)

func renderHTML(t testing.TB, in *Input) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (HTML{}).Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHTMLContentSecurityPolicy(t *testing.T) {
	t.Parallel()
	page := string(renderHTML(t, fixtureInput("en")))
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]+)">`).FindStringSubmatch(page)
	if csp == nil {
		t.Fatal("no Content-Security-Policy meta element")
	}
	policy := html.UnescapeString(csp[1])
	for _, want := range []string{"default-src 'none'", "base-uri 'none'", "form-action 'none'"} {
		if !strings.Contains(policy, want) {
			t.Errorf("policy %q lacks %q", policy, want)
		}
	}
	if strings.Contains(policy, "unsafe-inline") || strings.Contains(policy, "http") {
		t.Errorf("policy %q allows inline code or a network source", policy)
	}
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(page)
	script := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindStringSubmatch(page)
	if style == nil || script == nil {
		t.Fatal("inline style or script missing")
	}
	if !strings.Contains(policy, "style-src "+cspHash(style[1])) {
		t.Errorf("style-src does not carry the hash of the inline style")
	}
	if !strings.Contains(policy, "script-src "+cspHash(script[1])) {
		t.Errorf("script-src does not carry the hash of the inline script")
	}
	if n := strings.Count(page, "<script"); n != 1 {
		t.Errorf("%d script elements, want only the report's own", n)
	}
	// Markup only: text content is escaped, so a tag can only start with a literal '<'.
	for _, bad := range []string{`<link`, `@import`, `url(`, `<iframe`, `<img`, `<object`, `<embed`} {
		if strings.Contains(page, bad) {
			t.Errorf("report contains %q: it must not fetch anything", bad)
		}
	}
	z := xhtml.NewTokenizer(strings.NewReader(page))
	for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			if a.Key == "src" || a.Key == "style" || strings.HasPrefix(a.Key, "on") {
				t.Errorf("element <%s> has attribute %s=%q: the page must not fetch or need unsafe-inline", tok.Data, a.Key, a.Val)
			}
		}
	}
}

func TestHTMLEscapesHostileStrings(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "nb"} {
		page := string(renderHTML(t, fixtureInput(lang)))
		for _, raw := range []string{hostileTitle, hostileCookie, `<img src=x`} {
			if strings.Contains(page, raw) {
				t.Errorf("%s: hostile string %q written unescaped", lang, raw)
			}
		}
		for _, esc := range []string{"&lt;script&gt;window.__pwned=1", "&lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;ck",
			"o&#39;brien &#34;&#34;rows&#34;&#34;&#34;"} {
			if !strings.Contains(page, esc) {
				t.Errorf("%s: escaped form %q not shown", lang, esc)
			}
		}
	}
}

func TestHTMLCompleteInBothLanguages(t *testing.T) {
	t.Parallel()
	doc := fixtureDocument()
	nb := string(renderHTML(t, fixtureInput("nb")))
	en := string(renderHTML(t, fixtureInput("en")))
	esc := func(s string) string {
		var b bytes.Buffer
		_ = htmlEscape(&b, s)
		return b.String()
	}
	for _, f := range doc.Findings {
		r := doc.Rules[f.Rule]
		if !strings.Contains(nb, esc(r.NB.Title)) {
			t.Errorf("nb report lacks the Norwegian title of %s", f.Rule)
		}
		if !strings.Contains(nb, esc(r.NB.Remediation)) {
			t.Errorf("nb report lacks the Norwegian remediation of %s", f.Rule)
		}
		if !strings.Contains(nb, esc(f.MessageNB)) {
			t.Errorf("nb report lacks message_nb of %s", f.Rule)
		}
		if strings.Contains(nb, esc(f.Message)) {
			t.Errorf("nb report shows the English message of %s", f.Rule)
		}
		if !strings.Contains(en, esc(r.Title)) || !strings.Contains(en, esc(f.Message)) {
			t.Errorf("en report lacks the English texts of %s", f.Rule)
		}
	}
	for _, k := range []string{"nav.matrix", "scope.backups", "matrix.unchecked", "filter.waived", "changes.intro"} {
		if !strings.Contains(nb, esc(ui["nb"][k])) {
			t.Errorf("nb report lacks UI string %s", k)
		}
		if strings.Contains(nb, esc(ui["en"][k])) {
			t.Errorf("nb report shows English UI string %s", k)
		}
	}
	if !strings.Contains(nb, `<html lang="nb">`) || !strings.Contains(en, `<html lang="en">`) {
		t.Error("html lang attribute does not follow Input.Lang")
	}
}

func TestHTMLWithoutEvidence(t *testing.T) {
	t.Parallel()
	in := fixtureInput("en")
	in.Evidence, in.Previous = nil, nil
	page := string(renderHTML(t, in))
	for _, want := range []string{ui["en"]["evidence.none"], ui["en"]["changes.none"], "site:shop.alarmlink.no"} {
		if !strings.Contains(page, htmlText(want)) {
			t.Errorf("report without evidence lacks %q", want)
		}
	}
}

func htmlText(s string) string {
	var b bytes.Buffer
	_ = htmlEscape(&b, s)
	return b.String()
}

// TestHTMLInChromium opens the report in headless Chromium: no request leaves the page, no
// console error or CSP violation, hostile names show as text and run nothing, the filters
// and sorting work, and a screenshot and a PDF print are saved as artifacts.
func TestHTMLInChromium(t *testing.T) {
	browser := newBrowser(t)
	for _, lang := range []string{"en", "nb"} {
		t.Run(lang, func(t *testing.T) {
			tab, w, _ := openReport(t, browser, renderHTML(t, fixtureInput(lang)))
			ctx, cancel := context.WithTimeout(tab, 60*time.Second)
			defer cancel()

			pwned, err := chromedp.Run(ctx, chromedp.Evaluate[string](`typeof window.__pwned`))
			if err != nil || pwned != "undefined" {
				t.Errorf("hostile markup ran script: window.__pwned is %q (%v)", pwned, err)
			}
			text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{hostileTitle, `<img src=x onerror="window.__pwned=2">ck`, `public."o'brien ""rows"""`} {
				if !strings.Contains(text, s) {
					t.Errorf("hostile string %q not shown as text", s)
				}
			}
			counts, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.images.length, document.scripts.length, document.querySelectorAll("iframe,object,embed,link").length]`))
			if err != nil || counts[0] != 0 || counts[1] != 1 || counts[2] != 0 {
				t.Errorf("page holds injected elements: images, scripts, embeds = %v (%v)", counts, err)
			}

			// Filter by severity: only the critical finding stays visible.
			visible, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(function(){
				var s=document.getElementById("fsev"); s.value="critical"; s.dispatchEvent(new Event("change"));
				return document.querySelectorAll("tr.f:not([hidden])").length; })()`))
			if err != nil || visible != 1 {
				t.Errorf("severity filter shows %d rows, want 1 (%v)", visible, err)
			}
			shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("fshown").textContent`))
			if err != nil || shown != "1" {
				t.Errorf("shown counter %q, want 1 (%v)", shown, err)
			}
			// Hide waived findings, then search text.
			visible, err = chromedp.Run(ctx, chromedp.Evaluate[int](`(function(){
				var s=document.getElementById("fsev"); s.value=""; s.dispatchEvent(new Event("change"));
				var w=document.getElementById("fwaived"); w.checked=false; w.dispatchEvent(new Event("change"));
				return document.querySelectorAll("tr.f:not([hidden])").length; })()`))
			if err != nil || visible != len(fixtureDocument().Findings)-1 {
				t.Errorf("hiding waived shows %d rows (%v)", visible, err)
			}
			// Sort the database group by count, descending after two clicks.
			order, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function(){
				var w=document.getElementById("fwaived"); w.checked=true; w.dispatchEvent(new Event("change"));
				var g=document.getElementById("g-drift-db"); var th=g.querySelectorAll("th")[4]; th.click(); th.click();
				return Array.prototype.map.call(g.querySelectorAll("tbody tr"), function(r){return r.cells[4].textContent;}); })()`))
			if err != nil || len(order) < 2 || order[0] != "1204" {
				t.Errorf("sorting by count gave %v (%v)", order, err)
			}

			// Groups off screen are laid out lazily (content-visibility); show them all for
			// the full-page capture.
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("section.fgroup").forEach(function(s){s.style.contentVisibility="visible";})`)); err != nil {
				t.Fatal(err)
			}
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
			if err != nil {
				t.Fatalf("screenshot: %v", err)
			}
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF())
			if err != nil {
				t.Fatalf("print to pdf: %v", err)
			}
			dir := artifactDir(t)
			for name, b := range map[string][]byte{"report-" + lang + ".jpg": shot, "report-" + lang + ".pdf": pdf} {
				if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			t.Logf("screenshot and PDF in %s", dir)
			if len(pdf) < 1000 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
				t.Errorf("PDF print looks empty (%d bytes)", len(pdf))
			}

			time.Sleep(200 * time.Millisecond) // let late events arrive
			reqs, errs := w.snapshot()
			if len(reqs) > 0 {
				t.Errorf("the report made network requests: %v", reqs)
			}
			if len(errs) > 0 {
				t.Errorf("console errors: %v", errs)
			}
		})
	}
}

// TestChromiumWatchCatchesViolations is the control for TestHTMLInChromium: markup slipped
// into the report is blocked by its CSP, and the watcher sees the violation, so the clean
// result above means something.
func TestChromiumWatchCatchesViolations(t *testing.T) {
	browser := newBrowser(t)
	page := renderHTML(t, fixtureInput("en"))
	evil := []byte(`<img src="http://127.0.0.1:9/x.png"><script>window.__pwned=3</script></body>`)
	page = bytes.Replace(page, []byte("</body>"), evil, 1)
	tab, w, _ := openReport(t, browser, page)
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	pwned, err := chromedp.Run(ctx, chromedp.Evaluate[string](`typeof window.__pwned`))
	if err != nil || pwned != "undefined" {
		t.Errorf("the CSP let an inline script without hash run: %q (%v)", pwned, err)
	}
	// The violation is reported asynchronously: wait for it rather than for a fixed time.
	var errs []string
	for deadline := time.Now().Add(30 * time.Second); len(errs) == 0 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		_, errs = w.snapshot()
	}
	if len(errs) == 0 {
		t.Error("the watcher saw no CSP violation for an injected image and script within 30 s")
	}
}
