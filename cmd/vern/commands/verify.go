package commands

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/cmd/vern/exitcode"
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
			res, err := audit.Verify(audit.VerifyOptions{Paths: args, KeyPath: keyPath, Every: every})
			if err != nil {
				return err
			}
			for _, f := range res.Files {
				status := "ok"
				if res.Bad(f.Path) {
					status = "FAIL"
				}
				signed := "unsigned"
				if f.Signature != nil {
					signed = "signed " + f.Signature.KeyID
				}
				g.out.Printf("%-4s %s  sequence %d  %s  sha256 %s  %s\n", status, f.Path, f.ChainSequence(),
					f.CollectedAt.UTC().Format(time.RFC3339), f.SHA256, signed)
			}
			for _, p := range res.Problems {
				msg := p.Message
				if res.Unlinked(p) {
					msg += " (collect with --previous)"
				}
				g.out.Printf("%s: %s\n", p.Kind, msg)
			}
			if len(res.Problems) > 0 {
				return &exitcode.Error{Code: exitcode.Findings, Err: fmt.Errorf("verify: %d problems in %d evidence files", len(res.Problems), len(res.Files))}
			}
			g.out.Printf("%d evidence files verified: hashes, chain%s\n", len(res.Files), map[bool]string{true: " and signatures", false: ""}[res.Signed])
			return nil
		},
	}
	cmd.Flags().StringVar(&keyPath, "key", "", "ed25519 public key (PEM) every file must be signed with")
	cmd.Flags().DurationVar(&every, "every", 24*time.Hour, "collection interval: evidence further apart than 1.5 times it means a missing night")
	return cmd
}
