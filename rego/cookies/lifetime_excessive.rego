package vern.cookies

import data.vern.lib

# METADATA
# title: Cookie lives longer than declared
# description: |
#   The cookie asks to be kept longer than the statement's maximum cookie lifetime (13 months
#   when none is declared, after the CNIL's guidance), which breaks storage limitation.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
#     description: GDPR Article 5
# custom:
#   id: cookies.lifetime_excessive
#   severity: low
#   kind: drift
#   promise: [cookies]
#   legal: ["GDPR Art. 5(1)(e)", "GDPR Art. 13(2)(a)"]
#   remediation: |
#     Shorten the cookie's Max-Age or Expires to the declared maximum, or declare the longer
#     lifetime in the statement and in cookies.max_lifetime.
#   nb:
#     title: Informasjonskapselen lever lenger enn erklært
#     description: |
#       Informasjonskapselen ber om å bli lagret lenger enn erklæringens maksimale levetid
#       (13 måneder når ingen er oppgitt, etter CNILs veiledning), i strid med
#       lagringsbegrensning.
#     remediation: |
#       Kort ned Max-Age eller Expires til erklært maksimum, eller oppgi den lengre levetiden
#       i erklæringen og i cookies.max_lifetime.
deny contains f if {
	some t in sites
	tgt := target(t)
	limit := max_days
	some c in t.data.cookies
	c.lifetime_days > limit
	kept := _kept_days(c)
	f := lib.finding(rego.metadata.chain(), {
		"resource": cookie_resource(t, c),
		"target": tgt,
		"message": sprintf(
			"Cookie %q is set to live %d days (the browser keeps it %d); the declared maximum is %d.",
			[c.name, c.lifetime_days, kept, limit],
		),
		"message_nb": sprintf(
			"Informasjonskapselen %q settes til å leve i %d dager (nettleseren beholder den i %d); erklært maksimum er %d.",
			[c.name, c.lifetime_days, kept, limit],
		),
		"details": {"lifetime_days": c.lifetime_days, "kept_days": kept, "max_days": limit},
	})
}

# _kept_days is how long the browser keeps the cookie: recorded by the collector, else
# the requested lifetime capped at Chromium's 400 days. The finding is judged on what the
# site requested, which is what it chose.
_kept_days(c) := c.kept_days if {
	c.kept_days > 0
} else := min([c.lifetime_days, 400])

# METADATA
# description: |
#   max_days is the declared maximum cookie lifetime (13 months, CNIL's guidance, by
#   default) in days, counted in calendar months from the evaluation's time.
max_days := lib.period_days(lib.now_ns, max_period)

# METADATA
# description: max_period is the declared maximum cookie lifetime as a calendar period.
max_period := p if {
	p := object.get(input, ["declaration", "cookies", "max_lifetime_period"], {})
	p != {}
} else := {"months": 13}
