package site

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// xssTitle is a hostile page title: the evidence must keep it as text.
const xssTitle = `<img src=x onerror=alert(1)><script>alert("vern")</script>`

// sentinel marks every value the fixtures set; it must never reach the evidence.
const sentinel = "SENTINEL-VALUE"

// requireChromium skips without Chromium, except under CI where a missing browser fails.
func requireChromium(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("/usr/bin/chromium"); err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is missing at /usr/bin/chromium (CI is set): apt-get install -y chromium")
	}
	t.Skip("chromium not installed at /usr/bin/chromium")
}

// serveOn starts an HTTP server on a given loopback address (127.0.0.2 is another site to
// the browser than 127.0.0.1).
func serveOn(t testing.TB, ip string, h http.Handler) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Fatalf("listen %s: %v", ip, err)
	}
	s := &httptest.Server{Listener: l, Config: &http.Server{Handler: h}}
	s.Start()
	// Close waits for every handler; cutting the connections first ends the ones that
	// stream or stall for as long as their client stays (their request context ends).
	t.Cleanup(func() {
		s.CloseClientConnections()
		s.Close()
	})
	return s
}

func layout(t testing.TB, dir string, repl map[string]string) func(title, body string, footer bool) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", dir, "layout.html"))
	if err != nil {
		t.Fatal(err)
	}
	return func(title, body string, footer bool) string {
		s := string(b)
		for k, v := range repl {
			s = strings.ReplaceAll(s, k, v)
		}
		f := ""
		if footer {
			f = `<footer><a href="/personvern">Personvern</a></footer>`
		}
		s = strings.ReplaceAll(s, "{{FOOTER}}", f)
		s = strings.ReplaceAll(s, "{{TITLE}}", title)
		return strings.ReplaceAll(s, "{{BODY}}", body)
	}
}

const statementBody = `<h1>Personvernerklæring</h1><p>Alarmlink AS er behandlingsansvarlig.</p>
<p>Sist oppdatert: 10.09.2025</p>`

// trackerServer is the "third party": a pixel that sets a cookie.
func trackerServer(t testing.TB) *httptest.Server {
	return serveOn(t, "127.0.0.2", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "trk_uid", Value: sentinel + "-tracker", Path: "/", MaxAge: 300 * 86400})
		w.Header().Set("Content-Type", "image/gif")
		w.Write([]byte("GIF89a"))
	}))
}

// cdnServer is a content host: fonts, no cookies.
func cdnServer(t testing.TB) *httptest.Server {
	return serveOn(t, "127.0.0.3", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css")
		w.Write([]byte("body{font-family:sans-serif}"))
	}))
}

// plantedSite is a site with every gap the rules must find.
func plantedSite(t testing.TB, tracker string) *httptest.Server {
	page := layout(t, "planted", map[string]string{"{{TRACKER}}": tracker})
	mux := http.NewServeMux()
	html := func(w http.ResponseWriter, s string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, s)
	}
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		// A session cookie without HttpOnly or SameSite.
		http.SetCookie(w, &http.Cookie{Name: "sessionid", Value: sentinel + "-session", Path: "/"})
		html(w, page("Alarmlink", `<h1>Trygghet hjemme</h1><a href="/tjenester">Våre tjenester</a> <a href="/personvern">Personvern</a>`, true))
	})
	mux.HandleFunc("/tjenester", func(w http.ResponseWriter, r *http.Request) {
		html(w, page("Tjenester", `<a href="/tjenester/boligalarm">Boligalarm</a> <a href="/tjenester/naering">Næring</a>`, true))
	})
	mux.HandleFunc("/tjenester/{name}", func(w http.ResponseWriter, r *http.Request) {
		html(w, page("Tjeneste", `<p>En tjeneste.</p>`, true))
	})
	mux.HandleFunc("/kontakt", func(w http.ResponseWriter, r *http.Request) {
		html(w, page("Kontakt", `<p>Ring oss.</p>`, false))
	})
	mux.HandleFunc("/om", func(w http.ResponseWriter, r *http.Request) {
		html(w, page(xssTitle, `<p>Om oss.</p>`, false))
	})
	// An endless calendar: every month links to the next, and to itself with a new query.
	mux.HandleFunc("/kalender/{year}/{month}", func(w http.ResponseWriter, r *http.Request) {
		y, _ := strconv.Atoi(r.PathValue("year"))
		m, _ := strconv.Atoi(r.PathValue("month"))
		ny, nm := y, m+1
		if nm > 12 {
			ny, nm = y+1, 1
		}
		v, _ := strconv.Atoi(r.URL.Query().Get("v"))
		html(w, page("Kalender", fmt.Sprintf(`<a href="/kalender/%d/%d">Neste</a> <a href="/kalender/%d/%d?v=%d">Vis</a>`,
			ny, nm, y, m, v+1), true))
	})
	mux.HandleFunc("/personvern", func(w http.ResponseWriter, r *http.Request) {
		html(w, page("Personvern", statementBody, true))
	})
	return serveOn(t, "127.0.0.1", mux)
}

// cleanSite is the control: a proper banner, nothing non-essential before a choice or
// after "reject", fonts from a content host.
func cleanSite(t testing.TB, cdn string) *httptest.Server {
	page := layout(t, "clean", map[string]string{"{{CDN}}": cdn})
	mux := http.NewServeMux()
	html := func(w http.ResponseWriter, s string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, s)
	}
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "sessionid", Value: sentinel + "-clean", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
		html(w, page("Butikk", `<h1>Velkommen</h1>`, true))
	})
	mux.HandleFunc("/tjenester", func(w http.ResponseWriter, r *http.Request) {
		html(w, page("Tjenester", `<p>Tjenester.</p>`, true))
	})
	mux.HandleFunc("/kontakt", func(w http.ResponseWriter, r *http.Request) {
		html(w, page("Kontakt", `<p>Kontakt.</p>`, true))
	})
	mux.HandleFunc("/personvern", func(w http.ResponseWriter, r *http.Request) {
		html(w, page("Personvern", statementBody, true))
	})
	return serveOn(t, "127.0.0.1", mux)
}

// downSite is an address where nothing listens.
func downSite(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + addr + "/"
}

// slowSite answers nothing until the test ends.
func slowSite(t testing.TB) *httptest.Server {
	done := make(chan struct{})
	s := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-done:
		case <-time.After(30 * time.Second):
		}
	}))
	t.Cleanup(func() { close(done) })
	return s
}

// garbageSite answers every connection with bytes that are not HTTP.
func garbageSite(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); _ = l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				// The client's side is what the tests judge; this side's I/O errors
				// only mean the client has gone, so they are dropped on purpose.
				defer func() { _ = c.Close() }()
				_ = c.SetDeadline(time.Now().Add(2 * time.Second))
				buf := make([]byte, 1024)
				_, _ = c.Read(buf)
				_, _ = c.Write([]byte("\x00\x01\x02 this is not http \xff\xfe\r\n\r\n"))
				<-ctx.Done()
			}()
		}
	}()
	return "http://" + l.Addr().String() + "/"
}
