// Package testbin builds the assay binary for the tests that run it (cli,
// e2e). Those tests import little or nothing of the code they exercise, so
// go test's result cache would not see a change to it and could report a
// stale pass. Watch looks at every file of the module; go test takes the
// files a test looks at as its inputs, so an edit anywhere runs them again.
package testbin

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
)

// Build compiles the module's main package into out. It must run inside the
// module (a test's working directory is its package folder).
func Build(out string) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	build := exec.Command("go", "build", "-o", out, ".")
	build.Dir = root
	build.Stderr = os.Stderr
	return build.Run()
}

var watchOnce sync.Once

// Watch makes every file of the module an input of this test run, once.
// Call it from a test, not TestMain: go test records what a test looks at
// only once the tests have started.
func Watch() {
	watchOnce.Do(func() {
		root, err := moduleRoot()
		if err != nil {
			return
		}
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() && d.Name() == ".git" {
				return filepath.SkipDir
			}
			if !d.IsDir() {
				os.Stat(path)
			}
			return nil
		})
	})
}

// moduleRoot is the nearest folder up from here holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("testbin: no go.mod above the working directory")
		}
		dir = parent
	}
}
