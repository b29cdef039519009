package reports

import (
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/alarmlink/vern/internal/findings"
)

// JUnit writes junit.xml for GitLab, Jenkins and other CI: one test suite per area, one test
// case per rule and resource. A finding is a failure, a waived finding is skipped, and a
// rule that found nothing is one passing test case.
type JUnit struct{}

// Name implements Format.
func (JUnit) Name() string { return "junit" }

// FileName implements Format.
func (JUnit) FileName() string { return "junit.xml" }

// JUnitSuites is the root element of junit.xml.
type JUnitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []JUnitSuite `xml:"testsuite"`
}

// JUnitSuite is one area's rules.
type JUnitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Skipped   int         `xml:"skipped,attr"`
	Timestamp string      `xml:"timestamp,attr,omitempty"`
	Cases     []JUnitCase `xml:"testcase"`
}

// JUnitCase is one rule on one resource.
type JUnitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *JUnitFailure `xml:"failure,omitempty"`
	Skipped   *JUnitSkipped `xml:"skipped,omitempty"`
}

// JUnitFailure is a finding.
type JUnitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnitSkipped is a waived finding.
type JUnitSkipped struct {
	Message string `xml:"message,attr"`
}

// Write implements Format.
func (JUnit) Write(w io.Writer, in *Input) error {
	if err := checkInput(in); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	lang := string(normLang(in.Lang))
	doc := in.Findings
	byArea := map[string]*JUnitSuite{}
	suite := func(area string) *JUnitSuite {
		s, ok := byArea[area]
		if !ok {
			s = &JUnitSuite{Name: "vern." + area, Timestamp: doc.EvaluatedAt.UTC().Format("2006-01-02T15:04:05")}
			byArea[area] = s
		}
		return s
	}
	fired := map[string]bool{}
	for _, f := range sortedFindings(doc) {
		fired[f.Rule] = true
		t := ruleTexts(doc, &f, lang)
		c := JUnitCase{Name: f.Resource, ClassName: f.Rule}
		if l := locate(in, &f); l != nil {
			c.File, c.Line = l.File, l.Line
		}
		s := suite(areaOf(&f))
		if f.Waived() {
			c.Skipped = &JUnitSkipped{Message: trf(lang, "junit.waived", f.Waiver.Justification, f.Waiver.ApprovedBy, f.Waiver.Expires)}
			s.Skipped++
		} else {
			c.Failure = &JUnitFailure{Message: message(&f, lang), Type: string(f.Severity), Text: junitBody(doc, &f, t, c, lang)}
			s.Failures++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	for _, id := range slices.Sorted(maps.Keys(doc.Rules)) {
		if fired[id] {
			continue
		}
		r := doc.Rules[id]
		t := ruleTexts(doc, &findings.Finding{Rule: id, Title: r.Title}, lang)
		area := r.Area
		if area == "" {
			area = areaOf(&findings.Finding{Rule: id})
		}
		s := suite(area)
		s.Tests++
		s.Cases = append(s.Cases, JUnitCase{Name: t.Title, ClassName: id})
	}
	names := slices.Sorted(maps.Keys(byArea))
	sort.SliceStable(names, func(i, j int) bool { return areaRank(names[i]) < areaRank(names[j]) })
	root := JUnitSuites{Name: tr(lang, "junit.suite")}
	for _, n := range names {
		s := byArea[n]
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Skipped += s.Skipped
		root.Suites = append(root.Suites, *s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	return nil
}

// junitBody is the failure's text: what CI shows when the case is opened.
func junitBody(doc *findings.Document, f *findings.Finding, t ruleText, c JUnitCase, lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s: %s\n%s: %s\n%s: %s\n", t.Title, tr(lang, "severity"), severityLabel(lang, f.Severity),
		tr(lang, "resource"), f.Resource, tr(lang, "target"), f.Target)
	if f.Count != nil {
		fmt.Fprintf(&b, "%s: %d\n", tr(lang, "count"), *f.Count)
	}
	if c.File != "" {
		fmt.Fprintf(&b, "%s: %s:%d\n", tr(lang, "location"), c.File, c.Line)
	}
	if len(f.Legal) > 0 {
		fmt.Fprintf(&b, "%s: %s\n", tr(lang, "legal"), strings.Join(f.Legal, "; "))
	}
	if t.Remediation != "" {
		fmt.Fprintf(&b, "%s: %s\n", tr(lang, "remediation"), t.Remediation)
	}
	return b.String()
}
