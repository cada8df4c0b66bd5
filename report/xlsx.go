package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/assaytui/assay/internal/textsafe"
	xl "github.com/assaytui/assay/internal/xlsx"
	"github.com/assaytui/assay/model"
)

// Sheet names of the workbook, a contract with whoever reads it back.
const (
	SheetSummary     = "Summary"
	SheetAnswers     = "Answers"
	SheetSections    = "Sections"
	SheetDifferences = "Differences"
	SheetPlan        = "Action plan"
)

// answersHeader is the Answers sheet's header row. ReadWorkbook finds columns
// by these names; Revision (hidden) is the answer's revision when exported,
// so an import knows what each edited row started from.
var answersHeader = []string{"Framework", "Question", "Ref", "Title", "Text", "Level", "N/A reason", "Note", "Flagged", "By", "Updated", "Revision"}

// assessmentIDLabel marks the Summary row that holds the assessment's ID.
const assessmentIDLabel = "Assessment ID"

// maxCellText is the most a spreadsheet cell holds, in UTF-16 units.
const maxCellText = 32767

const cutMark = " … [cut: the full text is in assay]"

// CellText is text as the workbook shows it: control and bidirectional
// characters neutralised (newlines kept), and cut to fit a cell. A note read
// back from a workbook is compared with CellText of the stored note to tell
// whether someone edited it.
func CellText(s string) string {
	s = textsafe.Clean(s, true)
	if len(utf16.Encode([]rune(s))) <= maxCellText {
		return s
	}
	budget := maxCellText - len(utf16.Encode([]rune(cutMark)))
	var b strings.Builder
	for _, r := range s {
		if budget -= len(utf16.Encode([]rune{r})); budget < 0 {
			break
		}
		b.WriteRune(r)
	}
	return b.String() + cutMark
}

// XLSX writes the assessment as a workbook: Summary, Answers (one row per
// question, a Level drop-down, to fill in elsewhere and import back),
// Sections, Differences and Action plan.
func XLSX(w io.Writer, d Data) error {
	v := newView(d)
	x := &xlsx{f: xl.New(SheetSummary, SheetAnswers, SheetSections, SheetDifferences, SheetPlan)}
	x.styles()
	x.summary(v)
	x.answers(v)
	x.sections(v)
	x.differences(v)
	x.plan(v)
	if x.err != nil {
		return x.err
	}
	x.f.Props = xl.Props{
		Title: CellText(d.Assessment.Name), Subject: "maturity self-assessment", Creator: CellText(d.ExportedBy),
		LastModifiedBy: CellText(d.ExportedBy), Description: "Exported by assay. Fill in Level and Note on the Answers sheet; bring it back with assay import.",
		Created: d.Generated, Modified: d.Generated,
	}
	return x.f.Write(w)
}

// xlsx writes cells, keeping the first error and the widest text per column.
type xlsx struct {
	f                         *xl.Workbook
	err                       error
	header, wrap, title, bold int
	percent, hidden, retired  int
	widths                    map[string][]int // sheet -> widest text per column
}

func (x *xlsx) styles() {
	mk := x.f.AddStyle
	x.header = mk(xl.Style{Bold: true, Color: "FFFFFF", Fill: "1F4E79", VAlign: "top", Wrap: true})
	x.wrap = mk(xl.Style{VAlign: "top", Wrap: true})
	x.title = mk(xl.Style{Bold: true, Size: 16, Color: "1F4E79"})
	x.bold = mk(xl.Style{Bold: true, VAlign: "top"})
	x.percent = mk(xl.Style{NumFmt: 9, VAlign: "top"})
	x.hidden = mk(xl.Style{Color: "808080"})
	x.retired = mk(xl.Style{Italic: true, Color: "808080", Fill: "EDEDED", VAlign: "top", Wrap: true})
}

// set writes one cell: strings as text (never a formula), numbers as numbers,
// nil as empty.
func (x *xlsx) set(sheet string, col, row int, v any) {
	if x.err != nil || v == nil {
		return
	}
	s := x.f.Sheet(sheet)
	switch t := v.(type) {
	case string:
		t = CellText(t)
		s.SetString(col, row, t)
		x.measure(sheet, col, t)
	case int:
		n := strconv.Itoa(t)
		s.SetNumber(col, row, n)
		x.measure(sheet, col, n)
	case float64:
		n := strconv.FormatFloat(t, 'f', 2, 64)
		s.SetNumber(col, row, n)
		x.measure(sheet, col, n)
	default:
		x.err = fmt.Errorf("xlsx: cell %s: unsupported %T", xl.CellName(col, row), v)
	}
}

