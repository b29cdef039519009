package reports

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ROPA is the record of processing activities (GDPR Art. 30(1)) as CSV and as an XLSX
// workbook with a sheet for the record and one for the sources of its cells.
type ROPA struct{}

// Name implements Format.
func (ROPA) Name() string { return "ropa" }

// FileName implements Format: the CSV is the main file.
func (ROPA) FileName() string { return "ropa.csv" }

// XLSXName is the workbook's file name.
const XLSXName = "ropa.xlsx"

// Write implements Format: it writes the CSV.
func (ROPA) Write(w io.Writer, in *Input) error {
	return writeRopaCSV(w, buildRopa(in, langOf(in)), langOf(in))
}

// Files implements MultiFileFormat: the CSV and the workbook.
func (r ROPA) Files(in *Input) ([]File, error) {
	lang := langOf(in)
	rec := buildRopa(in, lang)
	var c bytes.Buffer
	if err := writeRopaCSV(&c, rec, lang); err != nil {
		return nil, err
	}
	x, err := ropaXLSX(rec, lang)
	if err != nil {
		return nil, err
	}
	return []File{{Name: r.FileName(), Data: c.Bytes()}, {Name: XLSXName, Data: x}}, nil
}

func langOf(in *Input) string { return string(normLang(in.Lang)) }

// ropaHeadings are the record's headings: activity, status, then the Art. 30 columns.
func ropaHeadings(lang string) []string {
	h := []string{tr(lang, "ropa.col.activity"), tr(lang, "ropa.col.status")}
	for _, c := range ropaColumns {
		h = append(h, tr(lang, "ropa.col."+c))
	}
	return h
}

func ropaRowStatus(r *ropaRow, lang string) string {
	if r.Undeclared {
		return tr(lang, "ropa.undeclared")
	}
	return tr(lang, "ropa.declared")
}

// sourceSummary writes a cell's provenance in one line: its status, then each source.
func sourceSummary(c *ropaCell, lang string) string {
	parts := []string{tr(lang, "ropa.status."+c.Status)}
	for _, s := range c.Sources {
		parts = append(parts, sourceLine(s, lang))
	}
	return strings.Join(parts, " | ")
}

func sourceLine(s ropaSource, lang string) string {
	switch s.Kind {
	case "declaration":
		return tr(lang, "ropa.kind.declaration") + ": «" + oneLine(s.Text) + "»"
	case "finding":
		t := fmt.Sprintf("%s: %s %s (%s)", tr(lang, "ropa.kind.finding"), s.Rule, s.Resource, shortHash(s.Fingerprint))
		if s.Waived {
			t += " " + tr(lang, "ropa.waived")
		}
		return t
	default:
		return tr(lang, "ropa.kind.evidence") + ": " + s.Text
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// writeRopaCSV writes the record with a source column after each Art. 30 column.
func writeRopaCSV(w io.Writer, rec *ropaRecord, lang string) error {
	cw := csv.NewWriter(w)
	heads := ropaHeadings(lang)
	header := heads[:2:2]
	for i := range ropaColumns {
		header = append(header, heads[i+2], heads[i+2]+" – "+tr(lang, "ropa.source"))
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write record of processing: %w", err)
	}
	for _, r := range rec.Rows {
		line := []string{r.Activity, ropaRowStatus(r, lang)}
		for _, c := range ropaColumns {
			cell := r.Cells[c]
			line = append(line, cell.Text, sourceSummary(cell, lang))
		}
		if err := cw.Write(line); err != nil {
			return fmt.Errorf("write record of processing: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write record of processing: %w", err)
	}
	return nil
}

// ropaSourceHeadings are the sources sheet's headings.
func ropaSourceHeadings(lang string) []string {
	var h []string
	for _, k := range []string{"activity", "column", "status", "kind", "text", "rule", "resource", "fingerprint", "waived"} {
		h = append(h, tr(lang, "ropa.src."+k))
	}
	return h
}

// ropaSourceRows are the sources sheet's rows: one per source of every cell, or one saying
// "not stated" for a cell without any.
func ropaSourceRows(rec *ropaRecord, lang string) [][]string {
	var out [][]string
	heads := ropaHeadings(lang)
	for _, r := range rec.Rows {
		for i, c := range ropaColumns {
			cell := r.Cells[c]
			base := []string{r.Activity, heads[i+2], tr(lang, "ropa.status."+cell.Status)}
			if len(cell.Sources) == 0 {
				out = append(out, append(base, "", cell.Text, "", "", "", ""))
				continue
			}
			for _, s := range cell.Sources {
				waived := ""
				if s.Waived {
					waived = tr(lang, "ropa.waived")
				}
				out = append(out, append(append([]string(nil), base...), tr(lang, "ropa.kind."+s.Kind), oneLine(s.Text), s.Rule,
					s.Resource, s.Fingerprint, waived))
			}
		}
	}
	return out
}

// ropaXLSX writes the workbook: the record sheet and the sources sheet, each with a frozen
// header row and filters over every column.
func ropaXLSX(rec *ropaRecord, lang string) ([]byte, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }() // only removes excelize's temporary files; the bytes are returned from memory
	record, sources := tr(lang, "ropa.sheet.record"), tr(lang, "ropa.sheet.sources")
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "vern", Title: tr(lang, "ropa.title"),
		Created: "2006-09-16T00:00:00Z", Modified: "2006-09-16T00:00:00Z"}); err != nil {
		return nil, fmt.Errorf("record workbook: %w", err)
	}
	if err := f.SetSheetName("Sheet1", record); err != nil {
		return nil, fmt.Errorf("record workbook: %w", err)
	}
	if _, err := f.NewSheet(sources); err != nil {
		return nil, fmt.Errorf("record workbook: %w", err)
	}
	var rows [][]string
	for _, r := range rec.Rows {
		line := []string{r.Activity, ropaRowStatus(r, lang)}
		for _, c := range ropaColumns {
			line = append(line, r.Cells[c].Text)
		}
		rows = append(rows, line)
	}
	if err := fillSheet(f, record, ropaHeadings(lang), rows); err != nil {
		return nil, err
	}
	if err := fillSheet(f, sources, ropaSourceHeadings(lang), ropaSourceRows(rec, lang)); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("record workbook: %w", err)
	}
	return buf.Bytes(), nil
}

func fillSheet(f *excelize.File, sheet string, header []string, rows [][]string) error {
	write := func(n int, vals []string) error {
		cell, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		row := make([]any, len(vals))
		for i, v := range vals {
			row[i] = v
		}
		return f.SetSheetRow(sheet, cell, &row)
	}
	if err := write(1, header); err != nil {
		return fmt.Errorf("record workbook %s: %w", sheet, err)
	}
	for i, r := range rows {
		if err := write(i+2, r); err != nil {
			return fmt.Errorf("record workbook %s: %w", sheet, err)
		}
	}
	last, err := excelize.CoordinatesToCellName(len(header), len(rows)+1)
	if err != nil {
		return fmt.Errorf("record workbook %s: %w", sheet, err)
	}
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("record workbook %s: filter: %w", sheet, err)
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("record workbook %s: freeze: %w", sheet, err)
	}
	lastCol, _ := excelize.ColumnNumberToName(len(header))
	if err := f.SetColWidth(sheet, "A", lastCol, 40); err != nil {
		return fmt.Errorf("record workbook %s: widths: %w", sheet, err)
	}
	return nil
}
