// Command site benchmarks the website collector: a 50-page local site crawled in all three
// consent phases with several tabs and with one tab, in the same run. It prints the medians
// of a few runs: pages per second, time per page and the speed-up of the parallel crawl.
//
//	go run ./bench/site [-runs 3] [-pages 50] [-tabs 4]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"sort"
	"strconv"
	"time"

	"github.com/alarmlink/vern/collectors/site"
	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/sirupsen/logrus"
)

func main() {
	runs := flag.Int("runs", 3, "runs per configuration")
	pages := flag.Int("pages", 50, "pages of the local site")
	tabs := flag.Int("tabs", 4, "tabs of the parallel crawl")
	flag.Parse()
	url, stop, err := serve(*pages)
	if err != nil {
		log.Fatal(err)
	}
	defer stop()
	fmt.Printf("site: %d pages at %s, 3 phases, %d runs each\n", *pages, url, *runs)
	one := measure(url, *pages, 1, *runs)
	par := measure(url, *pages, *tabs, *runs)
	report := func(name string, m result) {
		fmt.Printf("%-8s median %6.2fs for %d page loads: %6.2f pages/s, %5.0f ms/page\n",
			name, m.seconds, m.loads, float64(m.loads)/m.seconds, 1000*m.seconds/float64(m.loads))
	}
	report("1 tab", one)
	report(strconv.Itoa(*tabs)+" tabs", par)
	fmt.Printf("speed-up of %d tabs over 1 tab: %.2fx\n", *tabs, one.seconds/par.seconds)
}

type result struct {
	seconds float64
	loads   int
}

func measure(url string, pages, tabs, runs int) result {
	var secs []float64
	loads := 0
	for i := 0; i < runs; i++ {
		cfg := &config.Config{Inventory: config.Inventory{Sites: []config.Site{{URL: url, Statement: "/personvern", MaxPages: pages}}}}
		c := site.NewWithOptions(site.Options{Tabs: tabs, ConsentWait: 500 * time.Millisecond, Settle: 100 * time.Millisecond})
		start := time.Now()
		lg := logrus.New()
		if os.Getenv("BENCH_DEBUG") != "" {
			lg.SetLevel(logrus.DebugLevel)
		}
		res, err := c.Collect(context.Background(), cfg, site.TargetName(url), collect.Env{Log: logrus.NewEntry(lg)})
		if err != nil {
			log.Fatalf("collect: %v", err)
		}
		secs = append(secs, time.Since(start).Seconds())
		doc := res.Data.(*evidence.Site)
		loads = 0
		for _, p := range doc.Phases {
			loads += p.Pages
		}
	}
	sort.Float64s(secs)
	return result{seconds: secs[len(secs)/2], loads: loads}
}

// serve starts a site of n pages: a home page linking to sections, each linking onwards,
// with a banner, a statement and a script that writes a cookie.
func serve(n int) (string, func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	page := func(i int) string {
		links := ""
		for _, j := range []int{2*i + 1, 2*i + 2} {
			if j < n-1 {
				links += fmt.Sprintf(`<a href="/side/%d">Side %d</a> `, j, j)
			}
		}
		return fmt.Sprintf(`<!doctype html><html lang="nb"><head><title>Side %d</title></head><body>
<div id="b"><button>Godta alle</button> <button>Avvis alle</button></div>
<main><h1>Side %d</h1><p>%s</p></main><footer><a href="/personvern">Personvern</a></footer>
<script>document.cookie = "_ga=GA1.1.1; max-age=86400; path=/"; localStorage.setItem("k", "1");</script>
</body></html>`, i, i, links)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, page(0)) })
	mux.HandleFunc("/side/{i}", func(w http.ResponseWriter, r *http.Request) {
		i, _ := strconv.Atoi(r.PathValue("i"))
		fmt.Fprint(w, page(i))
	})
	mux.HandleFunc("/personvern", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><main>Sist oppdatert: 10.09.2025</main></body></html>`)
	})
	s := &http.Server{Handler: mux}
	go s.Serve(l)
	return "http://" + l.Addr().String() + "/", func() { s.Close() }, nil
}

func init() { log.SetOutput(os.Stderr) }
