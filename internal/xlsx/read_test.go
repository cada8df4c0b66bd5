package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// zipOf packs parts, in the order given, into a zip file.
func zipOf(t testing.TB, parts ...string) []byte { return zipWith(t, zip.Deflate, parts...) }

func zipWith(t testing.TB, method uint16, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := z.CreateHeader(&zip.FileHeader{Name: parts[i], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[i+1]))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const (
	relsNS  = `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"`
	rootRel = `<Relationships ` + relsNS + `><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
)

// book is a workbook of one sheet, Data, at a part not named sheetN, with
// the given sheet data and shared strings.
func book(t testing.TB, sheetData, sst string) []byte {
	return zipOf(t,
		"_rels/.rels", rootRel,
		"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="7" r:id="rIdX"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<Relationships `+relsNS+`><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/strings.xml"/><Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="ws/the data.xml"/></Relationships>`,
		"xl/ws/the data.xml", `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>`+sheetData+`</x:sheetData></x:worksheet>`,
		"xl/strings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+sst+`</sst>`)
}

func rowsOf(t testing.TB, data []byte, sheet string) [][]string {
	t.Helper()
	b, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := b.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// What other programs write: sheets anywhere the relationships say, a
// namespace prefix, rich text, inline strings, phonetic guides, formulas
// with their values, booleans, errors, numbers, and rows and cells that skip
// ahead or leave out their references.
func TestReadsForeignCells(t *testing.T) {
	sst := `<si><t>plain</t></si>` +
		`<si><r><rPr><b/></rPr><t xml:space="preserve">rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>` +
		`<si><t xml:space="preserve">  spaced
line _x000D_ end  </t></si>`
	data := `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v> 1 </x:v></x:c></x:row>` +
		`<x:row r="3"><x:c t="s"><x:v>2</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t></x:r></x:is></x:c>` +
		`<x:c t="str"><x:f>A1&amp;"!"</x:f><x:v>plain!</x:v></x:c><x:c><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c><x:f>NOW()</x:f></x:c>` +
		`<x:c r="H3" t="b"><x:v>1</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c></x:row>` +
		`<x:row><x:c r="A4"><x:v>0.30000000000000004</x:v></x:c><x:c><x:v>1E-3</x:v></x:c><x:c><x:v>4.0</x:v></x:c><x:c s="3"/><x:c r="E4"><x:v>-12345678901234567890</x:v></x:c></x:row>` +
		`<x:row r="6"/>`
	got := rowsOf(t, book(t, data, sst), "Data")
	want := [][]string{
		{"plain", "", "rich text"},
		nil,
		{"  spaced\nline \r end  ", "inline", "plain!", "2", "", "", "", "TRUE", "FALSE", "#DIV/0!"},
		{"0.3", "0.001", "4", "", "-12345678901234600000"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
}

// A workbook excelize wrote, with what a user does in a spreadsheet: rich
// text, numbers, booleans, a formula, cells far apart.
func TestReadsExcelizeWorkbook(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Answers")
	f.NewSheet("Notes")
	f.SetCellStr("Answers", "A1", "Level")
	f.SetCellRichText("Answers", "B1", []excelize.RichTextRun{{Text: "bold ", Font: &excelize.Font{Bold: true}}, {Text: "and not"}})
	f.SetCellInt("Answers", "A2", 4)
	f.SetCellFloat("Answers", "B2", 2.5, 1, 64)
	f.SetCellBool("Answers", "C2", true)
	f.SetCellFormula("Answers", "D2", "A2*2")
	f.SetCellStr("Answers", "F9", "far")
	f.SetCellStr("Notes", "A1", "x")
	f.SetDocProps(&excelize.DocProperties{Creator: "assay", LastModifiedBy: "Bo Lim", Title: "FY"})
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	bk, err := Open(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(bk.Sheets, []string{"Answers", "Notes"}) || bk.Props.Creator != "assay" || bk.Props.LastModifiedBy != "Bo Lim" || bk.Props.Title != "FY" {
		t.Errorf("sheets %q props %+v", bk.Sheets, bk.Props)
	}
	rows, err := bk.Rows("Answers")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Level", "bold and not"}, {"4", "2.5", "TRUE"}, nil, nil, nil, nil, nil, nil, {"", "", "", "", "", "far"}}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("rows\n%q\nwant\n%q", rows, want)
	}
}

// A workbook LibreOffice saved (testdata/libreoffice.xlsx is sample()
// converted by soffice --convert-to xlsx) reads as what was written.
func TestReadsLibreOfficeWorkbook(t *testing.T) {
	data, err := os.ReadFile("testdata/libreoffice.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	lo, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := Open(written(t, sample()))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(lo.Sheets, ours.Sheets) || lo.Props.Creator != "ann" {
		t.Errorf("sheets %q props %+v", lo.Sheets, lo.Props)
	}
	for _, s := range ours.Sheets {
		a, _ := ours.Rows(s)
		b, err := lo.Rows(s)
		if err != nil || !slices.EqualFunc(a, b, slices.Equal) {
			t.Errorf("%s: LibreOffice's %q (%v)\nours %q", s, b, err, a)
		}
	}
}

// A file that is not a workbook, or a damaged or hostile one, is refused
// with one line, never a panic or a machine out of memory.
func TestRefusesDamagedAndHostileFiles(t *testing.T) {
	good := written(t, sample())
	// Small bounds, so the bombs stay small.
	defer func(f, c int, p, r int64) { maxFile, maxCells, maxPart, maxRead = f, c, p, r }(maxFile, maxCells, maxPart, maxRead)
	maxFile, maxCells, maxPart, maxRead = 1<<20, 1000, 1<<16, 1<<18
	tests := []struct {
		name, want string
		data       []byte
		sheet      string // "" when Open should refuse
	}{
		{"not a zip", "zip: not a valid zip file", []byte("Framework,Question\n"), ""},
		{"cut short", "zip: not a valid zip file", good[:len(good)/2], ""},
		{"no workbook", "no workbook part (xl/workbook.xml)", zipOf(t, "a.txt", "hello"), ""},
		{"not XML", "xl/workbook.xml: XML syntax error", zipOf(t, "xl/workbook.xml", "<workbook><sheets>"), ""},
		{"sheet part missing", "xl/ws/the data.xml is missing",
			zipOf(t, "_rels/.rels", rootRel, "xl/workbook.xml", `<workbook><sheets><sheet name="Data" r:id="rIdX" xmlns:r="r"/></sheets></workbook>`,
				"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rIdX" Type="x/worksheet" Target="ws/the data.xml"/></Relationships>`), "Data"},
		{"no such sheet", `no sheet named "Missing"`, good, "Missing"},
		{"shared string out of range", `no shared string "3"`, book(t, `<x:row><x:c t="s"><x:v>3</x:v></x:c></x:row>`, `<si><t>a</t></si>`), "Data"},
		{"bad reference", `bad cell reference "A0"`, book(t, `<x:row><x:c r="A0"><x:v>1</x:v></x:c></x:row>`, ""), "Data"},
		{"bad row", `bad row number "-1"`, book(t, `<x:row r="-1"/>`, ""), "Data"},
		{"cells far apart", "too large (over 1000 cells)", book(t, `<x:row><x:c r="A1"><x:v>1</x:v></x:c><x:c r="ALM1"><x:v>1</x:v></x:c></x:row>`, ""), "Data"},
		{"rows far apart", "too large (over 1000 cells)", book(t, `<x:row r="1001"><x:c><x:v>1</x:v></x:c></x:row>`, ""), "Data"},
		{"deep nesting", "nest more than 64 deep", book(t, strings.Repeat("<x:a>", 100)+strings.Repeat("</x:a>", 100), ""), "Data"},
		{"zip bomb", "xl/ws/the data.xml is too large (over 65536 bytes unpacked)",
			book(t, `<x:row><x:c><x:v>1</x:v></x:c></x:row>`+strings.Repeat(" ", 1<<16), ""), "Data"},
		{"many strings", "xl/strings.xml is too large (over 1000 strings)", book(t, `<x:row><x:c t="s"><x:v>0</x:v></x:c></x:row>`, strings.Repeat("<si/>", 1001)), "Data"},
		{"entity", "XML syntax error", book(t, `<x:row><x:c t="inlineStr"><x:is><x:t>&lol;</x:t></x:is></x:c></x:row>`, ""), "Data"},
		{"other encoding", `encoding "UTF-16"`, zipOf(t, "_rels/.rels", rootRel,
			"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-16"?><workbook/>`), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Open(tt.data)
			if tt.sheet != "" && err == nil {
				_, err = b.Rows(tt.sheet)
			}
			if err == nil || !strings.HasPrefix(err.Error(), "xlsx: ") || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v\nwant one line with %q", err, tt.want)
			}
		})
	}
	maxRead = 100000 // two parts under maxPart, together over maxRead
	b, _ := Open(book(t, `<x:row><x:c t="s"><x:v>0</x:v></x:c></x:row>`+strings.Repeat(" ", 60000), "<si/>"+strings.Repeat(" ", 60000)))
	if _, err := b.Rows("Data"); err == nil || err.Error() != "xlsx: the workbook is too large (over 100000 bytes unpacked)" {
		t.Errorf("parts together over maxRead: %v", err)
	}
	if _, err := Read(bytes.NewReader(make([]byte, maxFile+1))); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a huge file: %v", err)
	}
}

// Rows of the same sheet read twice, and sheets sharing the string table.
func TestRowsAgain(t *testing.T) {
	b, err := Open(written(t, sample()))
	if err != nil {
		t.Fatal(err)
	}
	first, _ := b.Rows("Answers")
	again, _ := b.Rows("Answers")
	summary, _ := b.Rows("Summary")
	if !slices.EqualFunc(first, again, slices.Equal) || fmt.Sprint(summary) != "[[Assessment ID fy2026] [] [ 0.75]]" {
		t.Errorf("again %q, summary %q", again, summary)
	}
}
