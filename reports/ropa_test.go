package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
)

// demoInput is the Alarmlink demo's evidence and findings (testdata/demo, written by
// `vern demo --browser none`; names and counts only, never values).
func demoInput(t *testing.T, lang string) *Input {
	t.Helper()
	ev, err := evidence.Read("testdata/demo/evidence.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := findings.Read("testdata/demo/findings.json")
	if err != nil {
		t.Fatal(err)
	}
	return &Input{Findings: doc, Evidence: ev, Lang: lang}
}

func TestGoldenRopa(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "nb"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			in := demoInput(t, lang)
			files, err := ROPA{}.Files(in)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != 2 || files[0].Name != "ropa.csv" || files[1].Name != "ropa.xlsx" {
				t.Fatalf("files = %v", names(files))
			}
			golden(t, "ropa.demo."+lang+".csv", files[0].Data)
			if *update {
				if err := os.WriteFile(filepath.Join("testdata", "ropa.demo."+lang+".xlsx"), files[1].Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// The workbook is compared by its cells: the zip's entry order is not fixed.
			got := readWorkbook(t, files[1].Data)
			want, err := os.ReadFile(filepath.Join("testdata", "ropa.demo."+lang+".xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			if a, b := mustJSONString(t, got), mustJSONString(t, readWorkbook(t, want)); a != b {
				t.Errorf("workbook differs from the golden one")
			}
		})
	}
}

func names(fs []File) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

func mustJSONString(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// workbook is a workbook's sheets read back with excelize, with their panes and filters.
type workbook struct {
	Sheets  []string
	Rows    map[string][][]string
	Frozen  map[string]bool
	Filters map[string]string
}

func readWorkbook(t *testing.T, data []byte) workbook {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	wb := workbook{Sheets: f.GetSheetList(), Rows: map[string][][]string{}, Frozen: map[string]bool{}, Filters: map[string]string{}}
	for _, s := range wb.Sheets {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		wb.Rows[s] = rows
		p, err := f.GetPanes(s)
		if err != nil {
			t.Fatal(err)
		}
		wb.Frozen[s] = p.Freeze && p.YSplit == 1 && p.TopLeftCell == "A2"
	}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" {
			wb.Filters[d.Scope] = d.RefersTo
		}
	}
	return wb
}

