package rights

import (
	"errors"
	"testing"
)

var errClosed = errors.New("stdout closed")

// failingWriter fails every write, as a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errClosed }

func TestWriteTableReturnsWriteError(t *testing.T) {
	tests := []struct {
		name string
		plan func(t *testing.T) *Plan
	}{
		{name: "no database", plan: func(*testing.T) *Plan { return &Plan{} }},
		{name: "a database with subjects", plan: func(t *testing.T) *Plan { return &Plan{Databases: []*Database{buildCRM(t, nil)}} }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := WriteTable(failingWriter{}, tc.plan(t)); !errors.Is(err, errClosed) {
				t.Fatalf("WriteTable = %v, want the write error", err)
			}
		})
	}
}
