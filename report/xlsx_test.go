package report

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/assaytui/assay/model"
)

func exportXLSX(t testing.TB, d Data) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := XLSX(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func openXLSX(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func questionCount(d Data) int {
	n := 0
	for _, fw := range d.Assessment.FrameworkIDs() {
		f, _ := d.Catalog.Framework(fw)
		n += len(f.Questions())
	}
	return n
}

func TestXLSXWorkbook(t *testing.T) {
	d := realData(t)
	f := openXLSX(t, exportXLSX(t, d))
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Summary", "Answers", "Sections", "Differences", "Action plan"}) {
		t.Fatalf("sheets = %q", got)
	}
	rows, _ := f.GetRows("Answers")
	if !slices.Equal(rows[0], answersHeader) {
		t.Errorf("Answers header = %q", rows[0])
	}
	if len(rows)-1 != questionCount(d) {
		t.Errorf("%d answer rows, want one per question (%d)", len(rows)-1, questionCount(d))
	}
	// The hostile note is text, never a formula, and carries no control characters.
	for _, row := range rows[1:] {
		for _, cell := range row {
			if strings.ContainsAny(cell, "\x1b\u202e") {
				t.Errorf("cell holds a control character: %q", cell)
			}
		}
	}
	if formula, _ := f.GetCellFormula("Answers", "H3"); formula != "" {
		t.Errorf("H3 became a formula: %q", formula)
	}
	dvs, _ := f.GetDataValidations("Answers")
	var levelList string
	for _, dv := range dvs {
		if strings.HasPrefix(dv.Sqref, "F2:F") {
			levelList = dv.Formula1
		}
	}
	if !strings.Contains(levelList, "0,1,2,3,4,5,na") {
		t.Errorf("no 0-5/na drop-down on Level: %+v", dvs)
	}
	if panes, _ := f.GetPanes("Answers"); !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v", panes)
	}
	if names := f.GetDefinedName(); !slices.ContainsFunc(names, func(n excelize.DefinedName) bool {
		return n.Name == "_xlnm._FilterDatabase" && n.Scope == "Answers"
	}) {
		t.Errorf("no autofilter on Answers: %+v", names)
	}
	if visible, _ := f.GetColVisible("Answers", "L"); visible {
		t.Error("the Revision column is visible")
	}
	for col, min := range map[string]float64{"A": 12, "B": 8, "H": 30} {
		if w, _ := f.GetColWidth("Answers", col); w < min {
			t.Errorf("column %s width %.1f < %.0f", col, w, min)
		}
	}
	// The styles and document properties, as an independent reader sees them.
	style := func(sheet, cell string) *excelize.Style {
		id, _ := f.GetCellStyle(sheet, cell)
		st, err := f.GetStyle(id)
		if err != nil || st.Font == nil {
			t.Fatalf("%s!%s: style %+v, %v", sheet, cell, st, err)
		}
		return st
	}
	if st := style("Answers", "A1"); !st.Font.Bold || st.Font.Color != "FFFFFF" || st.Fill.Pattern != 1 || !st.Alignment.WrapText {
		t.Errorf("Answers header style %+v font %+v", st, st.Font)
	}
	if st := style("Summary", "A1"); !st.Font.Bold || st.Font.Size != 16 || st.Font.Color != "1F4E79" {
		t.Errorf("title font %+v", st.Font)
	}
	if st := style("Answers", "L2"); st.Font.Color != "808080" {
		t.Errorf("revision font %+v", st.Font)
	}
	if st := style("Summary", "J13"); st.NumFmt != 9 {
		t.Errorf("completion format %d", st.NumFmt)
	}
	if p, _ := f.GetDocProps(); p.Title != CellText(d.Assessment.Name) || p.Creator != CellText(d.ExportedBy) ||
		p.Subject != "maturity self-assessment" || !strings.HasPrefix(p.Description, "Exported by assay.") ||
		p.Created != d.Generated.UTC().Format("2006-01-02T15:04:05Z") {
		t.Errorf("document properties %+v", p)
	}
	// Summary names the assessment; Sections and the plan are filled.
	if id, _ := f.GetCellValue("Summary", "B3"); id != d.Assessment.ID {
		t.Errorf("Summary!B3 = %q, want the assessment ID", id)
	}
	plan, _ := f.GetRows("Action plan")
	if len(plan) < 10 || plan[0][0] != "#" || !slices.Contains(plan[0], "Priority") || !slices.Contains(plan[0], "Owner") {
		t.Errorf("action plan: %d rows, header %q", len(plan), plan[0])
	}
	secs, _ := f.GetRows("Sections")
	if len(secs) < 30 {
		t.Errorf("sections: %d rows", len(secs))
	}
	diff, _ := f.GetRows("Differences")
	if len(diff) < 10 {
		t.Errorf("differences: %d rows", len(diff))
	}
}

