package pgcluster

import (
	"context"
	"os"
	"testing"
	"time"
)

// ForTest starts a cluster for a test and stops it when the test ends. Without PostgreSQL
// the test is skipped, except when the CI environment variable is set: then it fails, so a
// pipeline can never pass without having run the database tests.
func ForTest(t testing.TB, opts Options) *Cluster {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c, err := Start(ctx, opts)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("start a throwaway PostgreSQL cluster: %v", err)
		}
		t.Skipf("start a throwaway PostgreSQL cluster: %v", err)
	}
	t.Cleanup(func() {
		if err := c.Stop(); err != nil {
			t.Errorf("stop cluster: %v", err)
		}
	})
	return c
}
