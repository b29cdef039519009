package site

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/evidence"
	"golang.org/x/net/html"
)

// HTTPDoer sends HTTP requests (an *http.Client); tests inject their own.
type HTTPDoer interface {
	Do(req *http.Request) (*http.Response, error)
}

// maxBody bounds how much of one page the plain HTTP mode reads.
const maxBody = 2 << 20

// collectHTTP is --browser none: it follows links over plain HTTP and records the cookies
// Set-Cookie headers set. Scripts do not run, so it sees no script cookies, storage or
// third-party requests and makes no consent choice; the result is marked partial.
func (c *Collector) collectHTTP(ctx context.Context, p *plan, env collect.Env) (*evidence.Site, error) {
	client := c.opts.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: p.pageTimeout, CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return http.ErrUseLastResponse
			}
			return nil
		}}
	}
	started := time.Now()
	doc := newDocument(p, "http", c.cat)
	rec := newRecorder(p, evidence.PhaseBefore)
	fr := newFrontier(p)
	start, _ := fr.admit(p.start.String())
	level := []string{start}
	var summary evidence.SitePhase
	for len(level) > 0 && len(doc.Pages) < p.maxPages && ctx.Err() == nil {
		var next []string
		for _, u := range level {
			if len(doc.Pages) >= p.maxPages || ctx.Err() != nil {
				break
			}
			pg, links, _, err := c.fetch(ctx, client, p, rec, u)
			if err != nil && len(doc.Pages) == 0 {
				return nil, &collect.Failure{Reason: fmt.Sprintf("site %s: start page %s did not load: %v", p.host, u, err),
					Fix: "check that the site answers from this machine", Err: err}
			}
			doc.Pages = append(doc.Pages, pg)
			if pg.Error != "" {
				summary.Errors++
			} else {
				summary.Pages++
			}
			next = append(next, admitAll(fr, links)...)
		}
		level = next
	}
	summary.Skipped = fr.skipped
	if p.statementURL != "" {
		st := evidence.SiteStatement{Path: p.statement}
		pg, _, text, err := c.fetch(ctx, client, p, rec, p.statementURL)
		st.Status = pg.Status
		switch {
		case err != nil:
			st.Error = pg.Error
		case pg.Status >= 400:
			st.Error = fmt.Sprintf("HTTP %d", pg.Status)
		default:
			st.Reachable = true
			fillStatement(&st, text.source, text.text)
		}
		doc.Statement = st
	}
	rec.finish()
	summary.Seconds = time.Since(started).Seconds()
	doc.Phases[evidence.PhaseBefore] = summary
	doc.Notes = append(doc.Notes, "collected without a browser (--browser none): header cookies only")
	c.fill(doc, p, map[string]*recorder{evidence.PhaseBefore: rec})
	return doc, nil
}

type pageText struct{ source, text string }

// fetch gets one page, records its Set-Cookie headers and returns its links and text.
func (c *Collector) fetch(ctx context.Context, client HTTPDoer, p *plan, rec *recorder, rawURL string) (evidence.SitePage, []string, pageText, error) {
	pg := evidence.SitePage{Path: p.pagePath(rawURL), Host: p.pageHost(rawURL)}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		pg.Error = err.Error()
		return pg, nil, pageText{}, err
	}
	req.Header.Set("Accept-Language", "nb-NO,nb;q=0.9,no;q=0.8,en;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		pg.Error = strings.ReplaceAll(err.Error(), rawURL, pg.Path)
		return pg, nil, pageText{}, err
	}
	defer func() { _ = resp.Body.Close() }() // read only: a failed close loses nothing
	pg.Status = resp.StatusCode
	id := rawURL
	rec.request(id, rawURL, rawURL)
	rec.response(id, resp.Header.Values("Set-Cookie"), nil)
	ct := resp.Header.Get("Content-Type")
	if ct != "" && !strings.Contains(ct, "html") {
		return pg, nil, pageText{}, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		pg.Error = "body: " + err.Error()
		return pg, nil, pageText{}, err
	}
	base := resp.Request.URL
	title, links, text, linksStatement := parseHTML(string(body), base, p)
	pg.Title, pg.LinksStatement = title, linksStatement
	return pg, links, text, nil
}

// parseHTML reads a page's title, links and statement text without running it.
func parseHTML(body string, base *url.URL, p *plan) (string, []string, pageText, bool) {
	z := html.NewTokenizer(strings.NewReader(body))
	var title string
	var links []string
	var inTitle bool
	var skip int
	texts := map[string]*strings.Builder{"main": {}, "article": {}, "body": {}}
	depth := map[string]int{}
	linksStatement := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			src := "body"
			for _, s := range []string{"main", "article"} {
				if texts[s].Len() > 0 {
					src = s
					break
				}
			}
			return title, links, pageText{source: src, text: texts[src].String()}, linksStatement
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			switch tag {
			case "title":
				inTitle = tt == html.StartTagToken
			case "script", "style", "noscript":
				if tt == html.StartTagToken {
					skip++
				}
			case "main", "article", "body":
				depth[tag]++
			case "a":
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) != "href" {
						continue
					}
					u, err := base.Parse(strings.TrimSpace(string(v)))
					if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
						continue
					}
					if len(links) < 500 {
						links = append(links, u.String())
					}
					if p.statement != "" && cleanPath(u.Path) == p.statement && p.hosts[strings.ToLower(u.Host)] {
						linksStatement = true
					}
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch tag := string(name); tag {
			case "title":
				inTitle = false
			case "script", "style", "noscript":
				if skip > 0 {
					skip--
				}
			case "main", "article", "body":
				if depth[tag] > 0 {
					depth[tag]--
				}
			}
		case html.TextToken:
			t := string(z.Text())
			if inTitle {
				title += t
				continue
			}
			if skip > 0 {
				continue
			}
			for tag, b := range texts {
				if depth[tag] > 0 {
					b.WriteString(t)
					b.WriteByte(' ')
				}
			}
		}
	}
}
