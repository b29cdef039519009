// Package logging sets up vern's logger: readable text on a terminal, one JSON object per
// line with --log-format json for nightly jobs. Log entries carry names and counts only.
package logging

import (
	"fmt"
	"io"

	"github.com/sirupsen/logrus"
)

// Formats a logger writes.
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
		return nil, &ChoiceError{Setting: SettingFormat, Value: format, Choices: "text or json"}
	}
	if level == "" {
		level = "info"
	}
	lv, err := logrus.ParseLevel(level)
	if err != nil {
		return nil, &ChoiceError{Setting: SettingLevel, Value: level, Choices: "debug, info, warn or error"}
	}
	l.SetLevel(lv)
	return l, nil
}

// Settings a ChoiceError names.
const (
	SettingFormat = "log format"
	SettingLevel  = "log level"
)

// ChoiceError is a setting given a value outside its choices. It names the setting, not
// how the caller spelt it, so a command can point at its own flag.
type ChoiceError struct {
	Setting string
	Value   string
	// Choices lists the valid values, as a sentence ends: "text or json".
	Choices string
}

func (e *ChoiceError) Error() string {
	return fmt.Sprintf("%s %q: choose %s", e.Setting, e.Value, e.Choices)
}
