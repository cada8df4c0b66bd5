package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/store"
)

// editWorkbook opens a workbook as another program would, sets cells of the
// Answers sheet (found by question) and saves it as someone else.
func editWorkbook(t *testing.T, in, out, author string, cells map[string]map[string]string) {
	t.Helper()
	f, err := excelize.OpenFile(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Answers")
	cols := map[string]string{"Level": "F", "N/A reason": "G", "Note": "H", "Flagged": "I"}
	for i, row := range rows {
		if len(row) < 2 {
			continue
		}
		for col, v := range cells[row[0]+":"+row[1]] {
			if err := f.SetCellStr("Answers", cols[col]+itoa(i+1), v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if author != "" {
		f.SetDocProps(&excelize.DocProperties{Creator: "assay", LastModifiedBy: author})
	}
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// A workbook exported, filled in elsewhere and imported back merges by the
// workshop rules, recorded as the file's author; again changes nothing; a bad
// cell is refused with the sheet and cell, changing nothing.
func TestImportFilledInWorkbook(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "fac.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "FY2026"))
	mustRun(t, db, "--as", "ann", "answer", id, "iso28000-2022:4.1.q1", "2", "--note", "context reviewed")
	mustRun(t, db, "--as", "ann", "answer", id, "mas-trm-2021:3.1.q1", "3")
	out := filepath.Join(dir, "fy.xlsx")
	mustRun(t, db, "export", id, "--format", "xlsx", "-o", out)

	// Meanwhile, here, the MAS answer changes too.
	mustRun(t, db, "--as", "ann", "answer", id, "mas-trm-2021:3.1.q1", "5")

	filled := filepath.Join(dir, "fy-bo.xlsx")
	editWorkbook(t, out, filled, "Bo Lim", map[string]map[string]string{
		"iso28000-2022:4.1.q1": {"Level": "4"},                                    // changed there only
		"mas-trm-2021:3.1.q1":  {"Level": "1", "Note": "no board paper"},          // both changed
		"iso28000-2022:4.4.q1": {"Level": "na", "N/A reason": "single site only"}, // new
		"iso28000-2022:4.3.q1": {"Flagged": "yes"},                                // new: a flag alone
	})
	r := run(t, db, "import", filled, "--json")
	if r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	var files []struct {
		File                 string
		Added, Same, Skipped int
		Disagreements        int
	}
	if err := json.Unmarshal([]byte(r.stdout), &files); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(files) != 1 || files[0].Added != 3 || files[0].Disagreements != 1 {
		t.Errorf("import --json: %+v\n%s", files, r.stdout)
	}
	var ex struct {
		Answers []struct {
			Framework, Note string
			QuestionID      string `json:"question_id"`
			Level           *int
			NA, Flagged     bool
			UpdatedBy       string `json:"updated_by"`
		}
		Disagreements []struct {
			QuestionID string `json:"question_id"`
			Ratings    []map[string]any
		}
	}
	json.Unmarshal([]byte(mustRun(t, db, "export", id, "--format", "json")), &ex)
	got := map[string]string{}
	for _, a := range ex.Answers {
		level := "na"
		if a.Level != nil {
			level = itoa(*a.Level)
		} else if !a.NA {
			level = "-"
		}
		got[a.Framework+":"+a.QuestionID] = level + " " + a.Note + " " + a.UpdatedBy
	}
	for q, want := range map[string]string{
		"iso28000-2022:4.1.q1": "4 context reviewed Bo Lim",
		"mas-trm-2021:3.1.q1":  "5  ann",
		"iso28000-2022:4.4.q1": "na single site only Bo Lim",
		"iso28000-2022:4.3.q1": "-  Bo Lim",
	} {
		if got[q] != want {
			t.Errorf("%s = %q, want %q", q, got[q], want)
		}
	}
	if len(ex.Disagreements) != 1 || ex.Disagreements[0].QuestionID != "3.1.q1" {
		t.Errorf("disagreements: %+v", ex.Disagreements)
	}
	if hist := mustRun(t, db, "history", id, "iso28000-2022:4.1.q1"); !strings.Contains(hist, "Bo Lim") || !strings.Contains(hist, "fy-bo.xlsx") {
		t.Errorf("history does not name the file's author and file:\n%s", hist)
	}

	// The same file again: nothing changes.
	before := snapshot(t, db)
	if r := run(t, db, "import", filled); r.code != 0 || !strings.Contains(r.stdout, "0 added") {
		t.Errorf("re-import: %+v", r)
	}
	if snapshot(t, db) != before {
		t.Error("importing the same workbook again changed the database")
	}

	// Bad cells and foreign workbooks: exit 2, the sheet and cell, nothing changed.
	bad := filepath.Join(dir, "bad.xlsx")
	editWorkbook(t, out, bad, "", map[string]map[string]string{"iso28000-2022:4.1.q2": {"Level": "7"}})
	oneErrorLine(t, run(t, db, "import", bad), 2, `bad.xlsx: Answers!F3: level "7" is not 0-5 or na`)
	foreign := filepath.Join(dir, "budget.xlsx")
	g := excelize.NewFile()
	g.SetCellStr("Sheet1", "A1", "Budget")
	g.SaveAs(foreign)
	oneErrorLine(t, run(t, db, "import", foreign), 2, "budget.xlsx: not an assay workbook: it has no sheet named Answers")
	if snapshot(t, db) != before {
		t.Error("a refused workbook changed the database")
	}
}

// A row of a retired question comes in the workbook as it was; an edit to it
// is refused with the sheet and cell and what to rate instead, and nothing
// changes. The rows to fill in still import.
func TestWorkbookRefusesAnEditToARetiredQuestion(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "fac.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "FY2026"))
	// An answer given before 5.2.2.q1 was retired (assay answer refuses it now).
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save(context.Background(), id, "iso28000-2022", "5.2.2.q1", model.SetLevel(2), "old build"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out := filepath.Join(dir, "fy.xlsx")
	mustRun(t, db, "export", id, "--format", "xlsx", "-o", out)

	before := snapshot(t, db)
	for name, cells := range map[string]map[string]string{
		"level.xlsx": {"Level": "4"},
		"note.xlsx":  {"Note": "we did this"},
	} {
		edited := filepath.Join(dir, name)
		editWorkbook(t, out, edited, "Bo Lim", map[string]map[string]string{
			"iso28000-2022:4.1.q1":   {"Level": "3"},
			"iso28000-2022:5.2.2.q1": cells,
		})
		r := run(t, db, "import", edited)
		oneErrorLine(t, r, 2, name+": Answers!")
		for _, want := range []string{"iso28000-2022:5.2.2.q1 was retired in content revision 2",
			"answer iso28000-2022:5.2.2.q2 or iso28000-2022:5.2.2.q3 instead"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s: %q lacks %q", name, r.stderr, want)
			}
		}
		col := map[string]string{"level.xlsx": "!F", "note.xlsx": "!H"}[name]
		if !strings.Contains(r.stderr, col) {
			t.Errorf("%s: %q does not name the edited cell (%s)", name, r.stderr, col)
		}
	}
	if snapshot(t, db) != before {
		t.Error("a refused workbook changed the database")
	}
	// Untouched, the retired row is no obstacle.
	fine := filepath.Join(dir, "fine.xlsx")
	editWorkbook(t, out, fine, "Bo Lim", map[string]map[string]string{"iso28000-2022:4.1.q1": {"Level": "3"}})
	if r := run(t, db, "import", fine); r.code != 0 || !strings.Contains(r.stdout, "1 added") {
		t.Errorf("import with the retired row as exported: %+v", r)
	}
}

// A file named .xlsx that is not a workbook (a truncated download, a CSV
// renamed) is refused as such, not as a damaged JSON bundle.
func TestImportXLSXNamedFileThatIsNotOne(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "FY2026"))
	bad := filepath.Join(dir, "answers.xlsx")
	if err := os.WriteFile(bad, []byte("Framework,Question,Level\niso28000-2022,4.1.q1,3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, db)
	r := run(t, db, "import", bad, "--into", id)
	oneErrorLine(t, r, 2, "answers.xlsx: not an XLSX workbook")
	if strings.Contains(r.stderr, "bundle") || strings.Contains(r.stderr, "JSON") {
		t.Errorf("a .xlsx file read as a bundle: %q", r.stderr)
	}
	if snapshot(t, db) != before {
		t.Error("a refused file changed the database")
	}
}

// excelize is only the tests' oracle: linked into the binary, its package
// initialisation cost every command about 8 ms of start-up.
func TestBinaryDoesNotLinkExcelize(t *testing.T) {
	out, err := exec.Command("go", "version", "-m", bin).CombinedOutput()
	if err != nil {
		t.Fatalf("go version -m: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "modernc.org/sqlite") {
		t.Fatalf("go version -m lists no dependencies:\n%s", out)
	}
	for _, mod := range []string{"github.com/xuri/excelize", "github.com/richardlehane/mscfb", "github.com/tiendc/go-deepcopy"} {
		if strings.Contains(string(out), mod) {
			t.Errorf("the binary links %s", mod)
		}
	}
}