// The Answers sheet reads back into the answers it was written from.
func TestWorkbookReadsBackWhatItWrote(t *testing.T) {
	d := realData(t)
	wb, err := ReadWorkbook("fy.xlsx", bytes.NewReader(exportXLSX(t, d)), d.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	if wb.AssessmentID != d.Assessment.ID {
		t.Errorf("assessment ID %q", wb.AssessmentID)
	}
	if len(wb.Answers) != questionCount(d) {
		t.Fatalf("%d rows, want %d", len(wb.Answers), questionCount(d))
	}
	stored := model.NewAnswers(d.Answers)
	for _, got := range wb.Answers {
		want := stored.Get(got.Framework, got.QuestionID)
		if got.Level != want.Level || got.Note != CellText(want.Note) || got.Flagged != want.Flagged || got.Base != want.Revision {
			t.Errorf("row %d %s:%s = %v %q %v %q\nwant %v %q %v %q", got.Row, got.Framework, got.QuestionID,
				got.Level, got.Note, got.Flagged, got.Base, want.Level, CellText(want.Note), want.Flagged, want.Revision)
		}
	}
}

// A second writer (excelize re-opening the file, as another program would)
// changes cells; the reader sees the changes and nothing else.
func TestWorkbookEditedByAnotherWriter(t *testing.T) {
	d := realData(t)
	f := openXLSX(t, exportXLSX(t, d))
	rows, _ := f.GetRows("Answers")
	edit := func(cell, v string) {
		if err := f.SetCellStr("Answers", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	edit("F2", "4")
	edit("H2", "Reviewed by the auditor\non site")
	f.SetCellInt("Answers", "F4", 0) // a number, as Excel stores it
	edit("F6", "NA")
	edit("G6", "no such site")
	edit("H6", "")
	edit("I7", "Yes")
	f.SetDocProps(&excelize.DocProperties{Creator: "ann", LastModifiedBy: "Bo Lim"})
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	wb, err := ReadWorkbook("bo.xlsx", &b, d.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	if wb.Author != "Bo Lim" {
		t.Errorf("author %q", wb.Author)
	}
	byRow := map[int]WorkbookAnswer{}
	for _, a := range wb.Answers {
		byRow[a.Row] = a
	}
	if a := byRow[2]; a.Level != 4 || a.Note != "Reviewed by the auditor\non site" || a.QuestionID != rows[1][1] {
		t.Errorf("row 2 = %+v", a)
	}
	if a := byRow[4]; a.Level != 0 {
		t.Errorf("row 4 level %v", a.Level)
	}
	if a := byRow[6]; a.Level != model.NotApplicable || a.Note != "no such site" {
		t.Errorf("row 6 = %+v", a)
	}
	if a := byRow[7]; !a.Flagged {
		t.Errorf("row 7 = %+v", a)
	}
}

func TestReadWorkbookRefusesWhatItCannotTrust(t *testing.T) {
	d := realData(t)
	good := exportXLSX(t, d)
	edited := func(fn func(f *excelize.File)) []byte {
		f := openXLSX(t, good)
		fn(f)
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	other := excelize.NewFile()
	other.SetCellStr("Sheet1", "A1", "Name")
	var otherBuf bytes.Buffer
	other.Write(&otherBuf)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a workbook", []byte("PK\x03\x04 this is not a zip"), "not an assay workbook: it is not an XLSX workbook"},
		{"cut short", good[:len(good)/2], "not an assay workbook: it is not an XLSX workbook (zip: not a valid zip file)"},
		{"another program's workbook", otherBuf.Bytes(), "not an assay workbook: it has no sheet named Answers (sheets: Sheet1)"},
		{"header changed", edited(func(f *excelize.File) { f.SetCellStr("Answers", "F1", "Score") }), "Answers!A1: the header row has no Level column"},
		{"bad level", edited(func(f *excelize.File) { f.SetCellStr("Answers", "F5", "7") }), `Answers!F5: level "7" is not 0-5 or na`},
		{"half level", edited(func(f *excelize.File) { f.SetCellFloat("Answers", "F5", 2.5, 1, 64) }), `Answers!F5: level "2.5" is not 0-5 or na`},
		{"unknown question", edited(func(f *excelize.File) { f.SetCellStr("Answers", "B9", "9.9.q9") }), `Answers!B9: iso28000-2022 has no question "9.9.q9"`},
		{"unknown framework", edited(func(f *excelize.File) { f.SetCellStr("Answers", "A9", "iso9001") }), `Answers!A9: unknown framework "iso9001"`},
		{"na without reason", edited(func(f *excelize.File) {
			f.SetCellStr("Answers", "F3", "na")
			f.SetCellStr("Answers", "G3", "")
			f.SetCellStr("Answers", "H3", "")
		}), "Answers!H3: na needs a reason under N/A reason"},
		{"reason on a rated question", edited(func(f *excelize.File) {
			f.SetCellStr("Answers", "F3", "2")
			f.SetCellStr("Answers", "G3", "not ours")
		}), "Answers!G3: an N/A reason on a question rated 2"},
		{"bad flag", edited(func(f *excelize.File) { f.SetCellStr("Answers", "I3", "maybe") }), `Answers!I3: flagged "maybe" is not yes or no`},
		{"a row twice", edited(func(f *excelize.File) {
			a, _ := f.GetCellValue("Answers", "B2")
			f.SetCellStr("Answers", "B3", a)
		}), "Answers!B3: iso28000-2022:4.1.q1 is on rows 2 and 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadWorkbook("in.xlsx", bytes.NewReader(tt.data), d.Catalog)
			if err == nil || !strings.HasPrefix(err.Error(), "in.xlsx: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is more than one line: %q", err)
			}
		})
	}
	if _, err := ReadWorkbook("x", bytes.NewReader(otherBuf.Bytes()), d.Catalog); !errors.Is(err, ErrNotWorkbook) {
		t.Errorf("foreign workbook: %v is not ErrNotWorkbook", err)
	}
}

func TestCellTextFitsACell(t *testing.T) {
	long := strings.Repeat("é", 40000)
	got := CellText(long)
	if n := len([]rune(got)); n > 32767 || !strings.HasSuffix(got, cutMark) {
		t.Errorf("cut to %d runes, suffix %q", n, got[len(got)-20:])
	}
	if CellText("a\tb\x1b") != "a b�" {
		t.Errorf("CellText = %q", CellText("a\tb\x1b"))
	}
}
