package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

// An answer given to a question that has since been retired is exported with
// its question and what replaced it, and counts in no score.
func TestRetiredQuestionsAnswersAreExported(t *testing.T) {
	d := fixture()
	f, _ := d.Catalog.Framework("demo-baseline")
	s, _ := f.Section("2.1")
	s.Questions = append(s.Questions, &model.Question{ID: "2.1.q4", Title: "Access logs and reviews",
		Retired: true, RetiredIn: 2, ReplacedBy: []string{"2.1.q2", "2.1.q3"}})
	f.Index()
	before := newView(d).summary.Scores[0]
	d.Answers = append(d.Answers, model.Answer{Framework: "demo-baseline", QuestionID: "2.1.q4", Level: 0, Note: "answered before the split"})
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
	if ja == nil || ja.Removed || ja.Ref != "2.1" || !strings.Contains(ja.Title, "[retired: now asked by 2.1.q2, 2.1.q3]") {
		t.Errorf("json answer for the retired question: %+v", ja)
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
