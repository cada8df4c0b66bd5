package report

import (
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

// withCrosswalk adds a second framework "other" (sections G and K, one question
// each) and a crosswalk to the fixture, and takes "other" into the assessment.
func withCrosswalk(t *testing.T) Data {
	t.Helper()
	d := fixture()
	other := &model.Framework{ID: "other", Short: "Other", Profile: map[string]string{"scope": "Keys | locks"},
		Sections: []*model.Section{
			{Ref: "G", Title: "Governance", Questions: []*model.Question{{ID: "G.q1"}}},
			{Ref: "K", Title: "Keys", Questions: []*model.Question{{ID: "K.q1"}}},
		}}
	other.Index()
	demo, _ := d.Catalog.Framework("demo-baseline")
	demo.Profile = map[string]string{"scope": "Demo scope"}
	if err := d.Catalog.Add(other); err != nil {
		t.Fatal(err)
	}
	cw := &model.Crosswalk{Frameworks: [2]string{"demo-baseline", "other"},
		Themes: []model.Theme{{ID: "governance", Title: "Governance and leadership", Strength: model.Equivalent,
			Refs: map[string][]string{"demo-baseline": {"1"}, "other": {"G"}}}},
		OnlyIn: []model.OnlyIn{{Framework: "other", Title: "Key management", Refs: []string{"K"}, Rationale: "Demo has none."}}}
	if err := d.Catalog.AddCrosswalk(cw); err != nil {
		t.Fatal(err)
	}
	d.Assessment.Frameworks = append(d.Assessment.Frameworks, model.AssessedFramework{ID: "other", Version: "1"})
	d.Answers = append(d.Answers,
		model.Answer{Framework: "other", QuestionID: "G.q1", Level: 1},
		model.Answer{Framework: "other", QuestionID: "K.q1", Level: 2})
	return d
}

func TestMarkdownDifferences(t *testing.T) {
	out := exportMarkdown(t, withCrosswalk(t))
	// Demo section 1 is 3.333 (see fixture); other G is 1: difference +2.3.
	for _, want := range []string{
		"## Demo compared with Other",
		"| Scope | Demo scope | Keys \\| locks |",
		"| Governance and leadership | 1 | 3.3 | G | 1.0 | +2.3 | equivalent | 100.0% / 100.0% |",
		"| Key management | Other | K | 2.0 | 100.0% | Demo has none. |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}

func TestMarkdownWithoutCrosswalkHasNoDifferences(t *testing.T) {
	if out := exportMarkdown(t, fixture()); strings.Contains(out, "compared with") {
		t.Errorf("differences without a crosswalk:\n%s", out)
	}
}
