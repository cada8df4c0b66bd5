package xlsx

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// Rows reads a sheet's cells as text, row by row from row 1 and column A:
// rows[r-1][c-1]. Missing cells and rows are "" (a row may be shorter than
// others, or nil); a number is written as in General format, a boolean as
// TRUE or FALSE, a formula as its last computed value.
func (b *Book) Rows(sheet string) ([][]string, error) {
	part, ok := b.parts[sheet]
	if !ok {
		return nil, fmt.Errorf("xlsx: no sheet named %q", cut(sheet, 40))
	}
	var rows [][]string
	slots, row, col := 0, 0, 0 // cells held, counting gaps; where we are
	err := b.each(part, func(d *decoder, e xml.StartElement) error {
		switch e.Name.Local {
		case "row":
			row, col = row+1, 0
			if r := attr(e, "r"); r != "" {
				n, err := strconv.Atoi(r)
				if err != nil || n < 1 || n > MaxRow {
					return fmt.Errorf("xlsx: %s: bad row number %q", cut(sheet, 40), cut(r, 20))
				}
				row = n
			}
		case "c":
			col++
			if r := attr(e, "r"); r != "" {
				c, n, err := ParseCell(r)
				if err != nil {
					return fmt.Errorf("xlsx: %s: %w", cut(sheet, 40), err)
				}
				col, row = c, n
			}
			if row == 0 {
				return fmt.Errorf("xlsx: %s: a cell outside a row", cut(sheet, 40))
			}
			v, err := b.cell(d, e)
			if err != nil || v == "" {
				return err
			}
			grow := max(row-len(rows), 0)
			if row <= len(rows) {
				grow += max(col-len(rows[row-1]), 0)
			} else {
				grow += col
			}
			if slots += grow; slots > maxCells {
				return fmt.Errorf("xlsx: %s is %w (over %d cells)", cut(sheet, 40), ErrTooLarge, maxCells)
			}
			for len(rows) < row {
				rows = append(rows, nil)
			}
			if r := rows[row-1]; len(r) < col {
				rows[row-1] = append(r, make([]string, col-len(r))...)
			}
			rows[row-1][col-1] = v
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// cell reads a cell's content (the <c> start element already read) as text.
func (b *Book) cell(d *decoder, c xml.StartElement) (string, error) {
	var v, inline string
	for {
		tok, err := d.token()
		if err != nil {
			return "", err
		}
		if _, ok := tok.(xml.EndElement); ok {
			break // the cell's end: its parts were read whole below
		}
		e, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch e.Name.Local {
		case "v":
			v, err = d.chars()
		case "is":
			inline, err = text(d)
		default: // a formula (<f>) or an extension: its value is in <v>
			err = d.skip()
		}
		if err != nil {
			return "", err
		}
	}
	switch attr(c, "t") {
	case "s":
		if strings.TrimSpace(v) == "" {
			return "", nil
		}
		return b.sharedString(v)
	case "inlineStr":
		return inline, nil
	case "str", "e", "d":
		return v, nil
	case "b":
		switch strings.TrimSpace(v) {
		case "1":
			return "TRUE", nil
		case "0":
			return "FALSE", nil
		}
		return v, nil
	}
	if v == "" {
		return "", nil
	}
	return number(v), nil
}

// sharedString is the shared string numbered by v, reading the table the
// first time.
func (b *Book) sharedString(v string) (string, error) {
	if b.strs == nil && b.strsErr == nil {
		b.strs = []string{}
		if b.sst == "" {
			b.strsErr = fmt.Errorf("xlsx: a cell refers to shared strings the file does not have")
		} else {
			b.strsErr = b.each(b.sst, func(d *decoder, e xml.StartElement) error {
				if e.Name.Local != "si" {
					return nil
				}
				if len(b.strs) >= maxCells {
					return fmt.Errorf("xlsx: %s is %w (over %d strings)", cut(b.sst, 60), ErrTooLarge, maxCells)
				}
				s, err := text(d)
				b.strs = append(b.strs, s)
				return err
			})
		}
	}
	if b.strsErr != nil {
		return "", b.strsErr
	}
	i, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || i < 0 || i >= len(b.strs) {
		return "", fmt.Errorf("xlsx: no shared string %q", cut(v, 20))
	}
	return b.strs[i], nil
}
