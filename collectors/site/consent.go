package site

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/chromedp/chromedp"
)

// consent finds the banner on the start page; in a consent phase it clicks the phase's
// button, having first taken a snapshot of the jar so later writes can be told apart.
// When the banner's first layer offers no refusal, the reject phase opens its settings
// and refuses there (or saves with the optional categories switched off).
//
// Configured selectors win. Otherwise autoconsent's rules, when installed, get the first
// look; vern's own platform selectors and words are the fallback. A consent phase whose
// choice could not be made says why in Unreached.
func (r *phaseRun) consent(ctx context.Context, tctx context.Context) (consentState, error) {
	var cs consentState
	var err error
	done := false
	if r.acs != nil {
		cs, done, err = r.consentByAutoconsent(ctx, tctx)
		r.acs.active.Store(false)
		st := r.acs.state()
		cs.Autoconsent = &st
	}
	if !done && err == nil {
		ac := cs.Autoconsent
		cs, err = r.consentOwn(ctx, tctx)
		cs.Autoconsent = ac
	}
	if err == nil && r.phase != evidence.PhaseBefore && !cs.Clicked && cs.Unreached == "" {
		cs.Unreached = unreachedReason(r.phase, cs)
	}
	return cs, err
}

// unreachedReason says why a consent phase made no choice.
func unreachedReason(phase string, cs consentState) string {
	switch {
	case !cs.Accept && !cs.Reject:
		return "no consent banner was found on the start page"
	case phase == evidence.PhaseAccept && !cs.Accept:
		return "no accept button was found on the banner"
	case phase == evidence.PhaseReject && !cs.Reject:
		return "no way to refuse was found on the banner's first or second layer"
	default:
		return "the click on the banner's button did not make the choice"
	}
}

// consentByAutoconsent lets autoconsent's rules find the banner and, in a consent phase,
// opt out or in. done is false when its rules did not find a popup, or their action
// failed or changed nothing: vern's own detection then takes over.
func (r *phaseRun) consentByAutoconsent(ctx, tctx context.Context) (consentState, bool, error) {
	s := r.acs
	wctx, cancel := context.WithTimeout(ctx, r.p.consentWait)
	defer cancel()
	detected, seen, err := r.awaitDetection(wctx, tctx)
	if err != nil || !detected {
		// Nothing at all within the wait: vern's finder looked all along, so it need not
		// wait again.
		return consentState{}, !seen && err == nil, err
	}
	s.wait(wctx, func() bool { return s.st.PopupFound })
	st := s.state()
	if !st.PopupFound {
		return consentState{}, false, nil
	}
	// The buttons' labels, for the evidence: vern's own finder reads them.
	own, err := r.evalConsent(tctx, consentDetect, "")
	if err != nil {
		return consentState{}, false, err
	}
	cs := consentState{Platform: strings.ToLower(st.CMP), Method: "autoconsent", Accept: own.Accept, Reject: own.Reject,
		AcceptText: own.AcceptText, RejectText: own.RejectText}
	if r.phase == evidence.PhaseBefore {
		return cs, true, nil
	}
	if err := r.markChoice(tctx); err != nil {
		return cs, false, err
	}
	action := "optOut"
	if r.phase == evidence.PhaseAccept {
		action = "optIn"
	}
	s.act(ctx, action, r.p.pageTimeout)
	st = s.state()
	// A rule that made the choice through the platform's own interface (Klaro's, for one)
	// made it all the same; the evidence says whether it clicked.
	if st.Result == nil || !*st.Result {
		return cs, false, nil
	}
	r.afterChoice(ctx)
	// A rule whose clicks changed nothing (the banner bound its buttons late) hands over to
	// vern's finder, which clicks again.
	if !r.clickChanged(ctx, tctx, r.phase, own) {
		s.note("the banner still showed after the rule's " + action)
		return cs, false, nil
	}
	cs.Clicked = true
	// The first layer's refusal is what vern's finder saw there: autoconsent's opt-out may
	// have gone through the banner's settings.
	if r.phase == evidence.PhaseAccept {
		cs.Accept = true
	} else if !cs.Reject {
		cs.ViaRule = st.CMP
	}
	return cs, true, nil
}

// awaitDetection waits until autoconsent's rules detect a platform (true), or vern's own
// finder sees a banner that the rules did not know on their next look after it showed
// (false, seen), or the consent wait ends. Its rules look when the page has loaded, half a
// second later and then on changes to the page; the wait is on their reports.
func (r *phaseRun) awaitDetection(wctx, tctx context.Context) (detected, seen bool, err error) {
	s := r.acs
	seenAt := -1 // the rules' attempts when vern's finder first saw the banner
	var seenTime time.Time
	for {
		s.mu.Lock()
		detected, attempts, changed := s.st.Detected, s.attempts, s.changed
		s.mu.Unlock()
		if detected {
			return true, seenAt >= 0, nil
		}
		if seenAt < 0 {
			own, err := r.evalConsent(tctx, consentDetect, "")
			if err != nil {
				return false, false, err
			}
			if own.Accept || own.Reject {
				seenAt, seenTime = attempts, time.Now()
			}
		}
		// Its report of an attempt comes when the attempt starts: the second one after the
		// banner showed means the first one looked at it. Without reports, its rules get a
		// while to match: on a loaded machine they take seconds, and giving up too soon would
		// record a banner autoconsent knows as one it does not.
		if seenAt >= 0 && (attempts >= max(2, seenAt+2) || time.Since(seenTime) > rulePatience(r.p.consentWait)) {
			return false, true, nil
		}
		select {
		case <-changed:
		case <-time.After(200 * time.Millisecond):
		case <-wctx.Done():
			return false, seenAt >= 0, nil
		}
	}
}

