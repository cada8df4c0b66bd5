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
	// usage line, and the general help carries each summary.
	section := string(data)[strings.Index(string(data), cli.ReferenceStart):strings.Index(string(data), cli.ReferenceEnd)]
	general := run(t, "", "--help").stdout
	lines := strings.Split(section, "\n")
	checked := 0
	for i, line := range lines {
		use, ok := strings.CutPrefix(line, "assay ")
		if !ok || strings.HasPrefix(use, "completion ") || i+1 == len(lines) {
			continue
		}
		name := strings.Fields(use)[0]
		r := run(t, "", name, "--help")
		if r.code != 0 || !strings.Contains(r.stdout, "assay "+use) {
			t.Errorf("assay %s --help lacks %q: %+v", name, "assay "+use, r)
		}
		if summary := strings.TrimSpace(lines[i+1]); !strings.Contains(general, summary) {
			t.Errorf("assay --help lacks %q", summary)
		}
		checked++
	}
	if checked < 15 {
		t.Errorf("only %d commands in the README section", checked)
	}
}
