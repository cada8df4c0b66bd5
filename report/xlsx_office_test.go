package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/assaytui/assay/model"
)

// soffice converts a file with headless LibreOffice into dir, with a
// throwaway profile, and returns the path of the result.
func soffice(t *testing.T, in, to, dir string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := "file://" + t.TempDir()
	cmd := exec.CommandContext(ctx, "soffice", "--headless", "--norestore", "--nologo", "-env:UserInstallation="+profile,
		"--convert-to", to, "--outdir", dir, in)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice --convert-to %s: %v\n%s", to, err, out)
	}
	ext := to
	if i := bytes.IndexByte([]byte(to), ':'); i >= 0 {
		ext = to[:i]
	}
	got := filepath.Join(dir, trimExt(filepath.Base(in))+"."+ext)
	if st, err := os.Stat(got); err != nil || st.Size() == 0 {
		t.Fatalf("soffice wrote no %s: %v\n%s", got, err, out)
	}
	return got
}

func trimExt(s string) string { return s[:len(s)-len(filepath.Ext(s))] }

// LibreOffice opens the workbook and converts it without error; a workbook
// that LibreOffice saved again (a second writer), with cells changed first,
// reads back with every answer and every change.
func TestWorkbookInLibreOffice(t *testing.T) {
	needTools(t, "soffice")
	d := realData(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "fy2026.xlsx")

	// Someone fills in two cells before LibreOffice saves the workbook again.
	f, err := excelize.OpenReader(bytes.NewReader(exportXLSX(t, d)))
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellInt("Answers", "F2", 5)
	f.SetCellStr("Answers", "H2", "Seen in the field: ✓ «ok»")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()

	ods := soffice(t, path, "ods", filepath.Join(dir, "ods"))
	keep(t, ods)
	resaved := soffice(t, path, "xlsx:Calc MS Excel 2007 XML", filepath.Join(dir, "again"))
	keep(t, resaved)

	data, err := os.ReadFile(resaved)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := ReadWorkbook(filepath.Base(resaved), bytes.NewReader(data), d.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	if wb.AssessmentID != d.Assessment.ID || len(wb.Answers) != questionCount(d) {
		t.Fatalf("read back %q with %d rows", wb.AssessmentID, len(wb.Answers))
	}
	stored := model.NewAnswers(d.Answers)
	for _, got := range wb.Answers {
		want := stored.Get(got.Framework, got.QuestionID)
		if got.Row == 2 {
			want.Level, want.Note = 5, "Seen in the field: ✓ «ok»"
		}
		if got.Level != want.Level || got.Note != CellText(want.Note) || got.Flagged != want.Flagged || got.Base != want.Revision {
			t.Errorf("row %d %s:%s came back %v %q %v, want %v %q %v", got.Row, got.Framework, got.QuestionID,
				got.Level, got.Note, got.Flagged, want.Level, CellText(want.Note), want.Flagged)
		}
	}
	// The sheets, the drop-down and the hidden revisions survive LibreOffice.
	back, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if got := back.GetSheetList(); len(got) != 5 || got[4] != "Action plan" {
		t.Errorf("sheets after LibreOffice: %q", got)
	}
	if dvs, _ := back.GetDataValidations("Answers"); len(dvs) == 0 {
		t.Error("LibreOffice dropped the Level drop-down")
	}
}
