package findings

import "strings"

// ParentResource drops the last path element of a resource: postgres://crm/public.t/col →
// postgres://crm/public.t → postgres://crm → "" at the scheme.
func ParentResource(r string) string {
	i := strings.LastIndexByte(r, '/')
	if i < 0 || strings.HasSuffix(r[:i+1], "://") {
		return ""
	}
	return r[:i]
}
