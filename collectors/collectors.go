// Package collectors is the registry of vern's collectors: one line per collector.
package collectors

import (
	"github.com/alarmlink/vern/collectors/postgres"
	"github.com/alarmlink/vern/collectors/processors"
	"github.com/alarmlink/vern/collectors/site"
	"github.com/alarmlink/vern/internal/collect"
)

// All returns every collector vern ships, in the order their targets are listed.
func All() []collect.Collector {
	return []collect.Collector{
		postgres.New(),
		processors.New(),
		site.New(),
	}
}
