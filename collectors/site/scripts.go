package site

import (
	"encoding/json"
	"fmt"

	"github.com/alarmlink/vern/internal/config"
)

// bindingName is the function the page hook reports writes through.
const bindingName = "__vernRecord"

// hookJS runs in every frame before the page's own scripts. It reports the name and
// attributes of each document.cookie write and the key of each Storage.setItem call; it
// never reports a value.
const hookJS = `(() => {
  if (window.__vernHooked) return;
  Object.defineProperty(window, '__vernHooked', {value: true});
  const rec = window.` + bindingName + `;
  if (typeof rec !== 'function') return;
  const send = (o) => { try { rec(JSON.stringify(o)); } catch (e) {} };
  const d = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (d && d.set) {
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true, enumerable: d.enumerable,
      get() { return d.get.call(this); },
      set(v) {
        try {
          const s = String(v); const semi = s.indexOf(';');
          const pair = semi < 0 ? s : s.slice(0, semi);
          const eq = pair.indexOf('=');
          send({t: 'c', n: eq < 0 ? '' : pair.slice(0, eq).trim(), a: semi < 0 ? '' : s.slice(semi), u: location.href});
        } catch (e) {}
        return d.set.call(this, v);
      }
    });
  }
  const si = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    try {
      let kind = 'session';
      try { if (this === window.localStorage) kind = 'local'; } catch (e) {}
      send({t: 's', k: kind, n: String(k), u: location.href});
    } catch (e) {}
    return si.apply(this, arguments);
  };
})();`

// hookEvent is one report of the page hook.
type hookEvent struct {
	T string `json:"t"`
	N string `json:"n"`
	A string `json:"a"`
	K string `json:"k"`
	U string `json:"u"`
}

// pageInfo is what a loaded page tells about itself.
type pageInfo struct {
	Href      string   `json:"href"`
	Title     string   `json:"title"`
	Links     []string `json:"links"`
	Statement bool     `json:"statement"`
	Local     []string `json:"local"`
	Session   []string `json:"session"`
}

// pageJS lists a page's links, whether one of them is the statement, and its storage keys.
func pageJS(statement string, hosts []string) string {
	st, _ := json.Marshal(statement)
	hs, _ := json.Marshal(hosts)
	return fmt.Sprintf(`(() => {
  const st = %s, hosts = %s;
  const links = []; let statement = false;
  for (const a of document.querySelectorAll('a[href]')) {
    let u; try { u = new URL(a.getAttribute('href'), document.baseURI); } catch (e) { continue; }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
    if (links.length < 500) links.push(u.href);
    let p = u.pathname; if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
    if (st && p === st && hosts.includes(u.host.toLowerCase())) statement = true;
  }
  let local = [], session = [];
  try { local = Object.keys(window.localStorage).slice(0, 200); } catch (e) {}
  try { session = Object.keys(window.sessionStorage).slice(0, 200); } catch (e) {}
  return {href: location.href, title: String(document.title || '').slice(0, 300), links, statement, local, session};
})()`, st, hs)
}

// statementText is the statement page's text and the element it was read from.
type statementText struct {
	Source string `json:"source"`
	Text   string `json:"text"`
}

const statementJS = `(() => {
  const el = document.querySelector('main') || document.querySelector('article') || document.body;
  return {source: el ? el.tagName.toLowerCase() : '', text: el ? String(el.innerText || '') : ''};
})()`

// consentState is what the banner script found (and clicked).
type consentState struct {
	Platform   string `json:"platform"`
	Method     string `json:"method"`
	Accept     bool   `json:"accept"`
	Reject     bool   `json:"reject"`
	AcceptText string `json:"acceptText"`
	RejectText string `json:"rejectText"`
	Clicked    bool   `json:"clicked"`
}

// consentJS finds the banner's accept and reject buttons: from vern.yaml's selectors, else
// by a known consent platform's markup, else by their words in Norwegian or English. With
// action "accept" or "reject" it clicks that button.
func consentJS(action string, sel config.ConsentSelectors) string {
	a, _ := json.Marshal(action)
	s, _ := json.Marshal(map[string]string{"accept": sel.Accept, "reject": sel.Reject})
	return fmt.Sprintf(consentTemplate, a, s)
}

