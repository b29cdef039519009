package postgres

import (
	"fmt"

	"github.com/alarmlink/vern/collectors/postgres/detect"
	"github.com/alarmlink/vern/internal/evidence"
)

// SyntheticDatabase builds the evidence of an imaginary database of n tables with m
// columns each, every table in schema "app" and every fifth column a detected personal
// column (e-mail, phone, fødselsnummer, card or password in turn), one table in ten
// readable by PUBLIC and one in four with a cascading foreign key. It exists to measure
// rule evaluation at scale without a server.
func SyntheticDatabase(name string, n, m int) *evidence.Database {
	kinds := []string{detect.KindEmail, detect.KindPhone, detect.KindNationalID, detect.KindCard, detect.KindPassword}
	doc := &evidence.Database{Name: name, SampleRows: DefaultSampleRows, Threshold: DefaultThreshold,
		Schemas: []string{"app"}, Tables: make(map[string]*evidence.Table, n),
		Personal: map[string]map[string][]string{}, Datasets: map[string]*evidence.DatasetMeasure{}}
	for i := 0; i < n; i++ {
		key := fmt.Sprintf("app.t%05d", i)
		t := &evidence.Table{Schema: "app", Name: fmt.Sprintf("t%05d", i), Kind: "table", RowEstimate: int64(1000 + i),
			Columns: make(map[string]*evidence.Column, m), PublicSelect: i%10 == 0, Sampled: DefaultSampleRows}
		if i%4 == 0 && i > 0 {
			t.ForeignKeys = []evidence.ForeignKey{{Name: fmt.Sprintf("t%05d_parent_fk", i), Columns: []string{"parent_id"},
				Table: fmt.Sprintf("app.t%05d", i-1), RefColumns: []string{"id"}, OnDelete: "cascade"}}
		}
		for j := 0; j < m; j++ {
			c := &evidence.Column{Name: fmt.Sprintf("c%03d", j), Type: "text", Position: j + 1}
			if j%5 == 1 {
				k := kinds[(i+j)%len(kinds)]
				c.Detections = []evidence.Detection{{Kind: k, Detector: "synthetic", Confidence: 0.9, Matched: 40, Sampled: 100}}
				if doc.Personal[key] == nil {
					doc.Personal[key] = map[string][]string{}
				}
				doc.Personal[key][c.Name] = []string{k}
				switch k {
				case detect.KindCard:
					c.Exact = map[string]evidence.ExactCount{CheckCardNumber: {Matches: 3, Checked: 1000}}
				case detect.KindPassword:
					c.Exact = map[string]evidence.ExactCount{CheckPlaintextPassword: {Matches: 2, Checked: 1000}}
				}
			}
			t.Columns[c.Name] = c
		}
		doc.Tables[key] = t
	}
	return doc
}
