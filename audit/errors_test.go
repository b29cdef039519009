package audit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/reports"
)

// flowFixture is evidence and findings written by the flows themselves, for the cases that
// need valid inputs beside the invalid one.
type flowFixture struct {
	dir, evidence, findings, otherEvidence string
}

func newFlowFixture(t *testing.T) flowFixture {
	t.Helper()
	dir := t.TempDir()
	fc := fakeCollector{targets: []string{"fake:a", "fake:b"}}
	collectTo := func(sub, target string) string {
		res, err := Collect(context.Background(), CollectOptions{
			ConfigPath: example, Targets: []string{target}, OutDir: filepath.Join(dir, sub),
			Sources: Sources{Collectors: []collect.Collector{fc}},
		})
		if err != nil {
			t.Fatal(err)
		}
		return res.Path
	}
	f := flowFixture{dir: dir, evidence: collectTo("a", "fake:a"), otherEvidence: collectTo("b", "fake:b")}
	if _, err := Evaluate(context.Background(), EvaluateOptions{
		EvidencePaths: []string{f.evidence}, OutDir: filepath.Join(dir, "a"), Formats: []reports.Format{reports.JSON{}},
	}); err != nil {
		t.Fatal(err)
	}
	f.findings = filepath.Join(dir, "a", "findings.json")
	return f
}

