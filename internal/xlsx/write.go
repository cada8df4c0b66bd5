package xlsx

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Workbook is a workbook being written: sheets in order (the first is the
// active one), cell styles, document properties.
type Workbook struct {
	Props  Props
	sheets []*Sheet
	styles []Style
}

// Props are the document properties (docProps/core.xml).
type Props struct {
	Title, Subject, Creator, LastModifiedBy, Description string
	Created, Modified                                    time.Time
}

// Sheet is one worksheet being written.
type Sheet struct {
	Name        string
	rows        map[int]map[int]cell
	widths      map[int]float64
	hidden      map[int]bool
	freeze      bool
	filter      string // the autofilter's range, "" for none
	validations []Validation
}

type cell struct {
	value  string // text, or a number as written
	number bool
	style  int
}

// Validation restricts what can be typed into a range: Type "list" with
// Formula1 `"a,b"` for a drop-down, or "textLength" with an Operator.
type Validation struct {
	Sqref               string // "F2:F66 F70:F90"
	Type, Operator      string
	Formula1            string
	PromptTitle, Prompt string
	ErrorTitle, Error   string
}

// List is a drop-down of items for a Validation's Formula1.
func List(items []string) string { return `"` + strings.Join(items, ",") + `"` }

// New returns an empty workbook with the given sheets, in order.
func New(sheets ...string) *Workbook {
	w := &Workbook{styles: []Style{{}}}
	for _, name := range sheets {
		w.sheets = append(w.sheets, &Sheet{Name: name, rows: map[int]map[int]cell{}, widths: map[int]float64{}, hidden: map[int]bool{}})
	}
	return w
}

// Sheet returns the sheet of that name, nil if there is none.
func (w *Workbook) Sheet(name string) *Sheet {
	for _, s := range w.sheets {
		if s.Name == name {
			return s
		}
	}
	return nil
}

func (s *Sheet) set(col, row int, c cell) {
	if col < 1 || col > MaxCol || row < 1 || row > MaxRow {
		panic(fmt.Sprintf("xlsx: cell (%d, %d) is outside a sheet", col, row))
	}
	r := s.rows[row]
	if r == nil {
		r = map[int]cell{}
		s.rows[row] = r
	}
	c.style = r[col].style // a value keeps the cell's style
	r[col] = c
}

// SetString writes text; it is shown as it is, never run as a formula.
func (s *Sheet) SetString(col, row int, v string) { s.set(col, row, cell{value: v}) }

// SetNumber writes a number, given as the text to store ("2.65").
func (s *Sheet) SetNumber(col, row int, v string) { s.set(col, row, cell{value: v, number: true}) }

// SetStyle gives each cell of a range a style (from AddStyle), keeping its value.
func (s *Sheet) SetStyle(fromCol, fromRow, toCol, toRow, style int) {
	for row := fromRow; row <= toRow; row++ {
		for col := fromCol; col <= toCol; col++ {
			s.set(col, row, s.rows[row][col])
			c := s.rows[row][col]
			c.style = style
			s.rows[row][col] = c
		}
	}
}

// SetColWidth sets a column's width in characters.
func (s *Sheet) SetColWidth(col int, width float64) { s.widths[col] = width }

// HideCol hides a column.
func (s *Sheet) HideCol(col int) { s.hidden[col] = true }

// FreezeHeader keeps row 1 in view when scrolling.
func (s *Sheet) FreezeHeader() { s.freeze = true }

// AutoFilter puts filter buttons on a table's header row: from A1 to the
// given column and row.
func (s *Sheet) AutoFilter(toCol, toRow int) { s.filter = "A1:" + CellName(toCol, toRow) }

// AddValidation restricts a range's values.
func (s *Sheet) AddValidation(v Validation) { s.validations = append(s.validations, v) }

// Write writes the workbook as an .xlsx file.
func (w *Workbook) Write(out io.Writer) error {
	z := zip.NewWriter(out)
	strs := &sharedStrings{index: map[string]int{}}
	parts := []struct {
		name string
		fn   func(*bufio.Writer)
	}{
		{"[Content_Types].xml", w.contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/app.xml", appProps},
		{"docProps/core.xml", w.coreProps},
		{"xl/workbook.xml", w.workbook},
		{"xl/_rels/workbook.xml.rels", w.workbookRels},
		{"xl/styles.xml", w.stylesheet},
	}
	for i, s := range w.sheets {
		parts = append(parts, struct {
			name string
			fn   func(*bufio.Writer)
		}{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), func(b *bufio.Writer) { s.write(b, i == 0, strs) }})
	}
	// The shared strings come last: the sheets fill them in.
	parts = append(parts, struct {
		name string
		fn   func(*bufio.Writer)
	}{"xl/sharedStrings.xml", strs.write})
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		b := bufio.NewWriter(f)
		b.WriteString(xml.Header)
		p.fn(b)
		if err := b.Flush(); err != nil {
			return err
		}
	}
	return z.Close()
}

