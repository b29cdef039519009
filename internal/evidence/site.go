package evidence

// Consent phases of a site collection, in the order they run.
const (
	// PhaseBefore is a visit on which no consent choice is made.
	PhaseBefore = "before"
	// PhaseReject is a visit on which the banner's refusal is clicked first.
	PhaseReject = "reject"
	// PhaseAccept is a visit on which the banner's acceptance is clicked first.
	PhaseAccept = "accept"
)

// Site is the site collector's document for one site:<host> target. It names cookies,
// storage keys, hosts and page paths; it never holds a cookie or storage value, and page
// addresses carry no query strings.
type Site struct {
	// URL is the start address from vern.yaml; Host its host (with port when given).
	URL  string `json:"url"`
	Host string `json:"host"`
	// Hosts are the hosts the crawl was allowed to visit.
	Hosts []string `json:"hosts"`
	// Mode is "browser" (Chromium, all three consent phases) or "http" (plain HTTP,
	// header cookies only, --browser none).
	Mode     string       `json:"mode"`
	Browser  *SiteBrowser `json:"browser,omitempty"`
	MaxPages int          `json:"max_pages"`
	// Truncated is set when the site's time limit ended the crawl early.
	Truncated bool `json:"truncated,omitempty"`

	Pages     []SitePage            `json:"pages"`
	Statement SiteStatement         `json:"statement"`
	Consent   SiteConsent           `json:"consent"`
	Phases    map[string]SitePhase  `json:"phases"`
	Cookies   []SiteCookie          `json:"cookies"`
	Storage   []SiteStorage         `json:"storage"`
	Requests  []SiteRequest         `json:"requests"`
	Vendors   map[string]SiteVendor `json:"vendors"`
	Catalog   SiteCatalog           `json:"catalog"`
	// Autoconsent says whether DuckDuckGo's autoconsent rules drove the banner, and which.
	Autoconsent SiteAutoconsent `json:"autoconsent"`
	Notes       []string        `json:"notes,omitempty"`
}

// SiteAutoconsent identifies the autoconsent package the collection used: its version, the
// number of its rules and the SHA-256 of its content script and rule bundle. Loaded false
// with Error when it was not installed (vern's own detection was used alone).
type SiteAutoconsent struct {
	Loaded       bool   `json:"loaded"`
	Version      string `json:"version,omitempty"`
	Rules        int    `json:"rules,omitempty"`
	ScriptSHA256 string `json:"script_sha256,omitempty"`
	RulesSHA256  string `json:"rules_sha256,omitempty"`
	Error        string `json:"error,omitempty"`
}

// SitePhaseAutoconsent is what autoconsent did in one phase on the start page: the
// platform its rules detected, whether the popup was found, whether the opt-out (reject)
// or opt-in (accept) succeeded and with how many clicks, the rule's self-test and errors.
type SitePhaseAutoconsent struct {
	CMP        string `json:"cmp,omitempty"`
	Detected   bool   `json:"detected"`
	PopupFound bool   `json:"popup_found"`
	// Action is optOut or optIn; empty in the before phase.
	Action string `json:"action,omitempty"`
	// Result is the rule's own verdict on its action; ByClicks that it clicked (Clicks
	// times) rather than only hiding the banner.
	Result   *bool `json:"result,omitempty"`
	ByClicks bool  `json:"by_clicks"`
	Clicks   int   `json:"clicks,omitempty"`
	// SelfTest is the rule's self-test after the action, when it has one.
	SelfTest *bool    `json:"self_test,omitempty"`
	Errors   []string `json:"errors,omitempty"`
}

// SitePresented is what the browser presented to the site, read from the start page.
type SitePresented struct {
	UserAgent      string   `json:"user_agent"`
	AcceptLanguage string   `json:"accept_language"`
	Language       string   `json:"language"`
	Languages      []string `json:"languages"`
	Webdriver      bool     `json:"webdriver"`
	Window         string   `json:"window"`
}

// SitePageError is one page of a phase that did not load, and why (timed out, ...).
type SitePageError struct {
	Path  string `json:"path"`
	Host  string `json:"host,omitempty"`
	Error string `json:"error"`
}

