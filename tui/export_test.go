package tui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
)

// The export key on the home list writes the HTML report and the XLSX
// workbook with what the assessment holds: answers in both frameworks, a
// section's own target and an action (issue 15: export from the app).
func TestHomeExportsHTMLAndWorkbook(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Board pack 2026")
	ctx := context.Background()
	for _, s := range []struct {
		fw, q string
		l     model.Level
	}{{iso, "8.1.q1", 1}, {mas, "3.1.q1", 2}} {
		if _, err := st.Save(ctx, a.ID, s.fw, s.q, model.SetLevel(s.l), "ann"); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetTarget(ctx, a.ID, model.TargetOverride{Framework: iso, Section: "8", Level: 5}, "ann"); err != nil {
		t.Fatal(err)
	}
	text, owner := "Map operational controls to risks", "Cy Ng"
	if _, err := st.SaveAction(ctx, a.ID, iso, "8.1.q1", model.ActionChange{Text: &text, Owner: &owner}, "ann"); err != nil {
		t.Fatal(err)
	}

	m := newTest(t, st, "", 80, 24)
	dir := t.TempDir()
	m.c.dbPath = filepath.Join(dir, "assay.db")
	m = press(t, m, "e", "tab", "enter") // md → html
	page, err := os.ReadFile(filepath.Join(dir, "board-pack-2026.html"))
	if err != nil {
		t.Fatalf("no HTML report: %v\n%s", err, shot(m))
	}
	for _, want := range []string{"Board pack 2026", "<svg", `id="plan"`, text, owner, "ISO 28000 clause 8: 5"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the app's HTML report lacks %q", want)
		}
	}

	m = press(t, m, "e", "tab", "tab", "enter") // md → html → xlsx
	data, err := os.ReadFile(filepath.Join(dir, "board-pack-2026.xlsx"))
	if err != nil {
		t.Fatalf("no workbook: %v\n%s", err, shot(m))
	}
	wb, err := report.ReadWorkbook("board-pack-2026.xlsx", bytes.NewReader(data), testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	if wb.AssessmentID != a.ID || len(wb.Answers) != asked(t, iso)+asked(t, mas) {
		t.Errorf("the app's workbook is for %q with %d rows", wb.AssessmentID, len(wb.Answers))
	}
}
