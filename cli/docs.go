package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

//go:generate go run ../internal/readme ../README.md

// The README's command section sits between these lines and is written by
// `go generate ./cli` from the same commands as --help.
const (
	ReferenceStart = "<!-- commands: written by go generate ./cli from the help; edit cli/, not this -->"
	ReferenceEnd   = "<!-- end of commands -->"
)

// Reference writes the command reference for the README: every command's
// usage, summary and flags, then the global flags, from the command tree.
func Reference(w io.Writer) error {
	a := &app{Env: Env{Stdin: os.Stdin, Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}}
	root := a.rootCommand()
	var b strings.Builder
	b.WriteString("```\n")
	entry := func(use, short string, flags []string) {
		fmt.Fprintf(&b, "%s\n    %s\n", use, wrap(short, 76, "\n    "))
		if len(flags) > 0 {
			fmt.Fprintf(&b, "    flags: %s\n", strings.Join(flags, ", "))
		}
	}
	entry("assay", "Open the app on your assessments", nil)
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() && c.Name() != "help" {
			continue
		}
		if c.HasAvailableSubCommands() {
			var names []string
			for _, sub := range c.Commands() {
				if sub.IsAvailableCommand() {
					names = append(names, sub.Name())
				}
			}
			entry("assay "+c.Name()+" "+strings.Join(names, "|"), summary(c), nil)
			continue
		}
		entry("assay "+c.Use, summary(c), flagNames(c.LocalFlags()))
	}
	b.WriteString("```\n\nGlobal flags, before or after the command:\n\n")
	root.PersistentFlags().VisitAll(func(f *pflag.Flag) {
		fmt.Fprintf(&b, "- `--%s`: %s\n", f.Name, f.Usage)
	})
	_, err := io.WriteString(w, b.String())
	return err
}

// summary is a command's first sentence of help: the start of Long, else Short.
func summary(c *cobra.Command) string {
	if c.Long == "" {
		return c.Short
	}
	first := strings.Join(strings.Fields(strings.SplitN(c.Long, "\n\n", 2)[0]), " ")
	for i := 0; i+1 < len(first); i++ {
		if first[i] == '.' && first[i+1] == ' ' && !strings.HasSuffix(first[:i], "e.g") && !strings.HasSuffix(first[:i], "i.e") {
			return first[:i+1]
		}
	}
	return first
}

// flagNames lists a command's own flags as typed: "-o/--output", "--json".
func flagNames(fs *pflag.FlagSet) []string {
	var out []string
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Name == "help" || f.Hidden {
			return
		}
		name := "--" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + "/" + name
		}
		out = append(out, name)
	})
	return out
}

// SpliceReference returns readme with the text between ReferenceStart and
// ReferenceEnd replaced by a fresh Reference.
func SpliceReference(readme string) (string, error) {
	before, rest, ok := strings.Cut(readme, ReferenceStart+"\n")
	if !ok {
		return "", fmt.Errorf("no line %q", ReferenceStart)
	}
	_, after, ok := strings.Cut(rest, ReferenceEnd)
	if !ok {
		return "", fmt.Errorf("no line %q after the start", ReferenceEnd)
	}
	var b strings.Builder
	if err := Reference(&b); err != nil {
		return "", err
	}
	return before + ReferenceStart + "\n\n" + b.String() + "\n" + ReferenceEnd + after, nil
}

// wrap breaks s into lines of at most width characters, joined by sep.
func wrap(s string, width int, sep string) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), sep)
}
