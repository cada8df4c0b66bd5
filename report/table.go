package report

import (
	"bytes"
	"io"
	"strings"

	"github.com/assaytui/assay/tui/cells"
)

// table lines up tab-separated cells in columns, like text/tabwriter with two
// spaces of padding, but measures each cell in terminal cells rather than in
// runes, so a name in Chinese or with emoji does not push its row out of line.
// As with tabwriter, a cell ends at a tab; the text after a line's last tab is
// not part of a column; and a column spans only the consecutive lines that
// have it.
type table struct {
	w   io.Writer
	buf bytes.Buffer
}

func newTable(w io.Writer) *table { return &table{w: w} }

func (t *table) Write(p []byte) (int, error) { return t.buf.Write(p) }

// Flush writes what was written so far, aligned.
func (t *table) Flush() error {
	text := t.buf.String()
	t.buf.Reset()
	if text == "" {
		return nil
	}
	text, end := strings.CutSuffix(text, "\n")
	var lines [][]string
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, strings.Split(l, "\t"))
	}
	var out bytes.Buffer
	layout(&out, lines, nil)
	if !end {
		out.Truncate(out.Len() - 1)
	}
	_, err := t.w.Write(out.Bytes())
	return err
}

// layout writes lines whose first len(widths) columns have those widths,
// finding the width of the next column block by block (the algorithm of
// text/tabwriter's format).
func layout(out *bytes.Buffer, lines [][]string, widths []int) {
	col := len(widths)
	start := 0
	for i := 0; i < len(lines); i++ {
		if col >= len(lines[i])-1 {
			continue
		}
		// A block of lines that all have a cell in this column.
		write(out, lines[start:i], widths)
		start = i
		width := 0
		for ; i < len(lines) && col < len(lines[i])-1; i++ {
			width = max(width, cells.Width(lines[i][col])+2)
		}
		layout(out, lines[start:i], append(widths, width))
		start = i
		i--
	}
	write(out, lines[start:], widths)
}

func write(out *bytes.Buffer, lines [][]string, widths []int) {
	for _, line := range lines {
		for j, c := range line {
			out.WriteString(c)
			if j < len(widths) && j < len(line)-1 {
				out.WriteString(strings.Repeat(" ", widths[j]-cells.Width(c)))
			}
		}
		out.WriteByte('\n')
	}
}
