// Command readme rewrites the command section of README.md from assay's own
// command tree (go generate ./cli), so the README and --help never disagree.
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/assaytui/assay/cli"
	"github.com/assaytui/assay/internal/safefile"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: readme README.md")
		os.Exit(2)
	}
	path := os.Args[1]
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	updated, err := cli.SpliceReference(string(data))
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
		os.Exit(1)
	}
	if updated == string(data) {
		return
	}
	err = safefile.Write(context.Background(), path, safefile.Options{Force: true}, func(w io.Writer) error {
		_, err := io.WriteString(w, updated)
		return err
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
