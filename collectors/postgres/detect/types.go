package detect

import "strings"

// Type classes: what a column's PostgreSQL type allows its values to be.
const (
	typeText    = "text"
	typeJSON    = "json"
	typeDate    = "date"
	typeBool    = "boolean"
	typeInteger = "integer"
	typeNumeric = "numeric"
	typeInet    = "inet"
	typeUUID    = "uuid"
	typeOther   = "other"
)

// typeClass reduces format_type output to a type class. Arrays take the class of their
// element type.
func typeClass(pgType string) string {
	t := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(pgType)), "[]")
	switch {
	case strings.HasPrefix(t, "json"):
		return typeJSON
	case t == "date", strings.HasPrefix(t, "timestamp"):
		return typeDate
	case t == "boolean":
		return typeBool
	case t == "smallint", t == "integer", t == "bigint":
		return typeInteger
	case strings.HasPrefix(t, "numeric"), t == "real", t == "double precision", t == "money":
		return typeNumeric
	case t == "inet", t == "cidr", t == "macaddr", t == "macaddr8":
		return typeInet
	case t == "uuid":
		return typeUUID
	case strings.HasPrefix(t, "text"), strings.HasPrefix(t, "character"), strings.HasPrefix(t, "citext"),
		t == "name", strings.HasPrefix(t, "bpchar"), strings.HasPrefix(t, "varchar"), t == "bytea", t == "xml":
		return typeText
	}
	return typeOther
}

// allowed reports whether a value of type class tc can be of kind k. Dates and timestamps
// are never phone or account numbers, only birth dates; booleans and numeric flags are
// never passwords or contact data, at most a flag of a special category; addresses hold IP
// addresses only.
func allowed(tc, k string) bool {
	switch tc {
	case typeDate:
		return k == KindDateOfBirth
	case typeBool:
		return specialKind(k)
	case typeInteger, typeNumeric:
		switch k {
		case KindPhone, KindPostalCode, KindNationalID, KindBankAccount, KindCard, KindGender, KindFax:
			return true
		}
		return specialKind(k)
	case typeInet:
		return k == KindIP
	case typeUUID:
		return k == KindCookieID || k == KindDeviceID || k == KindCredentials
	}
	return true
}

func specialKind(k string) bool {
	switch k {
	case KindHealth, KindBiometric, KindGenetic, KindReligion, KindPolitical, KindEthnicity, KindSexual, KindCriminal:
		return true
	}
	return false
}

// Sampleable reports whether values of this PostgreSQL type can carry what the sampler
// looks for.
func Sampleable(pgType string) bool {
	switch typeClass(pgType) {
	case typeText, typeJSON, typeDate, typeInteger, typeNumeric, typeInet:
		return !strings.HasPrefix(strings.ToLower(pgType), "smallint") && !strings.HasPrefix(strings.ToLower(pgType), "real") &&
			!strings.HasPrefix(strings.ToLower(pgType), "double")
	}
	return false
}

// NamesData reports whether a column's name suggests a kind its type can hold: a uuid
// device_id is data, an integer address_id is a key.
func NamesData(name, pgType string) bool {
	tc := typeClass(pgType)
	for _, h := range ByName(name) {
		if h.Kind != kindKIDReference && allowed(tc, h.Kind) {
			return true
		}
	}
	return false
}
