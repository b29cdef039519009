package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/findings"
)

// AnnotationLimit is GitHub's limit of error and of warning annotations shown per step.
const AnnotationLimit = 10

// WriteAnnotations writes GitHub Actions workflow commands (::error / ::warning) for the
// most severe unwaived findings, at most limit of each level (GitHub shows 10 per step), with
// the file and line of the entry each concerns; the findings left over are counted in one
// ::notice line. Critical and high findings are errors, the others warnings. Waived findings
// are not annotated. A limit of 0 or less means AnnotationLimit.
func WriteAnnotations(w io.Writer, doc *findings.Document, limit int) error {
	if doc == nil {
		return fmt.Errorf("write annotations: no findings document")
	}
	if limit <= 0 {
		limit = AnnotationLimit
	}
	var b strings.Builder
	errs, warns, moreErr, moreWarn := 0, 0, 0, 0
	for _, f := range sortedFindings(doc) {
		if f.Waived() {
			continue
		}
		level := "warning"
		if f.Severity.AtLeast(findings.SeverityHigh) {
			level = "error"
		}
		if level == "error" {
			if errs >= limit {
				moreErr++
				continue
			}
			errs++
		} else {
			if warns >= limit {
				moreWarn++
				continue
			}
			warns++
		}
		b.WriteString("::")
		b.WriteString(level)
		props := []string{}
		if f.Location != nil && f.Location.File != "" {
			props = append(props, "file="+escapeProperty(f.Location.File))
			if f.Location.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", f.Location.Line))
			}
			if f.Location.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", f.Location.Column))
			}
		}
		props = append(props, "title="+escapeProperty(fmt.Sprintf("%s [%s] %s", f.Rule, f.Severity, f.Title)))
		b.WriteString(" ")
		b.WriteString(strings.Join(props, ","))
		b.WriteString("::")
		msg := f.Message + "\n" + f.Resource
		if f.Count != nil {
			msg += fmt.Sprintf(" (%d)", *f.Count)
		}
		b.WriteString(escapeData(msg))
		b.WriteByte('\n')
	}
	if moreErr+moreWarn > 0 {
		fmt.Fprintf(&b, "::notice title=vern::%s\n",
			escapeData(trf(string(config.LangEnglish), "annot.more", moreErr+moreWarn, moreErr, moreWarn)))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write annotations: %w", err)
	}
	return nil
}

// escapeData escapes a workflow command's message as the Actions runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
