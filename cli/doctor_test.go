package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A database cut short (head -c 5000 real.db > bad.db): every command refuses
// it with exit 2 and "run assay doctor"; doctor then reports the damage
// (exit 1) instead of refusing the file with the same line.
func TestDoctorOnAFileCutShort(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "real.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "Cut"))
	mustRun(t, db, "answer", id, "iso28000-2022:4.1.q1", "3")
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.db")
	os.WriteFile(bad, data[:5000], 0o600)

	r := run(t, bad, "list")
	if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "run assay doctor") {
		t.Errorf("list: %+v", r)
	}
	r = run(t, bad, "doctor")
	if r.code != 1 || !strings.Contains(r.stdout, "unreadable") || !strings.Contains(r.stdout, "5000 bytes") {
		t.Errorf("doctor: %+v", r)
	}
	if strings.Contains(r.stdout+r.stderr, "run assay doctor") || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "restore it from a backup") {
		t.Errorf("doctor sends the user to itself, or says more than one line on stderr: %q", r.stderr)
	}
}

// The level cache that list fills is part of a healthy file: doctor after
// list, and after a change that invalidated part of it, says healthy.
func TestDoctorAfterListIsHealthy(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "Cached"))
	mustRun(t, db, "answer", id, "iso28000-2022:4.1.q1", "3")
	for _, step := range [][]string{{"list"}, {"answer", id, "iso28000-2022:4.1.q2", "na", "--note", "not here"}} {
		mustRun(t, db, step...)
		r := run(t, db, "doctor")
		if r.code != 0 || !strings.HasSuffix(r.stdout, "healthy\n") || !strings.Contains(r.stdout, "references:   ok") {
			t.Errorf("doctor after %v: %+v", step, r)
		}
	}
}
