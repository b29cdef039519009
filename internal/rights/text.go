package rights

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/alarmlink/vern/internal/errwriter"
	"github.com/alarmlink/vern/internal/evidence"
)

// WriteJSON writes the plan as indented JSON.
func WriteJSON(w io.Writer, p *Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("write rights plan: %w", err)
	}
	return nil
}

// WriteTable writes the plan for people: per database the reachability of each personal
// table, then per subject key the access reads, the erasure order and the restrictions.
func WriteTable(w io.Writer, p *Plan) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	out := errwriter.New(tw)
	for i, db := range p.Databases {
		if i > 0 {
			out.Println()
		}
		out.Printf("%s  access: %d of %d personal datasets reachable; %d of %d tables with personal data, mapped or not\n",
			evidence.DBTarget(db.Name), db.Reachable, db.Judged, db.PersonalReachable, db.Personal)
		if len(db.Roots) == 0 {
			out.Println("  no subject key: none declared and no personal table that others refer to")
		}
		for _, r := range db.Roots {
			how := "declared"
			if r.Inferred {
				how = "inferred from the foreign keys"
			}
			if r.Missing {
				how += "; the key column is not in the table"
			}
			out.Printf("  subject key\t%s.%s\t(%s)\n", r.Table, r.Key, how)
		}
		out.Println("\n  TABLE\tDATASET\tREACHABLE\tFROM\tKINDS")
		for _, t := range db.Tables {
			out.Printf("  %s\t%s\t%s\t%s\t%s\n", t.Table, yesNo(t.Dataset), yesNo(t.Reachable), dash(t.Root),
				dash(strings.Join(t.Kinds, ", ")))
		}
		for _, s := range db.Subjects {
			out.Printf("\n  subject %s.%s\n", s.Root.Table, s.Root.Key)
			out.Println("  access: read\tJOIN PATH")
			for _, a := range s.Access {
				out.Printf("    %s\t%s\n", a.Table, a.Join)
			}
			out.Println("  erasure, in this order:\tACTION\tVIA\tWHY")
			for n, e := range s.Erasure {
				out.Printf("    %d. %s\t%s\t%s\t%s\n", n+1, e.Table, e.Action, dash(e.Via), e.Note)
			}
			if len(s.Restricted) > 0 {
				out.Println("  restricted, not erased:")
				for _, r := range s.Restricted {
					if r.Because != "" && r.Retention == "" {
						out.Printf("    %s\t%s\n", r.Table, r.Rows)
						continue
					}
					if r.Because != "" {
						out.Printf("    %s\tretention %s: %s\n", r.Table, r.Retention, r.Rows)
						continue
					}
					out.Printf("    %s\tretention %s (min %s): %s\n", r.Table, r.Retention, r.Min, r.Rows)
				}
			}
		}
	}
	if len(p.Databases) == 0 {
		out.Println("no database collected")
	}
	if err := out.Err(); err != nil {
		return fmt.Errorf("write rights plan: %w", err)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write rights plan: %w", err)
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
