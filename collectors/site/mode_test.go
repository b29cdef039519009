package site

import "testing"

func TestValidBrowser(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{name: "chromium", in: "chromium", want: true},
		{name: "none", in: "none", want: true},
		{name: "empty", in: "", want: false},
		{name: "other browser", in: "firefox", want: false},
		{name: "wrong case", in: "Chromium", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ValidBrowser(tc.in); got != tc.want {
				t.Fatalf("ValidBrowser(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
