package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func TestNewCodeIsSixDigits(t *testing.T) {
	seen := map[string]bool{}
	for range 20 {
		c := NewCode()
		if len(c) != 6 || strings.Trim(c, "0123456789") != "" {
			t.Fatalf("code %q is not six digits", c)
		}
		if _, err := CheckCode(c); err != nil {
			t.Errorf("a new code fails its own check: %v", err)
		}
		seen[c] = true
	}
	if len(seen) < 15 {
		t.Errorf("20 codes gave only %d different ones", len(seen))
	}
	if got := ShowCode("482913"); got != "482 913" {
		t.Errorf("ShowCode = %q", got)
	}
}

func TestCheckCode(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"Harbour-Light", "harbourlight", ""},
		{"482 913", "482913", ""},
		{"mango", "", "at least 6"},
		{"pass;word", "", "letters and digits only"},
	} {
		got, err := CheckCode(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("CheckCode(%q) error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("CheckCode(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
		if !codeMatches(strings.ToUpper(tc.in), got) || codeMatches(tc.in+"x", got) {
			t.Errorf("codeMatches wrong for %q", tc.in)
		}
	}
}

func TestHostKeyMadeOnceAndPrivate(t *testing.T) {
	path := HostKeyPath(filepath.Join(t.TempDir(), "assay.db"))
	first, err := LoadHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %04o, want 0600", info.Mode().Perm())
	}
	again, err := LoadHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if Fingerprint(first.PublicKey()) != Fingerprint(again.PublicKey()) {
		t.Error("the host key changed between runs")
	}
	if fp := Fingerprint(first.PublicKey()); !strings.HasPrefix(fp, "SHA256:") {
		t.Errorf("fingerprint %q", fp)
	}
	if first.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("key type %s", first.PublicKey().Type())
	}

	os.Chmod(path, 0o644)
	if _, err := LoadHostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a key others can read: %v", err)
	}
	os.Chmod(path, 0o600)
	os.WriteFile(path, []byte("not a key"), 0o600)
	if _, err := LoadHostKey(path); err == nil || !strings.Contains(err.Error(), "not a private key") {
		t.Errorf("a damaged key: %v", err)
	}
}
