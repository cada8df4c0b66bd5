package cli_test

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// helpTopics is "" (assay itself) and every command `assay __complete ""` offers.
func helpTopics(t *testing.T) []string {
	t.Helper()
	topics := []string{""}
	for _, line := range strings.Split(mustRun(t, "", "__complete", ""), "\n") {
		if name, _, ok := strings.Cut(line, "\t"); ok {
			topics = append(topics, name)
		}
	}
	return topics
}

func helpArgs(topic string) []string {
	if topic == "" {
		return []string{"--help"}
	}
	return []string{topic, "--help"}
}

// Every --help fits an 80-column terminal: no line the terminal would wrap
// (fang neither wraps the command list nor flag texts; it pads them to the
// widest entry, so one long usage line pushes every summary off the screen).
func TestHelpFitsEightyColumns(t *testing.T) {
	for _, topic := range helpTopics(t) {
		// fang reads the terminal's width from stdout; this is its own way to set it when stdout is a pipe.
		r := runEnv(t, "", []string{"__FANG_TEST_WIDTH=80"}, helpArgs(topic)...)
		if r.code != 0 {
			t.Errorf("assay %s --help: exit %d: %s", topic, r.code, r.stderr)
		}
		for _, line := range strings.Split(r.stdout, "\n") {
			line = strings.TrimRight(line, " ")
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("assay %s --help: a line of %d columns: %q", topic, n, line)
			}
			// fang cuts an example too wide for its box with "…".
			if strings.HasSuffix(line, "…") {
				t.Errorf("assay %s --help: an example cut short: %q", topic, line)
			}
		}
	}
}

// Help piped into less or a file carries no trailing blanks: fang pads the
// description to 120 columns when stdout is not a terminal, which less shows
// as an empty row under every line on an 80-column screen.
func TestPipedHelpHasNoTrailingSpaces(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"answer", "--help"}, {"help", "export"}, {"completion", "--help"}} {
		r := run(t, "", args...)
		for i, line := range strings.Split(r.stdout, "\n") {
			if strings.HasSuffix(line, " ") {
				t.Errorf("assay %v: line %d ends in blanks: %q", args, i+1, line)
				break
			}
		}
	}
	// The completion scripts are passed through untouched.
	if script := mustRun(t, "", "completion", "bash"); !strings.Contains(script, "__start_assay") {
		t.Errorf("completion bash:\n%s", script)
	}
}

// The man page writes short flags as -y, --yes (mango-cobra writes "--y --yes").
func TestManPageShortFlags(t *testing.T) {
	man := mustRun(t, "", "man")
	for _, want := range []string{`\fB-y, --yes\fP`, `\fB-o, --output\fP`} {
		if !strings.Contains(man, want) {
			t.Errorf("man page lacks %s", want)
		}
	}
	if strings.Contains(man, `\fB--y `) || strings.Contains(man, `\fB--o `) {
		t.Error(`man page writes a short flag with two dashes ("--y --yes")`)
	}
}
