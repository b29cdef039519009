package config

import (
	"fmt"
	"strings"
)

// keyPath joins a section of a YAML file and the keys below it into the dotted path the
// decoder indexes its nodes by (statement, updated → statement.updated).
func keyPath(section string, keys ...string) string {
	return strings.Join(append([]string{section}, keys...), ".")
}

// itemPath is the path of the i-th entry of a list under a section (cookies, known, 0 →
// cookies.known[0]).
func itemPath(section, list string, i int) string {
	return fmt.Sprintf("%s[%d]", keyPath(section, list), i)
}
