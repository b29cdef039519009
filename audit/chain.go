package audit

import (
	"crypto/ed25519"
	"fmt"

	"github.com/alarmlink/vern/internal/evidence"
)

// ChainOptions link new evidence to the previous night's and sign it.
type ChainOptions struct {
	// PreviousPath is the previous evidence.json of the same targets: its sha256 is recorded
	// in the new evidence. Empty: not linked.
	PreviousPath string
	// SignKeyPath is an ed25519 private key (PKCS #8 PEM) to sign the evidence with. Empty:
	// not signed.
	SignKeyPath string
}

// LinkError is new evidence that cannot follow the previous evidence it was given.
type LinkError struct {
	// Previous is the path of the previous evidence.
	Previous string
	Err      error
}

func (e *LinkError) Error() string { return fmt.Sprintf("previous evidence %s: %v", e.Previous, e.Err) }

func (e *LinkError) Unwrap() error { return e.Err }

// chain is ChainOptions read: the previous evidence (its hash checked) and the key.
type chain struct {
	previousPath string
	previous     *evidence.Evidence
	key          ed25519.PrivateKey
}

// load reads the previous evidence and the signing key before anything is collected, so a
// bad path fails fast.
func (o ChainOptions) load() (*chain, error) {
	c := &chain{previousPath: o.PreviousPath}
	var err error
	if o.PreviousPath != "" {
		if c.previous, err = evidence.Read(o.PreviousPath); err != nil {
			return nil, invalid(err)
		}
	}
	if o.SignKeyPath != "" {
		if c.key, err = evidence.ReadPrivateKey(o.SignKeyPath); err != nil {
			return nil, invalid(err)
		}
	}
	return c, nil
}

// apply links ev to the previous evidence and signs it, as loaded.
func (c *chain) apply(ev *evidence.Evidence) error {
	if c.previous != nil {
		if err := evidence.Link(ev, c.previous); err != nil {
			return invalid(&LinkError{Previous: c.previousPath, Err: err})
		}
	}
	if c.key != nil {
		if err := evidence.Sign(ev, c.key); err != nil {
			return undelivered(err)
		}
	}
	return nil
}
