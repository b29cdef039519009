// Package collectors is the registry of vern's collectors: one line per collector.
package collectors

import (
	"github.com/alarmlink/vern/collectors/postgres"
	"github.com/alarmlink/vern/collectors/processors"
	"github.com/alarmlink/vern/collectors/site"
	"github.com/alarmlink/vern/internal/collect"
)

// Options are the collectors' settings that come from the command line.
type Options struct {
	// Autoconsent is the folder of the @duckduckgo/autoconsent package the site collector
	// drives consent banners with; "" means its default (the pinned package in vern's
	// cache), "off" vern's own banner detection alone.
	Autoconsent string
	// Browser is the site collector's mode: site.BrowserChromium (also when empty) or
	// site.BrowserNone.
	Browser site.Browser
}

// All returns every collector vern ships with their default settings, in the order their
// targets are listed.
func All() []collect.Collector { return With(Options{}) }

// With returns every collector vern ships, set up with o.
func With(o Options) []collect.Collector {
	return []collect.Collector{
		postgres.New(),
		processors.New(),
		site.NewWithOptions(site.Options{Autoconsent: o.Autoconsent, Browser: o.Browser}),
	}
}
