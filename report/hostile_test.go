package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile text a workshop participant could type or paste: a screen clear, a
// window title, a C1 CSI, a bidi override, NUL, DEL and a stray byte.
const hostile = "clear\x1b[2J\x1b[H title\x1b]0;owned\x07 c1\u009b31m bidi\u202etxet\u202c nul\x00 del\x7f bad\xff"

func hostileData() Data {
	d := fixture()
	d.Assessment.Name = "Acme " + hostile
	d.Assessment.Organisation = hostile
	for i := range d.Answers {
		d.Answers[i].Note = hostile + "\nsecond line"
	}
	return d
}

// inertOutput fails when the output holds any byte that could act on a
// terminal: every control character but the line feed, DEL, C1 controls,
// bidi controls and invalid UTF-8.
func inertOutput(t *testing.T, format, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s: invalid UTF-8 in the output", format)
	}
	for i, r := range out {
		if r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' || r == '\u202c' {
			t.Errorf("%s: raw control %U at byte %d: %q", format, r, i, out[max(0, i-20):min(len(out), i+20)])
			return
		}
	}
	if !strings.Contains(out, "clear�[2J�[H title�]0;owned�") {
		t.Errorf("%s: the hostile text is not shown inert", format)
	}
}

func TestReportsShowHostileTextInert(t *testing.T) {
	for _, format := range []string{"md", "csv"} {
		var b bytes.Buffer
		if err := Write(&b, format, hostileData()); err != nil {
			t.Fatal(err)
		}
		inertOutput(t, format, b.String())
	}
	var b bytes.Buffer
	if err := Text(&b, hostileData()); err != nil {
		t.Fatal(err)
	}
	inertOutput(t, "show", b.String())
}

func TestJSONKeepsHostileTextExactly(t *testing.T) {
	var b bytes.Buffer
	d := hostileData()
	if err := Write(&b, "json", d); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\x07\x00\x7f") {
		t.Error("JSON holds raw control characters; they must be escaped")
	}
	var doc struct {
		Assessment struct{ Name string }
		Answers    []struct{ Note string }
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	// encoding/json turns the one invalid byte into U+FFFD; everything else
	// comes back exactly as typed.
	want := strings.ToValidUTF8(hostile, "\uFFFD")
	if doc.Assessment.Name != "Acme "+want || doc.Answers[0].Note != want+"\nsecond line" {
		t.Errorf("JSON changed the text:\nname %q\nnote %q", doc.Assessment.Name, doc.Answers[0].Note)
	}
}
