// Command site benchmarks the website collector: a 50-page local site crawled in all three
// consent phases with several tabs and with one tab, in the same run. It prints the medians
// of a few runs: pages per second, time per page and the speed-up of the parallel crawl.
// Each configuration runs with autoconsent's content script injected and without it (runs
// interleaved, so both see the same machine), and the script's cost per page is printed.
//
//	go run ./bench/site [-runs 3] [-pages 50] [-tabs 4] [-autoconsent DIR]
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
	acDir := flag.String("autoconsent", "", "autoconsent package folder (default: the cache scripts/npm-deps.sh fills)")
	flag.Parse()
	if status, err := site.AutoconsentStatus(*acDir); err != nil {
		log.Fatalf("autoconsent: %v", err)
	} else {
		fmt.Println(status)
	}
	url, stop, err := serve(*pages)
	if err != nil {
		log.Fatal(err)
	}
	defer stop()
	fmt.Printf("site: %d pages at %s, 3 phases, %d runs each\n", *pages, url, *runs)
	report := func(name string, m result) {
		fmt.Printf("%-24s median %6.2fs for %d page loads: %6.2f pages/s, %5.0f ms/page\n",
			name, m.seconds, m.loads, float64(m.loads)/m.seconds, 1000*m.seconds/float64(m.loads))
	}
	for _, n := range []int{1, *tabs} {
		off, on := measure(url, *pages, n, *runs, *acDir)
		label := strconv.Itoa(n) + " tabs"
		report(label+", own detection", off)
		report(label+", autoconsent", on)
		fmt.Printf("%-24s autoconsent costs %+.1f%% per page\n", label+":", 100*(on.seconds/float64(on.loads)/(off.seconds/float64(off.loads))-1))
	}
}

type result struct {
	seconds float64
	loads   int
}

// measure crawls the site runs times without autoconsent and runs times with it,
// alternating, and returns the medians of both.
func measure(url string, pages, tabs, runs int, acDir string) (off, on result) {
	if acDir == "" {
		acDir = site.DefaultAutoconsentDir()
	}
	var secs [2][]float64
	var loads [2]int
	for i := 0; i < 2*runs; i++ {
		k := i % 2
		dir := "off"
		if k == 1 {
			dir = acDir
		}
		s, l := crawlOnce(url, pages, tabs, dir)
		secs[k], loads[k] = append(secs[k], s), l
	}
	med := func(v []float64) float64 { sort.Float64s(v); return v[len(v)/2] }
	return result{seconds: med(secs[0]), loads: loads[0]}, result{seconds: med(secs[1]), loads: loads[1]}
}

// crawlOnce collects the site once and returns the seconds it took and the page loads.
func crawlOnce(url string, pages, tabs int, acDir string) (float64, int) {
	cfg := &config.Config{Inventory: config.Inventory{Sites: []config.Site{{URL: url, Statement: "/personvern", MaxPages: pages}}}}
	c := site.NewWithOptions(site.Options{Tabs: tabs, ConsentWait: 500 * time.Millisecond, Settle: 100 * time.Millisecond,
		Autoconsent: acDir})
	start := time.Now()
	lg := logrus.New()
	if os.Getenv("BENCH_DEBUG") != "" {
		lg.SetLevel(logrus.DebugLevel)
	}
	res, err := c.Collect(context.Background(), cfg, site.TargetName(url), collect.Env{Log: logrus.NewEntry(lg)}.WithDefaults())
	if err != nil {
		log.Fatalf("collect: %v", err)
	}
	took := time.Since(start).Seconds()
	doc := res.Data.(*evidence.Site)
	loads := 0
	for _, p := range doc.Phases {
		loads += p.Pages
	}
	return took, loads
}

// serve starts a site of n pages: a home page linking to sections, each linking onwards,
// with a working banner (a click records the choice and closes it), a statement and a
// script that writes a cookie.
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
<div id="b"><button onclick="choose('ja')">Godta alle</button> <button onclick="choose('nei')">Avvis alle</button></div>
<script>
function choose(v) { document.cookie = "samtykke=" + v + "; max-age=31536000; path=/"; document.getElementById("b").remove(); }
if (document.cookie.indexOf("samtykke=") >= 0) document.getElementById("b").remove();
</script>
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
	go func() { _ = s.Serve(l) }() // ends with http.ErrServerClosed when the stop function runs
	return "http://" + l.Addr().String() + "/", func() { _ = s.Close() }, nil
}

func init() { log.SetOutput(os.Stderr) }
