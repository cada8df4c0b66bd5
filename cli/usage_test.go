package cli_test

import (
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/assaytui/assay/report"
)

// Every usage error: exit 2, nothing on stdout, one line on stderr saying
// what is wrong and which help to read. Nothing in the database changes.
func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "Real"))
	q := "iso28000-2022:4.1.q1"
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"; run assay --help`},
		{[]string{"lsit"}, `unknown command "lsit" (did you mean list?); run assay --help`},
		{[]string{"new", "--nmae", "X"}, `unknown flag --nmae (did you mean --name?); run assay new --help`},
		{[]string{"list", "-x"}, `unknown flag -x; run assay list --help`},
		{[]string{"new", "--name"}, `--name needs a value; run assay new --help`},
		{[]string{"new", "--name", "x", "--target", "9"}, `--target: target level 9 is not 0-5; run assay new --help`},
		{[]string{"new", "--name", "x", "--target", "high"}, `--target: target level high is not 0-5; run assay new --help`},
		{[]string{"new", "stray"}, `new takes no arguments, only flags ("stray" is extra); run assay new --help`},
		{[]string{"list", "extra"}, `list takes no arguments, only flags ("extra" is extra); run assay list --help`},
		{[]string{"open"}, `open needs one assessment ID (assay list shows them); run assay open --help`},
		{[]string{"show"}, `show needs one assessment ID (assay list shows them); run assay show --help`},
		{[]string{"show", id, "again"}, `show takes one assessment ID (assay list shows them); "again" is extra; run assay show --help`},
		{[]string{"answer", id}, `answer needs an assessment ID, a FRAMEWORK:QUESTION and a LEVEL`},
		{[]string{"answer", id, q}, `answer needs a LEVEL (0-5 or na), --note, --flag, --unflag or --clear; run assay answer --help`},
		{[]string{"answer", id, q, "--flag", "--unflag"}, `--flag and --unflag contradict each other; give one; run assay answer --help`},
		{[]string{"answer", id, q, "3", "--clear"}, `--clear removes the whole answer; give it no LEVEL, --note or --flag; run assay answer --help`},
		{[]string{"export", id}, `export needs --format, one of ` + strings.Join(report.Formats(), ", ") + `; run assay export --help`},
		{[]string{"export", id, "--format", "pdf"}, `unknown format "pdf"; one of ` + strings.Join(report.Formats(), ", ") + `; run assay export --help`},
		{[]string{"export", id, "--format"}, `--format needs a value; run assay export --help`},
		{[]string{"questions"}, `questions needs one framework ID (assay frameworks lists them); run assay questions --help`},
		{[]string{"validate"}, `validate needs one or more questionnaire files or folders; run assay validate --help`},
		{[]string{"backup"}, `backup needs one destination file`},
		{[]string{"rename", id}, `rename needs an assessment ID and the new NAME; run assay rename --help`},
		{[]string{"copy", id}, `copy needs --name NAME for the copy; run assay copy --help`},
		{[]string{"delete", id}, `delete asks before deleting; without a terminal, add --yes; run assay delete --help`},
		{[]string{"history"}, `history needs an assessment ID and, optionally, a FRAMEWORK:QUESTION; run assay history --help`},
		{[]string{"help", "nosuch"}, `no help topic "nosuch"; assay help lists the commands; run assay help --help`},
		{[]string{"version", "x"}, `version takes no arguments, only flags ("x" is extra); run assay version --help`},
		{[]string{"completion", "tcsh"}, `no completion for "tcsh"; one of bash, zsh, fish, powershell; run assay completion --help`},
		{nil, `no terminal: run assay in a terminal for the interactive app, or use a command; run assay --help`},
		{[]string{"open", id}, `no terminal: assay open needs a terminal; assay show ` + id + ` prints the scores; run assay open --help`},
	}
	before := snapshot(t, db)
	for _, tt := range tests {
		r := run(t, db, tt.args...)
		oneErrorLine(t, r, 2, tt.want)
		if r.stdout != "" {
			t.Errorf("assay %v printed on stdout: %q", tt.args, r.stdout)
		}
	}
	if snapshot(t, db) != before {
		t.Error("a usage error changed the database")
	}
}

func TestVersionAndHelp(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-v"}, {"version"}} {
		r := run(t, "", args...)
		if r.code != 0 || r.stderr != "" || !regexp.MustCompile(`^assay \S+ \(.*`+regexp.QuoteMeta(runtime.Version())+`, questionnaire schema \d+\)\n$`).MatchString(r.stdout) {
			t.Errorf("assay %v: %+v", args, r)
		}
	}
	// help CMD is CMD --help, for every command, and every help has examples.
	list := mustRun(t, "", "__complete", "")
	n := 0
	for _, line := range strings.Split(list, "\n") {
		name, _, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		n++
		viaHelp := run(t, "", "help", name)
		viaFlag := run(t, "", name, "--help")
		if viaHelp.code != 0 || viaHelp.stderr != "" || viaHelp.stdout != viaFlag.stdout {
			t.Errorf("help %s differs from %s --help:\n%s\n---\n%s", name, name, viaHelp.stdout, viaFlag.stdout)
		}
		if !strings.Contains(viaFlag.stdout, "EXAMPLES") || !strings.Contains(viaFlag.stdout, "assay "+name) {
			t.Errorf("%s --help has no examples:\n%s", name, viaFlag.stdout)
		}
	}
	if n < 18 {
		t.Errorf("only %d commands offered", n)
	}
	if r := run(t, "", "--help"); r.code != 0 || !strings.Contains(r.stdout, "EXAMPLES") || !strings.Contains(r.stdout, "--questionnaires") {
		t.Errorf("assay --help: %+v", r)
	}
}

func TestCompletionScriptsAndManPage(t *testing.T) {
	for shell, want := range map[string]string{
		"bash":       "__complete",
		"zsh":        "#compdef assay",
		"fish":       "complete -c assay",
		"powershell": "Register-ArgumentCompleter",
	} {
		r := run(t, "", "completion", shell)
		if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, want) {
			t.Errorf("completion %s: exit %d, stderr %q, has %q: %v", shell, r.code, r.stderr, want, strings.Contains(r.stdout, want))
		}
	}
	man := mustRun(t, "", "man")
	for _, want := range []string{".TH ASSAY 1", ".SH NAME", "history", "--if-unchanged-since", ".SH EXIT STATUS", "ASSAY_USER"} {
		if !strings.Contains(man, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
}