const consentTemplate = `((action, sel) => {
  const visible = (el) => {
    if (!el || !el.getBoundingClientRect) return false;
    const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const roots = [document];
  let n = 0;
  const walk = (root) => { for (const el of root.querySelectorAll('*')) { if (++n > 5000) return; if (el.shadowRoot) { roots.push(el.shadowRoot); walk(el.shadowRoot); } } };
  walk(document);
  const q = (s) => {
    if (!s) return null;
    for (const r of roots) { let el = null; try { el = r.querySelector(s); } catch (e) { return null; } if (el && visible(el)) return el; }
    return null;
  };
  const platforms = [
    ['cookiebot', '#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll, #CybotCookiebotDialogBodyButtonAccept', '#CybotCookiebotDialogBodyButtonDecline'],
    ['onetrust', '#onetrust-accept-btn-handler', '#onetrust-reject-all-handler'],
    ['cookieyes', '.cky-btn-accept', '.cky-btn-reject'],
    ['cookieinformation', '.coi-banner__accept, #coiPage-1 .coi-banner__accept', '.coi-banner__decline, #declineButton, button[onclick*="declineAllCategories"]'],
    ['usercentrics', '[data-testid="uc-accept-all-button"]', '[data-testid="uc-deny-all-button"]'],
    ['didomi', '#didomi-notice-agree-button', '#didomi-notice-disagree-button, .didomi-continue-without-agreeing'],
  ];
  const acceptWords = ['godta alle', 'godta alle informasjonskapsler', 'godta alle cookies', 'aksepter alle', 'tillat alle',
    'tillat alle informasjonskapsler', 'jeg godtar', 'godta', 'aksepter', 'tillat', 'accept all', 'accept all cookies',
    'allow all', 'allow all cookies', 'i agree', 'accept', 'agree', 'allow'];
  const rejectWords = ['avvis alle', 'avvis', 'avslå alle', 'avslå', 'kun nødvendige', 'bare nødvendige',
    'kun nødvendige informasjonskapsler', 'kun nødvendige cookies', 'tillat kun nødvendige', 'godta kun nødvendige',
    'bruk kun nødvendige', 'fortsett uten å godta', 'nei takk', 'reject all', 'reject', 'decline', 'decline all', 'deny',
    'deny all', 'refuse', 'refuse all', 'only necessary', 'necessary only', 'only necessary cookies',
    'use necessary cookies only', 'continue without accepting'];
  const norm = (t) => String(t || '').replace(/\s+/g, ' ').trim().toLowerCase();
  const label = (el) => el ? norm(el.innerText || el.value || el.getAttribute('aria-label')).slice(0, 80) : '';
  const cands = [];
  const collect = () => {
    for (const r of roots) for (const el of r.querySelectorAll('button, a, [role="button"], input[type="button"], input[type="submit"]')) {
      if (!visible(el)) continue;
      const t = label(el);
      if (t && t.length <= 60) cands.push([el, t]);
    }
  };
  const byText = (words, not) => {
    if (!cands.length) collect();
    for (const w of words) for (const [el, t] of cands) if (t === w && el !== not) return el;
    for (const w of words) { if (w.length < 5) continue; for (const [el, t] of cands) if (t.startsWith(w + ' ') && el !== not) return el; }
    return null;
  };
  let platform = '', method = '', acc = null, rej = null;
  if (sel.accept || sel.reject) { acc = q(sel.accept); rej = q(sel.reject); if (acc || rej) method = 'selectors'; }
  if (!acc && !rej) {
    for (const [name, a, r] of platforms) { acc = q(a); rej = q(r); if (acc || rej) { platform = name; method = 'platform'; break; } }
  }
  if (!acc && !rej) { rej = byText(rejectWords, null); acc = byText(acceptWords, rej); if (acc || rej) method = 'text'; }
  else if (!rej) { rej = byText(rejectWords, acc); }
  const out = {platform, method, accept: !!acc, reject: !!rej, acceptText: label(acc), rejectText: label(rej), clicked: false};
  if (action === 'accept' && acc) { acc.click(); out.clicked = true; }
  if (action === 'reject' && rej) { rej.click(); out.clicked = true; }
  return out;
})(%s, %s)`
