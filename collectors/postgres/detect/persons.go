package detect

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// commonNames is the dated list of common given names and surnames (see its header for
// the sources).
//
//go:embed common-names.txt
var commonNames string

var givenNames, surnames = loadNames(commonNames)

func loadNames(text string) (map[string]bool, map[string]bool) {
	given, sur := map[string]bool{}, map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || (f[0] != "g" && f[0] != "s") {
			continue
		}
		for _, n := range f[1:] {
			if f[0] == "g" {
				given[foldName(n)] = true
			} else {
				sur[foldName(n)] = true
			}
		}
	}
	return given, sur
}

// nameFold maps the letters of Nordic and other European names to ASCII.
var nameFold = strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "ä", "a", "ö", "o", "ü", "u", "é", "e", "è", "e",
	"ê", "e", "á", "a", "à", "a", "â", "a", "ã", "a", "í", "i", "ó", "o", "ô", "o", "õ", "o", "ú", "u", "ç", "c",
	"ñ", "n", "ß", "ss")

func foldName(s string) string { return nameFold.Replace(strings.ToLower(s)) }

// honorifics mark the word after them as a person's name.
var honorifics = map[string]bool{"mr": true, "mrs": true, "miss": true, "ms": true, "mx": true, "dr": true,
	"master": true, "rev": true, "sir": true, "lady": true, "herr": true, "fru": true, "frk": true, "prof": true,
	"mme": true, "mlle": true, "don": false, "dona": true, "sr": true, "sra": true, "srta": true}

// personName is what one value showed about person names.
type personName struct {
	// full: the value is or lists a person's full name (a given name followed by more
	// capitalised words, or an honorific before a capitalised word).
	full bool
	// given / surname: the whole value is one common given name / surname.
	given, surname bool
}

// checkPersonName looks for person names in a short value: the whole value, or each item
// of a comma- or semicolon-separated list. Long free text is not read for names: a
// sentence mentions people without being about one.
func checkPersonName(v string) personName {
	var p personName
	t := strings.TrimSpace(v)
	if t == "" || len(t) > 4096 || !hasCapital(t) {
		return p
	}
	if w := nameWords(t); len(w) == 1 && capitalised(w[0]) {
		f := foldName(w[0])
		p.given, p.surname = givenNames[f], surnames[f]
		return p
	}
	items := strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == ';' || r == '|' })
	for _, it := range items {
		if fullName(nameWords(it)) {
			p.full = true
			return p
		}
	}
	// "Surname, Given" as one value.
	if len(items) == 2 {
		a, b := nameWords(items[0]), nameWords(items[1])
		if len(a) == 1 && len(b) >= 1 && surnames[foldName(a[0])] && givenNames[foldName(b[0])] && capitalised(b[0]) {
			p.full = true
		}
	}
	return p
}

// fullName: two to five words, an honorific before a capitalised word, or a common given
// name first with every word capitalised.
func fullName(w []string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	if honorifics[strings.ToLower(w[0])] && capitalised(w[1]) {
		return true
	}
	for _, x := range w {
		if !capitalised(x) && !particle(x) {
			return false
		}
	}
	if !givenNames[foldName(w[0])] {
		return false
	}
	last := foldName(w[len(w)-1])
	// A given name then a surname is near certain; a given name then any capitalised word
	// is likely when the word is not itself a common English title word.
	return surnames[last] || givenNames[last] || len(w) <= 3
}

func particle(w string) bool {
	switch strings.ToLower(w) {
	case "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "af", "av", "til", "bin", "al", "del", "dos", "das":
		return true
	}
	return false
}

// nameWords splits on what cannot be inside a name (letters, apostrophes, hyphens and
// the full stop of an honorific are).
func nameWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '\'' || r == '-' || r == '’')
	})
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// hasCapital: a name is written with a capital letter (an ASCII capital, or any
// non-ASCII letter, checked properly later). Most values are ruled out here cheaply.
func hasCapital(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}
