package site

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// What the browser presents to a site: a Norwegian visitor's ordinary Chrome on Linux in a
// normal window. Banners that hide from automation (navigator.webdriver, "HeadlessChrome")
// must show to vern as they show to a visitor.
const (
	// AcceptLanguage is sent on every request and read by pages as navigator.languages.
	AcceptLanguage = "nb-NO,nb;q=0.9,no;q=0.8,nn;q=0.7,en;q=0.5"
	// WindowWidth and WindowHeight are the browser window's size.
	// Languages is navigator.languages, in the order of AcceptLanguage.
	Languages    = "nb-NO,nb,no,nn,en"
	WindowWidth  = 1366
	WindowHeight = 768
)

// visitorUA turns the browser's own user agent into a regular Chrome one.
func visitorUA(product string) string {
	return strings.ReplaceAll(product, "HeadlessChrome", "Chrome")
}

var majorRE = regexp.MustCompile(`Chrome/([0-9]+)(\.[0-9.]+)?`)

// visitor sets a tab's user agent, its client hints and its languages.
func (c *Collector) visitor(tctx context.Context, ua string) error {
	if ua == "" {
		return nil
	}
	major, full := "", ""
	if m := majorRE.FindStringSubmatch(ua); m != nil {
		major, full = m[1], m[1]+m[2]
	}
	brands := []*emulation.UserAgentBrandVersion{{Brand: "Chromium", Version: major}, {Brand: "Google Chrome", Version: major},
		{Brand: "Not_A Brand", Version: "24"}}
	fulls := []*emulation.UserAgentBrandVersion{{Brand: "Chromium", Version: full}, {Brand: "Google Chrome", Version: full},
		{Brand: "Not_A Brand", Version: "24.0.0.0"}}
	_, err := chromedp.Call(tctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: ua, AcceptLanguage: Languages, Platform: "Linux x86_64",
		UserAgentMetadata: &emulation.UserAgentMetadata{Brands: brands, FullVersionList: fulls, Platform: "Linux",
			PlatformVersion: "6.1.0", Architecture: "x86", Bitness: "64"},
	})
	if err != nil {
		return fmt.Errorf("user agent: %w", err)
	}
	return nil
}

// presentedJS reads what the page sees of the browser.
const presentedJS = `(() => ({ua: navigator.userAgent, webdriver: navigator.webdriver === true,
  language: navigator.language, languages: Array.from(navigator.languages || []),
  window: window.outerWidth + 'x' + window.outerHeight}))()`

type presentedInfo struct {
	UA        string   `json:"ua"`
	Webdriver bool     `json:"webdriver"`
	Language  string   `json:"language"`
	Languages []string `json:"languages"`
	Window    string   `json:"window"`
}

// presented records exactly what the start page saw of the browser.
func (r *phaseRun) presented(tctx context.Context) *evidence.SitePresented {
	lctx, cancel := context.WithTimeout(tctx, r.p.pageTimeout)
	defer cancel()
	info, err := chromedp.Run(lctx, chromedp.Evaluate[presentedInfo](presentedJS))
	if err != nil {
		return nil
	}
	sent := ""
	if v := r.rec.acceptLanguage.Load(); v != nil {
		sent = *v
	}
	return &evidence.SitePresented{UserAgent: info.UA, AcceptLanguage: sent, Language: info.Language,
		Languages: info.Languages, Webdriver: info.Webdriver, Window: info.Window}
}
