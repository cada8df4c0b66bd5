package xlsx

import (
	"bufio"
	"fmt"
	"slices"
)

// Style is how a cell looks. Colours are RRGGBB; NumFmt is a built-in number
// format (2 is 0.00, 9 is 0%); VAlign is "top", "center" or "bottom".
type Style struct {
	Bold, Italic, Wrap bool
	Size               float64 // points; 0 is the default, 11
	Color, Fill        string
	NumFmt             int
	VAlign             string
}

// AddStyle adds a cell style and returns its number for SetStyle.
func (w *Workbook) AddStyle(s Style) int {
	w.styles = append(w.styles, s)
	return len(w.styles) - 1
}

// stylesheet writes xl/styles.xml: a font and a fill per style (shared when
// equal), and a cell format per style, numbered as AddStyle returned.
func (w *Workbook) stylesheet(b *bufio.Writer) {
	type font struct {
		bold, italic bool
		size         float64
		color        string
	}
	var fonts []font
	fills := []string{"none", "gray125"} // the two fills every workbook starts with
	fontOf := make([]int, len(w.styles))
	fillOf := make([]int, len(w.styles))
	for i, s := range w.styles {
		f := font{s.Bold, s.Italic, s.Size, s.Color}
		if f.size == 0 {
			f.size = 11
		}
		if fontOf[i] = slices.Index(fonts, f); fontOf[i] < 0 {
			fontOf[i] = len(fonts)
			fonts = append(fonts, f)
		}
		if s.Fill != "" {
			if fillOf[i] = slices.Index(fills, s.Fill); fillOf[i] < 0 {
				fillOf[i] = len(fills)
				fills = append(fills, s.Fill)
			}
		}
	}
	b.WriteString(`<styleSheet xmlns="` + nsMain + `">`)
	fmt.Fprintf(b, `<fonts count="%d">`, len(fonts))
	for _, f := range fonts {
		b.WriteString(`<font>`)
		if f.bold {
			b.WriteString(`<b/>`)
		}
		if f.italic {
			b.WriteString(`<i/>`)
		}
		fmt.Fprintf(b, `<sz val="%g"/>`, f.size)
		if f.color != "" {
			fmt.Fprintf(b, `<color rgb="FF%s"/>`, escAttr(f.color))
		}
		b.WriteString(`<name val="Calibri"/><family val="2"/></font>`)
	}
	fmt.Fprintf(b, `</fonts><fills count="%d">`, len(fills))
	for i, f := range fills {
		if i < 2 {
			fmt.Fprintf(b, `<fill><patternFill patternType="%s"/></fill>`, f)
			continue
		}
		fmt.Fprintf(b, `<fill><patternFill patternType="solid"><fgColor rgb="FF%s"/></patternFill></fill>`, escAttr(f))
	}
	b.WriteString(`</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	fmt.Fprintf(b, `<cellXfs count="%d">`, len(w.styles))
	for i, s := range w.styles {
		fmt.Fprintf(b, `<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="0" xfId="0"`, s.NumFmt, fontOf[i], fillOf[i])
		if s.NumFmt != 0 {
			b.WriteString(` applyNumberFormat="1"`)
		}
		if fontOf[i] != 0 {
			b.WriteString(` applyFont="1"`)
		}
		if fillOf[i] != 0 {
			b.WriteString(` applyFill="1"`)
		}
		if s.VAlign == "" && !s.Wrap {
			b.WriteString(`/>`)
			continue
		}
		b.WriteString(` applyAlignment="1"><alignment`)
		if s.VAlign != "" {
			fmt.Fprintf(b, ` vertical="%s"`, escAttr(s.VAlign))
		}
		if s.Wrap {
			b.WriteString(` wrapText="1"`)
		}
		b.WriteString(`/></xf>`)
	}
	b.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
}
