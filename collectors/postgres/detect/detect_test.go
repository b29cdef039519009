package detect

import (
	"testing"
	"time"
)

func TestCheckNationalID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        string
		valid     bool
		typ       string
		synthetic bool
	}{
		{name: "fodselsnummer", in: "11036533341", valid: true, typ: "fodselsnummer"},
		{name: "d-nummer", in: "58115105297", valid: true, typ: "d-nummer"},
		{name: "synthetic test number", in: "12827536421", valid: true, typ: "fodselsnummer", synthetic: true},
		{name: "second control digit wrong", in: "11036533342", valid: false},
		{name: "bad date", in: "32136533341", valid: false},
		{name: "too short", in: "1103653334", valid: false},
		{name: "letters", in: "1103653334x", valid: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := CheckNationalID(tc.in)
			if got.Valid != tc.valid || tc.valid && (got.Type != tc.typ || got.Synthetic != tc.synthetic) {
				t.Errorf("CheckNationalID = %+v, want valid %v type %q synthetic %v", got, tc.valid, tc.typ, tc.synthetic)
			}
		})
	}
}

func TestNationalID2032AllowsMoreControlValues(t *testing.T) {
	t.Parallel()
	// Build a number whose first control digit leaves remainder 2 (valid only from 2032)
	// and whose second is correct.
	base := "110365333"
	s1 := 0
	for i, w := range weights1 {
		s1 += w * int(base[i]-'0')
	}
	for k1 := 0; k1 < 10; k1++ {
		if (s1+k1)%11 != 2 {
			continue
		}
		d := base + string(rune('0'+k1))
		s2 := 0
		for i, w := range weights2 {
			s2 += w * int(d[i]-'0')
		}
		k2 := (11 - s2%11) % 11
		if k2 == 10 {
			t.Skip("no second control digit for this base")
		}
		got := CheckNationalID(d + string(rune('0'+k2)))
		if !got.Valid || !got.Scheme2032 {
			t.Errorf("2032 number = %+v, want valid under the 2032 scheme", got)
		}
		return
	}
	t.Fatal("no first control digit with remainder 2")
}

func TestFinanceChecks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fn   func(string) bool
		in   string
		want bool
	}{
		{name: "visa", fn: ValidCard, in: "4378657975432314", want: true},
		{name: "amex", fn: ValidCard, in: "375291703423667", want: true},
		{name: "luhn fails", fn: ValidCard, in: "4378657975432315", want: false},
		{name: "unknown issuer", fn: ValidCard, in: "1234567812345670", want: false},
		{name: "iban", fn: ValidIBAN, in: "NO9386011117947", want: true},
		{name: "iban wrong check", fn: ValidIBAN, in: "NO9386011117948", want: false},
		{name: "account", fn: ValidBankAccount, in: "86011117947", want: true},
		{name: "account wrong", fn: ValidBankAccount, in: "86011117948", want: false},
		{name: "bcrypt", fn: IsPasswordHash, in: "$2b$12$abcdefghijklmnopqrstN9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p9", want: true},
		{name: "argon2", fn: IsPasswordHash, in: "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", want: true},
		{name: "plain", fn: IsPasswordHash, in: "sommer2023", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tc.fn(tc.in); got != tc.want {
				t.Errorf("%s(%q) = %v, want %v", tc.name, tc.in, got, tc.want)
			}
		})
	}
}

func TestByName(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, column, kind string }{
		{name: "norwegian email", column: "epost", kind: KindEmail},
		{name: "abbreviation", column: "tlf", kind: KindPhone},
		{name: "fnr", column: "kunde_fnr", kind: KindNationalID},
		{name: "fødselsnummer with letters", column: "fødselsnummer", kind: KindNationalID},
		{name: "camel case", column: "firstName", kind: KindFirstName},
		{name: "ip address is not a street", column: "ip_address", kind: KindIP},
		{name: "postnr", column: "postnr", kind: KindPostalCode},
		{name: "kontonr", column: "kontonr", kind: KindBankAccount},
		{name: "numbered address line", column: "address2", kind: KindStreet},
		{name: "numbered camel case", column: "AddressLine1", kind: KindStreet},
		{name: "ipv4 split and joined", column: "client_ipv4", kind: KindIP},
		{name: "compound given name", column: "contactgivenname", kind: KindFirstName},
		{name: "fax is not a phone", column: "fax_number", kind: KindFax},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			hits := ByName(tc.column)
			if len(hits) == 0 || hits[0].Kind != tc.kind {
				t.Errorf("ByName(%q) = %+v, want %s first", tc.column, hits, tc.kind)
			}
		})
	}
	if hits := ByName("ip_address"); len(hits) != 1 {
		t.Errorf("ip_address hits = %+v, want the IP kind alone", hits)
	}
}

func TestColumnCombinesSignals(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, column, typ string
		values            []string
		kind              string
		personal          bool
	}{
		{name: "emails in an unnamed column", column: "c1", typ: "text",
			values: []string{"a@example.invalid", "b@example.invalid", "x"}, kind: KindEmail, personal: true},
		{name: "fødselsnummer in free text", column: "notes", typ: "text",
			values: []string{"Kunden har fnr 11036533341 oppgitt", "ingenting", "ingenting", "ingenting"}, kind: KindNationalID, personal: true},
		{name: "jsonb phone", column: "payload", typ: "jsonb",
			values: []string{`{"kontakt": {"tlf": "+47 912 34 567"}}`, `{"a": 1}`}, kind: KindPhone, personal: true},
		{name: "KID numbers are not cards", column: "kid", typ: "text",
			values: []string{"4712768426846567", "4321223307924409"}, kind: KindCard, personal: false},
		{name: "card numbers in a card column", column: "card_number", typ: "text",
			values: []string{"4378657975432314"}, kind: KindCard, personal: true},
		{name: "bare luhn digits elsewhere are not cards", column: "ref", typ: "text",
			values: []string{"4378657975432314"}, kind: KindCard, personal: false},
		{name: "ipv6", column: "c", typ: "inet", values: []string{"2001:db8::1"}, kind: KindIP, personal: true},
		{name: "name contradicted by values", column: "email", typ: "text",
			values: repeat("ja", 30), kind: KindEmail, personal: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := NewColumn(tc.column, tc.typ, now)
			for _, v := range tc.values {
				c.Add(v)
			}
			found := false
			for _, d := range c.Detections() {
				if d.Kind == tc.kind && d.Confidence >= 0.5 {
					found = true
				}
			}
			if found != tc.personal {
				t.Errorf("%s detected = %v, want %v (%+v)", tc.kind, found, tc.personal, c.Detections())
			}
		})
	}
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}
