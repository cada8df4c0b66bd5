package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/assaytui/assay/model"
)

// withRetired is the fixture with question 2.1.q4 retired (split into 2.1.q2
// and 2.1.q3), and, when answered, an answer given to it before.
func withRetired(answered bool) Data {
	d := fixture()
	f, _ := d.Catalog.Framework("demo-baseline")
	s, _ := f.Section("2.1")
	s.Questions = append(s.Questions, &model.Question{ID: "2.1.q4", Title: "Access logs and reviews",
		Retired: true, RetiredIn: 2, ReplacedBy: []string{"2.1.q2", "2.1.q3"}})
	f.Index()
	if answered {
		d.Answers = append(d.Answers, model.Answer{Framework: "demo-baseline", QuestionID: "2.1.q4", Level: 0, Note: "answered before the split"})
	}
	return d
}

// An answer given to a question that has since been retired is exported with
// its question and what replaced it, and counts in no score.
func TestRetiredQuestionsAnswersAreExported(t *testing.T) {
	before := newView(withRetired(false)).summary.Scores[0]
	d := withRetired(true)
	after := newView(d).summary.Scores[0]
	if before.Maturity != after.Maturity || before.Total != after.Total || before.Answered() != after.Answered() {
		t.Errorf("a retired answer moved the figures: %+v -> %+v", before.Score, after.Score)
	}

	var b bytes.Buffer
	if err := CSV(&b, d); err != nil {
		t.Fatal(err)
	}
	recs, _ := csv.NewReader(&b).ReadAll()
	var found []string
	for _, r := range recs {
		if r[1] == "2.1.q4" {
			found = r
		}
	}
	if found == nil || found[3] != "Access logs and reviews [retired: now asked by 2.1.q2, 2.1.q3]" || found[4] != "0" || found[6] != "answered before the split" {
		t.Errorf("csv row for the retired question: %q", found)
	}

	b.Reset()
	if err := Markdown(&b, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "| 2.1.q4 | Access logs and reviews [retired: now asked by 2.1.q2, 2.1.q3] | 0 | answered before the split |") {
		t.Errorf("markdown lacks the retired answer:\n%s", b.String())
	}

	b.Reset()
	if err := JSON(&b, d); err != nil {
		t.Fatal(err)
	}
	var doc struct{ Answers []jsonAnswer }
	json.Unmarshal(b.Bytes(), &doc)
	var ja *jsonAnswer
	for i := range doc.Answers {
		if doc.Answers[i].QuestionID == "2.1.q4" {
			ja = &doc.Answers[i]
		}
	}
	if ja == nil || ja.Removed || !ja.Retired || ja.Ref != "2.1" || !strings.Contains(ja.Title, "[retired: now asked by 2.1.q2, 2.1.q3]") {
		t.Errorf("json answer for the retired question: %+v", ja)
	}
	for _, a := range doc.Answers {
		if a.Retired && a.QuestionID != "2.1.q4" {
			t.Errorf("%s is marked retired", a.QuestionID)
		}
	}

	// HTML: in the appendix, a part of its own after the clauses, with what
	// asks it now (by ID and title); never among the questions asked.
	html := renderHTML(t, d)
	part := strings.Index(html, "Answers to retired questions (kept, counted in no figure)")
	at := strings.Index(html, ">2.1.q4<")
	if part < 0 || at < part {
		t.Fatalf("html: the retired answer is not in its own part (part at %d, answer at %d)", part, at)
	}
	for _, want := range []string{"Retired in content revision 2; now asked by 2.1.q2 (Access reviews), 2.1.q3", "answered before the split"} {
		if !strings.Contains(html[part:], want) {
			t.Errorf("html: the retired part lacks %q", want)
		}
	}
	if strings.Count(html, ">2.1.q4<") != 1 {
		t.Errorf("html shows 2.1.q4 %d times", strings.Count(html, ">2.1.q4<"))
	}
}

// In the workbook a retired question's row is greyed and marked, its Level
// has no drop-down, and its cells refuse a new value with what to rate
// instead; the rows to fill in keep their drop-down.
func TestWorkbookRetiredRows(t *testing.T) {
	x := openXLSX(t, exportXLSX(t, withRetired(true)))
	rows, _ := x.GetRows(SheetAnswers)
	at := 0
	for i, r := range rows {
		if len(r) > 1 && r[1] == "2.1.q4" {
			at = i + 1
		}
	}
	if at == 0 {
		t.Fatal("no row for the retired question")
	}
	if title := rows[at-1][3]; !strings.Contains(title, "[retired: now asked by 2.1.q2, 2.1.q3]") {
		t.Errorf("title %q does not mark it retired", title)
	}
	dvs, _ := x.GetDataValidations(SheetAnswers)
	var refused bool
	for _, dv := range dvs {
		covers := false
		for _, r := range strings.Fields(dv.Sqref) {
			from, to, _ := strings.Cut(r, ":")
			_, r1, _ := excelize.CellNameToCoordinates(from)
			_, r2, _ := excelize.CellNameToCoordinates(to)
			covers = covers || r1 <= at && at <= r2
		}
		switch {
		case dv.Type == "list" && covers:
			t.Errorf("the retired row is offered %s (%s)", dv.Formula1, dv.Sqref)
		case dv.Type == "list" && !covers && !strings.Contains(dv.Sqref, "F2:") && !strings.Contains(dv.Sqref, "I2:"):
			t.Errorf("the drop-down %s does not start at row 2: %s", dv.Formula1, dv.Sqref)
		case dv.Type == "textLength" && covers:
			refused = dv.Sqref == fmt.Sprintf("F%d:I%d", at, at) && dv.Error != nil &&
				strings.Contains(*dv.Error, "2.1.q4 is no longer asked: rate 2.1.q2, 2.1.q3 instead")
		}
	}
	if !refused {
		t.Errorf("the retired row's cells do not refuse a value: %+v", dvs)
	}
	style, _ := x.GetCellStyle(SheetAnswers, fmt.Sprintf("F%d", at))
	if st, _ := x.GetStyle(style); st == nil || st.Font == nil || !st.Font.Italic {
		t.Errorf("the retired row is not greyed and italic: %+v", st)
	}
}

// An assessment read from a bundle starts at the content revision loaded
// here: the bundle does not say which one its author saw.
func TestBundleAssessmentStartsAtLoadedRevision(t *testing.T) {
	d := bundleFixture()
	data := exportBundle(t, d)
	f, _ := d.Catalog.Framework(d.Assessment.Frameworks[0].ID)
	f.Revision = 3
	b, err := ReadBundle("ws.json", data, d.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Assessment.Frameworks[0].ContentRevision; got != 3 {
		t.Errorf("content revision %d, want 3", got)
	}
}
