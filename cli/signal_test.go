package cli_test

import (
	"context"
	"database/sql"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ctrl+c (SIGINT) cancels the command's context: a command waiting for a
// database another program holds locked stops at once, says so in one line,
// and writes nothing.
func TestInterruptStopsCleanly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "Busy"))

	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()
	lock, err := conn.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(bin, "answer", id, "iso28000-2022:4.1.q1", "3")
	cmd.Env = []string{"HOME=" + t.TempDir(), "ASSAY_DB=" + db}
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // it is now waiting for the lock (up to 10 s)
	cmd.Process.Signal(syscall.SIGINT)
	// Without the signal it would wait out the lock and fail as "busy".
	err = cmd.Wait()
	lock.ExecContext(ctx, "ROLLBACK")
	lock.Close()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 || errb.String() != "assay: interrupted; nothing more was written or changed\n" || out.String() != "" {
		t.Errorf("exit %v, stdout %q, stderr %q", err, out.String(), errb.String())
	}
	if n := query(t, db, `SELECT count(*) FROM answers`); n != "0" {
		t.Errorf("%s answers written", n)
	}
}
