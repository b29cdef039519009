// Package logging sets up vern's logger: readable text on a terminal, one JSON object per
// line with --log-format json for nightly jobs. Log entries carry names and counts only.
package logging

import (
	"fmt"
	"io"

	"github.com/sirupsen/logrus"
)

// Formats accepted by --log-format.
const (
	FormatText = "text"
	FormatJSON = "json"
)

// New returns a logger writing to w in the given format at the given level.
func New(w io.Writer, format, level string) (*logrus.Logger, error) {
	l := logrus.New()
	l.SetOutput(w)
	switch format {
	case "", FormatText:
		l.SetFormatter(&logrus.TextFormatter{FullTimestamp: true, DisableQuote: false})
	case FormatJSON:
		l.SetFormatter(&logrus.JSONFormatter{})
	default:
		return nil, fmt.Errorf("--log-format %q: choose text or json", format)
	}
	if level == "" {
		level = "info"
	}
	lv, err := logrus.ParseLevel(level)
	if err != nil {
		return nil, fmt.Errorf("--log-level %q: choose debug, info, warn or error", level)
	}
	l.SetLevel(lv)
	return l, nil
}
