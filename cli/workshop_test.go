package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runAs runs assay as a named user (ASSAY_USER) on a database.
func runAs(t *testing.T, who, db string, args ...string) result {
	t.Helper()
	return run(t, db, append([]string{"--as", who}, args...)...)
}

func TestImportMergesBundlesFromTwoLaptops(t *testing.T) {
	dir := t.TempDir()
	fac, alice, bob := filepath.Join(dir, "fac.db"), filepath.Join(dir, "alice.db"), filepath.Join(dir, "bob.db")
	ws, a, b := filepath.Join(dir, "ws.json"), filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	id := strings.TrimSpace(mustRun(t, fac, "new", "--name", "Workshop", "--framework", "iso28000-2022"))
	mustRun(t, fac, "export", id, "--format", "json", "-o", ws)

	r := runAs(t, "alice", alice, "import", ws)
	if r.code != 0 || !strings.Contains(r.stdout, "imported ws.json into "+id+` "Workshop" (new here)`) {
		t.Fatalf("alice takes the bundle: %+v", r)
	}
	mustRun(t, bob, "import", ws)
	for _, c := range [][]string{
		{"alice", alice, "iso28000-2022:4.1.q1", "3"},
		{"alice", alice, "iso28000-2022:4.1.q2", "2"},
		{"bob", bob, "iso28000-2022:4.1.q2", "4"},
		{"bob", bob, "iso28000-2022:5.1.q1", "1"},
	} {
		if r := runAs(t, c[0], c[1], "answer", id, c[2], c[3]); r.code != 0 {
			t.Fatalf("%v: %+v", c, r)
		}
	}
	runAs(t, "alice", alice, "export", id, "--format", "json", "-o", a)
	runAs(t, "bob", bob, "export", id, "--format", "json", "-o", b)

	type fileResult struct {
		File                 string
		Added, Same, Skipped int
		Disagreements        int
		Decisions            []map[string]any
		Assessment           struct{ ID string }
	}
	// A dry run of both files says what the import then does: bob's file is
	// judged after alice's, so his 4 meets her 2 as a disagreement.
	before := snapshot(t, fac)
	dry := run(t, fac, "import", a, b, "--dry-run")
	if dry.code != 0 || !strings.Contains(dry.stdout, "would import a.json") || !strings.Contains(dry.stdout, "1 disagreement") {
		t.Errorf("dry run: %+v", dry)
	}
	var dryFiles []fileResult
	if err := json.Unmarshal([]byte(mustRun(t, fac, "import", a, b, "--dry-run", "--json")), &dryFiles); err != nil {
		t.Fatal(err)
	}
	if snapshot(t, fac) != before {
		t.Error("--dry-run changed the database")
	}

	r = run(t, fac, "import", a, b, "--json")
	if r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	var files []fileResult
	if err := json.Unmarshal([]byte(r.stdout), &files); err != nil {
		t.Fatalf("--json: %v\n%s", err, r.stdout)
	}
	if len(files) != 2 || files[0].Added != 2 || files[1].Added != 1 || files[1].Disagreements != 1 || files[1].Assessment.ID != id {
		t.Errorf("import --json: %+v", files)
	}
	for i := range files {
		d, f := dryFiles[i], files[i]
		if len(dryFiles) != len(files) || d.Added != f.Added || d.Same != f.Same || d.Skipped != f.Skipped || d.Disagreements != f.Disagreements {
			t.Errorf("the dry run said %+v, the import did %+v", dryFiles, files)
			break
		}
	}

	var show struct {
		Disagreements []struct {
			Framework  string
			QuestionID string `json:"question_id"`
			Current    map[string]any
			Ratings    []map[string]any
		}
	}
	json.Unmarshal([]byte(mustRun(t, fac, "show", id, "--json")), &show)
	if len(show.Disagreements) != 1 || show.Disagreements[0].QuestionID != "4.1.q2" || len(show.Disagreements[0].Ratings) != 2 ||
		show.Disagreements[0].Ratings[0]["by"] != "alice" || show.Disagreements[0].Ratings[1]["by"] != "bob" {
		t.Fatalf("show --json disagreements: %+v", show)
	}
	if out := mustRun(t, fac, "show", id); !strings.Contains(out, "disagreements (1)") {
		t.Errorf("show does not list the disagreement:\n%s", out)
	}

	// Answering the question resolves it; history says which import brought what.
	mustRun(t, fac, "--as", "ann", "answer", id, "iso28000-2022:4.1.q2", "3")
	json.Unmarshal([]byte(mustRun(t, fac, "show", id, "--json")), &show)
	if len(show.Disagreements) != 0 {
		t.Errorf("still disputed after answering: %+v", show.Disagreements)
	}
	hist := mustRun(t, fac, "history", id)
	// Who said what stays readable once settled: the ratings by name and level.
	for _, want := range []string{"from a.json from alice", "from b.json from bob", "settled 2 ratings: alice 2, bob 4"} {
		if !strings.Contains(hist, want) {
			t.Errorf("history lacks %q:\n%s", want, hist)
		}
	}
	// Again: nothing changes, to the byte.
	before = snapshot(t, fac)
	r = run(t, fac, "import", a, b)
	if r.code != 0 || strings.Count(r.stdout, ": 0 added") != 2 || strings.Contains(r.stdout, "1 disagreement") {
		t.Errorf("re-import: %+v", r)
	}
	if snapshot(t, fac) != before {
		t.Error("importing the same bundles again changed the database file")
	}
}

func TestImportRefusesBadFilesAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "W"))
	mustRun(t, db, "answer", id, "iso28000-2022:4.1.q1", "3")
	good := filepath.Join(dir, "good.json")
	mustRun(t, db, "export", id, "--format", "json", "-o", good)
	data, _ := os.ReadFile(good)
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o600)
		return p
	}
	other := filepath.Join(dir, "other.db")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"import", write("cut.json", string(data[:len(data)/3]))}, "cut.json: damaged: the file is cut short"},
		{[]string{"import", write("edit.json", strings.Replace(string(data), `"level": 3`, `"level": 4`, 1))}, "edit.json: damaged: its contents do not match its checksum"},
		{[]string{"import", write("new.json", strings.Replace(string(data), `"format": 1`, `"format": 7`, 1))}, "new.json: bundle format 7 is newer than this assay reads"},
		{[]string{"import", write("wb.xlsx", "PK\x03\x04rest")}, "wb.xlsx: not an assay workbook: it is not an XLSX workbook"},
		{[]string{"import", good, filepath.Join(dir, "missing.json")}, "missing.json: no such file or directory"},
		{[]string{"import", good, "--into", "nosuchid"}, `--into: unknown assessment "nosuchid"`},
		{[]string{"import"}, "import needs one or more bundle or workbook files"},
	}
	before := snapshot(t, db)
	for _, c := range cases {
		oneErrorLine(t, run(t, db, c.args...), 2, c.want)
		if snapshot(t, db) != before {
			t.Errorf("%v changed the database", c.args)
		}
	}
	// A good file next to a bad one: nothing is imported at all.
	oneErrorLine(t, run(t, other, "import", good, filepath.Join(dir, "cut.json")), 2, "cut.json")
	if _, err := os.Stat(other); err == nil {
		t.Error("a refused import created a database")
	}
}

func TestCompare(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	old := strings.TrimSpace(mustRun(t, db, "new", "--name", "FY2025", "--framework", "iso28000-2022"))
	mustRun(t, db, "answer", old, "iso28000-2022:4.1.q1", "1")
	mustRun(t, db, "answer", old, "iso28000-2022:5.1.q1", "2")
	cur := strings.TrimSpace(mustRun(t, db, "copy", old, "--name", "FY2026"))
	mustRun(t, db, "answer", cur, "iso28000-2022:4.1.q1", "3")
	mustRun(t, db, "answer", cur, "iso28000-2022:6.1.1.q1", "na", "--note", "n/a")

	var doc struct {
		Old, New   struct{ ID, Name string }
		Frameworks []struct {
			Framework string
			Overall   struct{ Old, New, Delta *float64 }
			Sections  []struct {
				Ref             string
				Old, New, Delta *float64
			}
		}
		Changed []struct {
			Framework  string
			QuestionID string `json:"question_id"`
			Old, New   any
		}
	}
	// With one ID, compare uses the assessment it was copied from.
	out := mustRun(t, db, "compare", cur, "--json")
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Old.ID != old || doc.New.Name != "FY2026" || len(doc.Frameworks) != 1 {
		t.Fatalf("compare --json: %+v", doc)
	}
	ov := doc.Frameworks[0].Overall
	if ov.Old == nil || ov.New == nil || ov.Delta == nil || *ov.Delta != *ov.New-*ov.Old || *ov.Delta <= 0 {
		t.Errorf("overall %+v", ov)
	}
	s4 := doc.Frameworks[0].Sections[0]
	if s4.Ref != "4" || *s4.Old != 1 || *s4.New != 3 || *s4.Delta != 2 {
		t.Errorf("section 4: %+v", s4)
	}
	if len(doc.Changed) != 2 || doc.Changed[0].Old != 1.0 || doc.Changed[0].New != 3.0 || doc.Changed[1].Old != nil || doc.Changed[1].New != "na" {
		t.Errorf("changed %+v", doc.Changed)
	}
	text := mustRun(t, db, "compare", old, cur)
	for _, want := range []string{"FY2025 (" + old + ") → FY2026 (" + cur + ")", "+2.0", "iso28000-2022:4.1.q1", "1 → 3", "- → N/A"} {
		if !strings.Contains(text, want) {
			t.Errorf("compare text lacks %q:\n%s", want, text)
		}
	}
	// A framework rated on one side only: no delta, and no gap where it would be.
	empty := strings.TrimSpace(mustRun(t, db, "new", "--name", "FY2024", "--framework", "iso28000-2022"))
	text = mustRun(t, db, "compare", empty, old)
	if !strings.Contains(text, "overall - → 1.5; 2 answers changed") {
		t.Errorf("compare from an unrated assessment:\n%s", text)
	}
	oneErrorLine(t, run(t, db, "compare", old), 2, "was not copied from another assessment")
	oneErrorLine(t, run(t, db, "compare", old, "nosuchid"), 2, `unknown assessment "nosuchid"`)
}
