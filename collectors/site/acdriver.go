package site

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// acBinding is the function autoconsent's content script sends its messages through.
const acBinding = "autoconsentSendMessage"

// maxACErrors bounds the autoconsent errors one phase records.
const maxACErrors = 10

// acPrelude turns the runtime binding (which takes one string) into the message function
// autoconsent expects (which takes an object), before the content script runs.
const acPrelude = `(() => {
  const raw = window.` + acBinding + `;
  if (typeof raw !== 'function' || window.__vernAutoconsent) return;
  Object.defineProperty(window, '__vernAutoconsent', {value: true});
  window.` + acBinding + ` = (m) => { try { raw(JSON.stringify(m)); } catch (e) {} return Promise.resolve(); };
})();
`

// acSession is autoconsent's conversation with one phase's start page. Autoconsent runs in
// every document of the phase's first tab, but only documents loaded while the session is
// active get their init answered: on other pages it stays idle and costs only its parse.
type acSession struct {
	a      *autoconsent
	active atomic.Bool
	// tctx is the tab the content script runs in; a tab that replaces it takes over.
	tctx atomic.Pointer[context.Context]

	mu       sync.Mutex
	st       evidence.SitePhaseAutoconsent
	popupCtx runtime.ExecutionContextID
	selfCtx  runtime.ExecutionContextID
	result   bool // an optOutResult or optInResult arrived
	done     bool // autoconsentDone arrived
	selfDone bool
	// attempts is how often the rules looked for a platform in the main frame.
	attempts int
	changed  chan struct{}
}

func newACSession(a *autoconsent) *acSession {
	return &acSession{a: a, changed: make(chan struct{})}
}

// acMessage is one message of autoconsent's content script.
type acMessage struct {
	Type             string          `json:"type"`
	ID               string          `json:"id"`
	Code             string          `json:"code"`
	CMP              string          `json:"cmp"`
	Result           bool            `json:"result"`
	ScheduleSelfTest bool            `json:"scheduleSelfTest"`
	TotalClicks      int             `json:"totalClicks"`
	IsCosmetic       bool            `json:"isCosmetic"`
	Details          json.RawMessage `json:"details"`
	MainFrame        bool            `json:"mainFrame"`
	State            struct {
		FindCmpAttempts int `json:"findCmpAttempts"`
	} `json:"state"`
}

// install adds the binding and the content script to a tab, before any page loads.
func (s *acSession) install(tctx context.Context) error {
	s.tctx.Store(&tctx)
	if _, err := chromedp.Call(tctx, runtime.AddBinding, runtime.AddBindingParams{Name: acBinding}); err != nil {
		return fmt.Errorf("autoconsent binding: %w", err)
	}
	_, err := chromedp.Call(tctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: acPrelude + s.a.script})
	if err != nil {
		return fmt.Errorf("autoconsent script: %w", err)
	}
	return nil
}

