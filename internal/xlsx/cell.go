// Package xlsx writes and reads the small part of SpreadsheetML (Office Open
// XML workbooks, .xlsx) that assay's export and import use, with nothing but
// archive/zip and encoding/xml: linking a full spreadsheet library cost every
// assay process about 8 ms of start-up for a feature few runs use.
package xlsx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/assaytui/assay/internal/textsafe"
)

// Excel's limits: the last column (XFD) and the last row.
const (
	MaxCol = 16384
	MaxRow = 1048576
)

// ColName is a column's letters: 1 is A, 27 is AA.
func ColName(col int) string {
	var b []byte
	for ; col > 0; col = (col - 1) / 26 {
		b = append(b, byte('A'+(col-1)%26))
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// CellName is a cell's reference: (2, 7) is B7.
func CellName(col, row int) string { return ColName(col) + strconv.Itoa(row) }

// ParseCell reads a reference such as B7 (or $B$7) into column and row.
func ParseCell(ref string) (col, row int, err error) {
	s := strings.ReplaceAll(ref, "$", "")
	i := 0
	for ; i < len(s) && i < 4; i++ {
		c := s[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	row, err = strconv.Atoi(s[i:])
	if i == 0 || err != nil || col > MaxCol || row < 1 || row > MaxRow || s[i] == '+' || s[i] == '-' {
		return 0, 0, fmt.Errorf("xlsx: bad cell reference %q", cut(ref, 20))
	}
	return col, row, nil
}

// cut makes text from a file fit to quote in an error: one line, at most
// n characters.
func cut(s string, n int) string {
	if r := []rune(textsafe.Clean(s, false)); len(r) > n {
		return string(r[:n]) + "…"
	}
	return textsafe.Clean(s, false)
}