// TestFlowErrorKinds checks that each flow's failures carry the kind the command line maps
// to an exit code, and the typed error a caller words its own hint from.
func TestFlowErrorKinds(t *testing.T) {
	t.Parallel()
	fx := newFlowFixture(t)
	aFile := filepath.Join(fx.dir, "a-file")
	if err := os.WriteFile(aFile, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	fc := []collect.Collector{fakeCollector{targets: []string{"fake:a", "fake:b"}}}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		run  func() error
		want Kind
		// is, when set, must hold for the error.
		is func(error) bool
	}{
		{name: "collect: missing inventory", want: KindInvalid, run: func() error {
			_, err := Collect(context.Background(), CollectOptions{ConfigPath: "testdata/missing.yaml", OutDir: t.TempDir()})
			return err
		}},
		{name: "collect: unreadable previous evidence", want: KindInvalid, run: func() error {
			_, err := Collect(context.Background(), CollectOptions{ConfigPath: example, OutDir: t.TempDir(),
				Chain: ChainOptions{PreviousPath: aFile}, Sources: Sources{Collectors: fc}})
			return err
		}},
		{name: "collect: previous evidence of other targets", want: KindInvalid, run: func() error {
			_, err := Collect(context.Background(), CollectOptions{ConfigPath: example, OutDir: t.TempDir(), Targets: []string{"fake:b"},
				Chain: ChainOptions{PreviousPath: fx.evidence}, Sources: Sources{Collectors: fc}})
			return err
		}, is: func(err error) bool { var le *LinkError; return errors.As(err, &le) && le.Previous == fx.evidence }},
		{name: "collect: target index past the plan", want: KindInvalid, run: func() error {
			index := 99
			_, err := Collect(context.Background(), CollectOptions{ConfigPath: example, OutDir: t.TempDir(), TargetIndex: &index, Sources: Sources{Collectors: fc}})
			return err
		}},
		{name: "collect: evidence cannot be written", want: KindDelivery, run: func() error {
			_, err := Collect(context.Background(), CollectOptions{ConfigPath: example, OutDir: aFile, Sources: Sources{Collectors: fc}})
			return err
		}},
		{name: "collect: interrupted", want: KindInterrupted, run: func() error {
			_, err := Collect(cancelled, CollectOptions{ConfigPath: example, OutDir: t.TempDir(), Sources: Sources{Collectors: fc}})
			return err
		}, is: func(err error) bool { return errors.Is(err, ErrInterrupted) }},
		{name: "audit: output folder cannot be made", want: KindDelivery, run: func() error {
			_, err := Audit(context.Background(), AuditOptions{ConfigPath: example, OutDir: filepath.Join(aFile, "out"), Sources: Sources{Collectors: fc}})
			return err
		}},
		{name: "audit: interrupted", want: KindInterrupted, run: func() error {
			_, err := Audit(cancelled, AuditOptions{ConfigPath: example, OutDir: t.TempDir(), Sources: Sources{Collectors: fc}})
			return err
		}},
		{name: "evaluate: no evidence", want: KindInvalid, run: func() error {
			_, err := Evaluate(context.Background(), EvaluateOptions{OutDir: t.TempDir()})
			return err
		}, is: func(err error) bool { return errors.Is(err, ErrNoEvidence) }},
		{name: "evaluate: unknown fail-on", want: KindInvalid, run: func() error {
			_, err := Evaluate(context.Background(), EvaluateOptions{EvidencePaths: []string{fx.evidence}, FailOn: "severe", OutDir: t.TempDir()})
			return err
		}},
		{name: "evaluate: rules that are a file", want: KindInvalid, run: func() error {
			_, err := Evaluate(context.Background(), EvaluateOptions{EvidencePaths: []string{fx.evidence}, RulesDir: aFile, OutDir: t.TempDir()})
			return err
		}, is: func(err error) bool { var re *RulesDirError; return errors.As(err, &re) && re.Dir == aFile }},
		{name: "evaluate: reports cannot be written is a result", want: 0, run: func() error {
			res, err := Evaluate(context.Background(), EvaluateOptions{EvidencePaths: []string{fx.evidence}, OutDir: aFile})
			if err == nil && res.OutputErr == nil {
				return errors.New("no output error")
			}
			return err
		}},
		{name: "report: findings of other evidence", want: KindInvalid, run: func() error {
			_, err := Report(ReportOptions{FindingsPath: fx.findings, EvidencePath: fx.otherEvidence, OutDir: t.TempDir()})
			return err
		}},
		{name: "report: reports cannot be written", want: KindDelivery, run: func() error {
			_, err := Report(ReportOptions{FindingsPath: fx.findings, EvidencePath: fx.evidence, OutDir: aFile})
			return err
		}},
		{name: "rules: a file for a folder", want: KindInvalid, run: func() error {
			_, err := Rules(context.Background(), RulesOptions{Dir: aFile})
			return err
		}, is: func(err error) bool { var re *RulesDirError; return errors.As(err, &re) }},
		{name: "rule tests: a file for a folder", want: KindInvalid, run: func() error {
			_, err := RuleTests(context.Background(), aFile)
			return err
		}, is: func(err error) bool { var re *RulesDirError; return errors.As(err, &re) }},
		{name: "sync: no repository", want: KindInvalid, run: func() error {
			_, err := Sync(context.Background(), SyncOptions{FindingsPath: fx.findings, Lang: "en", DryRun: true})
			return err
		}, is: func(err error) bool { return errors.Is(err, ErrNoRepository) }},
		{name: "sync: unknown language", want: KindInvalid, run: func() error {
			_, err := Sync(context.Background(), SyncOptions{FindingsPath: fx.findings, Repo: "o/r", Lang: "de", DryRun: true})
			return err
		}, is: func(err error) bool { var le *LangError; return errors.As(err, &le) && le.Lang == "de" }},
		{name: "sync: no token", want: KindInvalid, run: func() error {
			_, err := Sync(context.Background(), SyncOptions{FindingsPath: fx.findings, Repo: "o/r", Lang: "en"})
			return err
		}, is: func(err error) bool { var te *NoTokenError; return errors.As(err, &te) && te.Repo == "o/r" }},
		{name: "sync: malformed repository", want: KindInvalid, run: func() error {
			_, err := Sync(context.Background(), SyncOptions{FindingsPath: fx.findings, Repo: "no-slash", Lang: "en", DryRun: true})
			return err
		}},
		{name: "verify: not evidence", want: KindInvalid, run: func() error {
			_, err := Verify(VerifyOptions{Paths: []string{aFile}})
			return err
		}},
		{name: "review: processor not in the registry", want: KindInvalid, run: func() error {
			_, err := Review(context.Background(), ReviewOptions{ConfigPath: example, Processor: "nobody"})
			return err
		}},
		{name: "rights: inventory without databases", want: KindInvalid, run: func() error {
			_, err := Rights(context.Background(), RightsOptions{ConfigPath: example, Sources: Sources{Collectors: fc}})
			return err
		}},
		{name: "check: missing inventory", want: KindInvalid, run: func() error {
			_, err := Check(context.Background(), CheckOptions{ConfigPath: "testdata/missing.yaml"})
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if got := KindOf(err); got != tc.want {
				t.Fatalf("kind %d, want %d (err %v)", got, tc.want, err)
			}
			if tc.is != nil && !tc.is(err) {
				t.Fatalf("err %v (%T) is not the typed error expected", err, errors.Unwrap(err))
			}
		})
	}
}

// TestMergeMismatchErrors checks that the parts that cannot join are typed, so a caller can
// say which of its options fixes them.
func TestMergeMismatchErrors(t *testing.T) {
	t.Parallel()
	fx := newFlowFixture(t)
	tests := []struct {
		name  string
		paths []string
		opts  MergeOptions
		is    func(error) bool
	}{
		{"one target twice", []string{fx.evidence, fx.evidence}, MergeOptions{}, func(err error) bool { return err != nil }},
		{"parts of one inventory join", []string{fx.evidence, fx.otherEvidence}, MergeOptions{SameWaivers: true}, func(err error) bool { return err == nil }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := MergeFiles(tc.paths, tc.opts)
			if !tc.is(err) {
				t.Fatalf("err %v", err)
			}
		})
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"waivers", &WaiversMismatchError{Path: "b", First: "a"}, "merge evidence: b was collected with other waivers than a: collect every target with the same waivers.yaml, or give a waivers file to apply instead"},
		{"chain", &ChainMismatchError{Path: "b", First: "a", Linked: true}, "merge evidence: b is linked to a previous night but a is not linked to a previous night: link every target to its previous evidence, or none"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}
