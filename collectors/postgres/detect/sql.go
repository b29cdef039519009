package detect

import (
	"fmt"
	"strings"
)

// The checks below run in PostgreSQL, so an exact count over every row of a table needs
// one scan and no value leaves the server. Each mirrors its Go twin (ValidCard and
// Column.CountCards, CheckNationalID); sql_test.go holds them to the same verdicts.

// compactSQL strips what compactStrip strips.
func compactSQL(v string) string { return fmt.Sprintf(`regexp_replace(%s, '[ ().-]', '', 'g')`, v) }

// issuerSQL mirrors issuer() on the digit string x.
const issuerSQL = `CASE
  WHEN left(x, 1) = '4' THEN length(x) IN (13, 16, 19)
  WHEN left(x, 2)::int BETWEEN 51 AND 55 OR left(x, 4)::int BETWEEN 2221 AND 2720 THEN length(x) = 16
  WHEN left(x, 2)::int IN (34, 37) THEN length(x) = 15
  WHEN left(x, 4)::int = 6011 OR left(x, 2)::int = 65 OR left(x, 3)::int BETWEEN 644 AND 649 OR left(x, 2)::int = 62 THEN length(x) >= 16
  WHEN left(x, 4)::int BETWEEN 3528 AND 3589 THEN length(x) >= 16
  WHEN left(x, 3)::int BETWEEN 300 AND 305 OR left(x, 2)::int IN (36, 38, 39) THEN length(x) >= 14
  WHEN left(x, 2)::int = 50 OR left(x, 2)::int BETWEEN 56 AND 69 THEN length(x) >= 13
  ELSE false END`

// luhnSQL mirrors luhn() on the digit string x.
const luhnSQL = `(SELECT sum(CASE WHEN (length(x) - i) % 2 = 1
    THEN (2 * substr(x, i, 1)::int) / 10 + (2 * substr(x, i, 1)::int) % 10 ELSE substr(x, i, 1)::int END)
  FROM generate_series(1, length(x)) i) % 10 = 0`

// validCardSQL is ValidCard on the expression xexpr.
func validCardSQL(xexpr string) string {
	// CASE, not AND: PostgreSQL may evaluate AND's terms in any order, and the casts
	// need the digits check first.
	return fmt.Sprintf(`coalesce((SELECT CASE WHEN x ~ '^[0-9]{13,19}$' THEN (%s) AND %s ELSE false END FROM (SELECT %s AS x) c), false)`,
		issuerSQL, luhnSQL, xexpr)
}

// cardWordsSQL mirrors cardWordsRE.
const cardWordsSQL = `'\m(kort|kortnr|kortnummer|card|visa|mastercard|amex|maestro|kredittkort|betalingskort)\M'`

// CardSQL is the condition "the text value v holds a full card number", as CountCards
// judges it: the whole value (in a card-named column, or written in groups of four), or
// a number inside free text where the column's name or the text speaks of cards.
func CardSQL(v string, named bool) string {
	t := "btrim(" + v + ")"
	nameOK := "false"
	if named {
		nameOK = "true"
	}
	whole := fmt.Sprintf(`%s AND (%s OR %s ~ '^[0-9]{4}([ -])[0-9]{4}(?:[ -][0-9]{1,4}){1,3}$')`,
		validCardSQL(compactSQL(t)), nameOK, t)
	text := fmt.Sprintf(`(length(%[1]s) > 24 OR %[1]s ~ '[ \n\t]') AND (%[2]s OR %[1]s ~* %[3]s)
  AND EXISTS (SELECT 1 FROM regexp_matches(%[1]s, '\m((?:[0-9][ -]?){12,18}[0-9])\M', 'g') m WHERE %[4]s)`,
		t, nameOK, cardWordsSQL, validCardSQL(compactSQL("m[1]")))
	return fmt.Sprintf(`CASE WHEN %s ~ '^[0-9]+$' THEN %s ELSE %s END`, compactSQL(t), whole, text)
}

// NationalIDSQL is the condition "the text value v is a valid fødselsnummer, D-nummer or
// H-nummer" (dddddd ddddd or eleven digits), as CheckNationalID judges it.
func NationalIDSQL(v string) string {
	digit := func(i int) string { return fmt.Sprintf("substr(x, %d, 1)::int", i) }
	sum := func(w []int) string {
		var terms []string
		for i, k := range w {
			terms = append(terms, fmt.Sprintf("%d * %s", k, digit(i+1)))
		}
		return strings.Join(terms, " + ")
	}
	return fmt.Sprintf(`coalesce((SELECT mm BETWEEN 1 AND 12
    AND dd BETWEEN 1 AND CASE WHEN mm = 2 THEN CASE WHEN yy %% 4 = 0 THEN 29 ELSE 28 END WHEN mm IN (4, 6, 9, 11) THEN 30 ELSE 31 END
    AND (%[2]s + %[3]s) %% 11 <= 3
    AND (%[4]s + %[5]s) %% 11 = 0
  FROM (SELECT x, CASE WHEN d > 40 AND d <= 71 THEN d - 40 ELSE d END AS dd,
               CASE WHEN m > 80 AND m <= 92 THEN m - 80 WHEN m > 40 AND m <= 52 THEN m - 40 ELSE m END AS mm, yy
        FROM (SELECT x, substr(x, 1, 2)::int AS d, substr(x, 3, 2)::int AS m, substr(x, 5, 2)::int AS yy
              FROM (SELECT CASE WHEN btrim(%[1]s) ~ '^[0-9]{6} ?[0-9]{5}$' THEN replace(btrim(%[1]s), ' ', '') END AS x) a
              WHERE x IS NOT NULL) b) c), false)`,
		v, sum(weights1[:]), digit(10), sum(weights2[:]), digit(11))
}

// CardNamed reports whether the column's name says it holds card numbers.
func (c *Column) CardNamed() bool { return c.cx.cardName }

// NationalIDColumn reports whether national identity numbers were detected in the column
// at or above threshold, so an exact count applies.
func (c *Column) NationalIDColumn(threshold float64) bool {
	if !allowed(c.tc, KindNationalID) || c.tc == typeInteger || c.tc == typeNumeric {
		return false
	}
	for _, d := range c.Detections() {
		if d.Kind == KindNationalID && d.Confidence >= threshold {
			return true
		}
	}
	return false
}
