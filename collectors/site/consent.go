package site

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/chromedp/chromedp"
)

// consent finds the banner on the start page; in a consent phase it clicks the phase's
// button, having first taken a snapshot of the jar so later writes can be told apart.
// When the banner's first layer offers no refusal, the reject phase opens its settings
// and refuses there (or saves with the optional categories switched off).
func (r *phaseRun) consent(ctx context.Context, tctx context.Context) (consentState, error) {
	cs, err := r.pollConsent(ctx, tctx, consentDetect, "", func(st consentState) bool { return st.Accept || st.Reject })
	if err != nil || r.phase == evidence.PhaseBefore {
		return cs, err
	}
	action := r.phase
	switch {
	case r.phase == evidence.PhaseAccept && !cs.Accept:
		return cs, nil
	case r.phase == evidence.PhaseReject && !cs.Reject:
		if !cs.Accept {
			return cs, nil
		}
		st, err := r.evalConsent(tctx, consentSettings, "")
		if err != nil || !st.Clicked {
			return cs, err
		}
		l2, err := r.pollConsent(ctx, tctx, consentLayer2Detect, cs.Platform, func(st consentState) bool { return st.Found })
		if err != nil || !l2.Found {
			return cs, err
		}
		cs.Layer2 = []string{st.Text, l2.Text}
		action = consentLayer2
	}
	if err := r.markChoice(tctx); err != nil {
		return cs, err
	}
	st, err := r.evalConsent(tctx, action, cs.Platform)
	if err != nil {
		return cs, err
	}
	cs.Clicked = st.Clicked
	if !st.Clicked {
		cs.Layer2 = nil
	}
	// Give the banner's scripts (and any navigation it starts) time to act on the choice.
	select {
	case <-time.After(2 * r.p.settle):
	case <-ctx.Done():
	}
	return cs, nil
}

// pollConsent runs a consent action until done says so or the consent wait is over:
// banners often render after the page's load event.
func (r *phaseRun) pollConsent(ctx, tctx context.Context, action, platform string, done func(consentState) bool) (consentState, error) {
	deadline := time.Now().Add(r.p.consentWait)
	for {
		st, err := r.evalConsent(tctx, action, platform)
		if err != nil || done(st) || time.Now().After(deadline) {
			return st, err
		}
		select {
		case <-time.After(200 * time.Millisecond):
		case <-ctx.Done():
			return st, nil
		}
	}
}

func (r *phaseRun) evalConsent(tctx context.Context, action, platform string) (consentState, error) {
	lctx, cancel := context.WithTimeout(tctx, r.p.pageTimeout)
	defer cancel()
	return chromedp.Run(lctx, chromedp.Evaluate[consentState](consentJS(action, r.p.selectors, platform)))
}

// markChoice records the jar as it is just before the click, and that what follows comes
// after the choice.
func (r *phaseRun) markChoice(tctx context.Context) error {
	jctx, jcancel := context.WithTimeout(tctx, 5*time.Second)
	jar, err := r.jar(jctx)
	jcancel()
	if err != nil {
		return err
	}
	before := map[string]float64{}
	for _, c := range jar {
		before[cookieKey(c.domain, c.name)] = c.expires
	}
	r.rec.jar(jar, r.p.pagePath(r.p.start.String()))
	r.rec.setBeforeJar(before)
	r.rec.chosen.Store(true)
	return nil
}

// consentState is what the banner script found (and clicked).
type consentState struct {
	Platform   string `json:"platform"`
	Method     string `json:"method"`
	Accept     bool   `json:"accept"`
	Reject     bool   `json:"reject"`
	AcceptText string `json:"acceptText"`
	RejectText string `json:"rejectText"`
	Clicked    bool   `json:"clicked"`
	// Found and Text say whether a settings or second-layer action found its button, and
	// the button's label.
	Found bool   `json:"found"`
	Text  string `json:"text"`
	// Layer2 holds the labels of the settings button and the second layer's refusal
	// when the reject phase refused through the banner's second layer.
	Layer2 []string `json:"-"`
}

// Actions of consentJS.
const (
	consentDetect = "detect"
	// consentSettings clicks the banner's settings button (when it has no refusal).
	consentSettings = "settings"
	// consentLayer2Detect finds the second layer's refusal (or its save button);
	// consentLayer2 clicks it, having first unticked the optional categories.
	consentLayer2Detect = "layer2-detect"
	consentLayer2       = "layer2"
)

// consentJS finds the banner's accept and reject buttons: from vern.yaml's selectors, else
// by a known consent platform's markup, else by their words in Norwegian or English. It
// looks into open shadow roots and same-origin frames. With action "accept" or "reject" it
// clicks that button; the settings and layer2 actions follow a banner whose refusal is
// only behind its settings. platform is the platform detection found, for the second layer.
func consentJS(action string, sel config.ConsentSelectors, platform string) string {
	a, _ := json.Marshal(action)
	s, _ := json.Marshal(map[string]string{"accept": sel.Accept, "reject": sel.Reject})
	p, _ := json.Marshal(platform)
	return fmt.Sprintf(consentTemplate, a, s, p)
}

