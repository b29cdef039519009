package vern.lib_test

import data.vern.lib

_ns(s) := time.parse_rfc3339_ns(s)

test_success_period_keeps_the_day_of_the_month if {
	lib.period_end_ns(_ns("2025-03-31T10:00:00Z"), {"months": 12}) == _ns("2026-03-31T10:00:00Z")
}

test_success_period_ends_on_the_last_day_of_a_shorter_month if {
	lib.period_end_ns(_ns("2025-01-31T00:00:00Z"), {"months": 1}) == _ns("2025-02-28T00:00:00Z")
	lib.period_end_ns(_ns("2024-02-29T00:00:00Z"), {"months": 12}) == _ns("2025-02-28T00:00:00Z")
}

test_success_period_days_after_months if {
	lib.period_end_ns(_ns("2025-02-15T00:00:00Z"), {"days": 30}) == _ns("2025-03-17T00:00:00Z")
}

test_success_period_days_counts_the_calendar if {
	lib.period_days(_ns("2026-12-01T00:00:00Z"), {"months": 13}) == 396
	lib.period_days(_ns("2027-01-31T00:00:00Z"), {"months": 1}) == 28
}

test_fail_period_is_not_thirty_day_months if {
	lib.period_days(_ns("2025-03-01T00:00:00Z"), {"months": 12}) != 360
}

test_success_period_nb if {
	lib.period_nb("12 months") == "12 måneder"
	lib.period_nb("1 year 2 days") == "1 år 2 dager"
	lib.period_nb("30 days") == "30 dager"
}

test_success_period_text_matches_the_go_side if {
	lib.period_text({"months": 60}) == "5 years"
	lib.period_text({"months": 12}) == "12 months"
	lib.period_text({"months": 13, "days": 2}) == "13 months 2 days"
	lib.period_text({"days": 1}) == "1 day"
	lib.period_text({}) == "0 days"
}
