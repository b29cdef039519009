package config

import (
	"fmt"
	"strings"
)

// The retention and consent checks put a dataset's exempt_when and erased_when into a WHERE
// clause. Each must be one boolean SQL expression: a second statement, a comment that hides
// the rest of the query or a clause of its own would change what vern runs. The scan below
// works on PostgreSQL's tokens, so a ';' or '--' inside a string literal, a quoted identifier
// or a dollar-quoted string is text, not syntax.

// statementWords start or are a statement of their own: never part of an expression.
var statementWords = map[string]bool{
	"insert": true, "update": true, "delete": true, "drop": true, "create": true, "alter": true,
	"truncate": true, "grant": true, "revoke": true, "copy": true, "vacuum": true, "begin": true,
	"commit": true, "rollback": true, "do": true, "call": true, "execute": true, "prepare": true,
	"lock": true, "listen": true, "notify": true, "merge": true, "refresh": true, "discard": true,
	"cluster": true, "reindex": true, "savepoint": true,
}

// clauseWords end the expression and start another clause when they appear outside
// parentheses (inside, a subquery such as EXISTS (SELECT ...) is an expression).
var clauseWords = map[string]bool{
	"select": true, "where": true, "union": true, "intersect": true, "except": true, "order": true,
	"limit": true, "offset": true, "group": true, "having": true, "returning": true, "into": true,
}

// sqlExprProblem returns what keeps expr from being a single SQL expression, and at which
// byte offset; "" when it is one.
func sqlExprProblem(expr string) (string, int) {
	depth, tokens := 0, 0
	open := []int{}
	for i := 0; i < len(expr); {
		c := expr[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
			continue
		case c == '-' && strings.HasPrefix(expr[i:], "--"):
			return "a comment (--) hides the rest of the query", i
		case c == '/' && strings.HasPrefix(expr[i:], "/*"):
			return "a comment (/* */) is not part of an expression", i
		case c == ';':
			return "a ';' ends the statement and starts another", i
		case c == '(':
			depth++
			open = append(open, i)
			i++
		case c == ')':
			if depth == 0 {
				return "a ')' closes a parenthesis that was never opened", i
			}
			depth--
			open = open[:len(open)-1]
			i++
		case c == '\'':
			end, ok := skipQuoted(expr, i, '\'', false)
			if !ok {
				return "a string literal is not closed with '", i
			}
			i = end
		case c == '"':
			end, ok := skipQuoted(expr, i, '"', false)
			if !ok {
				return "a quoted identifier is not closed with \"", i
			}
			i = end
		case c == '$' && i+1 < len(expr) && !isDigit(expr[i+1]):
			end, ok := skipDollar(expr, i)
			if !ok {
				return "a dollar-quoted string is not closed", i
			}
			i = end
		case isIdentStart(c):
			j := i + 1
			for j < len(expr) && isIdentPart(expr[j]) {
				j++
			}
			word := strings.ToLower(expr[i:j])
			if j < len(expr) && expr[j] == '\'' && (word == "e" || word == "b" || word == "x" || word == "n") {
				// E'...' allows backslash escapes; B, X and N strings are plain.
				end, ok := skipQuoted(expr, j, '\'', word == "e")
				if !ok {
					return "a string literal is not closed with '", j
				}
				i = end
				break
			}
			if statementWords[word] {
				return fmt.Sprintf("%s is a statement, not an expression (quote it as \"%s\" if it is a column)", strings.ToUpper(word), word), i
			}
			if depth == 0 && clauseWords[word] {
				return fmt.Sprintf("%s starts a clause of its own; write only the condition", strings.ToUpper(word)), i
			}
			i = j
		default:
			i++
		}
		tokens++
	}
	if depth > 0 {
		return "a '(' is never closed", open[len(open)-1]
	}
	if tokens == 0 {
		return "it is empty", 0
	}
	return "", 0
}

// skipQuoted returns the offset after the quoted text starting at i (a doubled quote is an
// escaped one; with backslash, so is \q).
func skipQuoted(s string, i int, q byte, backslash bool) (int, bool) {
	for j := i + 1; j < len(s); j++ {
		switch {
		case backslash && s[j] == '\\':
			j++
		case s[j] == q && j+1 < len(s) && s[j+1] == q:
			j++
		case s[j] == q:
			return j + 1, true
		}
	}
	return 0, false
}

// skipDollar returns the offset after a $tag$...$tag$ string starting at i. A '$' that
// does not open a tag (an operator) is one character.
func skipDollar(s string, i int) (int, bool) {
	j := i + 1
	for j < len(s) && s[j] != '$' && isIdentPart(s[j]) {
		j++
	}
	if j >= len(s) || s[j] != '$' {
		return i + 1, true
	}
	tag := s[i : j+1]
	end := strings.Index(s[j+1:], tag)
	if end < 0 {
		return 0, false
	}
	return j + 1 + end + len(tag), true
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') || c >= 0x80 }
func isIdentPart(c byte) bool  { return isIdentStart(c) || isDigit(c) || c == '$' }

// checkSQLExpr reports an exempt_when or erased_when that is not one SQL expression.
func (d *fileDecoder) checkSQLExpr(p, expr string) {
	if expr == "" || d.unresolved[p] {
		return
	}
	if problem, at := sqlExprProblem(expr); problem != "" {
		d.errorf(d.at(p), "%s %s is not a single boolean SQL expression: %s (at character %d); write one condition such as customer_id IS NOT NULL, combining several with AND / OR",
			lastKey(p), quote(d.raw(p)), problem, at+1)
	}
}
