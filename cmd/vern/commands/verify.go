package commands

import (
	"crypto/ed25519"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/exitcode"
)

func newVerifyCmd(g *globals) *cobra.Command {
	var keyPath string
	var every time.Duration
	cmd := &cobra.Command{
		Use:   "verify EVIDENCE... [--key PUBLIC.pem]",
		Short: "Check evidence files' hashes, their chain and their signatures",
		Long: `verify checks that each evidence file is as collected (its content matches its
sha256) and that the files form unbroken chains: evidence of the same targets, collected with
--previous night after night, must each name the one before as previous. It names an edited
file, a broken link and a missing night (consecutive evidence more than 1.5 --every apart, or
linked to evidence that is not among the files). With --key (an ed25519 public key, PEM) every
file must carry a valid signature by that key (collect --sign-key).
Exits 1 when anything is wrong, 2 when a file is not evidence.`,
		Example: "  vern verify --key vern-signing.pub.pem nightly/*/evidence.json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var key ed25519.PublicKey
			if keyPath != "" {
				k, err := evidence.ReadPublicKey(keyPath)
				if err != nil {
					return exitcode.Wrap(exitcode.Usage, err)
				}
				key = k
			}
			files := make([]evidence.File, 0, len(args))
			for _, p := range args {
				ev, err := evidence.Load(p)
				if err != nil {
					return exitcode.Wrap(exitcode.Usage, err)
				}
				files = append(files, evidence.File{Path: p, Evidence: ev})
			}
			problems := evidence.CheckChain(files, evidence.ChainOptions{Every: every, Key: key})
			bad := map[string]bool{}
			for _, p := range problems {
				bad[p.Path] = true
			}
			for _, f := range files {
				status := "ok"
				if bad[f.Path] {
					status = "FAIL"
				}
				signed := "unsigned"
				if f.Signature != nil {
					signed = "signed " + f.Signature.KeyID
				}
				fmt.Fprintf(g.streams.Out, "%-4s %s  sequence %d  %s  sha256 %s  %s\n", status, f.Path, f.ChainSequence(),
					f.CollectedAt.UTC().Format(time.RFC3339), f.SHA256, signed)
			}
			for _, p := range problems {
				fmt.Fprintf(g.streams.Out, "%s: %s\n", p.Kind, p.Message)
			}
			if len(problems) > 0 {
				return &exitcode.Error{Code: exitcode.Findings, Err: fmt.Errorf("verify: %d problems in %d evidence files", len(problems), len(files))}
			}
			fmt.Fprintf(g.streams.Out, "%d evidence files verified: hashes, chain%s\n", len(files), map[bool]string{true: " and signatures", false: ""}[key != nil])
			return nil
		},
	}
	cmd.Flags().StringVar(&keyPath, "key", "", "ed25519 public key (PEM) every file must be signed with")
	cmd.Flags().DurationVar(&every, "every", 24*time.Hour, "collection interval: evidence further apart than 1.5 times it means a missing night")
	return cmd
}
