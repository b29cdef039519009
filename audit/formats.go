package audit

import (
	"io"

	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports"
)

// Formats are the report formats a flow writes, as ParseFormats returns them.
type Formats = []reports.Format

// ParseFormats checks a comma-separated list of format names and returns its formats.
func ParseFormats(list string) (Formats, error) {
	return reports.Parse(list)
}

// FormatNames lists the valid format names.
func FormatNames() []string {
	return reports.Names()
}

// WriteConsole writes the findings' console table in lang (en or nb).
func WriteConsole(w io.Writer, doc *findings.Document, lang string) error {
	return reports.WriteConsoleLang(w, doc, lang)
}

// WriteAnnotations writes the GitHub Actions workflow annotations of the most severe
// findings; limit 0 means the reports' default.
func WriteAnnotations(w io.Writer, doc *findings.Document, limit int) error {
	return reports.WriteAnnotations(w, doc, limit)
}

// WriteReports writes findings.json and the chosen formats into dir.
func WriteReports(dir string, formats Formats, in *reports.Input) error {
	list := []reports.Format{reports.JSON{}}
	for _, f := range formats {
		if f.Name() != (reports.JSON{}).Name() {
			list = append(list, f)
		}
	}
	return reports.WriteAll(dir, list, in)
}
