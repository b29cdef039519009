package issues

import (
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/findings"
)

// texts are the fixed words of issues and comments in one language.
type texts struct {
	severity, rule, target                     string
	whatIsWrong, evidence, legal, fix, waive   string
	items, total                               string
	colResource, colFinding, colCount, colDets string
	colSource, colWaived                       string
	yes                                        string
	waiveHow                                   string
	waiveJustification, waiveApprover          string
	waivedHeading, justification, approvedBy   string
	expires, reportLink, footer                string
	commentResolved, commentReturned           string
	commentWaived, commentWaiverExpired        string
	severities                                 map[findings.Severity]string
}

// severityName is the severity level in the language; labels keep the English level.
func (tx texts) severityName(level findings.Severity) string {
	if n, ok := tx.severities[level]; ok {
		return n
	}
	return string(level)
}

var textsEN = texts{
	severity: "Severity", rule: "Rule", target: "Target",
	whatIsWrong: "What is wrong", evidence: "Evidence", legal: "Legal references", fix: "How to fix it",
	waive: "Accepting the risk",
	items: "item(s)", total: "in total",
	colResource: "Resource", colFinding: "Finding", colCount: "Count", colDets: "Details",
	colSource: "Declared in", colWaived: "Waived", yes: "yes",
	waiveHow: "If the risk is accepted, add a waiver to `waivers.yaml`; the next audit closes this issue " +
		"as not planned and reopens it when the waiver expires.",
	waiveJustification: "why the risk is accepted", waiveApprover: "name and role of who accepts it",
	waivedHeading: "Waiver in force", justification: "Justification", approvedBy: "Approved by",
	expires: "Expires", reportLink: "Full audit report",
	footer: "Filed and kept up to date by vern's nightly audit. This description is rewritten when the " +
		"evidence changes; comment below instead of editing it.",
	commentResolved:      "The nightly audit no longer finds this: closing as completed.",
	commentReturned:      "The nightly audit finds this again: reopening.",
	commentWaived:        "A waiver covers this finding: closing as not planned.",
	commentWaiverExpired: "The waiver that covered this finding is no longer in force: reopening.",
}

var textsNB = texts{
	severity: "Alvorlighet", rule: "Regel", target: "Gjelder",
	whatIsWrong: "Hva er galt", evidence: "Funn", legal: "Rettslig grunnlag", fix: "Slik retter du det",
	waive: "Godta risikoen",
	items: "punkt", total: "totalt",
	colResource: "Ressurs", colFinding: "Funn", colCount: "Antall", colDets: "Detaljer",
	colSource: "Deklarert i", colWaived: "Unntatt", yes: "ja",
	waiveHow: "Hvis risikoen godtas, legg til et unntak i `waivers.yaml`; neste revisjon lukker denne saken " +
		"som ikke planlagt og åpner den igjen når unntaket utløper.",
	waiveJustification: "hvorfor risikoen godtas", waiveApprover: "navn og rolle til den som godtar den",
	waivedHeading: "Unntak i kraft", justification: "Begrunnelse", approvedBy: "Godkjent av",
	expires: "Utløper", reportLink: "Full revisjonsrapport",
	footer: "Opprettet og holdt oppdatert av vern sin nattlige revisjon. Beskrivelsen skrives om når funnene " +
		"endrer seg; skriv heller en kommentar enn å redigere den.",
	commentResolved:      "Den nattlige revisjonen finner ikke lenger dette: lukkes som fullført.",
	commentReturned:      "Den nattlige revisjonen finner dette igjen: åpnes på nytt.",
	commentWaived:        "Et unntak dekker dette funnet: lukkes som ikke planlagt.",
	commentWaiverExpired: "Unntaket som dekket dette funnet gjelder ikke lenger: åpnes på nytt.",
	severities: map[findings.Severity]string{findings.SeverityCritical: "kritisk", findings.SeverityHigh: "høy",
		findings.SeverityMedium: "middels", findings.SeverityLow: "lav", findings.SeverityInfo: "info"},
}

func textsFor(lang string) texts {
	if config.Language(lang) == config.LangNorwegian {
		return textsNB
	}
	return textsEN
}
