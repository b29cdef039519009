package site

import (
	"fmt"

	"github.com/alarmlink/vern/internal/evidence"
)

// Synthetic builds site evidence for host with n cookies (a mix of purposes, phases and
// attributes, some storage keys, requests and pages), for benchmarks of the rules. It
// holds names only, like real evidence.
func Synthetic(host string, n int) *evidence.Site {
	doc := &evidence.Site{
		URL: "https://" + host + "/", Host: host, Hosts: []string{host}, Mode: "browser", MaxPages: 50,
		Statement: evidence.SiteStatement{Path: "/personvern", Reachable: true, Status: 200, Updated: "2025-09-10"},
		Consent:   evidence.SiteConsent{Checked: true, Accept: true, Reject: true, Method: "text"},
		Phases:    map[string]evidence.SitePhase{},
		Vendors:   map[string]evidence.SiteVendor{"google": {Cookies: []string{"_ga"}, Phases: []string{"before"}}},
	}
	purposes := []string{"necessary", "functional", "analytics", "marketing", ""}
	phaseSets := []map[string]evidence.SiteCookiePhase{
		{evidence.PhaseBefore: {FirstSeen: "/", SetBy: []string{"script"}, BeforeChoice: true}},
		{evidence.PhaseReject: {FirstSeen: "/", SetBy: []string{"header"}, AfterChoice: true}},
		{evidence.PhaseAccept: {FirstSeen: "/", SetBy: []string{"script"}, AfterChoice: true}},
	}
	for i := 0; i < n; i++ {
		p := purposes[i%len(purposes)]
		src := "catalog"
		if p == "" {
			src = "unclassified"
		}
		doc.Cookies = append(doc.Cookies, evidence.SiteCookie{
			Name: fmt.Sprintf("c%06d", i), Domain: host, Path: "/", Party: "first",
			LifetimeDays: 30 + i%800, HTTPOnly: i%3 != 0, Secure: true, SameSite: "Lax", Identity: i%7 == 0,
			Purpose: p, Source: src, Phases: phaseSets[i%len(phaseSets)],
		})
	}
	for i := 0; i < n/10+1; i++ {
		doc.Storage = append(doc.Storage, evidence.SiteStorage{Key: fmt.Sprintf("k%05d", i), Kind: "local", Source: "unclassified",
			Phases: map[string]evidence.SiteStoragePhase{evidence.PhaseBefore: {FirstSeen: "/", BeforeChoice: true}}})
		doc.Requests = append(doc.Requests, evidence.SiteRequest{Host: fmt.Sprintf("t%05d.example.com", i), Category: "marketing",
			Phases: map[string]evidence.SiteRequestPhase{evidence.PhaseBefore: {Count: 1, FirstSeen: "/", BeforeChoice: true}}})
		doc.Pages = append(doc.Pages, evidence.SitePage{Path: fmt.Sprintf("/side/%d", i), Status: 200, LinksStatement: i%2 == 0})
	}
	return doc
}
