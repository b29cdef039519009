package postgres

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/jackc/pgx/v5"
)

// calendarSQL holds rows on either side of calendar boundaries that 30-day months and
// 365-day years would misjudge.
const calendarSQL = `
CREATE TABLE twelve_months (id int PRIMARY KEY, email text, created_at timestamptz NOT NULL);
INSERT INTO twelve_months VALUES
  (1, 'a@example.invalid', '2025-03-31T11:00:00Z'),  -- 12 months ended an hour before now
  (2, 'b@example.invalid', '2025-03-31T13:00:00Z'),  -- ends an hour after now
  (3, 'c@example.invalid', '2025-04-02T12:00:00Z'),  -- 363 days old: past 360 "days", not past 12 months
  (4, 'd@example.invalid', '2025-04-30T12:00:00Z');
CREATE TABLE month_end (id int PRIMARY KEY, email text, created_at timestamptz NOT NULL);
INSERT INTO month_end VALUES
  (1, 'e@example.invalid', '2026-02-28T11:00:00Z'),  -- a month after 28 February is 28 March: over
  (2, 'f@example.invalid', '2026-03-01T12:00:00Z');  -- ends 1 April: not over
CREATE TABLE ledger (id int PRIMARY KEY, email text, booked_at timestamptz NOT NULL);
INSERT INTO ledger VALUES
  (1, 'g@example.invalid', '2024-06-01T12:00:00Z'),  -- year ends 2025-01-01, + 1 year: over
  (2, 'h@example.invalid', '2024-12-31T12:00:00Z'),  -- same financial year: over
  (3, 'i@example.invalid', '2025-01-15T12:00:00Z');  -- year ends 2026-01-01, + 1 year: not over
`

// TestRetentionCountsCalendarMonths checks that retention is counted as the law counts
// it: calendar months and years from the row's timestamp (or from the end of its
// financial year), never 30-day months or 365-day years.
func TestRetentionCountsCalendarMonths(t *testing.T) {
	c := needCluster(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, c.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = admin.Close(ctx) }()
	if _, err := admin.Exec(ctx, "CREATE DATABASE calendar"); err != nil {
		t.Fatal(err)
	}
	db, err := pgx.Connect(ctx, c.DSN("calendar"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close(ctx) }()
	if _, err := db.Exec(ctx, calendarSQL); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name      string
		now       string
		table     string
		timestamp string
		rule      config.Retention
		want      int64
	}{
		{"12 months from the timestamp", "2026-03-31T12:00:00Z", "public.twelve_months", "created_at",
			config.Retention{Max: "12 months"}, 1},
		{"a year is twelve months", "2026-03-31T12:00:00Z", "public.twelve_months", "created_at",
			config.Retention{Max: "1 year"}, 1},
		{"a month from 28 February", "2026-03-31T12:00:00Z", "public.month_end", "created_at",
			config.Retention{Max: "1 month"}, 1},
		{"from the end of the financial year", "2026-03-31T12:00:00Z", "public.ledger", "booked_at",
			config.Retention{Max: "1 year", From: config.RetentionFromFinancialYearEnd}, 2},
		{"from the timestamp", "2026-03-31T12:00:00Z", "public.ledger", "booked_at",
			config.Retention{Max: "1 year"}, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			now, err := time.Parse(time.RFC3339, tc.now)
			if err != nil {
				t.Fatal(err)
			}
			cfg := &config.Config{
				Declaration: config.Declaration{
					Controller: config.Controller{FinancialYearEnd: 12},
					Categories: map[string]config.Category{"contact": {Data: []string{"user.contact.email"}}},
					Retention:  map[string]config.Retention{"r": tc.rule},
				},
				Inventory: config.Inventory{Databases: map[string]config.Database{"calendar": {
					DSN: c.DSN("calendar"),
					Datasets: map[string]config.Dataset{tc.table: {
						Categories: []string{"contact"}, Retention: "r", Timestamp: tc.timestamp,
					}},
				}}},
			}
			clock := func() time.Time { return now }
			ev, err := collect.Run(ctx, cfg, []collect.Collector{New()}, collect.Env{Now: clock},
				collect.Options{})
			if err != nil {
				t.Fatal(err)
			}
			tg := ev.Targets["db:calendar"]
			if tg.Status != evidence.StatusOK {
				t.Fatalf("db:calendar %s: %s", tg.Status, tg.Reason)
			}
			var doc evidence.Database
			if err := json.Unmarshal(tg.Data, &doc); err != nil {
				t.Fatal(err)
			}
			m := doc.Datasets[tc.table]
			if m == nil || m.Retention == nil {
				t.Fatalf("no retention measure for %s: %+v", tc.table, m)
			}
			if m.Retention.Expired != tc.want {
				t.Errorf("%s: %d rows past %s; want %d", tc.table, m.Retention.Expired, tc.rule.Max, tc.want)
			}
			if m.Retention.Max != mustPeriod(t, tc.rule.Max).String() {
				t.Errorf("retention max %q; want the calendar text of %q", m.Retention.Max, tc.rule.Max)
			}
		})
	}
}

func mustPeriod(t *testing.T, s string) config.Period {
	t.Helper()
	p, err := config.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
