package evidence

import (
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
)

// Signature is an ed25519 signature over the evidence's sha256.
type Signature struct {
	Algorithm string `json:"algorithm"`
	// KeyID is the first 16 hex digits of the sha256 of the public key (PKIX DER), so the
	// verifier can tell which key signed.
	KeyID string `json:"key_id"`
	// Value is the signature of SignedMessage, base64.
	Value string `json:"value"`
}

// SignedMessage is what a signature covers: a domain prefix and the evidence's sha256,
// which covers everything else in the document.
func SignedMessage(sha string) []byte { return []byte("vern-evidence-v1:" + sha) }

// Sign seals e and signs its hash with key.
func Sign(e *Evidence, key ed25519.PrivateKey) error {
	if err := e.Seal(); err != nil {
		return err
	}
	id, err := KeyID(key.Public().(ed25519.PublicKey))
	if err != nil {
		return err
	}
	e.Signature = &Signature{Algorithm: "ed25519", KeyID: id,
		Value: base64.StdEncoding.EncodeToString(ed25519.Sign(key, SignedMessage(e.SHA256)))}
	return nil
}

// CheckSignature verifies e's signature with pub. It does not check the hash itself (Verify).
func CheckSignature(e *Evidence, pub ed25519.PublicKey) error {
	if e.Signature == nil {
		return errors.New("not signed")
	}
	if e.Signature.Algorithm != "ed25519" {
		return fmt.Errorf("signature algorithm %q, vern checks ed25519", e.Signature.Algorithm)
	}
	id, err := KeyID(pub)
	if err != nil {
		return err
	}
	if e.Signature.KeyID != id {
		return fmt.Errorf("signed with key %s, not with the given key %s", e.Signature.KeyID, id)
	}
	sig, err := base64.StdEncoding.DecodeString(e.Signature.Value)
	if err != nil {
		return fmt.Errorf("signature is not base64: %w", err)
	}
	if !ed25519.Verify(pub, SignedMessage(e.SHA256), sig) {
		return errors.New("signature does not match the evidence's hash")
	}
	return nil
}

// KeyID names a public key: the first 16 hex digits of the sha256 of its PKIX DER form.
func KeyID(pub ed25519.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", fmt.Errorf("key id: %w", err)
	}
	s := sha256.Sum256(der)
	return hex.EncodeToString(s[:8]), nil
}

// ReadPrivateKey reads an ed25519 private key from a PEM file holding a PKCS #8
// "PRIVATE KEY" block, as `openssl genpkey -algorithm ed25519 -out key.pem` writes.
// The error never includes the file's content.
func ReadPrivateKey(path string) (ed25519.PrivateKey, error) {
	block, err := readPEM(path)
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("signing key %s: not a PKCS #8 private key (make one with `openssl genpkey -algorithm ed25519 -out %s`)", path, path)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("signing key %s: not an ed25519 key (make one with `openssl genpkey -algorithm ed25519`)", path)
	}
	return priv, nil
}

// ReadPublicKey reads an ed25519 public key from a PEM "PUBLIC KEY" block (PKIX, as
// `openssl pkey -in key.pem -pubout` writes); a private key file is accepted too.
func ReadPublicKey(path string) (ed25519.PublicKey, error) {
	block, err := readPEM(path)
	if err != nil {
		return nil, err
	}
	if block.Type == "PRIVATE KEY" {
		priv, err := ReadPrivateKey(path)
		if err != nil {
			return nil, err
		}
		return priv.Public().(ed25519.PublicKey), nil
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("key %s: not a PKIX public key (`openssl pkey -in key.pem -pubout -out key.pub.pem`)", path)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("key %s: not an ed25519 key", path)
	}
	return pub, nil
}

func readPEM(path string) (*pem.Block, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("key: %w", err)
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("key %s: no PEM block", path)
	}
	return block, nil
}

// WritePrivateKey writes key as PKCS #8 PEM, readable by its owner only.
func WritePrivateKey(path string, key ed25519.PrivateKey) error {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
}

// WritePublicKey writes pub as PKIX PEM.
func WritePublicKey(path string, pub ed25519.PublicKey) error {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return err
	}
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o644)
}
