package cli_test

import (
	"os"
	"strings"
	"testing"

	"github.com/assaytui/assay/cli"
)

// The README's command section is what go generate writes from the command
// tree; this fails when a command changes and the README was not regenerated.
func TestREADMEMatchesHelp(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := cli.SpliceReference(string(data))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != want {
		t.Error("README.md's command section differs from the help: run go generate ./cli")
	}
	// And it is the real help: each command listed answers --help with its
	// usage line and the summary the README gives.
	section := string(data)[strings.Index(string(data), cli.ReferenceStart):strings.Index(string(data), cli.ReferenceEnd)]
	entries := strings.Split(section, "\nassay")[1:]
	for _, e := range entries {
		lines := strings.Split(e, "\n")
		use := strings.TrimSpace(lines[0]) // "answer ID FRAMEWORK:QUESTION [LEVEL]"; "" for assay itself
		var summary []string
		for _, l := range lines[1:] {
			if !strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "    flags: ") {
				break
			}
			summary = append(summary, strings.TrimSpace(l))
		}
		args := []string{"--help"}
		if use != "" {
			args = []string{strings.Fields(use)[0], "--help"}
		}
		r := run(t, "", args...)
		help := strings.Join(strings.Fields(r.stdout), " ") // as one line, however fang wraps it
		if r.code != 0 || use != "" && !strings.HasPrefix(use, "completion ") && !strings.Contains(help, "assay "+use) {
			t.Errorf("assay %v lacks the usage %q:\n%s", args, "assay "+use, r.stdout)
		}
		if use != "" && !strings.Contains(help, strings.Join(summary, " ")) {
			t.Errorf("assay %v does not say %q", args, strings.Join(summary, " "))
		}
	}
	if len(entries) < 18 {
		t.Errorf("only %d commands in the README section", len(entries))
	}
}