const (
	nsMain  = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg   = "http://schemas.openxmlformats.org/package/2006/relationships"
	ctSheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
)

func (w *Workbook) contentTypes(b *bufio.Writer) {
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	for i := range w.sheets {
		fmt.Fprintf(b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="%s"/>`, i+1, ctSheet)
	}
	b.WriteString(`</Types>`)
}

func rootRels(b *bufio.Writer) {
	b.WriteString(`<Relationships xmlns="` + nsPkg + `">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
		`</Relationships>`)
}

func appProps(b *bufio.Writer) {
	b.WriteString(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>assay</Application></Properties>`)
}

func (w *Workbook) coreProps(b *bufio.Writer) {
	p := w.Props
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, e := range [][2]string{{"dc:title", p.Title}, {"dc:subject", p.Subject}, {"dc:creator", p.Creator},
		{"dc:description", p.Description}, {"cp:lastModifiedBy", p.LastModifiedBy}} {
		if e[1] != "" {
			fmt.Fprintf(b, "<%s>%s</%s>", e[0], escText(e[1]), e[0])
		}
	}
	for _, e := range []struct {
		name string
		t    time.Time
	}{{"dcterms:created", p.Created}, {"dcterms:modified", p.Modified}} {
		if !e.t.IsZero() {
			fmt.Fprintf(b, `<%s xsi:type="dcterms:W3CDTF">%s</%s>`, e.name, e.t.UTC().Format("2006-01-02T15:04:05Z"), e.name)
		}
	}
	b.WriteString(`</cp:coreProperties>`)
}

func (w *Workbook) workbook(b *bufio.Writer) {
	b.WriteString(`<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
		`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for i, s := range w.sheets {
		fmt.Fprintf(b, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escAttr(s.Name), i+1, i+1)
	}
	b.WriteString(`</sheets>`)
	defined := false
	for i, s := range w.sheets {
		if s.filter == "" {
			continue
		}
		if !defined {
			b.WriteString(`<definedNames>`)
			defined = true
		}
		from, to, _ := strings.Cut(s.filter, ":")
		fmt.Fprintf(b, `<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">%s!%s:%s</definedName>`,
			i, escText("'"+strings.ReplaceAll(s.Name, "'", "''")+"'"), absolute(from), absolute(to))
	}
	if defined {
		b.WriteString(`</definedNames>`)
	}
	b.WriteString(`</workbook>`)
}

// absolute turns B7 into $B$7.
func absolute(ref string) string {
	i := strings.IndexAny(ref, "0123456789")
	return "$" + ref[:i] + "$" + ref[i:]
}

func (w *Workbook) workbookRels(b *bufio.Writer) {
	b.WriteString(`<Relationships xmlns="` + nsPkg + `">`)
	for i := range w.sheets {
		fmt.Fprintf(b, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, nsRel, i+1)
	}
	n := len(w.sheets)
	fmt.Fprintf(b, `<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/>`, n+1, nsRel)
	fmt.Fprintf(b, `<Relationship Id="rId%d" Type="%s/sharedStrings" Target="sharedStrings.xml"/>`, n+2, nsRel)
	b.WriteString(`</Relationships>`)
}

