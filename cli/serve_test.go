package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// assay serve's mistakes are caught before anything is served; the room
// itself is tested in packages serve and room, and in e2e over OpenSSH.
func TestServeRefusesBadUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	id := strings.TrimSpace(run(t, db, "new", "--name", "Live").stdout)
	dir := t.TempDir()
	badKeys := filepath.Join(dir, "keys")
	os.WriteFile(badKeys, []byte("ssh-ed25519 AAAA-not-a-key\n"), 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve"}, "serve needs one assessment ID"},
		{[]string{"serve", "nope"}, `unknown assessment "nope"`},
		{[]string{"serve", id, "--code", "abc"}, "--code: choose at least 6 letters or digits"},
		{[]string{"serve", id, "--code", "abc def;"}, "--code: use letters and digits only"},
		{[]string{"serve", id, "--listen", "2222"}, `--listen "2222" is not HOST:PORT`},
		{[]string{"serve", id, "--allow-keys", badKeys}, badKeys + ":1: not a public key"},
		{[]string{"serve", id, "--allow-keys", filepath.Join(dir, "missing")}, "--allow-keys:"},
		{[]string{"serve", id, "--max", "0"}, "--max must be at least 1"},
		{[]string{"serve", id, "--idle", "5s"}, "--idle must be at least 1m"},
		{[]string{"serve", id}, "no terminal: assay serve runs the facilitator's screen here"},
	} {
		r := run(t, db, tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("assay %v: exit %d, stderr %q; want exit 2 and one line with %q", tc.args, r.code, r.stderr, tc.want)
		}
		if r.stdout != "" {
			t.Errorf("assay %v printed %q", tc.args, r.stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(db), "ssh_host_ed25519_key")); err == nil {
		t.Error("a refused serve made a host key")
	}
}