// rulePatience is how long autoconsent's rules may take to match a banner vern's own finder
// already sees, when autoconsent reports no further attempt: a quarter of the consent wait,
// at least a second. It is paid on every banner autoconsent does not know, so it stays short.
func rulePatience(consentWait time.Duration) time.Duration {
	return max(time.Second, consentWait/4)
}

// afterChoice gives the banner's scripts (and any navigation it starts) time to act on
// the choice.
func (r *phaseRun) afterChoice(ctx context.Context) {
	select {
	case <-time.After(2 * r.p.settle):
	case <-ctx.Done():
	}
}

// consentOwn is vern's own finder: configured selectors, known platforms' markup, words.
func (r *phaseRun) consentOwn(ctx context.Context, tctx context.Context) (consentState, error) {
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
	// A click after which the same button still shows changed nothing: banners that bind
	// their buttons a moment after showing them (tarteaucitron does, after half a second)
	// get the click again, as a visitor would give it, up to clickTries times.
	for try := 1; ; try++ {
		st, err := r.evalConsent(tctx, action, cs.Platform)
		if err != nil {
			return cs, err
		}
		cs.Clicked = st.Clicked
		if !st.Clicked {
			cs.Layer2 = nil
			return cs, nil
		}
		r.afterChoice(ctx)
		if action != evidence.PhaseAccept && action != evidence.PhaseReject {
			return cs, nil
		}
		if r.clickChanged(ctx, tctx, action, st) {
			return cs, nil
		}
		if try == clickTries || ctx.Err() != nil {
			cs.Clicked = false
			cs.Unreached = fmt.Sprintf("the click on %q changed nothing (tried %d times): the banner still shows it",
				clickedText(action, st), try)
			return cs, nil //nolint:nilerr // the phase ending between tries is an outcome, recorded in Unreached, not a failure
		}
		select {
		case <-time.After(clickPause):
		case <-ctx.Done():
		}
	}
}

// clickTries is how often a click that changed nothing is given; clickPause the pause
// between the tries.
const (
	clickTries = 3
	clickPause = 500 * time.Millisecond
)

// clickChanged says whether a click on the banner had an effect: a cookie or storage write
// after it, or the clicked button gone (or the page gone with it). It watches for a while,
// as banners fade out and write their records on their own time.
func (r *phaseRun) clickChanged(ctx, tctx context.Context, action string, st consentState) bool {
	deadline := time.Now().Add(max(4*r.p.settle, 2*time.Second))
	for {
		if r.rec.afterWrites.Load() > 0 {
			return true
		}
		again, err := r.evalConsent(tctx, consentDetect, "")
		if err != nil || !clickedStill(action, st, again) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		select {
		case <-time.After(200 * time.Millisecond):
		case <-ctx.Done():
			return true
		}
	}
}

func clickedText(action string, st consentState) string {
	if action == evidence.PhaseAccept {
		return st.AcceptText
	}
	return st.RejectText
}

// clickedStill says whether the clicked button is still on show after the click.
func clickedStill(action string, before, after consentState) bool {
	if action == evidence.PhaseAccept {
		return after.Accept && after.AcceptText == before.AcceptText
	}
	return after.Reject && after.RejectText == before.RejectText
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
	r.rec.afterWrites.Store(0)
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
	// Unreached says why a consent phase made no choice; Autoconsent what its rules did.
	Unreached   string                         `json:"-"`
	ViaRule     string                         `json:"-"`
	Autoconsent *evidence.SitePhaseAutoconsent `json:"-"`
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
    'accept all cookies', 'allow all', 'allow all cookies', 'agree and close', 'i agree', 'accept', 'agree', 'allow',
    'ok, aksepter alt', 'aksepter alt', 'godtar alle', 'ok, accept all', 'accept all and close', 'godta alt', 'ok, godta alle', 'ja, jeg godtar', 'greit', 'ok',
    "that's ok", 'that’s ok', 'thats ok', 'i accept', 'allow cookies', 'accept cookies', 'got it'];
  const rejectWords = ['avvis alle', 'avvis', 'avslå alle', 'avslå', 'avvis og lukk', 'avslå og lukk', 'kun nødvendige',
    'bare nødvendige', 'kun nødvendige informasjonskapsler', 'kun nødvendige cookies', 'kun strengt nødvendige',
    'tillat kun nødvendige', 'tillat bare nødvendige', 'godta kun nødvendige', 'godta bare nødvendige',
    'bruk kun nødvendige', 'avvis valgfrie', 'avslå valgfrie', 'fortsett uten å godta', 'fortsett uten å akseptere',
    'nei takk', 'reject all', 'reject', 'reject optional cookies', 'decline', 'decline all', 'deny', 'deny all',
    'disagree', 'disagree and close', 'disagree to all', 'refuse', 'refuse all', 'only necessary', 'necessary only',
    'only necessary cookies', 'only essential cookies', 'essential cookies only', 'use necessary cookies only',
    'use essential cookies only', 'accept only essential cookies', 'accept necessary cookies only',
    'continue without accepting', 'continue without agreeing', 'i decline', 'nekt alle informasjonskapsler', 'nekt alle',
    'nekt', 'avvis alle informasjonskapsler', 'avslå alle informasjonskapsler', 'nei, takk', 'deny cookies',
    'decline cookies', 'reject cookies', 'refuse cookies'];
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
