package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
)

// demoFramework mirrors questionnaires/testdata/valid/demo.yaml, with one more
// questions (2.1.q2, 2.1.q3) so that two top-level sections have a maturity:
//
//	1 Governance
//	  1.1 Ownership   1.1.q1 (no title: the section's), 1.1.q2 (weight 2)
//	  1.2 Policy      1.2.q1
//	2 Operations
//	  2.1 Access      2.1.q1, 2.1.q2, 2.1.q3
//	A Annex A         A.q1
func demoFramework() *model.Framework {
	f := &model.Framework{
		ID: "demo-baseline", Title: "Demo Security Baseline", Short: "Demo", Version: "1.0",
		Sections: []*model.Section{
			{Ref: "1", Title: "Governance", Sections: []*model.Section{
				{Ref: "1.1", Title: "Ownership", Questions: []*model.Question{
					{ID: "1.1.q1"},
					{ID: "1.1.q2", Title: "Ownership — deputies", Weight: 2},
				}},
				{Ref: "1.2", Title: "Policy", Questions: []*model.Question{{ID: "1.2.q1", Title: "Policy"}}},
			}},
			{Ref: "2", Title: "Operations", Sections: []*model.Section{
				{Ref: "2.1", Title: "Access", Questions: []*model.Question{
					{ID: "2.1.q1", Title: "Access"},
					{ID: "2.1.q2", Title: "Access reviews"},
					{ID: "2.1.q3", Title: "Access logs"},
				}},
			}},
			{Ref: "A", Title: "Annex A: Optional extras", Optional: true, Questions: []*model.Question{{ID: "A.q1", Title: "Optional extras"}}},
		},
	}
	f.Index()
	return f
}

var sgt = time.FixedZone("SGT", 8*60*60)

const (
	formulaNote = "=SUM(A1)"
	csvNote     = "Deputy \"Sam\", trained\nsee handover notes"
	pipeNote    = "Group policy | not ours"
)

// fixture is an assessment of the demo framework (target 4, started on an older
// version) and of a framework that is not loaded, with hand-computed scores:
//
//	section 1: (1*2 + 2*4) / 3 = 3.333  (1.2.q1 is N/A)  completion 3/3  gap 0.667
//	section 2: 1        (2.1.q1 note only, 2.1.q3 no row) completion 1/3  gap 3
//	section A: none                                      completion 0/1
//	framework: (3.333 + 1) / 2 = 2.167  completion 4/7 = 0.571  gap 1.833
func fixture() Data {
	c, err := model.NewCatalog(demoFramework())
	if err != nil {
		panic(err)
	}
	at := func(day int) time.Time { return time.Date(2025, 3, day, 9, 30, 0, 0, sgt) }
	ans := func(fw, id string, l model.Level, note string, flagged bool, day int) model.Answer {
		return model.Answer{Framework: fw, QuestionID: id, Level: l, Note: note, Flagged: flagged, UpdatedAt: at(day)}
	}
	answers := []model.Answer{
		// Deliberately out of order: the export sorts them.
		ans("zz-old", "1.q1", 5, "framework no longer in the assessment", false, 1),
		ans("gone", "5.1.q10", model.NotApplicable, "not our business", false, 2),
		ans("demo-baseline", "1.3.q10", 0, "", false, 2),
		ans("demo-baseline", "2.1.q2", 1, "", false, 3),
		ans("demo-baseline", "1.3.q2", 3, "old question", false, 2),
		ans("demo-baseline", "2.1.q1", model.Unanswered, "check leaver list", true, 4),
		ans("demo-baseline", "1.2.q1", model.NotApplicable, pipeNote, false, 5),
		ans("demo-baseline", "1.1.q2", 4, csvNote, true, 6),
		ans("demo-baseline", "1.1.q1", 2, formulaNote, false, 7),
		ans("gone", "5.1.q2", 3, "", false, 2),
	}
	answers[3].UpdatedAt = answers[3].UpdatedAt.Add(123456789 * time.Nanosecond) // sub-seconds must survive
	return Data{
		Assessment: model.Assessment{
			ID: "a1b2c3", Name: "Acme 2025 baseline", Organisation: "Acme Pte Ltd", Assessor: "Jo Tan",
			Target: 4,
			Frameworks: []model.AssessedFramework{
				{ID: "demo-baseline", Version: "0.9", Position: "2.1.q1"},
				{ID: "gone", Version: "2021", Position: ""},
			},
			ResumeFramework: "demo-baseline",
			CreatedAt:       at(1),
			UpdatedAt:       at(7),
		},
		Answers: answers,
		// One action on a gap, one on a question without a gap (A.q1 is not rated).
		Actions: []model.Action{
			{Framework: "demo-baseline", QuestionID: "2.1.q2", Text: "Review access quarterly", Owner: "Sam Lee", Due: "2025-06-30",
				Status: model.ActionDoing, UpdatedAt: at(7), UpdatedBy: "jo", Revision: "r2"},
			{Framework: "demo-baseline", QuestionID: "A.q1", Text: "Decide whether annex A applies", Status: model.ActionOpen,
				UpdatedAt: at(6), UpdatedBy: "jo", Revision: "r1"},
		},
		Catalog:   c,
		Generated: time.Date(2025, 3, 8, 10, 0, 0, 0, time.UTC),
	}
}

