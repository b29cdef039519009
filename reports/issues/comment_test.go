package issues

import (
	"testing"

	"github.com/alarmlink/vern/internal/findings"
)

// TestCommentBody pins the words of the state-change comments in both languages.
func TestCommentBody(t *testing.T) {
	t.Parallel()
	const id = "0123456789abcdef0123456789abcdef"
	w := &findings.Waiver{Justification: "legacy export", ApprovedBy: "dpo", Expires: "2026-06-30"}
	cases := []struct {
		name, lang, event, url string
		waiver                 *findings.Waiver
		want                   string
	}{
		{name: "resolved en", lang: "en", event: eventResolved,
			want: "<!-- vern:event=resolved id=" + id + " -->\nThe nightly audit no longer finds this: closing as completed.\n"},
		{name: "returned nb", lang: "nb", event: eventReturned,
			want: "<!-- vern:event=returned id=" + id + " -->\nDen nattlige revisjonen finner dette igjen: åpnes på nytt.\n"},
		{name: "waiver expired en with report", lang: "en", event: eventWaiverExpired, url: "https://ci.example/r.html",
			want: "<!-- vern:event=waiver-expired id=" + id + " -->\n" +
				"The waiver that covered this finding is no longer in force: reopening.\n" +
				"\n[Full audit report](<https://ci.example/r.html>)\n"},
		{name: "waived nb", lang: "nb", event: eventWaived, waiver: w,
			want: "<!-- vern:event=waived id=" + id + " -->\nEt unntak dekker dette funnet: lukkes som ikke planlagt.\n" +
				"\n- Begrunnelse: legacy export\n- Godkjent av: `dpo`\n- Utløper: `2026-06-30`\n"},
		{name: "waived en", lang: "en", event: eventWaived, waiver: w, url: "https://ci.example/r.html",
			want: "<!-- vern:event=waived id=" + id + " -->\nA waiver covers this finding: closing as not planned.\n" +
				"\n- Justification: legacy export\n- Approved by: `dpo`\n- Expires: `2026-06-30`\n" +
				"\n[Full audit report](<https://ci.example/r.html>)\n"},
		{name: "resolved nb", lang: "nb", event: eventResolved, url: "https://ci.example/r.html",
			want: "<!-- vern:event=resolved id=" + id + " -->\nDen nattlige revisjonen finner ikke lenger dette: lukkes som fullført.\n" +
				"\n[Full revisjonsrapport](<https://ci.example/r.html>)\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := &syncer{opts: Options{Lang: tc.lang, ReportURL: tc.url}}
			got := s.commentBody(&Action{ID: id, event: tc.event, want: &desired{waiver: tc.waiver}})
			if got != tc.want {
				t.Errorf("comment differs:\ngot  %q\nwant %q", got, tc.want)
			}
		})
	}
}