// onBinding handles one message. It is called from the tab's event listener, which must
// not block: answers go out from their own goroutine.
func (s *acSession) onBinding(e *runtime.EventBindingCalled) {
	var m acMessage
	if json.Unmarshal([]byte(e.Payload), &m) != nil {
		return
	}
	id := e.ExecutionContextID
	switch m.Type {
	case "init":
		if !s.active.Load() {
			return
		}
		go s.send(id, s.initResp())
		return
	case "eval":
		go s.eval(id, m.ID, m.Code)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch m.Type {
	case "cmpDetected":
		s.st.Detected, s.st.CMP = true, m.CMP
	case "popupFound":
		s.st.PopupFound, s.st.CMP, s.popupCtx = true, m.CMP, id
	case "optOutResult", "optInResult":
		r := m.Result
		s.st.Result, s.result = &r, true
		if m.ScheduleSelfTest {
			s.selfCtx = id
		}
	case "autoconsentDone":
		s.done = true
		s.st.Clicks += m.TotalClicks
		s.st.ByClicks = s.st.Clicks > 0 && !m.IsCosmetic
	case "selfTestResult":
		r := m.Result
		s.st.SelfTest, s.selfDone = &r, true
	case "report":
		if !m.MainFrame || m.State.FindCmpAttempts <= s.attempts {
			return
		}
		s.attempts = m.State.FindCmpAttempts
	case "autoconsentError":
		if len(s.st.Errors) < maxACErrors {
			d := strings.TrimSpace(string(m.Details))
			if len(d) > 200 {
				d = d[:200]
			}
			s.st.Errors = append(s.st.Errors, d)
		}
	default:
		return
	}
	close(s.changed)
	s.changed = make(chan struct{})
}

// initResp is the configuration and rules: no automatic action (vern sends optOut or
// optIn once it has taken the jar's snapshot), no prehiding, no cosmetic rules (hiding a
// banner is not a refusal).
func (s *acSession) initResp() string {
	cfg := map[string]any{
		"enabled": true, "autoAction": nil, "disabledCmps": []string{}, "enablePrehide": false,
		"enableCosmeticRules": false, "enableGeneratedRules": true, "detectRetries": 20, "isMainWorld": true,
		"prehideTimeout": 2000, "enableHeuristicDetection": false, "enablePopupMutationObserver": false,
		"visualTest": false, "performanceLoggingEnabled": false,
		"logs": map[string]bool{"lifecycle": false, "rulesteps": false, "detectionsteps": false, "evals": false,
			"errors": false, "messages": false, "waits": false},
	}
	c, _ := json.Marshal(cfg)
	return `{"type":"initResp","config":` + string(c) + `,"rules":` + string(s.a.rules) + `}`
}

// eval runs a rule's eval step in the frame that asked, and answers with its result.
func (s *acSession) eval(id runtime.ExecutionContextID, msgID, code string) {
	var result any = false
	ctx, cancel := context.WithTimeout(*s.tctx.Load(), 10*time.Second)
	defer cancel()
	yes := true
	res, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: code, ContextID: id,
		ReturnByValue: &yes, AwaitPromise: &yes})
	if err == nil && res.ExceptionDetails == nil && res.Result != nil && len(res.Result.Value) > 0 {
		var v any
		if json.Unmarshal(res.Result.Value, &v) == nil {
			result = v
		}
	}
	r, _ := json.Marshal(result)
	mid, _ := json.Marshal(msgID)
	s.send(id, `{"type":"evalResp","id":`+string(mid)+`,"result":`+string(r)+`}`)
}

// send hands a message to the content script of one frame.
func (s *acSession) send(id runtime.ExecutionContextID, msg string) {
	ctx, cancel := context.WithTimeout(*s.tctx.Load(), 10*time.Second)
	defer cancel()
	_, _ = chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{
		Expression: "window.autoconsentReceiveMessage && window.autoconsentReceiveMessage(" + msg + ")", ContextID: id})
}

// wait blocks until cond holds (checked under the lock on every message) or ctx ends.
func (s *acSession) wait(ctx context.Context, cond func() bool) bool {
	for {
		s.mu.Lock()
		ok, ch := cond(), s.changed
		s.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return false
		}
	}
}

// note records a problem with the rule's run beside autoconsent's own errors.
func (s *acSession) note(msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.st.Errors) < maxACErrors {
		s.st.Errors = append(s.st.Errors, msg)
	}
}

// state is a copy of what was seen so far.
func (s *acSession) state() evidence.SitePhaseAutoconsent {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	st.Errors = append([]string(nil), s.st.Errors...)
	return st
}

// act asks the popup's frame to opt out or in, then waits for the result and the end of
// the run, and runs the rule's self-test when it has one.
func (s *acSession) act(ctx context.Context, action string, limit time.Duration) {
	s.mu.Lock()
	s.st.Action = action
	id := s.popupCtx
	s.mu.Unlock()
	s.send(id, `{"type":"`+action+`"}`)
	wctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	s.wait(wctx, func() bool { return s.result && (s.done || (s.st.Result != nil && !*s.st.Result)) })
	s.mu.Lock()
	self := s.selfCtx
	s.mu.Unlock()
	if self == 0 {
		return
	}
	s.send(self, `{"type":"selfTest"}`)
	sctx, scancel := context.WithTimeout(ctx, limit)
	defer scancel()
	s.wait(sctx, func() bool { return s.selfDone })
}
