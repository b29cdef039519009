package commands

import (
	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
)

// chainFlags link new evidence to the previous night's and sign it.
type chainFlags struct {
	previous string
	signKey  string
}

func (c *chainFlags) bind(cmd *cobra.Command, previousFlag string) {
	cmd.Flags().StringVar(&c.previous, previousFlag, "", "previous evidence.json of the same targets: its sha256 is recorded in the new evidence (the chain vern verify checks)")
	cmd.Flags().StringVar(&c.signKey, "sign-key", "", "ed25519 private key (PKCS #8 PEM, `openssl genpkey -algorithm ed25519`) to sign the evidence with")
}

// options are the flags as the flows take them.
func (c *chainFlags) options() audit.ChainOptions {
	return audit.ChainOptions{PreviousPath: c.previous, SignKeyPath: c.signKey}
}
