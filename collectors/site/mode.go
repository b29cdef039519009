package site

// Browser is how the site collector visits a site (Options.Browser): the --browser flag of
// collect, audit and demo.
type Browser string

// Browser modes.
const (
	// BrowserChromium drives Chromium through every consent phase: the default.
	BrowserChromium Browser = "chromium"
	// BrowserNone fetches pages over plain HTTP and reads header cookies only; the target
	// is recorded as partial.
	BrowserNone Browser = "none"
)

// ValidBrowser reports whether s names a browser mode; "" is not one, the flags default
// to BrowserChromium.
func ValidBrowser(s string) bool {
	switch Browser(s) {
	case BrowserChromium, BrowserNone:
		return true
	}
	return false
}
