// Package demosite is Alarmlink's website in miniature for `vern demo`: a home page, a few
// service pages, the privacy statement at /personvern (the seed text, "Sist oppdatert:
// 10.09.2025"), a consent banner, and realistic gaps: Google Analytics' _ga (with a two-year
// lifetime) and the Meta pixel's _fbp written before any choice, a tracking pixel on a
// second host that sets a cookie, and a contact page without a link to the statement.
package demosite

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"time"
)

//go:embed www
var www embed.FS

// pages maps the site's paths to its files.
var pages = map[string]string{
	"/":                     "index.html",
	"/tjenester":            "tjenester.html",
	"/tjenester/boligalarm": "boligalarm.html",
	"/tjenester/naering":    "naering.html",
	"/kontakt":              "kontakt.html",
	"/personvern":           "personvern.html",
}

// Handler serves the site with no tracking pixel host.
func Handler() http.Handler { return handler("") }

// handler serves the site; pixel is the address of the tracking pixel's host, if any.
func handler(pixel string) http.Handler {
	root, _ := fs.Sub(www, "www")
	static := http.FileServerFS(root)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := pages[strings.TrimSuffix(r.URL.Path, "/")]
		if r.URL.Path == "/" {
			name, ok = pages["/"]
		}
		if !ok {
			static.ServeHTTP(w, r)
			return
		}
		b, err := fs.ReadFile(root, name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		page := string(b)
		if pixel != "" {
			page = strings.Replace(page, `<html lang="nb">`, fmt.Sprintf(`<html lang="nb" data-pixel=%q>`, pixel), 1)
		}
		if r.URL.Path == "/" {
			// A session cookie the site needs; without HttpOnly, as many are.
			http.SetCookie(w, &http.Cookie{Name: "PHPSESSID", Value: fmt.Sprint(time.Now().UnixNano()), Path: "/", SameSite: http.SameSiteLaxMode})
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	})
}

// pixelHandler is the "third party": an image that sets a tracking cookie.
func pixelHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "fr", Value: fmt.Sprint(time.Now().UnixNano()), Path: "/", MaxAge: 90 * 86400})
		w.Header().Set("Content-Type", "image/gif")
		w.Write([]byte("GIF89a"))
	})
}

// Serve starts the site on addr (host:port; port 0 picks one) and the pixel host on another
// loopback address (a different site to the browser). It returns the site's address and a
// function that stops both.
func Serve(ctx context.Context, addr string) (string, func(), error) {
	var servers []*http.Server
	stop := func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		for _, s := range servers {
			if err := s.Shutdown(sctx); err != nil {
				_ = s.Close() // connections still open at the deadline are cut
			}
		}
	}
	pixel := ""
	if pl, err := net.Listen("tcp", "127.0.0.2:0"); err == nil {
		ps := &http.Server{Handler: pixelHandler(), ReadHeaderTimeout: 5 * time.Second}
		servers = append(servers, ps)
		go func() { _ = ps.Serve(pl) }() // ends with http.ErrServerClosed at stop; the pixel host is optional, as its Listen above
		pixel = "http://" + pl.Addr().String()
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		stop()
		return "", nil, fmt.Errorf("demo site: %w", err)
	}
	s := &http.Server{Handler: handler(pixel), ReadHeaderTimeout: 5 * time.Second}
	servers = append(servers, s)
	go func() {
		if err := s.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return
		}
	}()
	context.AfterFunc(ctx, stop)
	return "http://" + l.Addr().String() + "/", stop, nil
}
