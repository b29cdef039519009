package githubfake

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// paginate reads page and per_page (GitHub's defaults: 1 and 30, at most 100), writes the Link
// header and returns the page and the slice bounds of n items.
func paginate(w http.ResponseWriter, r *http.Request, n int) (page, from, to int) {
	q := r.URL.Query()
	page, _ = strconv.Atoi(q.Get("page"))
	if page < 1 {
		page = 1
	}
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per < 1 {
		per = 30
	}
	per = min(per, 100)
	last := max((n+per-1)/per, 1)
	from = min((page-1)*per, n)
	to = min(from+per, n)

	link := func(p int, rel string) string {
		u := *r.URL
		v := u.Query()
		v.Set("page", strconv.Itoa(p))
		v.Set("per_page", strconv.Itoa(per))
		u.RawQuery = v.Encode()
		return fmt.Sprintf(`<http://%s%s>; rel="%s"`, r.Host, u.RequestURI(), rel)
	}
	var links []string
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"), link(page-1, "prev"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	return page, from, to
}
