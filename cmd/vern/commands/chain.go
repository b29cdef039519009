package commands

import (
	"crypto/ed25519"

	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit/plan"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/exitcode"
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

// load reads the previous evidence (checking its hash) and the signing key; either may be nil.
func (c *chainFlags) load() (*evidence.Evidence, ed25519.PrivateKey, error) {
	var prev *evidence.Evidence
	var key ed25519.PrivateKey
	var err error
	if c.previous != "" {
		if prev, err = evidence.Read(c.previous); err != nil {
			return nil, nil, exitcode.Wrap(exitcode.Usage, err)
		}
	}
	if c.signKey != "" {
		if key, err = evidence.ReadPrivateKey(c.signKey); err != nil {
			return nil, nil, exitcode.Wrap(exitcode.Usage, err)
		}
	}
	return prev, key, nil
}

// apply links ev to prev and signs it, as loaded.
func (c *chainFlags) apply(ev *evidence.Evidence, prev *evidence.Evidence, key ed25519.PrivateKey) error {
	if prev != nil {
		if err := evidence.Link(ev, prev); err != nil {
			return usageErr("--previous %s: %v", c.previous, err)
		}
	}
	if key != nil {
		if err := evidence.Sign(ev, key); err != nil {
			return exitcode.Wrap(exitcode.Delivery, err)
		}
	}
	return nil
}

// targetAt is the target at index of the inventory's plan.
func targetAt(cfgPath string, index int) (string, error) {
	p, err := plan.Load(cfgPath)
	if err != nil {
		return "", exitcode.Wrap(exitcode.Usage, err)
	}
	t, err := p.At(index)
	if err != nil {
		return "", exitcode.Wrap(exitcode.Usage, err)
	}
	return t.Name, nil
}
