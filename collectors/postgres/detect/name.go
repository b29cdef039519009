package detect

import (
	"strings"
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
		"mobil", "mobile", "mobilnummer", "mobilnr", "mobiltelefon", "msisdn", "cellphone", "mob"}, []string{"cell"}},
	{KindNationalID, 0.85, []string{"fnr", "fodselsnummer", "fodselsnr", "fodselsnum", "personnummer", "personnr", "pnr",
		"dnr", "dnummer", "hnummer", "ssn", "nin", "nationalid", "nationalidentificationnumber", "personalnumber",
		"personalidentitynumber", "socialsecuritynumber", "identitetsnummer", "idnummer"}, nil},
	{KindStreet, 0.75, []string{"adresse", "address", "addr", "gateadresse", "streetaddress", "street", "adresselinje",
		"addressline", "postadresse", "bostedsadresse", "hjemmeadresse", "leveringsadresse", "fakturaadresse"}, nil},
	{KindPostalCode, 0.75, []string{"postnr", "postnummer", "zip", "zipcode", "postalcode", "postcode"}, nil},
	{KindCity, 0.6, []string{"poststed", "city", "town"}, nil},
	{KindFirstName, 0.8, []string{"fornavn", "firstname", "givenname", "forename"}, nil},
	{KindLastName, 0.8, []string{"etternavn", "lastname", "surname", "familyname"}, nil},
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
	{KindCookieID, 0.6, []string{"cookieid", "sessionid", "sessiontoken", "sessionkey", "visitorid", "clientid"}, nil},
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
		case unicode.IsUpper(r) && i > 0 && unicode.IsLower(rs[i-1]):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// ByName returns the kinds a column's name suggests, strongest per kind. A column named
// for a KID payment reference yields no kinds but marks itself (see IsKIDName).
func ByName(name string) []NameHit {
	toks := tokens(name)
	joined := strings.Join(toks, "")
	lower := strings.ToLower(foldASCII.Replace(name))
	best := map[string]float64{}
	var order []string
	for _, r := range nameRules {
		hit := false
		for _, w := range r.words {
			if joined == w || contains(toks, w) {
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
	if _, ok := best[kindKIDReference]; ok {
		delete(best, KindCard)
	}
	if contains(toks, "mac") || contains(toks, "hash") && !contains(toks, "password") && !contains(toks, "pw") {
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
	for _, h := range byNameRaw(name) {
		if h == kindKIDReference {
			return true
		}
	}
	return false
}

func byNameRaw(name string) []string {
	toks := tokens(name)
	joined := strings.Join(toks, "")
	var out []string
	for _, r := range nameRules {
		for _, w := range r.words {
			if joined == w || contains(toks, w) {
				out = append(out, r.kind)
				break
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
