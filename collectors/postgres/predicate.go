package postgres

import (
	"errors"
	"strings"
)

// checkPredicate accepts a single SQL condition: no statement separators or comments,
// which could end the condition and smuggle another statement in. The transaction is
// read-only besides.
func checkPredicate(sql string) error {
	inString := false
	for i := 0; i < len(sql); i++ {
		ch := sql[i]
		if ch == '\'' {
			inString = !inString
			continue
		}
		if inString {
			continue
		}
		switch {
		case ch == ';':
			return errors.New("contains ';'")
		case strings.HasPrefix(sql[i:], "--"), strings.HasPrefix(sql[i:], "/*"):
			return errors.New("contains a comment")
		}
	}
	if inString {
		return errors.New("has an unterminated string")
	}
	return nil
}

// identifiers returns the lower-cased identifiers a predicate names (outside string
// literals), double-quoted ones as written.
func identifiers(sql string) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < len(sql); {
		ch := sql[i]
		switch {
		case ch == '\'':
			j := strings.IndexByte(sql[i+1:], '\'')
			if j < 0 {
				return out
			}
			i += j + 2
		case ch == '"':
			j := strings.IndexByte(sql[i+1:], '"')
			if j < 0 {
				return out
			}
			out[sql[i+1:i+1+j]] = true
			i += j + 2
		case isIdentStart(ch):
			j := i + 1
			for j < len(sql) && (isIdentStart(sql[j]) || sql[j] >= '0' && sql[j] <= '9' || sql[j] == '$') {
				j++
			}
			out[strings.ToLower(sql[i:j])] = true
			i = j
		default:
			i++
		}
	}
	return out
}

func isIdentStart(ch byte) bool {
	return ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= 0x80
}