// row writes values from column 1 and returns the next row.
func (x *xlsx) row(sheet string, row int, vals ...any) int {
	for i, v := range vals {
		x.set(sheet, i+1, row, v)
	}
	return row + 1
}

func (x *xlsx) measure(sheet string, col int, s string) {
	if x.widths == nil {
		x.widths = map[string][]int{}
	}
	w := x.widths[sheet]
	for len(w) < col {
		w = append(w, 0)
	}
	longest := 0
	for _, line := range strings.Split(s, "\n") {
		longest = max(longest, len([]rune(line)))
	}
	w[col-1] = max(w[col-1], longest)
	x.widths[sheet] = w
}

func (x *xlsx) style(sheet string, fromCol, fromRow, toCol, toRow, style int) {
	x.f.Sheet(sheet).SetStyle(fromCol, fromRow, toCol, toRow, style)
}

// table writes a header row and rows beneath it, styled, and returns the row
// after the table.
func (x *xlsx) table(sheet string, row int, header []string, rows [][]any) int {
	for i, h := range header {
		x.set(sheet, i+1, row, h)
	}
	x.style(sheet, 1, row, len(header), row, x.header)
	first := row + 1
	for _, r := range rows {
		row = x.row(sheet, row+1, r...)
		row--
	}
	if len(rows) > 0 {
		x.style(sheet, 1, first, len(header), row, x.wrap)
	}
	return row + 2
}

// list finishes a sheet that is one table from A1: frozen header row,
// autofilter over the table, columns sized to their text (capped, wrapping).
func (x *xlsx) list(sheet string, cols, rows int, capWidth map[int]float64) {
	s := x.f.Sheet(sheet)
	s.FreezeHeader()
	s.AutoFilter(cols, max(rows, 2))
	x.fit(sheet, capWidth)
}

// fit sizes each column to its widest text, between 6 and 60 characters or
// the column's own cap.
func (x *xlsx) fit(sheet string, capWidth map[int]float64) {
	for i, w := range x.widths[sheet] {
		width := min(max(float64(w)+2, 6), 60)
		if c, ok := capWidth[i+1]; ok {
			width = min(width, c)
		}
		x.f.Sheet(sheet).SetColWidth(i+1, width)
	}
}

func (x *xlsx) summary(v *view) {
	s, a := SheetSummary, v.Assessment
	x.set(s, 1, 1, a.Name)
	x.style(s, 1, 1, 1, 1, x.title)
	var targets []string
	for _, o := range a.TargetOverrides {
		where := v.frameworkName(o.Framework)
		if o.Section != "" {
			where += " clause " + o.Section
		}
		targets = append(targets, fmt.Sprintf("%s: %d", where, o.Level))
	}
	facts := [][2]any{
		{assessmentIDLabel, a.ID}, {"Organisation", a.Organisation}, {"Assessor", a.Assessor},
		{"Target level", int(a.Target)}, {"Other targets", strings.Join(targets, "; ")},
		{"Started", mdDate(a.CreatedAt)}, {"Last change", mdDate(a.UpdatedAt)}, {"Exported", mdDate(v.Generated)},
	}
	row := 3
	for _, f := range facts {
		row = x.row(s, row, f[0], f[1])
	}
	x.style(s, 1, 3, 1, row-1, x.bold)
	row++
	var rows [][]any
	for _, fs := range v.summary.Scores {
		target := a.Targets().Framework(fs.Framework.ID)
		rows = append(rows, []any{fs.Framework.ID, fs.Framework.Title, fs.Framework.Version, num(maturity(fs.Score)),
			int(target), num(gap(fs.Score, target)), fs.Answered(), fs.NA, fs.Total, fs.Completion()})
	}
	top := row
	row = x.table(s, row, []string{"Framework", "Title", "Version", "Maturity", "Target", "Gap", "Answered", "N/A", "Questions", "Completion"}, rows)
	x.style(s, 10, top+1, 10, top+len(rows), x.percent)
	x.set(s, 1, row, "How to fill in this workbook")
	x.style(s, 1, row, 1, row, x.bold)
	for i, line := range []string{
		"On the Answers sheet, choose a Level for each question (0 to 5, or na when it does not apply) and write a Note.",
		"For na, give the reason under N/A reason. Flag a question for review with yes under Flagged.",
		"Leave the Framework, Question and hidden Revision columns as they are; add no rows.",
		"Bring the file back with: assay import FILE.xlsx (each change is recorded as the file's author).",
	} {
		x.set(s, 1, row+1+i, line)
	}
	x.fit(s, map[int]float64{1: 22, 2: 44})
}

