package site

import (
	"context"
	"strings"
)

// visitStart loads the start page. Every phase hangs on it, so a load that runs out of
// the page's time is tried once more before the phase, and with it the site, is given up:
// one slow answer from a busy server must not fail a whole target. A page that never
// finishes still fails, after twice the page limit.
func (r *phaseRun) visitStart(ctx context.Context, t *tab, rawURL string) pageResult {
	res := r.visitOn(ctx, t, rawURL)
	if res.err == "" || ctx.Err() != nil || !strings.Contains(res.err, "timed out") {
		return res
	}
	r.log.WithField("phase", r.phase).Info("the start page timed out; trying it once more")
	return r.visitOn(ctx, t, rawURL)
}
