package errwriter

import (
	"errors"
	"strings"
	"testing"
)

// failAfter accepts n writes, then fails every later one.
type failAfter struct {
	n     int
	calls int
	b     strings.Builder
}

var errFull = errors.New("disk full")

func (f *failAfter) Write(p []byte) (int, error) {
	f.calls++
	if f.calls > f.n {
		return 0, errFull
	}
	return f.b.Write(p)
}

func TestWriterKeepsFirstError(t *testing.T) {
	tests := []struct {
		name      string
		ok        int
		wantErr   bool
		wantText  string
		wantCalls int
	}{
		{name: "every write succeeds", ok: 10, wantText: "a 1\nb\nc", wantCalls: 3},
		{name: "first write fails", ok: 0, wantErr: true, wantText: "", wantCalls: 1},
		{name: "second write fails, later ones are not tried", ok: 1, wantErr: true, wantText: "a 1\n", wantCalls: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			under := &failAfter{n: tc.ok}
			w := New(under)
			w.Printf("a %d\n", 1)
			w.Println("b")
			_, werr := w.Write([]byte("c"))
			if got := w.Err(); (got != nil) != tc.wantErr {
				t.Fatalf("Err() = %v, want error %v", got, tc.wantErr)
			}
			if tc.wantErr && !errors.Is(w.Err(), errFull) {
				t.Fatalf("Err() = %v, want the underlying error", w.Err())
			}
			if tc.wantErr && !errors.Is(werr, errFull) {
				t.Fatalf("Write after a failure returned %v, want the first error", werr)
			}
			if under.b.String() != tc.wantText {
				t.Fatalf("written %q, want %q", under.b.String(), tc.wantText)
			}
			if under.calls != tc.wantCalls {
				t.Fatalf("underlying writes %d, want %d", under.calls, tc.wantCalls)
			}
		})
	}
}
