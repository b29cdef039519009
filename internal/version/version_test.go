package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestDescribe(t *testing.T) {
	t.Parallel()
	rev := "4f9c8c7d1a2b3c4d5e6f708192a3b4c5d6e7f809"
	tests := []struct {
		name    string
		release string
		info    *debug.BuildInfo
		want    string
	}{
		{"checkout", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201185311-4f9c8c7d1a2b"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "false"}}},
			"v0.0.0-20261201185311-4f9c8c7d1a2b (revision 4f9c8c7d1a2b)"},
		{"modified checkout", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}},
			"(devel) (revision 4f9c8c7d1a2b, with uncommitted changes)"},
		{"release with revision", "v1.2.3", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}}}, "v1.2.3 (revision 4f9c8c7d1a2b)"},
		{"go install of a tag", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0 (no VCS revision"},
		{"outside a checkout", "", &debug.BuildInfo{}, "(devel) (no VCS revision"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := describe(tc.release, fromBuildInfo(tc.info))
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("describe = %q, want prefix %q", got, tc.want)
			}
			if strings.Contains(got, "dev)") && !strings.Contains(got, "(devel)") || got == "dev" {
				t.Errorf("describe = %q says dev", got)
			}
		})
	}
}
