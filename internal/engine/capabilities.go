package engine

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// capabilities is OPA's builtin set without the builtins that reach the network, the host or
// the clock: rules judge the evidence alone, so an audit is reproducible and a user rule
// cannot send evidence anywhere.
func capabilities() *ast.Capabilities {
	c := ast.CapabilitiesForThisVersion()
	kept := c.Builtins[:0]
	for _, b := range c.Builtins {
		if forbiddenBuiltin(b.Name) {
			continue
		}
		kept = append(kept, b)
	}
	c.Builtins = kept
	c.AllowNet = []string{}
	return c
}

func forbiddenBuiltin(name string) bool {
	switch name {
	case "http.send", "opa.runtime", "time.now_ns", "rand.intn", "uuid.rfc4122":
		return true
	}
	return strings.HasPrefix(name, "net.")
}
