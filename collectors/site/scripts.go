package site

import (
	"encoding/json"
	"fmt"
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