// SiteBrowser says how the browser ran: its version, whether Chromium's sandbox was on and
// as which user it ran.
type SiteBrowser struct {
	Name     string `json:"name"`
	Version  string `json:"version,omitempty"`
	Sandbox  bool   `json:"sandbox"`
	User     string `json:"user"`
	Locale   string `json:"locale"`
	TimeZone string `json:"time_zone"`
	Tabs     int    `json:"tabs"`
	// Presented is what the browser showed the site (user agent, languages, webdriver).
	Presented *SitePresented `json:"presented,omitempty"`
}

// SitePage is one crawled page (from the visit before any choice).
type SitePage struct {
	Path  string `json:"path"`
	Host  string `json:"host,omitempty"`
	Title string `json:"title,omitempty"`
	// Status is the HTTP status of the page's document; 0 when it did not load.
	Status int `json:"status"`
	// LinksStatement is set when the page links to the privacy statement.
	LinksStatement bool   `json:"links_statement"`
	Error          string `json:"error,omitempty"`
}

// SiteStatement is what the privacy statement page showed.
type SiteStatement struct {
	// Path is the statement's path (from vern.yaml's statement); empty when none is known.
	Path      string `json:"path"`
	Reachable bool   `json:"reachable"`
	Status    int    `json:"status"`
	Error     string `json:"error,omitempty"`
	// Updated is the "last updated" date the page shows, as YYYY-MM-DD; UpdatedText the
	// words it was read from.
	Updated     string `json:"updated,omitempty"`
	UpdatedText string `json:"updated_text,omitempty"`
	// SHA256 is the hash of the statement's text (whitespace collapsed) taken from
	// TextSource (main, article or body); Chars its length in characters.
	SHA256     string `json:"sha256,omitempty"`
	TextSource string `json:"text_source,omitempty"`
	Chars      int    `json:"chars,omitempty"`
}

// SiteConsent is what was found of the consent banner.
type SiteConsent struct {
	// Checked is false when no browser looked for a banner (--browser none).
	Checked bool `json:"checked"`
	// Platform is the consent platform recognised (cookiebot, onetrust, cookieyes,
	// cookieinformation, usercentrics, didomi), empty when none.
	Platform string `json:"platform,omitempty"`
	// Method is how the buttons were found: selectors (vern.yaml), platform or text.
	Method string `json:"method,omitempty"`
	Accept bool   `json:"accept"`
	Reject bool   `json:"reject"`
	// AcceptText and RejectText are the buttons' labels as shown.
	AcceptText string `json:"accept_text,omitempty"`
	RejectText string `json:"reject_text,omitempty"`
}

// SitePhase sums up one consent phase's visit.
type SitePhase struct {
	Pages   int     `json:"pages"`
	Errors  int     `json:"errors"`
	Skipped int     `json:"skipped"`
	Seconds float64 `json:"seconds"`
	// Choice is the button clicked ("accept", "reject"), empty when none was (or could be).
	Choice string `json:"choice,omitempty"`
	// Dialogs counts the JavaScript dialogs (alert, confirm, prompt, beforeunload) the
	// pages opened, all dismissed; Popups the windows they opened, all closed unvisited.
	Dialogs int `json:"dialogs,omitempty"`
	Popups  int `json:"popups,omitempty"`
	// OffSite counts page loads stopped because they led to a host that is not the
	// site's (a redirect or a navigation by script).
	OffSite int `json:"off_site,omitempty"`
	// Dropped counts cookies and storage keys not recorded because the phase's record
	// limit was reached; Truncated the names and keys cut to the name limit.
	Dropped   int `json:"dropped,omitempty"`
	Truncated int `json:"truncated,omitempty"`
	// Unreached says why the phase's choice could not be made (no such button, a click
	// that changed nothing); such a phase makes the site target partial.
	Unreached string `json:"unreached,omitempty"`
	// Failed lists the pages of the phase that did not load, with the reason.
	Failed []SitePageError `json:"failed,omitempty"`
	// Autoconsent is what autoconsent did on the start page in this phase.
	Autoconsent *SitePhaseAutoconsent `json:"autoconsent,omitempty"`
}