func TestWriteDispatchesEveryFormat(t *testing.T) {
	direct := map[string]func(*bytes.Buffer, Data) error{
		"json": func(b *bytes.Buffer, d Data) error { return JSON(b, d) },
		"csv":  func(b *bytes.Buffer, d Data) error { return CSV(b, d) },
		"md":   func(b *bytes.Buffer, d Data) error { return Markdown(b, d) },
		"html": func(b *bytes.Buffer, d Data) error { return HTML(b, d) },
		"xlsx": func(b *bytes.Buffer, d Data) error { return XLSX(b, d) },
	}
	if got := strings.Join(Formats(), ","); got != "json,csv,md,html,xlsx" {
		t.Fatalf("Formats() = %s", got)
	}
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			var viaWrite, want bytes.Buffer
			if err := Write(&viaWrite, format, fixture()); err != nil {
				t.Fatal(err)
			}
			if err := direct[format](&want, fixture()); err != nil {
				t.Fatal(err)
			}
			if viaWrite.Len() == 0 || viaWrite.String() != want.String() {
				t.Errorf("Write(%q) differs from the format's own function", format)
			}
		})
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	for _, format := range []string{"xml", "", "JSON", "pdf"} {
		var b bytes.Buffer
		err := Write(&b, format, fixture())
		want := `unknown export format "` + format + `" (supported: ` + strings.Join(Formats(), ", ") + `)`
		if err == nil || err.Error() != want {
			t.Errorf("Write(%q) error = %v, want %s", format, err, want)
		}
		if b.Len() != 0 {
			t.Errorf("Write(%q) wrote %d bytes", format, b.Len())
		}
	}
}

// A frameworks-less catalog must not panic; every answer is still exported.
func TestNoCatalog(t *testing.T) {
	d := fixture()
	d.Catalog = nil
	for _, format := range Formats() {
		var b bytes.Buffer
		if err := Write(&b, format, d); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if format == "xlsx" {
			continue // a workbook to fill in holds only questions of loaded frameworks
		}
		if !strings.Contains(b.String(), "1.3.q10") || !strings.Contains(b.String(), "5.1.q2") {
			t.Errorf("%s without a catalog lost answers:\n%s", format, b.String())
		}
	}
}

func TestRefOf(t *testing.T) {
	for id, want := range map[string]string{
		"8.3.q1":    "8.3",
		"3.4.q12":   "3.4",
		"A.q1":      "A",
		"nonsense":  "nonsense",
		"1.quiz.q2": "1.quiz",
	} {
		if got := refOf(id); got != want {
			t.Errorf("refOf(%q) = %q, want %q", id, got, want)
		}
	}
}
