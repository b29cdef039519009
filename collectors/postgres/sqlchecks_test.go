package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/alarmlink/vern/collectors/postgres/detect"
	"github.com/jackc/pgx/v5"
)

// TestSQLChecksAgreeWithGo holds the card and national-id checks that run in PostgreSQL
// (for the one-scan exact counts) to the verdicts of their Go twins.
func TestSQLChecksAgreeWithGo(t *testing.T) {
	c := needCluster(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, c.DSN("crm"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close(ctx) }()
	values := []string{"4378657975432314", "4378 6579 7543 2314", "4378-6579-7543-2314", "4378657975432315",
		"375291703423667", "5948757491186259", "4276-0189-5559-7977", "511471******5076", "**** **** **** 2314",
		"1234567812345670", "6011000990139424", "3530111333300000", "30569309025904", "2223003122003222",
		"Betalt med kort 4378 6579 7543 2314 i går", "Ref 4378 6579 7543 2314 sendt", "visa 4111111111111111 ok",
		"4111111111111111", " 4111111111111111 ", "(4111)111111111111", "", "kort", "41111111111111111111",
		"11036533341", "110365 33341", "58115105297", "12827536421", "11036533342", "32136533341", "1103653334",
		"14074412360", "03096742338", "19025432269", "29029912345", "2903991234x", "71126512345"}
	for _, named := range []bool{true, false} {
		acc := detect.NewColumn("notes", "text", time.Now())
		if named {
			acc = detect.NewColumn("card_number", "text", time.Now())
		}
		for _, v := range values {
			var card, nid bool
			q := "SELECT " + detect.CardSQL("$1::text", named) + ", " + detect.NationalIDSQL("$1::text")
			if err := conn.QueryRow(ctx, q, v).Scan(&card, &nid); err != nil {
				t.Fatalf("%q: %v", v, err)
			}
			if want := acc.CountCards(v); card != want {
				t.Errorf("card named=%v %q: SQL %v, Go %v", named, v, card, want)
			}
			if want := detect.CheckNationalID(compactDigits(v)).Valid && nidForm(v); nid != want {
				t.Errorf("national id %q: SQL %v, Go %v", v, nid, want)
			}
		}
	}
}

// nidForm is the written form classifyDigits accepts for a national id: eleven digits,
// or six and five with a space between.
func nidForm(v string) bool {
	d := compactDigits(v)
	return len(d) == 11 && (v == d || len(v) == 12 && v[6] == ' ')
}

func compactDigits(v string) string {
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		if v[i] != ' ' {
			out = append(out, v[i])
		}
	}
	return string(out)
}
