package config

import "testing"

func TestLanguageValid(t *testing.T) {
	tests := []struct {
		name string
		in   Language
		want bool
	}{
		{name: "english", in: "en", want: true},
		{name: "norwegian bokmål", in: "nb", want: true},
		{name: "nynorsk is not written", in: "nn", want: false},
		{name: "region tag", in: "nb-NO", want: false},
		{name: "upper case", in: "EN", want: false},
		{name: "empty", in: "", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.Valid(); got != tc.want {
				t.Fatalf("Language(%q).Valid() = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