// SiteCookie is one cookie (by domain and name) the site set or tried to set, across phases.
// Attributes are those first seen.
type SiteCookie struct {
	Name   string `json:"name"`
	Domain string `json:"domain"`
	Path   string `json:"path"`
	// Party is "first" when the cookie's site is the crawled site, else "third".
	Party string `json:"party"`
	// LifetimeDays is the longest lifetime asked for, in whole days (rounded up); 0 and
	// Session for a session cookie.
	LifetimeDays int  `json:"lifetime_days"`
	Session      bool `json:"session"`
	// KeptDays is how long Chromium keeps it: the requested lifetime, capped at 400 days.
	KeptDays int    `json:"kept_days"`
	HTTPOnly bool   `json:"http_only"`
	Secure   bool   `json:"secure"`
	SameSite string `json:"same_site,omitempty"`
	// Identity is set for cookies that carry a login or session identifier.
	Identity bool `json:"identity"`
	// Purpose is the catalog's purpose (necessary, functional, analytics, marketing);
	// empty with Source "unclassified" when the catalog does not know it. The declaration's
	// own cookie list, applied by the rules, wins over both.
	Purpose string `json:"purpose,omitempty"`
	Source  string `json:"source"`
	Vendor  string `json:"vendor,omitempty"`
	// Phases holds what was seen of the cookie in each consent phase.
	Phases map[string]SiteCookiePhase `json:"phases"`
}

// SiteCookiePhase is one cookie in one phase.
type SiteCookiePhase struct {
	// FirstSeen is the path of the page on which it was first written.
	FirstSeen string `json:"first_seen"`
	// SetBy lists how it was written: header, script, jar (found only in the cookie jar).
	SetBy []string `json:"set_by"`
	// BeforeChoice and AfterChoice say whether it was written before or after the click
	// on the banner (always before in the before phase).
	BeforeChoice bool `json:"before_choice"`
	AfterChoice  bool `json:"after_choice"`
	// Blocked is set when the browser refused to store it; BlockedReasons say why.
	Blocked        bool     `json:"blocked"`
	BlockedReasons []string `json:"blocked_reasons,omitempty"`
}

// SiteStorage is one localStorage or sessionStorage key, across phases.
type SiteStorage struct {
	Key     string                      `json:"key"`
	Kind    string                      `json:"kind"`
	Purpose string                      `json:"purpose,omitempty"`
	Source  string                      `json:"source"`
	Vendor  string                      `json:"vendor,omitempty"`
	Phases  map[string]SiteStoragePhase `json:"phases"`
}

// SiteStoragePhase is one storage key in one phase.
type SiteStoragePhase struct {
	FirstSeen    string `json:"first_seen"`
	BeforeChoice bool   `json:"before_choice"`
	AfterChoice  bool   `json:"after_choice"`
}

// SiteRequest is one third-party host the pages requested, across phases.
type SiteRequest struct {
	Host string `json:"host"`
	// Vendor and Category come from vern's host list: category is analytics, marketing,
	// cdn, fonts or consent; empty when the host is unknown.
	Vendor   string                      `json:"vendor,omitempty"`
	Category string                      `json:"category,omitempty"`
	Phases   map[string]SiteRequestPhase `json:"phases"`
	// Resources are a few of the requested paths, without query strings.
	Resources []string `json:"resources,omitempty"`
}

// SiteRequestPhase is one third-party host in one phase.
type SiteRequestPhase struct {
	Count     int    `json:"count"`
	FirstSeen string `json:"first_seen"`
	// SetsCookies: a response tried to set a cookie (stored or blocked); SendsCookies: a
	// request carried cookies.
	SetsCookies  bool `json:"sets_cookies"`
	SendsCookies bool `json:"sends_cookies"`
	BeforeChoice bool `json:"before_choice"`
	AfterChoice  bool `json:"after_choice"`
}

// SiteVendor is what was seen of one vendor (google, meta, ...), which the processor rules
// link to the registry through config.Processor.Vendor.
type SiteVendor struct {
	Cookies  []string `json:"cookies,omitempty"`
	Storage  []string `json:"storage,omitempty"`
	Hosts    []string `json:"hosts,omitempty"`
	Phases   []string `json:"phases"`
	Purposes []string `json:"purposes,omitempty"`
}

// SiteCatalog names the cookie catalog the classification used, with its credit.
type SiteCatalog struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Entries int    `json:"entries"`
	Credit  string `json:"credit"`
}
