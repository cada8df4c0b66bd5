package xlsx

import (
	"archive/zip"
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// FuzzReadWorkbook reads any bytes as a whole .xlsx file, and as the sheet
// and shared strings of an otherwise sound one: it must refuse with one line
// or give rows within the bounds, never panic.
func FuzzReadWorkbook(f *testing.F) {
	f.Add(written(f, sample()))
	if data, err := os.ReadFile("testdata/libreoffice.xlsx"); err == nil {
		f.Add(data)
	}
	x := excelize.NewFile()
	x.SetCellRichText("Sheet1", "B2", []excelize.RichTextRun{{Text: "a"}, {Text: "b"}})
	x.SetCellBool("Sheet1", "C3", true)
	var b bytes.Buffer
	x.Write(&b)
	f.Add(b.Bytes())
	for _, seed := range []string{
		`<row r="2"><c r="B2" t="s"><v>0</v></c><c t="inlineStr"><is><r><t>x</t></r></is></c><c t="b"><v>1</v></c><c><f>1+1</f><v>2</v></c></row>`,
		`<si><r><t xml:space="preserve"> a_x000D_</t></r><rPh><t>p</t></rPh></si><row><c t="str"><v>s</v></c><c t="e"><v>#N/A</v></c></row>`,
		`<row r="9"><c r="XFD9"><v>1E300</v></c></row>`,
		"PK\x03\x04",
	} {
		f.Add([]byte(seed))
	}
	defer func(c int, p, r int64) { maxCells, maxPart, maxRead = c, p, r }(maxCells, maxPart, maxRead)
	maxCells, maxPart, maxRead = 1<<12, 1<<16, 1<<18 // small, for more runs a second
	f.Fuzz(func(t *testing.T, data []byte) {
		readAll(t, data)
		s := strings.ToValidUTF8(string(data), "")
		readAll(t, storedBook(t, `<worksheet><sheetData>`+s+`</sheetData></worksheet>`, `<sst>`+s+`</sst>`))
	})
}

// storedBook is book() packed without compression, so that what the fuzzer
// changes is what the reader parses.
func storedBook(t *testing.T, sheet, sst string) []byte {
	return zipWith(t, zip.Store, "_rels/.rels", rootRel,
		"xl/workbook.xml", `<workbook xmlns:r="r"><sheets><sheet name="S" r:id="a"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="a" Type="/worksheet" Target="s.xml"/><Relationship Id="b" Type="/sharedStrings" Target="t.xml"/></Relationships>`,
		"xl/s.xml", sheet, "xl/t.xml", sst)
}

func readAll(t *testing.T, data []byte) {
	b, err := Open(data)
	if err != nil {
		oneLine(t, err)
		return
	}
	for _, s := range b.Sheets {
		rows, err := b.Rows(s)
		if err != nil {
			oneLine(t, err)
			continue
		}
		n := len(rows)
		for _, r := range rows {
			n += len(r)
		}
		if n > maxCells {
			t.Errorf("%d cells, over the bound %d", n, maxCells)
		}
	}
}

func oneLine(t *testing.T, err error) {
	if msg := err.Error(); !strings.HasPrefix(msg, "xlsx: ") || strings.Contains(msg, "\n") || len(msg) > 300 {
		t.Errorf("error %q is not one short line", msg)
	}
}
