package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/assaytui/assay/tui/cells"
)

// On ASCII the table writes exactly what text/tabwriter does, block
// structure included.
func TestTableMatchesTabwriterOnASCII(t *testing.T) {
	inputs := []string{
		"ID\tNAME\tDONE\nab\tFY2026\t3%\nabcdef\tx\t100%\n",
		"a\tb\n\nlonger cell\tc\nno tabs here\nx\ty\tz\n",
		"head\n  1\tone\t1.0\n  2\ttwo two\t\n\ttail only\n",
		"no newline at end\tcell",
		"",
	}
	for _, in := range inputs {
		var want, got bytes.Buffer
		tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', 0)
		fmt.Fprint(tw, in)
		tw.Flush()
		tb := newTable(&got)
		fmt.Fprint(tb, in)
		tb.Flush()
		if got.String() != want.String() {
			t.Errorf("input %q:\ngot  %q\nwant %q", in, got.String(), want.String())
		}
	}
}

// Wide characters take two cells; the next column still starts at one place.
func TestTableAlignsWideText(t *testing.T) {
	rows := [][3]string{{"ID", "NAME", "ORG"}, {"a1", "年度評估", "Acme"}, {"b2", "FY2026 👍", "Bank"}, {"c3", "plain", "銀行"}}
	var b bytes.Buffer
	tb := newTable(&b)
	for _, r := range rows {
		fmt.Fprintf(tb, "%s\t%s\t%s\n", r[0], r[1], r[2])
	}
	tb.Flush()
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	for i, l := range lines {
		at := cells.Width(l[:strings.LastIndex(l, rows[i][2])])
		if want := cells.Width("FY2026 👍") + 2 + 4; at != want {
			t.Errorf("line %d: ORG starts at cell %d, want %d:\n%s", i, at, want, b.String())
		}
	}
}