// TestRopaCellsAgainstTheirSources reads the demo's workbook back and checks every cell of
// the record against the declaration, the evidence and the findings it names.
func TestRopaCellsAgainstTheirSources(t *testing.T) {
	t.Parallel()
	in := demoInput(t, "en")
	files, err := ROPA{}.Files(in)
	if err != nil {
		t.Fatal(err)
	}
	wb := readWorkbook(t, files[1].Data)
	if strings.Join(wb.Sheets, ",") != "Record,Sources" {
		t.Fatalf("sheets = %v", wb.Sheets)
	}
	for _, s := range wb.Sheets {
		if !wb.Frozen[s] {
			t.Errorf("%s: header row not frozen", s)
		}
		if wb.Filters[s] == "" {
			t.Errorf("%s: no filter", s)
		}
	}
	rec := buildRopa(in, "en")
	rows := wb.Rows["Record"]
	if len(rows) != len(rec.Rows)+1 {
		t.Fatalf("%d record rows, want %d", len(rows)-1, len(rec.Rows))
	}
	if strings.Join(rows[0], "|") != strings.Join(ropaHeadings("en"), "|") {
		t.Errorf("headings = %v", rows[0])
	}

	decl := in.Evidence.Declaration
	byFingerprint := map[string]findings.Finding{}
	for _, f := range in.Findings.Findings {
		byFingerprint[f.Fingerprint] = f
	}
	var personal map[string]map[string][]string
	for name, tg := range in.Evidence.Targets {
		if name == "db:crm" {
			var d evidence.Database
			if err := json.Unmarshal(tg.Data, &d); err != nil {
				t.Fatal(err)
			}
			personal = d.Personal
		}
	}
	const notStated = "not stated in the declaration"
	undeclared := 0
	for i, r := range rec.Rows {
		line := rows[i+1]
		for len(line) < len(ropaColumns)+2 {
			line = append(line, "")
		}
		if line[0] != r.Activity {
			t.Errorf("row %d: activity %q, want %q", i+1, line[0], r.Activity)
		}
		for j, col := range ropaColumns {
			cell := r.Cells[col]
			if line[j+2] != cell.Text {
				t.Errorf("%s/%s: workbook has %q, record %q", r.ID, col, line[j+2], cell.Text)
			}
			if cell.Status == ropaNotStated && !strings.Contains(cell.Text, notStated) {
				t.Errorf("%s/%s: not stated but says %q", r.ID, col, cell.Text)
			}
			for _, s := range cell.Sources {
				if s.Kind != "finding" {
					continue
				}
				f, ok := byFingerprint[s.Fingerprint]
				if !ok || f.Rule != s.Rule || f.Resource != s.Resource {
					t.Errorf("%s/%s: names finding %s %s %s that findings.json does not hold", r.ID, col, s.Rule, s.Resource, s.Fingerprint)
				}
				if cell.Status != ropaContradicted {
					t.Errorf("%s/%s: cites a finding but is %s", r.ID, col, cell.Status)
				}
			}
		}
		// Data subjects: the declaration has no such part, so vern must not invent one.
		if r.Cells["subjects"].Text != notStated {
			t.Errorf("%s: data subjects say %q", r.ID, r.Cells["subjects"].Text)
		}
		if r.Cells["controller"].Text[:len(decl.Controller.Name)] != decl.Controller.Name {
			t.Errorf("%s: controller %q", r.ID, r.Cells["controller"].Text)
		}
		if r.Undeclared {
			undeclared++
			if _, ok := decl.Purposes[r.ID]; ok {
				t.Errorf("%s: undeclared row for a declared purpose", r.ID)
			}
			for _, c := range decl.Categories {
				for _, k := range c.Data {
					if r.ID == k || strings.HasPrefix(r.ID, k+".") {
						t.Errorf("%s: marked undeclared but category %s declares %s", r.ID, c.Title, k)
					}
				}
			}
			for _, s := range r.Cells["data"].Sources {
				if s.Kind != "evidence" {
					continue
				}
				parts := strings.Split(strings.TrimPrefix(s.Resource, "postgres://crm/"), "/")
				if !slices.Contains(personal[parts[0]][parts[1]], r.ID) {
					t.Errorf("%s: evidence %s does not hold the kind", r.ID, s.Resource)
				}
			}
			continue
		}
		p := decl.Purposes[r.ID]
		if !strings.HasPrefix(r.Cells["purpose"].Text, p.Title) {
			t.Errorf("%s: purpose %q, want the title %q", r.ID, r.Cells["purpose"].Text, p.Title)
		}
		if got := r.Cells["purpose"].Sources[0].Text; got != strings.TrimSpace(p.Source+"\n"+p.BasisSrc) {
			t.Errorf("%s: purpose words %q", r.ID, got)
		}
		for _, title := range strings.Split(r.Cells["data"].Text, "; ") {
			found := false
			for _, c := range p.Categories {
				found = found || decl.Categories[c].Title == title
			}
			if !found {
				t.Errorf("%s: category %q is not one of the purpose's", r.ID, title)
			}
		}
		for _, s := range r.Cells["data"].Sources {
			if s.Kind != "evidence" {
				continue
			}
			cat := strings.TrimPrefix(s.Resource, "declaration://categories/")
			if !slices.Contains(p.Categories, cat) {
				t.Errorf("%s: evidence for category %s the purpose does not declare", r.ID, cat)
			}
			for _, part := range strings.Split(strings.SplitN(s.Text, ": ", 2)[1], "; ") {
				table := strings.TrimPrefix(strings.SplitN(part, " ", 2)[0], "postgres://crm/")
				ds := in.Evidence.Inventory.Databases["crm"].Datasets[table]
				if !slices.Contains(ds.Purposes, r.ID) || !slices.Contains(ds.Categories, cat) || personal[table] == nil {
					t.Errorf("%s: %s is not a dataset of purpose and category %s with detected data", r.ID, table, cat)
				}
			}
		}
		if sec := decl.Sources["security"].Source; r.Cells["security"].Text != sec {
			t.Errorf("%s: security %q, want the statement's words", r.ID, r.Cells["security"].Text)
		}
	}
	if undeclared == 0 {
		t.Fatal("no detected-but-undeclared category in the demo's record")
	}

	// The planted undeclared category: the gender column of customers.
	var gender *ropaRow
	for _, r := range rec.Rows {
		if r.ID == "user.demographic.gender" {
			gender = r
		}
	}
	if gender == nil || !gender.Undeclared || gender.Cells["data"].Status != ropaContradicted {
		t.Fatalf("gender row = %+v, want an undeclared row contradicted by a finding", gender)
	}
	if !strings.Contains(sourceSummary(gender.Cells["data"], "en"), "db.undeclared_data postgres://crm/public.customers/kjonn") {
		t.Errorf("gender row does not link its finding: %s", sourceSummary(gender.Cells["data"], "en"))
	}

	// The sources sheet holds one line per source of every cell.
	src := wb.Rows["Sources"]
	if want := ropaSourceRows(rec, "en"); len(src)-1 != len(want) {
		t.Errorf("%d source rows, want %d", len(src)-1, len(want))
	}

	// The CSV holds the same texts, each followed by its source.
	cr, err := csv.NewReader(bytes.NewReader(files[0].Data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rec.Rows {
		for j, col := range ropaColumns {
			if cr[i+1][2+2*j] != r.Cells[col].Text || cr[i+1][3+2*j] != sourceSummary(r.Cells[col], "en") {
				t.Errorf("csv %s/%s differs from the record", r.ID, col)
			}
		}
	}
}

func TestRopaWithoutEvidenceSaysNotStated(t *testing.T) {
	t.Parallel()
	in := fixtureInput("nb")
	in.Evidence = nil
	var buf bytes.Buffer
	if err := (ROPA{}).Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0][0] != "Behandlingsaktivitet" {
		t.Errorf("rows = %v, want only the bokmål header", rows)
	}
}

func TestWriteAllWritesBothRecordFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fs, err := Parse("ropa")
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteAll(dir, fs, demoInput(t, "en")); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"ropa.csv", "ropa.xlsx"} {
		if st, err := os.Stat(filepath.Join(dir, n)); err != nil || st.Size() == 0 {
			t.Errorf("%s: missing or empty (%v)", n, err)
		}
	}
}

