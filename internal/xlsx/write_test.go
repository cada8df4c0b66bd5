package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// sample is a workbook using everything the writer offers.
func sample() *Workbook {
	w := New("Summary", "Answers", "Action plan")
	bold := w.AddStyle(Style{Bold: true, VAlign: "top"})
	head := w.AddStyle(Style{Bold: true, Color: "FFFFFF", Fill: "1F4E79", VAlign: "top", Wrap: true})
	grey := w.AddStyle(Style{Italic: true, Size: 9, Color: "808080", Fill: "EDEDED"})
	pct := w.AddStyle(Style{NumFmt: 9})
	s := w.Sheet("Summary")
	s.SetString(1, 1, "Assessment ID")
	s.SetStyle(1, 1, 1, 1, bold)
	s.SetString(2, 1, "fy2026")
	s.SetNumber(2, 3, "0.75")
	s.SetStyle(2, 3, 2, 3, pct)
	a := w.Sheet("Answers")
	for i, h := range []string{"Framework", "Question", "Level", "Note", "Revision"} {
		a.SetString(i+1, 1, h)
	}
	a.SetStyle(1, 1, 5, 1, head)
	a.SetString(1, 2, "iso")
	a.SetString(2, 2, "4.1.q1")
	a.SetNumber(3, 2, "3")
	a.SetString(4, 2, "=SUM(A1)\nline two _x000D_ <&> \"q\" 'a' ✓")
	a.SetString(5, 2, "r1")
	a.SetStyle(1, 3, 4, 3, grey)
	a.SetString(2, 3, "4.1.q2") // written after its style: keeps it
	a.SetColWidth(4, 50)
	a.SetColWidth(5, 12)
	a.HideCol(5)
	a.FreezeHeader()
	a.AutoFilter(5, 3)
	a.AddValidation(Validation{Sqref: "C2:C2", Type: "list", Formula1: List([]string{"0", "1", "na"}),
		PromptTitle: "Level", Prompt: "0 … 5 or na", ErrorTitle: "Level", Error: "Choose one of: 0, 1, na"})
	a.AddValidation(Validation{Sqref: "C3:D3", Type: "textLength", Operator: "equal", Formula1: "0",
		PromptTitle: "Retired", Prompt: "no longer asked", ErrorTitle: "Retired", Error: "no longer asked"})
	w.Props = Props{Title: "FY 2026", Subject: "self-assessment", Creator: "ann", LastModifiedBy: "ann",
		Description: "Exported by assay.", Created: time.Date(2026, 3, 7, 1, 30, 0, 0, time.UTC), Modified: time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)}
	return w
}

func written(t testing.TB, w *Workbook) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := w.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// excelize, an independent reader, sees what the writer meant to write.
func TestWrittenWorkbookThroughExcelize(t *testing.T) {
	data := written(t, sample())
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Summary", "Answers", "Action plan"}) {
		t.Errorf("sheets %q", got)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d", f.GetActiveSheetIndex())
	}
	cell := func(sheet, ref string) string {
		v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for ref, want := range map[string]string{"A2": "iso", "C2": "3", "D2": "=SUM(A1)\nline two _x000D_ <&> \"q\" 'a' ✓", "B3": "4.1.q2"} {
		if got := cell("Answers", ref); got != want {
			t.Errorf("Answers!%s = %q, want %q", ref, got, want)
		}
	}
	if ty, _ := f.GetCellType("Answers", "C2"); ty != excelize.CellTypeNumber && ty != excelize.CellTypeUnset {
		t.Errorf("C2 is %v, not a number", ty)
	}
	if formula, _ := f.GetCellFormula("Answers", "D2"); formula != "" {
		t.Errorf("D2 became a formula: %q", formula)
	}
	if got := cell("Summary", "B3"); got != "0.75" {
		t.Errorf("Summary!B3 = %q", got)
	}
	style := func(sheet, ref string) *excelize.Style {
		id, _ := f.GetCellStyle(sheet, ref)
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	if st := style("Answers", "A1"); !st.Font.Bold || st.Font.Color != "FFFFFF" || st.Fill.Pattern != 1 ||
		!st.Alignment.WrapText || st.Alignment.Vertical != "top" {
		t.Errorf("header style %+v font %+v fill %+v align %+v", st, st.Font, st.Fill, st.Alignment)
	}
	// excelize tells a fill's colour only in a workbook with a theme part;
	// the fills are in the style sheet, each once.
	styles := part(t, data, "xl/styles.xml")
	for _, fill := range []string{`<fgColor rgb="FF1F4E79"/>`, `<fgColor rgb="FFEDEDED"/>`} {
		if strings.Count(styles, fill) != 1 {
			t.Errorf("styles.xml has %d %s:\n%s", strings.Count(styles, fill), fill, styles)
		}
	}
	if st := style("Answers", "B3"); st.Font == nil || !st.Font.Italic || st.Font.Size != 9 || st.Font.Color != "808080" {
		t.Errorf("grey style font %+v", st.Font)
	}
	if st := style("Summary", "B3"); st.NumFmt != 9 {
		t.Errorf("percent style numFmt %d", st.NumFmt)
	}
	if st := style("Summary", "A1"); !st.Font.Bold {
		t.Errorf("bold style font %+v", st.Font)
	}
	if w, _ := f.GetColWidth("Answers", "D"); w != 50 {
		t.Errorf("D width %v", w)
	}
	if v, _ := f.GetColVisible("Answers", "E"); v {
		t.Error("E is visible")
	}
	if v, _ := f.GetColVisible("Answers", "D"); !v {
		t.Error("D is hidden")
	}
	if p, _ := f.GetPanes("Answers"); !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
		t.Errorf("panes %+v", p)
	}
	if p, _ := f.GetPanes("Summary"); p.Freeze {
		t.Errorf("Summary frozen: %+v", p)
	}
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].Name != "_xlnm._FilterDatabase" || names[0].Scope != "Answers" || names[0].RefersTo != "'Answers'!$A$1:$E$3" {
		t.Errorf("defined names %+v", names)
	}
	dvs, _ := f.GetDataValidations("Answers")
	if len(dvs) != 2 {
		t.Fatalf("validations %+v", dvs)
	}
	list, refuse := dvs[0], dvs[1]
	if list.Type != "list" || list.Sqref != "C2:C2" || list.Formula1 != `"0,1,na"` || !list.AllowBlank ||
		*list.PromptTitle != "Level" || *list.Prompt != "0 … 5 or na" || *list.ErrorTitle != "Level" || *list.Error != "Choose one of: 0, 1, na" || *list.ErrorStyle != "stop" {
		t.Errorf("list validation %+v", list)
	}
	if refuse.Type != "textLength" || refuse.Operator != "equal" || refuse.Formula1 != "0" || refuse.Sqref != "C3:D3" || *refuse.Error != "no longer asked" {
		t.Errorf("refusing validation %+v", refuse)
	}
	p, _ := f.GetDocProps()
	if p.Title != "FY 2026" || p.Subject != "self-assessment" || p.Creator != "ann" || p.LastModifiedBy != "ann" ||
		p.Description != "Exported by assay." || p.Created != "2026-03-07T01:30:00Z" || p.Modified != "2026-03-08T00:00:00Z" {
		t.Errorf("doc props %+v", p)
	}
}

