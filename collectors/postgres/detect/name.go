package detect

import (
	"slices"
	"strings"
	"sync"
	"unicode"
)

// NameHit is a data kind a column's name suggests, with how strongly.
type NameHit struct {
	Kind     string
	Strength float64
}

type nameRule struct {
	kind     string
	strength float64
	// words match a token of the name or the whole name with separators removed.
	words []string
	// whole match only the whole name (for words too common as a token).
	whole []string
}

// nameRules cover English and Norwegian names and their usual abbreviations. Names are
// folded to ASCII (æ→ae, ø→o, å→a) and split on separators and camelCase first.
var nameRules = []nameRule{
	{KindEmail, 0.85, []string{"email", "epost", "emailaddress", "epostadresse", "mailadresse", "eposta"}, []string{"mail", "e_mail", "e_post"}},
	{KindPhone, 0.8, []string{"phone", "phonenumber", "telephone", "telefon", "telefonnummer", "telefonnr", "tlf", "tlfnr",
		"mobil", "mobile", "mobilnummer", "mobilnr", "mobiltelefon", "msisdn", "cellphone", "mob", "telecom", "phonenr"},
		[]string{"cell", "tel"}},
	{KindFax, 0.8, []string{"fax", "faxnumber", "telefax", "faks", "faksnummer"}, nil},
	{KindNationalID, 0.85, []string{"fnr", "fodselsnummer", "fodselsnr", "fodselsnum", "personnummer", "personnr", "pnr",
		"dnr", "dnummer", "hnummer", "ssn", "nin", "nationalid", "nationalidentificationnumber", "personalnumber",
		"personalidentitynumber", "socialsecuritynumber", "identitetsnummer", "idnummer"}, nil},
	{KindStreet, 0.75, []string{"adresse", "address", "addr", "gateadresse", "streetaddress", "street", "adresselinje",
		"addressline", "postadresse", "bostedsadresse", "hjemmeadresse", "leveringsadresse", "fakturaadresse"}, nil},
	{KindPostalCode, 0.75, []string{"postnr", "postnummer", "zip", "zipcode", "postalcode", "postcode"}, nil},
	{KindCity, 0.6, []string{"poststed", "city", "town", "hometown", "bosted"}, nil},
	{KindState, 0.6, []string{"state", "province", "fylke", "county", "stateprovince"}, nil},
	{KindCountry, 0.6, []string{"country", "countrycode"}, nil},
	{KindFirstName, 0.8, []string{"fornavn", "firstname", "givenname", "forename", "fname"}, nil},
	{KindLastName, 0.8, []string{"etternavn", "lastname", "surname", "familyname", "lname"}, nil},
	{KindName, 0.75, []string{"fulltnavn", "fullname", "kundenavn", "customername", "contactname", "kontaktperson",
		"kontaktnavn", "personnavn", "displayname", "username", "brukernavn"}, nil},
	{KindName, 0.45, nil, []string{"name", "navn"}},
	{KindBankAccount, 0.8, []string{"kontonr", "kontonummer", "bankkonto", "bankkontonr", "bankaccount", "accountnumber",
		"accountno", "iban"}, nil},
	{KindCard, 0.8, []string{"kortnr", "kortnummer", "betalingskort", "cardnumber", "cardno", "creditcard", "ccnumber",
		"ccnum", "pan", "card"}, nil},
	{kindKIDReference, 1, []string{"kid", "kidnr", "kidnummer", "betalingsreferanse", "paymentreference"}, nil},
	{KindDateOfBirth, 0.85, []string{"fodselsdato", "fodt", "fdato", "birthdate", "dateofbirth", "dob", "birthday",
		"bornon"}, nil},
	{KindIP, 0.8, []string{"ip", "ipaddress", "ipaddr", "ipadresse", "clientip", "remoteaddr", "remoteip", "ipv4", "ipv6"}, nil},
	{KindPassword, 0.85, []string{"password", "passord", "passwd", "pwd", "passwordhash", "pwhash", "passhash",
		"passordhash"}, nil},
	{KindCredentials, 0.7, []string{"sessionid", "sessiontoken", "sessionkey", "apikey", "apitoken", "accesstoken",
		"refreshtoken", "authtoken", "bearertoken", "otpsecret", "totpsecret", "mfasecret", "twofactorsecret",
		"recoverycodes", "backupcodes", "resettoken", "secret", "token", "otpkey", "totpkey"}, nil},
	{KindDeviceID, 0.7, []string{"deviceid", "devicetoken", "pushtoken", "imei", "udid", "advertisingid", "idfa",
		"androidid", "fcmtoken", "apnstoken", "hardwareid", "macaddress", "enhetsid"}, nil},
	{KindCookieID, 0.6, []string{"cookieid", "visitorid", "clientid", "anonymousid", "trackingid"}, nil},
	{KindGender, 0.7, []string{"kjonn", "gender", "sex"}, nil},
	{KindHealth, 0.8, []string{"helse", "helseopplysninger", "diagnose", "diagnosis", "health", "medical", "medisinsk",
		"sykdom", "allergi", "allergy", "medication", "medisin"}, nil},
	{KindBiometric, 0.8, []string{"biometric", "fingerprint", "fingeravtrykk", "faceprint"}, nil},
	{KindGenetic, 0.8, []string{"genetic", "genetisk", "dna"}, nil},
	{KindReligion, 0.8, []string{"religion", "religious", "trossamfunn", "livssyn"}, nil},
	{KindPolitical, 0.8, []string{"political", "politisk", "parti", "fagforening", "tradeunion"}, nil},
	{KindEthnicity, 0.8, []string{"ethnicity", "etnisitet", "race"}, nil},
	{KindSexual, 0.8, []string{"sexualorientation", "legning", "orientering"}, nil},
	{KindCriminal, 0.8, []string{"straffeattest", "politiattest", "criminalrecord", "domfellelse", "conviction"}, nil},
}

