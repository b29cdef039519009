package site

import (
	"encoding/json"
	"fmt"
)

// bindingName is the function the page hook reports writes through.
const bindingName = "__vernRecord"

// maxHookReports bounds how many writes one document reports, so a page that writes
// cookies in a loop cannot flood the browser connection.
const maxHookReports = 1000

// hookJS runs in every frame before the page's own scripts. It reports the name and
// attributes of each document.cookie write and the key of each Storage.setItem call; it
// never reports a value. Names are cut a little over maxName bytes' worth of characters:
// enough for the recorder to see that they were too long.
func hookJS(maxName int) string {
	return fmt.Sprintf(hookTemplate, maxHookReports, maxName+1)
}

const hookTemplate = `(() => {
  if (window.__vernHooked) return;
  Object.defineProperty(window, '__vernHooked', {value: true});
  const rec = window.` + bindingName + `;
  if (typeof rec !== 'function') return;
  let sent = 0;
  const max = %d, cut = (s) => String(s).slice(0, %d);
  const send = (o) => { if (++sent > max) return; try { rec(JSON.stringify(o)); } catch (e) {} };
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
          send({t: 'c', n: cut(eq < 0 ? '' : pair.slice(0, eq).trim()), a: semi < 0 ? '' : s.slice(semi, semi + 300), u: location.href});
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
      send({t: 's', k: kind, n: cut(k), u: location.href});
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
func pageJS(statement string, hosts []string, maxName int) string {
	st, _ := json.Marshal(statement)
	hs, _ := json.Marshal(hosts)
	return fmt.Sprintf(`(() => {
  const st = %s, hosts = %s, cut = (k) => String(k).slice(0, %d);
  const links = []; let statement = false;
  for (const a of document.querySelectorAll('a[href]')) {
    let u; try { u = new URL(a.getAttribute('href'), document.baseURI); } catch (e) { continue; }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
    if (links.length < 500) links.push(u.href);
    let p = u.pathname; if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
    if (st && p === st && hosts.includes(u.host.toLowerCase())) statement = true;
  }
  let local = [], session = [];
  try { local = Object.keys(window.localStorage).slice(0, 200).map(cut); } catch (e) {}
  try { session = Object.keys(window.sessionStorage).slice(0, 200).map(cut); } catch (e) {}
  return {href: location.href, title: String(document.title || '').slice(0, 300), links, statement, local, session};
})()`, st, hs, maxName+1)
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
