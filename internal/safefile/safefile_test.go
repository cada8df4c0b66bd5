package safefile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// leftovers lists temporary files left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	tmps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	return tmps
}

func TestWriteNewFileIsPrivate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.md")
	if err := Write(context.Background(), path, Options{}, writeString("hello")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if string(data) != "hello" || st.Mode().Perm() != 0o600 {
		t.Errorf("content %q mode %o", data, st.Mode().Perm())
	}
	if err := Write(context.Background(), filepath.Join(dir, "shared.md"), Options{Mode: 0o644}, writeString("x")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(filepath.Join(dir, "shared.md")); st.Mode().Perm() != 0o644 {
		t.Errorf("asked-for mode: %o", st.Mode().Perm())
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Errorf("left %v", l)
	}
}

func TestExistingFileRefusedUnlessForcedAndKeepsItsMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	os.WriteFile(path, []byte("old"), 0o644)
	os.Chmod(path, 0o644)

	err := Write(context.Background(), path, Options{}, writeString("new"))
	if !errors.Is(err, ErrExists) || err.Error() != path+" already exists" {
		t.Errorf("err = %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "old" {
		t.Errorf("refused write changed the file: %q", data)
	}
	if err := Write(context.Background(), path, Options{Force: true}, writeString("new")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if string(data) != "new" || st.Mode().Perm() != 0o644 {
		t.Errorf("replaced: %q mode %o, want new and 0644 kept", data, st.Mode().Perm())
	}
}

func TestSymlinkStaysALink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.md")
	link := filepath.Join(dir, "link.md")
	os.WriteFile(real, []byte("old"), 0o640)
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	if err := Write(context.Background(), link, Options{Force: true}, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if data, _ := os.ReadFile(real); string(data) != "new" {
		t.Errorf("target = %q", data)
	}
}

func TestFolderAndOddDestinations(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{dir, filepath.Join(dir, "nothere") + "/"} {
		err := Write(context.Background(), path, Options{Force: true}, writeString("x"))
		if !errors.Is(err, ErrFolder) || !strings.Contains(err.Error(), "that is a folder") {
			t.Errorf("%s: %v", path, err)
		}
	}
	err := Write(context.Background(), os.DevNull, Options{Force: true}, writeString("x"))
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("device: %v", err)
	}
	err = Write(context.Background(), filepath.Join(dir, "missing", "x.md"), Options{}, writeString("x"))
	if err == nil || !strings.Contains(err.Error(), "cannot write in "+filepath.Join(dir, "missing")+": no such file or directory") {
		t.Errorf("missing folder: %v", err)
	}
}

func TestFailedOrCancelledWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "big.json")
	err := Write(context.Background(), path, Options{}, func(w io.Writer) error {
		io.WriteString(w, "half")
		return fmt.Errorf("disk full")
	})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err = Write(ctx, path, Options{}, func(w io.Writer) error {
		if _, err := io.WriteString(w, "first part"); err != nil {
			return err
		}
		cancel() // ctrl+c in the middle
		_, err := io.WriteString(w, "second part")
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	// Cancelled after the last write, before the rename: still nothing.
	ctx, cancel = context.WithCancel(context.Background())
	err = Write(ctx, path, Options{}, func(w io.Writer) error {
		_, err := io.WriteString(w, "all")
		cancel()
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before rename: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a partial file was left")
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Errorf("left %v", l)
	}
}

func TestPlaceForAnotherWriter(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.db")
	err := Place(context.Background(), path, Options{}, func(tmp string) error {
		if _, err := os.Stat(tmp); err == nil {
			return fmt.Errorf("tmp exists already")
		}
		if filepath.Dir(tmp) != dir {
			return fmt.Errorf("tmp in %s", filepath.Dir(tmp))
		}
		return os.WriteFile(tmp, []byte("db"), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %o", st.Mode().Perm())
	}
}

func TestPlain(t *testing.T) {
	_, err := os.Open("/nonexistent/x.db")
	if got := Plain(err).Error(); got != "/nonexistent/x.db: no such file or directory" {
		t.Errorf("Plain = %q", got)
	}
	if got := Plain(errors.New("other")).Error(); got != "other" {
		t.Errorf("Plain of a plain error = %q", got)
	}
}