// Our reader reads back what our writer wrote.
func TestWrittenWorkbookReadsBack(t *testing.T) {
	b, err := Open(written(t, sample()))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(b.Sheets, []string{"Summary", "Answers", "Action plan"}) || b.Props.Creator != "ann" || b.Props.Title != "FY 2026" ||
		!b.Props.Created.Equal(time.Date(2026, 3, 7, 1, 30, 0, 0, time.UTC)) {
		t.Errorf("sheets %q props %+v", b.Sheets, b.Props)
	}
	rows, err := b.Rows("Answers")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Framework", "Question", "Level", "Note", "Revision"},
		{"iso", "4.1.q1", "3", "=SUM(A1)\nline two _x000D_ <&> \"q\" 'a' ✓", "r1"}, {"", "4.1.q2"}}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("rows %q\nwant %q", rows, want)
	}
	if rows, err := b.Rows("Action plan"); err != nil || len(rows) != 0 {
		t.Errorf("empty sheet: %q %v", rows, err)
	}
}

// part is a part of a zip file, as text.
func part(t testing.TB, data []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := z.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCellNames(t *testing.T) {
	for col, name := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA", MaxCol: "XFD"} {
		if got := ColName(col); got != name {
			t.Errorf("ColName(%d) = %s, want %s", col, got, name)
		}
		c, r, err := ParseCell("$" + name + "$7")
		if c != col || r != 7 || err != nil {
			t.Errorf("ParseCell(%s7) = %d %d %v", name, c, r, err)
		}
	}
	for _, bad := range []string{"", "A", "7", "A0", "XFE1", "A1048577", "A+1", "A-1", "ABCD1", "A1B", "Ä1"} {
		if _, _, err := ParseCell(bad); err == nil {
			t.Errorf("ParseCell(%q) accepted", bad)
		}
	}
	if got := CellName(12, 202); got != "L202" {
		t.Errorf("CellName = %s", got)
	}
}

func TestEscapeUnderscores(t *testing.T) {
	for _, s := range []string{"_x000D_", "a_x005F_b", "_X0041_ and _x12_", "__x0041__", "plain"} {
		if got := unescape(escapeUnderscores(s)); got != s {
			t.Errorf("%q came back %q (escaped %q)", s, got, escapeUnderscores(s))
		}
	}
	if got := unescape("a_x000D_b_x005F_x0041_"); got != "a\rb_x0041_" {
		t.Errorf("unescape = %q", got)
	}
	if !strings.Contains(escapeUnderscores("_x000D_"), "_x005F_x000D_") {
		t.Errorf("escaped %q", escapeUnderscores("_x000D_"))
	}
}