func (s *Sheet) write(b *bufio.Writer, active bool, strs *sharedStrings) {
	b.WriteString(`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	tab := ""
	if active {
		tab = ` tabSelected="1"`
	}
	fmt.Fprintf(b, `<sheetViews><sheetView%s workbookViewId="0">`, tab)
	if s.freeze {
		b.WriteString(`<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
			`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>`)
	}
	b.WriteString(`</sheetView></sheetViews>`)
	cols := slices.Sorted(maps.Keys(s.widths))
	for c := range s.hidden {
		if _, ok := s.widths[c]; !ok {
			cols = append(cols, c)
		}
	}
	slices.Sort(cols)
	if len(cols) > 0 {
		b.WriteString(`<cols>`)
		for _, c := range cols {
			fmt.Fprintf(b, `<col min="%d" max="%d"`, c, c)
			if w, ok := s.widths[c]; ok {
				fmt.Fprintf(b, ` width="%s" customWidth="1"`, strconv.FormatFloat(w, 'f', -1, 64))
			}
			if s.hidden[c] {
				b.WriteString(` hidden="1"`)
			}
			b.WriteString(`/>`)
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
	for _, r := range slices.Sorted(maps.Keys(s.rows)) {
		fmt.Fprintf(b, `<row r="%d">`, r)
		row := s.rows[r]
		for _, c := range slices.Sorted(maps.Keys(row)) {
			v := row[c]
			fmt.Fprintf(b, `<c r="%s"`, CellName(c, r))
			if v.style > 0 {
				fmt.Fprintf(b, ` s="%d"`, v.style)
			}
			switch {
			case v.number:
				fmt.Fprintf(b, `><v>%s</v></c>`, escText(v.value))
			case v.value != "":
				fmt.Fprintf(b, ` t="s"><v>%d</v></c>`, strs.add(v.value))
			default:
				b.WriteString(`/>`)
			}
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData>`)
	if s.filter != "" {
		fmt.Fprintf(b, `<autoFilter ref="%s"/>`, s.filter)
	}
	if len(s.validations) > 0 {
		fmt.Fprintf(b, `<dataValidations count="%d">`, len(s.validations))
		for _, v := range s.validations {
			fmt.Fprintf(b, `<dataValidation type="%s" errorStyle="stop"`, escAttr(v.Type))
			if v.Operator != "" {
				fmt.Fprintf(b, ` operator="%s"`, escAttr(v.Operator))
			}
			fmt.Fprintf(b, ` allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="%s" error="%s" promptTitle="%s" prompt="%s" sqref="%s"><formula1>%s</formula1></dataValidation>`,
				escAttr(v.ErrorTitle), escAttr(v.Error), escAttr(v.PromptTitle), escAttr(v.Prompt), escAttr(v.Sqref), escText(v.Formula1))
		}
		b.WriteString(`</dataValidations>`)
	}
	b.WriteString(`</worksheet>`)
}

// sharedStrings is the workbook's table of text, each text once.
type sharedStrings struct {
	list  []string
	index map[string]int
}

func (s *sharedStrings) add(v string) int {
	i, ok := s.index[v]
	if !ok {
		i = len(s.list)
		s.index[v] = i
		s.list = append(s.list, v)
	}
	return i
}

func (s *sharedStrings) write(b *bufio.Writer) {
	fmt.Fprintf(b, `<sst xmlns="%s" count="%d" uniqueCount="%d">`, nsMain, len(s.list), len(s.list))
	for _, v := range s.list {
		fmt.Fprintf(b, `<si><t xml:space="preserve">%s</t></si>`, escText(escapeUnderscores(v)))
	}
	b.WriteString(`</sst>`)
}

// escapeUnderscores keeps text that looks like an escaped character
// (_x000D_, which a spreadsheet reads as a carriage return) as written: its
// underscore becomes _x005F_.
func escapeUnderscores(s string) string {
	if !strings.Contains(s, "_x") && !strings.Contains(s, "_X") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if _, ok := escapeAt(s, i); ok {
			b.WriteString("_x005F")
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escapeAt reads an escaped character _xHHHH_ at s[i:].
func escapeAt(s string, i int) (rune, bool) {
	if i+7 > len(s) || s[i] != '_' || s[i+1]|0x20 != 'x' || s[i+6] != '_' {
		return 0, false
	}
	n, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
	return rune(n), err == nil
}

// escText is text escaped for XML content: characters XML cannot hold
// become U+FFFD; quotes stay as they are, for readers that take a formula's
// text raw.
func escText(s string) string { return escape(s, false) }

// escAttr is text escaped for an attribute value, line breaks and tabs as
// references (else a reader would turn them into spaces).
func escAttr(s string) string { return escape(s, true) }

func escape(s string, attr bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\r' || attr && (r == '\n' || r == '\t'):
			fmt.Fprintf(&b, "&#%d;", r)
		case r < 0x20 && r != '\n' && r != '\t' || r == 0xFFFE || r == 0xFFFF:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