// notAPassword are words beside "password" in names of columns that hold something about
// a password, not the password: password_reset_token, password_changed_at.
var notAPassword = []string{"reset", "token", "hint", "changed", "updated", "expires", "expiry", "login", "required",
	"policy", "salt", "length", "strength", "attempts", "set", "algorithm", "algo", "version"}

var foldASCII = strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "Æ", "AE", "Ø", "O", "Å", "A", "é", "e")

// tokens splits a column name into lower-case words: on separators and camelCase.
func tokens(name string) []string {
	name = foldASCII.Replace(name)
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && i > 0 && unicode.IsLower(rs[i-1]),
			// address2, Address1: the number is a word of its own.
			i > 0 && len(cur) > 0 && unicode.IsDigit(r) != unicode.IsDigit(rs[i-1]):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// byNameCache holds ByName's answers: the same column names recur across a catalog's
// tables, and the rules are many.
var byNameCache sync.Map

// ByName returns the kinds a column's name suggests, strongest per kind. A column named
// for a KID payment reference yields no kinds but marks itself (see IsKIDName).
func ByName(name string) []NameHit {
	if v, ok := byNameCache.Load(name); ok {
		return append([]NameHit(nil), v.([]NameHit)...)
	}
	hits := byName(name)
	byNameCache.Store(name, hits)
	return append([]NameHit(nil), hits...)
}

func byName(name string) []NameHit {
	toks := tokens(name)
	joined := strings.Join(toks, "")
	lower := strings.ToLower(foldASCII.Replace(name))
	best := map[string]float64{}
	var order []string
	for _, r := range nameRules {
		hit := false
		for _, w := range r.words {
			if matchWord(toks, joined, w) {
				hit = true
				break
			}
		}
		for _, w := range r.whole {
			if joined == w || lower == w {
				hit = true
			}
		}
		if !hit {
			continue
		}
		if _, seen := best[r.kind]; !seen {
			order = append(order, r.kind)
		}
		if r.strength > best[r.kind] {
			best[r.kind] = r.strength
		}
	}
	// "ip_address", "email_address", "mac_address": the more specific kind wins over the
	// street address its last word suggests.
	if _, ok := best[KindStreet]; ok && len(best) > 1 {
		delete(best, KindStreet)
	}
	if _, ok := best[KindPassword]; ok {
		for _, w := range notAPassword {
			if slices.Contains(toks, w) {
				delete(best, KindPassword)
				break
			}
		}
	}
	if _, ok := best[KindFax]; ok {
		delete(best, KindPhone)
	}
	if _, ok := best[KindDeviceID]; ok {
		delete(best, KindStreet)
	}
	if _, ok := best[kindKIDReference]; ok {
		delete(best, KindCard)
	}
	if slices.Contains(toks, "mac") || slices.Contains(toks, "hash") && !slices.Contains(toks, "password") && !slices.Contains(toks, "pw") {
		delete(best, KindStreet)
	}
	var out []NameHit
	for _, k := range order {
		if s, ok := best[k]; ok {
			out = append(out, NameHit{Kind: k, Strength: s})
		}
	}
	return out
}

// IsKIDName reports whether a column's name says it holds KID payment references.
func IsKIDName(name string) bool {
	for _, h := range ByName(name) {
		if h.Kind == kindKIDReference {
			return true
		}
	}
	return false
}

// matchWord: the word is the whole name, one of its tokens, two or three tokens run
// together (given_name, postal_code), or the end of a compound token of at least six
// letters more (contactgivenname, billingpostalcode).
func matchWord(toks []string, joined, w string) bool {
	if joined == w {
		return true
	}
	for i := range toks {
		j := ""
		for n := 0; n < 3 && i+n < len(toks); n++ {
			j += toks[i+n]
			if j == w {
				return true
			}
		}
		if len(w) >= 6 && len(toks[i]) > len(w) && strings.HasSuffix(toks[i], w) {
			return true
		}
	}
	return false
}