// consentTemplate is the finder. Platform selectors are lists tried in order (a hidden
// element sharing a class must not hide the visible one), from the platforms' deployed
// markup: Cookiebot, OneTrust, CookieYes, Cookie Information, Usercentrics (v2 and v3,
// both in a shadow root) and Didomi.
const consentTemplate = `((action, sel, known) => {
  const roots = [], seen = new Set();
  let n = 0;
  const walk = (root) => {
    if (seen.has(root)) return;
    seen.add(root); roots.push(root);
    for (const el of root.querySelectorAll('*')) {
      if (++n > 100000) return;
      if (el.shadowRoot) walk(el.shadowRoot);
      if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') {
        let d = null; try { d = el.contentDocument; } catch (e) {}
        if (d && d.documentElement) walk(d);
      }
    }
  };
  // Known shadow hosts first: however large the page, the walk's bound cannot hide them.
  for (const h of document.querySelectorAll('#usercentrics-root, #usercentrics-cmp-ui')) if (h.shadowRoot) walk(h.shadowRoot);
  walk(document);
  const visible = (el) => {
    for (let e = el, i = 0; e && i < 6; i++) {
      if (!e.getBoundingClientRect || !e.ownerDocument) return false;
      const w = e.ownerDocument.defaultView; if (!w) return false;
      const r = e.getBoundingClientRect(), s = w.getComputedStyle(e);
      if (!(r.width > 0 && r.height > 0) || s.visibility === 'hidden' || s.display === 'none') return false;
      let f = null; try { f = w.frameElement; } catch (x) {}
      e = f;
    }
    return true;
  };
  const q = (list) => {
    for (const s of [].concat(list || [])) {
      if (!s) continue;
      for (const r of roots) {
        let els = []; try { els = r.querySelectorAll(s); } catch (e) { break; }
        for (const el of els) if (visible(el)) return el;
      }
    }
    return null;
  };
  const platforms = [
    {name: 'cookiebot',
      accept: ['#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll', '#CybotCookiebotDialogBodyButtonAccept'],
      reject: ['#CybotCookiebotDialogBodyButtonDecline'],
      settings: ['#CybotCookiebotDialogBodyLevelButtonCustomize', '#CybotCookiebotDialogBodyButtonDetails'],
      reject2: ['#CybotCookiebotDialogBodyButtonDecline'],
      save: ['#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowallSelection']},
    {name: 'onetrust',
      accept: ['#onetrust-accept-btn-handler'],
      reject: ['#onetrust-reject-all-handler'],
      settings: ['#onetrust-pc-btn-handler'],
      reject2: ['#onetrust-pc-sdk .ot-pc-refuse-all-handler'],
      save: ['#onetrust-pc-sdk .save-preference-btn-handler']},
    {name: 'cookieyes',
      accept: ['.cky-consent-container [data-cky-tag="accept-button"]', '.cky-consent-container .cky-btn-accept'],
      reject: ['.cky-consent-container [data-cky-tag="reject-button"]', '.cky-consent-container .cky-btn-reject'],
      settings: ['.cky-consent-container [data-cky-tag="settings-button"]', '.cky-consent-container .cky-btn-customize'],
      reject2: ['[data-cky-tag="detail-reject-button"]'],
      save: ['[data-cky-tag="detail-save-button"]']},
    {name: 'cookieinformation',
      accept: ['button[onclick*="submitAllCategories"]', '#coiOverlay .coi-banner__accept:not(#updateButton)',
        '.coi-banner__accept:not(#updateButton)'],
      reject: ['#declineButton', 'button[onclick*="declineAllCategories"]', '.coi-banner__decline:not(#savePreferencesButton)'],
      settings: ['#show_details', '.coi-banner__show-details'],
      reject2: ['#declineButton'],
      save: ['#updateButton', '#savePreferencesButton']},
    {name: 'usercentrics',
      accept: ['[data-testid="uc-accept-all-button"]', 'button.uc-accept-button', '#uc-btn-accept-banner'],
      reject: ['[data-testid="uc-deny-all-button"]', 'button.uc-deny-button', '#uc-btn-deny-banner'],
      settings: ['[data-testid="uc-more-button"]', 'button.uc-more-button'],
      reject2: ['[data-testid="uc-deny-all-button"]', 'button.uc-deny-button'],
      save: ['[data-testid="uc-save-button"]', 'button.uc-save-button']},
    {name: 'didomi',
      accept: ['#didomi-notice-agree-button'],
      reject: ['#didomi-notice-disagree-button', '.didomi-continue-without-agreeing'],
      settings: ['#didomi-notice-learn-more-button'],
      reject2: ['.didomi-consent-popup-actions .didomi-button-standard'],
      save: ['.didomi-consent-popup-actions .didomi-button-highlight']},
  ];
  const acceptWords = ['godta alle', 'godta alle informasjonskapsler', 'godta alle cookies', 'aksepter alle', 'tillat alle',
    'tillat alle informasjonskapsler', 'godta og lukk', 'jeg godtar', 'godta', 'aksepter', 'tillat', 'accept all',
    'accept all cookies', 'allow all', 'allow all cookies', 'agree and close', 'i agree', 'accept', 'agree', 'allow'];
  const rejectWords = ['avvis alle', 'avvis', 'avslå alle', 'avslå', 'avvis og lukk', 'avslå og lukk', 'kun nødvendige',
    'bare nødvendige', 'kun nødvendige informasjonskapsler', 'kun nødvendige cookies', 'kun strengt nødvendige',
    'tillat kun nødvendige', 'tillat bare nødvendige', 'godta kun nødvendige', 'godta bare nødvendige',
    'bruk kun nødvendige', 'avvis valgfrie', 'avslå valgfrie', 'fortsett uten å godta', 'fortsett uten å akseptere',
    'nei takk', 'reject all', 'reject', 'reject optional cookies', 'decline', 'decline all', 'deny', 'deny all',
    'disagree', 'disagree and close', 'disagree to all', 'refuse', 'refuse all', 'only necessary', 'necessary only',
    'only necessary cookies', 'only essential cookies', 'essential cookies only', 'use necessary cookies only',
    'use essential cookies only', 'accept only essential cookies', 'accept necessary cookies only',
    'continue without accepting', 'continue without agreeing'];
  const settingsWords = ['innstillinger', 'innstillinger for informasjonskapsler', 'cookie-innstillinger',
    'informasjonskapselinnstillinger', 'tilpass', 'tilpass valg', 'tilpass innstillinger', 'administrer', 'administrer valg',
    'administrer informasjonskapsler', 'endre innstillinger', 'velg selv', 'vis detaljer', 'settings', 'cookie settings',
    'cookies settings', 'manage', 'manage settings', 'manage preferences', 'manage cookies', 'manage options',
    'customize', 'customise', 'preferences', 'cookie preferences', 'more options', 'show details'];
  const saveWords = ['lagre', 'lagre valg', 'lagre mine valg', 'lagre innstillinger', 'lagre og lukk', 'lagre mine preferanser',
    'bekreft', 'bekreft valg', 'bekreft mine valg', 'tillat utvalg', 'godta valgte', 'save', 'save settings',
    'save preferences', 'save my preferences', 'save choices', 'save and close', 'confirm', 'confirm choices',
    'confirm my choices', 'allow selection', 'accept selected'];
  const norm = (t) => String(t || '').replace(/\s+/g, ' ').trim().toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
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
  // untick switches the optional categories off in the layer around a save button.
  const untick = (btn) => {
    let box = btn.parentElement;
    for (let i = 0; box && i < 8; i++, box = box.parentElement) {
      const els = box.querySelectorAll('input[type="checkbox"], [role="switch"]');
      if (!els.length) continue;
      for (const el of els) {
        const on = el.matches('input') ? el.checked : el.getAttribute('aria-checked') === 'true';
        if (on && !el.disabled && el.getAttribute('aria-disabled') !== 'true') el.click();
      }
      return;
    }
  };
  let platform = '', method = '', acc = null, rej = null, pf = null;
  if (sel.accept || sel.reject) { acc = q(sel.accept); rej = q(sel.reject); if (acc || rej) method = 'selectors'; }
  if (!acc && !rej) {
    for (const p of platforms) { acc = q(p.accept); rej = q(p.reject); if (acc || rej) { pf = p; platform = p.name; method = 'platform'; break; } }
  }
  if (!acc && !rej) { rej = byText(rejectWords, null); acc = byText(acceptWords, rej); if (acc || rej) method = 'text'; }
  else if (!rej) { rej = byText(rejectWords, acc); }
  else if (!acc) { acc = byText(acceptWords, rej); }
  const out = {platform, method, accept: !!acc, reject: !!rej, acceptText: label(acc), rejectText: label(rej), clicked: false, found: false, text: ''};
  if (action === 'accept' && acc) { acc.click(); out.clicked = true; }
  if (action === 'reject' && rej) { rej.click(); out.clicked = true; }
  if (action === 'settings' && !rej) {
    const s = q(pf && pf.settings) || byText(settingsWords, acc);
    if (s) { out.found = true; out.text = label(s); s.click(); out.clicked = true; }
  }
  if (action === 'layer2-detect' || action === 'layer2') {
    const p2 = platforms.find((p) => p.name === known);
    let b = q(p2 && p2.reject2) || byText(rejectWords, null), save = false;
    if (!b) { b = q(p2 && p2.save) || byText(saveWords, null); save = !!b; }
    if (b) {
      out.found = true; out.text = label(b);
      if (action === 'layer2') { if (save) untick(b); b.click(); out.clicked = true; }
    }
  }
  return out;
})(%s, %s, %s)`
