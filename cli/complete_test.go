package cli_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/assaytui/assay/report"
)

// complete runs the shell's request `assay __complete ARGS...` and returns
// the candidates (with their descriptions) and the directive line.
func complete(t *testing.T, db string, args ...string) (candidates []string, directive string) {
	t.Helper()
	r := run(t, db, append([]string{"__complete"}, args...)...)
	if r.code != 0 {
		t.Fatalf("__complete %v: %+v", args, r)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	return lines[:len(lines)-1], lines[len(lines)-1]
}

func TestCompletion(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if got, _ := complete(t, db, "open", ""); len(got) != 0 {
		t.Errorf("no database yet, yet %v", got)
	}
	both := strings.TrimSpace(mustRun(t, db, "new", "--name", "FY2026", "--org", "Acme Bank"))
	iso := strings.TrimSpace(mustRun(t, db, "new", "--name", "ISO gap", "--framework", "iso28000-2022"))
	mustRun(t, db, "answer", iso, "iso28000-2022:4.1.q2", "4")

	// Assessment IDs with names, most recently changed first, for every command taking one.
	for _, cmd := range []string{"open", "show", "export", "history", "rename", "copy", "delete", "answer"} {
		got, dir := complete(t, db, cmd, "")
		want := []string{iso + "\tISO gap", both + "\tFY2026 · Acme Bank"}
		if strings.Join(got, "|") != strings.Join(want, "|") || dir != ":36" {
			t.Errorf("%s: %q %s, want %q", cmd, got, dir, want)
		}
	}
	if got, _ := complete(t, db, "open", iso[:3]); len(got) != 1 || !strings.HasPrefix(got[0], iso) {
		t.Errorf("prefix: %q", got)
	}
	if got, _ := complete(t, db, "open", iso, ""); len(got) != 0 {
		t.Errorf("open takes one ID, yet %q", got)
	}

	// After the ID: that assessment's frameworks, then their questions.
	got, dir := complete(t, db, "answer", both, "")
	if strings.Join(got, "|") != "iso28000-2022:\tISO 28000:2022 Security and resilience — Security management systems — Requirements|mas-trm-2021:\tTechnology Risk Management Guidelines" || dir != ":6" {
		t.Errorf("frameworks of both: %q %s (want no space after the colon)", got, dir)
	}
	got, _ = complete(t, db, "answer", both, "iso")
	if len(got) < 55 || !strings.HasPrefix(got[0], "iso28000-2022:4.1.q1\t") {
		t.Errorf("iso questions: %d, first %q", len(got), got[0])
	}
	for _, c := range got {
		if !strings.HasPrefix(c, "iso28000-2022:") {
			t.Errorf("not an iso question: %q", c)
		}
	}
	// An ISO-only assessment offers ISO questions at once, with the current level.
	got, _ = complete(t, db, "answer", iso, "")
	if len(got) < 55 || got[1] != "iso28000-2022:4.1.q2\t[4] Understanding the organization and its context — supply-chain position" {
		t.Errorf("iso-only: %d %q", len(got), got[:2])
	}
	if got, _ := complete(t, db, "answer", iso, "mas"); len(got) != 0 {
		t.Errorf("mas questions offered for an ISO-only assessment: %d", len(got))
	}
	got, _ = complete(t, db, "history", both, "mas-trm-2021:3.4")
	if len(got) < 80 || !strings.HasPrefix(got[0], "mas-trm-2021:") {
		t.Errorf("history questions: %d", len(got))
	}

	// Levels, with what each means for that question.
	got, _ = complete(t, db, "answer", iso, "iso28000-2022:4.1.q1", "")
	if len(got) != 7 || !strings.HasPrefix(got[0], "0\tNot performed: ") || !strings.HasPrefix(got[3], "3\tDefined: ") || !strings.HasPrefix(got[6], "na\t") {
		t.Errorf("levels: %q", got)
	}
	if got, _ := complete(t, db, "new", "--target", ""); len(got) != 6 {
		t.Errorf("target levels: %q", got)
	}

	// Frameworks and formats.
	for _, args := range [][]string{{"questions", ""}, {"new", "--framework", ""}} {
		got, _ := complete(t, db, args...)
		if len(got) != 2 || !strings.HasPrefix(got[0], "iso28000-2022\t") || !strings.HasPrefix(got[1], "mas-trm-2021\t") {
			t.Errorf("%v: %q", args, got)
		}
	}
	got, _ = complete(t, db, "export", iso, "--format", "")
	if len(got) != len(report.Formats()) || got[0] != "json\teverything stored: the workshop bundle" || !strings.HasPrefix(got[2], "md\t") {
		t.Errorf("formats: %q", got)
	}
	// Commands, and the global flags anywhere.
	got, _ = complete(t, db, "")
	if len(got) < 18 || got[0] != "open\tResume an assessment" {
		t.Errorf("commands: %q", got)
	}
	got, _ = complete(t, db, "list", "--")
	if s := strings.Join(got, "|"); !strings.Contains(s, "--json") || !strings.Contains(s, "--db") || !strings.Contains(s, "--as") {
		t.Errorf("list flags: %q", got)
	}
	// Completing never creates a database.
	none := filepath.Join(t.TempDir(), "none.db")
	complete(t, none, "open", "")
	complete(t, none, "answer", "x", "")
	if snapshot(t, none) != "" {
		t.Error("completion created a database")
	}
}
