// Package safefile writes files whole or not at all: the content goes to a
// temporary file in the destination's folder, is synced, and is then renamed
// into place, so a crash, a full disk or ctrl+c never leaves half a file where
// the user expects a whole one. Every export, report and backup goes through it.
package safefile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Errors a caller can tell apart; each comes wrapped with the path.
var (
	// ErrExists is an existing destination without Options.Force.
	ErrExists = errors.New("already exists")
	// ErrFolder is a destination that is a folder.
	ErrFolder = errors.New("that is a folder")
)

// Options say how to treat the destination.
type Options struct {
	// Force replaces an existing file (keeping its permissions); without it an
	// existing file is refused with ErrExists and left alone.
	Force bool
	// Mode is the permission of a new file; 0 means 0600, private like the database.
	Mode fs.FileMode
}

// Write creates or replaces path with what write puts in the writer. Nothing
// appears at path unless write succeeds and ctx is still live; writes fail
// once ctx is cancelled, so a long export stops at the next write.
// Writing to standard output ("-") is the caller's business.
func Write(ctx context.Context, path string, opts Options, write func(io.Writer) error) error {
	return Place(ctx, path, opts, func(tmp string) error {
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return Plain(err)
		}
		if err := write(ctxWriter{ctx, f}); err != nil {
			f.Close()
			return err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}

// Place is Write for content that another program makes at a path of its own
// (SQLite's VACUUM INTO, say): fill must create the file at tmp, which does
// not exist yet and sits in path's folder. Place syncs it and moves it into
// place by the same rules as Write.
func Place(ctx context.Context, path string, opts Options, fill func(tmp string) error) error {
	target, mode, err := destination(path, opts)
	if err != nil {
		return err
	}
	dir := filepath.Dir(target)
	reserve, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, reason(err))
	}
	tmp := reserve.Name()
	reserve.Close()
	os.Remove(tmp) // fill creates it; the random name stays ours
	defer os.Remove(tmp)
	if err := fill(tmp); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return Plain(err)
	}
	if err := syncPath(tmp); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := move(tmp, target, opts.Force); err != nil {
		return err
	}
	return syncPath(dir)
}

// destination checks path and says where to write (a symbolic link's target,
// so the link stays) and with which permissions.
func destination(path string, opts Options) (target string, mode fs.FileMode, err error) {
	mode = opts.Mode
	if mode == 0 {
		mode = 0o600
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if strings.HasSuffix(path, string(filepath.Separator)) {
			return "", 0, fmt.Errorf("%s: %w", path, ErrFolder)
		}
		return path, mode, nil
	case err != nil:
		return "", 0, Plain(err)
	case st.IsDir():
		return "", 0, fmt.Errorf("%s: %w", path, ErrFolder)
	case !st.Mode().IsRegular():
		return "", 0, fmt.Errorf("%s is not a regular file (a device or a pipe); name a file", path)
	case !opts.Force:
		return "", 0, fmt.Errorf("%s %w", path, ErrExists)
	}
	if target, err = filepath.EvalSymlinks(path); err != nil {
		return "", 0, Plain(err)
	}
	return target, st.Mode().Perm(), nil
}

// move puts tmp at target. Without force it links, which fails if target
// appeared meanwhile, rather than renaming over it; file systems without hard
// links (FAT on a USB stick) fall back to a check and a rename.
func move(tmp, target string, force bool) error {
	if !force {
		err := os.Link(tmp, target)
		if err == nil {
			return nil
		}
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s %w", target, ErrExists)
		}
		if _, err := os.Lstat(target); err == nil {
			return fmt.Errorf("%s %w", target, ErrExists)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("cannot write %s: %w", target, reason(err))
	}
	return nil
}

// syncPath flushes a file, or a folder's entries, to the disk.
func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return Plain(err)
	}
	defer f.Close()
	// Some file systems cannot sync a folder; the rename is as durable as they allow.
	if err := f.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

// ctxWriter fails writes once its context is done, so writing stops early.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// Plain drops Go's operation word ("open", "mkdir", "rename") from a path error
// and keeps the path and the reason: "open x.db: permission denied" reads
// "x.db: permission denied".
func Plain(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return fmt.Errorf("%s: %w", le.New, le.Err)
	}
	return err
}

// reason is the cause alone, for messages that name the path themselves.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