// TestMatrixRightsUseReachability checks that the rights a database serves are judged by
// whether a subject key reaches every personal table, not kept because they are stated.
func TestMatrixRightsUseReachability(t *testing.T) {
	t.Parallel()
	rightsRow := func(in *Input, right string) *matrixRow {
		for _, s := range buildMatrix(judged(in), "en") {
			for _, r := range s.Rows {
				if r.Key == "declaration://rights/"+right {
					return r
				}
			}
		}
		t.Fatalf("no row for %s", right)
		return nil
	}
	in := demoInput(t, "en")
	access := rightsRow(in, "access")
	if strings.Join(access.Facts, "|") != "crm: access: 9 of 10 personal tables reachable" || access.Status != statusBroken {
		t.Errorf("access = %v %s", access.Facts, access.Status)
	}
	linked := false
	for _, f := range access.Findings {
		linked = linked || (f.Rule == "db.subject_unreachable" && f.Resource == "postgres://crm/public.call_log")
	}
	if !linked {
		t.Error("access does not link the call log's finding")
	}
	if c := rightsRow(in, "complaint"); c.Status != statusKept || len(c.Facts) != 0 {
		t.Errorf("complaint = %v %s, want kept as stated", c.Facts, c.Status)
	}

	// Declare the call log's key and drop the finding: every table is reached.
	in = demoInput(t, "en")
	db := in.Evidence.Inventory.Databases["crm"]
	ds := db.Datasets["public.call_log"]
	ds.Subject = &config.Subject{Key: "caller_phone"}
	db.Datasets["public.call_log"] = ds
	var kept []findings.Finding
	for _, f := range in.Findings.Findings {
		if f.Rule != "db.subject_unreachable" {
			kept = append(kept, f)
		}
	}
	in.Findings.Findings = kept
	if e := rightsRow(in, "erasure"); strings.Join(e.Facts, "|") != "crm: erasure: 10 of 10 personal tables reachable" || e.Status != statusKept {
		t.Errorf("erasure = %v %s", e.Facts, e.Status)
	}

	// Reachability alone breaks the row, even without a finding.
	in = demoInput(t, "en")
	in.Findings.Findings = kept
	if a := rightsRow(in, "access"); a.Status != statusBroken {
		t.Errorf("access without the finding = %s, want broken", a.Status)
	}
}

// TestRopaDataSubjects shows the data-subjects column as the declaration gives it, and as
// not stated when the purpose names none.
func TestRopaDataSubjects(t *testing.T) {
	t.Parallel()
	in := fixtureInput("en")
	ev := *in.Evidence
	ev.Declaration.Purposes = map[string]config.Purpose{}
	for id, p := range in.Evidence.Declaration.Purposes {
		ev.Declaration.Purposes[id] = p
	}
	p := ev.Declaration.Purposes["marketing"]
	p.Subjects = []string{"newsletter subscribers", "customers"}
	ev.Declaration.Purposes["marketing"] = p
	in.Evidence = &ev
	cells := map[string]*ropaCell{}
	for _, r := range buildRopa(in, "en").Rows {
		cells[r.ID] = r.Cells["subjects"]
	}
	cases := []struct {
		name, purpose, text, status string
	}{
		{"named by the declaration", "marketing", "newsletter subscribers; customers", ropaDeclaration},
		{"named nowhere", "customer_admin", tr("en", "ropa.notstated"), ropaNotStated},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := cells[tc.purpose]
			if c == nil || c.Text != tc.text || c.Status != tc.status {
				t.Errorf("%s: %+v, want %q (%s)", tc.purpose, c, tc.text, tc.status)
			}
		})
	}
}
