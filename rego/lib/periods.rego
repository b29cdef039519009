# Calendar periods as the law counts them: months keep the day of the month (or end on the
# month's last day when it is shorter), never 30-day months.
package vern.lib

# METADATA
# description: |
#   now_ns is the evaluation's "now": input.now_ns, else input.now (RFC 3339), else the
#   epoch. Rules never read the clock.
now_ns := input.now_ns if {
	is_number(input.now_ns)
} else := time.parse_rfc3339_ns(input.now) if {
	is_string(input.now)
} else := 0

# METADATA
# description: |
#   period_end_ns is the end of a period (an object with months and days) that starts at
#   start_ns. time.add_date rolls 31 January plus a month over into March; the period ends
#   on the last day of February instead, so the roll-over is stepped back.
period_end_ns(start_ns, p) := end if {
	shifted := time.add_date(start_ns, 0, object.get(p, "months", 0), 0)
	[_, _, first_day] := time.date(start_ns)
	[_, _, shifted_day] := time.date(shifted)
	end := time.add_date(_month_end_clamped(shifted, first_day, shifted_day), 0, 0, object.get(p, "days", 0))
}

_month_end_clamped(ns, first_day, shifted_day) := ns if first_day == shifted_day

_month_end_clamped(ns, first_day, shifted_day) := ns - (shifted_day * 86400000000000) if first_day != shifted_day

# METADATA
# description: |
#   period_days is the length in whole days of the period p when it starts at start_ns:
#   13 months from 1 December 2026 are 396 days.
period_days(start_ns, p) := floor((period_end_ns(start_ns, p) - start_ns) / 86400000000000)

# METADATA
# description: |
#   period_text writes a period in English words as vern's Go side does: "5 years",
#   "12 months" (twelve months stay months), "30 days", "13 months 2 days".
period_text(p) := concat(" ", array.concat(_period_month_words(object.get(p, "months", 0)), _period_day_words(p)))

_period_month_words(m) := [_plural(m / 12, "year")] if {
	m > 12
	m % 12 == 0
} else := [_plural(m, "month")] if {
	m > 0
} else := []

_period_day_words(p) := [_plural(object.get(p, "days", 0), "day")] if {
	object.get(p, "days", 0) > 0
} else := ["0 days"] if {
	object.get(p, "months", 0) == 0
} else := []

_plural(1, unit) := sprintf("1 %s", [unit])

_plural(n, unit) := sprintf("%d %ss", [n, unit]) if n != 1

# METADATA
# description: |
#   period_nb turns vern's English period text ("12 months", "5 years", "30 days") into
#   bokmål ("12 måneder", "5 år", "30 dager").
period_nb(text) := concat(" ", [_period_word_nb(w) | some w in split(text, " ")])

_period_word_nb(w) := nb if {
	nb := _period_units_nb[w]
} else := w

_period_units_nb := {
	"day": "dag", "days": "dager", "month": "måned", "months": "måneder",
	"year": "år", "years": "år",
}
