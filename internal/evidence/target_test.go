package evidence

import "testing"

func TestParseTarget(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    TargetName
		wantErr bool
	}{
		{name: "database", in: "db:crm", want: TargetName{Kind: TargetDB, Name: "crm"}},
		{name: "site", in: "site:www.example.no", want: TargetName{Kind: TargetSite, Name: "www.example.no"}},
		{name: "site with port", in: "site:127.0.0.1:8080", want: TargetName{Kind: TargetSite, Name: "127.0.0.1:8080"}},
		{name: "processors", in: "processors", want: TargetName{Kind: TargetProcessors}},
		{name: "database without name", in: "db:", wantErr: true},
		{name: "bare db", in: "db", wantErr: true},
		{name: "processors with name", in: "processors:x", wantErr: true},
		{name: "unknown kind", in: "s3:bucket", wantErr: true},
		{name: "empty", in: "", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseTarget(tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("ParseTarget(%q) error = %v, want error %v", tc.in, err, tc.wantErr)
			}
			if got != tc.want {
				t.Fatalf("ParseTarget(%q) = %+v, want %+v", tc.in, got, tc.want)
			}
			if err == nil && got.String() != tc.in {
				t.Fatalf("ParseTarget(%q).String() = %q, want the name back", tc.in, got.String())
			}
		})
	}
}

func TestTargetNameString(t *testing.T) {
	tests := []struct {
		name string
		in   TargetName
		want string
	}{
		{name: "database", in: DBTarget("crm"), want: "db:crm"},
		{name: "site", in: SiteTarget("www.example.no"), want: "site:www.example.no"},
		{name: "processors", in: ProcessorsTarget(), want: "processors"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.String(); got != tc.want {
				t.Fatalf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}
