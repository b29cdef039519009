package config

import "slices"

// Language is a language vern writes its reports, issues and rule texts in (--lang). It is
// not the statement's own language (statement.language), which may be any.
type Language string

// Languages vern writes in.
const (
	LangEnglish Language = "en"
	// LangNorwegian is Norwegian bokmål.
	LangNorwegian Language = "nb"
)

// Languages lists the languages vern writes in, English (the default) first.
var Languages = []Language{LangEnglish, LangNorwegian}

// Valid reports whether vern writes in l; "" is not a language, the flags default to
// English.
func (l Language) Valid() bool { return slices.Contains(Languages, l) }
