package serve

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"

	"github.com/assaytui/assay/internal/safefile"
)

// HostKeyName is the host key's file name, in the database's folder.
const HostKeyName = "ssh_host_ed25519_key"

// HostKeyPath is where the host key of the database at dbPath is kept.
func HostKeyPath(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), HostKeyName)
}

// LoadHostKey reads the host key at path, or makes one there the first time
// (ed25519, private to the user: 0600). The same key on every run is what
// lets participants' ssh recognise the room the next time. A key file that
// others can read is refused, as OpenSSH refuses one.
func LoadHostKey(path string) (gossh.Signer, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createHostKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("host key %w", safefile.Plain(err))
	}
	if info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("host key %s can be read by others (mode %04o): run chmod 600 %s",
			path, info.Mode().Perm(), path)
	}
	pemBytes, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("host key %w", safefile.Plain(err))
	}
	signer, err := gossh.ParsePrivateKey(pemBytes)
	if err != nil {
		return nil, fmt.Errorf("host key %s is not a private key assay can read (%v): move it away to make a new one", path, err)
	}
	return signer, nil
}

func createHostKey(path string) (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("make host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "assay serve host key")
	if err != nil {
		return nil, fmt.Errorf("make host key: %w", err)
	}
	err = safefile.Write(context.Background(), path, safefile.Options{Mode: 0o600}, func(w io.Writer) error {
		return pem.Encode(w, block)
	})
	if err != nil {
		return nil, fmt.Errorf("host key %w", safefile.Plain(err))
	}
	return gossh.NewSignerFromKey(priv)
}

// Fingerprint is the key's SHA256 fingerprint as ssh shows it on first
// contact ("SHA256:…"), for people to compare with the projector.
func Fingerprint(k gossh.PublicKey) string { return gossh.FingerprintSHA256(k) }