func (x *xlsx) sections(v *view) {
	s, ts := SheetSections, v.Assessment.Targets()
	header := []string{"Framework", "Ref", "Section", "Depth", "Maturity", "Target", "Gap", "Answered", "N/A", "Questions", "Completion"}
	for i, h := range header {
		x.set(s, i+1, 1, h)
	}
	x.style(s, 1, 1, len(header), 1, x.header)
	row := 2
	for _, fs := range v.summary.Scores {
		f := fs.Framework
		var walk func(sec *model.Section, depth int)
		walk = func(sec *model.Section, depth int) {
			sc := model.ScoreSection(f, sec, v.answers)
			target := ts.Section(f.ID, sec)
			row = x.row(s, row, f.ID, sec.Ref, strings.Repeat("   ", depth)+sec.Title, depth+1, num(maturity(sc.Score)),
				int(target), num(gap(sc.Score, target)), sc.Answered(), sc.NA, sc.Total, sc.Completion())
			for _, c := range sec.Sections {
				walk(c, depth+1)
			}
		}
		for _, top := range f.Sections {
			walk(top, 0)
		}
	}
	if row > 2 {
		x.style(s, 11, 2, 11, row-1, x.percent)
	}
	x.list(s, len(header), row-1, map[int]float64{3: 60})
}

func (x *xlsx) differences(v *view) {
	s := SheetDifferences
	if v.Catalog == nil {
		x.set(s, 1, 1, "No crosswalk relates the assessment's frameworks.")
		return
	}
	diffs := model.DifferencesOf(v.summary, v.answers, v.Catalog)
	row := 1
	if len(diffs) == 0 {
		x.set(s, 1, 1, "No crosswalk relates the assessment's frameworks.")
	}
	for _, d := range diffs {
		cw := d.Crosswalk
		left, right := v.frameworkName(cw.Frameworks[0]), v.frameworkName(cw.Frameworks[1])
		fl, _ := v.Catalog.Framework(cw.Frameworks[0])
		fr, _ := v.Catalog.Framework(cw.Frameworks[1])
		x.set(s, 1, row, left+" compared with "+right)
		x.style(s, 1, row, 1, row, x.title)
		row += 2
		var profile [][]any
		for _, asp := range model.ProfileAspects {
			if l, r := fl.Profile[asp.Key], fr.Profile[asp.Key]; l != "" || r != "" {
				profile = append(profile, []any{asp.Label, orDash(l), orDash(r)})
			}
		}
		row = x.table(s, row, []string{"Aspect", left, right}, profile)
		var themes [][]any
		for _, t := range d.Themes {
			var diff any
			if dv, ok := t.Difference(); ok {
				diff = round(dv, 2)
			}
			themes = append(themes, []any{t.Theme.Title, strings.Join(t.Sides[0].Refs, ", "), num(maturity(t.Sides[0].Score)),
				strings.Join(t.Sides[1].Refs, ", "), num(maturity(t.Sides[1].Score)), diff, string(t.Theme.Strength)})
		}
		row = x.table(s, row, []string{"Theme", left + " clauses", left, right + " clauses", right, "Difference (" + left + " − " + right + ")", "Correspondence"}, themes)
		var only [][]any
		for _, o := range d.OnlyIn {
			only = append(only, []any{o.Area.Title, v.frameworkName(o.Framework), strings.Join(o.Refs, ", "), num(maturity(o.Score)), o.Area.Rationale})
		}
		if len(only) > 0 {
			row = x.table(s, row, []string{"Found in one framework only", "Framework", "Clauses", "Maturity", "Why"}, only)
		}
	}
	x.fit(s, map[int]float64{1: 34, 2: 50, 3: 50, 4: 30, 5: 60})
}

func (x *xlsx) plan(v *view) {
	s := SheetPlan
	header := append([]string{"#"}, planHeader...)
	header = append(header[:7], append([]string{"Weight", "Priority"}, header[7:]...)...)
	for i, h := range header {
		x.set(s, i+1, 1, h)
	}
	x.style(s, 1, 1, len(header), 1, x.header)
	row := 2
	for i, it := range v.plan {
		c := planCells(v, it)
		var gapCell any
		if it.Gap > 0 {
			gapCell = it.Gap
		}
		row = x.row(s, row, i+1, c[0], c[1], c[2], c[3], int(it.Target), gapCell, it.Weight, round(it.Priority(), 2), c[6], c[7], c[8], c[9])
	}
	if row > 2 {
		x.style(s, 1, 2, len(header), row-1, x.wrap)
	}
	x.list(s, len(header), row-1, map[int]float64{4: 40, 10: 50})
}

// num is an optional figure as a cell value: nil leaves the cell empty.
func num(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}
