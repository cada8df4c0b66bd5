package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
)

func exportJSON(t *testing.T, d Data) (string, map[string]any) {
	t.Helper()
	var b bytes.Buffer
	if err := JSON(&b, d); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, b.String())
	}
	return b.String(), doc
}

func keysOf(m any) []string {
	var keys []string
	for k := range m.(map[string]any) {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestJSONShape(t *testing.T) {
	raw, doc := exportJSON(t, fixture())
	if !strings.HasPrefix(raw, "{\n  \"format_version\": 1,\n") || strings.Contains(raw, "\x1b") {
		t.Errorf("want a two-space indented object starting with format_version, no colour:\n%.200s", raw)
	}
	if strings.Contains(raw, `\u0026`) || strings.Contains(raw, `\u003c`) {
		t.Error("notes are HTML-escaped")
	}
	shapes := []struct {
		name string
		obj  any
		want []string
	}{
		{"top", doc, []string{"action_history", "actions", "answers", "assessment", "bundle", "disagreements", "format_version", "gaps", "generated_at", "history", "missing_frameworks", "only_in", "plan", "scores", "themes"}},
		{"actions[0]", doc["actions"].([]any)[0], []string{"due", "framework", "owner", "question_id", "revision", "status", "text", "updated_at", "updated_by"}},
		{"plan[0]", doc["plan"].([]any)[0], []string{"action", "framework", "gap", "level", "na", "priority", "question_id", "ref", "target", "title", "weight"}},
		{"bundle", doc["bundle"], []string{"assay_version", "checksum", "exported_at", "exported_by", "format", "host"}},
		{"assessment", doc["assessment"], []string{"assessor", "copied_from", "created_at", "frameworks", "id", "name", "organisation", "resume_framework", "target", "targets", "updated_at"}},
		{"assessment.frameworks[0]", doc["assessment"].(map[string]any)["frameworks"].([]any)[0], []string{"id", "position", "version"}},
		{"answers[0]", doc["answers"].([]any)[0], []string{"flagged", "framework", "level", "na", "note", "question_id", "ref", "removed", "retired", "revision", "title", "updated_at", "updated_by"}},
		{"scores[0]", doc["scores"].([]any)[0], []string{"answered", "completion", "framework", "gap", "maturity", "na", "rated", "sections", "target", "title", "total", "version"}},
		{"scores[0].sections[0]", doc["scores"].([]any)[0].(map[string]any)["sections"].([]any)[0], []string{"answered", "completion", "gap", "maturity", "na", "rated", "ref", "sections", "target", "title", "total"}},
		{"scores[0].sections[0].sections[0]", doc["scores"].([]any)[0].(map[string]any)["sections"].([]any)[0].(map[string]any)["sections"].([]any)[0], []string{"answered", "completion", "gap", "maturity", "na", "rated", "ref", "target", "title", "total"}},
	}
	for _, s := range shapes {
		if got := keysOf(s.obj); !slices.Equal(got, s.want) {
			t.Errorf("%s keys = %v, want %v", s.name, got, s.want)
		}
	}
	a := doc["assessment"].(map[string]any)
	want := map[string]any{
		"id": "a1b2c3", "name": "Acme 2025 baseline", "organisation": "Acme Pte Ltd", "assessor": "Jo Tan",
		"target": 4.0, "resume_framework": "demo-baseline",
		// 09:30 in Singapore is 01:30 UTC.
		"created_at": "2025-03-01T01:30:00Z", "updated_at": "2025-03-07T01:30:00Z",
	}
	for k, v := range want {
		if a[k] != v {
			t.Errorf("assessment.%s = %#v, want %#v", k, a[k], v)
		}
	}
	if doc["generated_at"] != "2025-03-08T10:00:00Z" || doc["format_version"] != 1.0 {
		t.Errorf("generated_at %v format_version %v", doc["generated_at"], doc["format_version"])
	}
	if got := doc["missing_frameworks"]; !reflect.DeepEqual(got, []any{"gone"}) {
		t.Errorf("missing_frameworks = %v", got)
	}
}

func TestJSONAnswers(t *testing.T) {
	_, doc := exportJSON(t, fixture())
	// Assessment order, then outline order, then removed questions by ID; then the
	// unloaded framework's answers by ID; then a framework outside the assessment.
	want := []struct {
		framework, id, ref, title string
		level                     any // float64 or nil
		na, flagged, removed      bool
		note                      string
	}{
		{"demo-baseline", "1.1.q1", "1.1", "Ownership", 2.0, false, false, false, formulaNote},
		{"demo-baseline", "1.1.q2", "1.1", "Ownership — deputies", 4.0, false, true, false, csvNote},
		{"demo-baseline", "1.2.q1", "1.2", "Policy", nil, true, false, false, pipeNote},
		{"demo-baseline", "2.1.q1", "2.1", "Access", nil, false, true, false, "check leaver list"},
		{"demo-baseline", "2.1.q2", "2.1", "Access reviews", 1.0, false, false, false, ""},
		{"demo-baseline", "1.3.q2", "1.3", "", 3.0, false, false, true, "old question"},
		{"demo-baseline", "1.3.q10", "1.3", "", 0.0, false, false, true, ""},
		{"gone", "5.1.q2", "5.1", "", 3.0, false, false, false, ""},
		{"gone", "5.1.q10", "5.1", "", nil, true, false, false, "not our business"},
		{"zz-old", "1.q1", "1", "", 5.0, false, false, false, "framework no longer in the assessment"},
	}
	got := doc["answers"].([]any)
	if len(got) != len(want) {
		t.Fatalf("%d answers, want %d (2.1.q3 and A.q1 have no stored row and must not appear)", len(got), len(want))
	}
	for i, w := range want {
		g := got[i].(map[string]any)
		wantObj := map[string]any{
			"framework": w.framework, "question_id": w.id, "ref": w.ref, "title": w.title,
			"level": w.level, "na": w.na, "flagged": w.flagged, "removed": w.removed, "note": w.note,
		}
		for k, v := range wantObj {
			if g[k] != v {
				t.Errorf("answers[%d] (%s) %s = %#v, want %#v", i, w.id, k, g[k], v)
			}
		}
	}
	if u := got[4].(map[string]any)["updated_at"]; u != "2025-03-03T01:30:00.123456789Z" {
		t.Errorf("2.1.q2 updated_at = %v, want UTC with its nanoseconds", u)
	}
}

func TestJSONScores(t *testing.T) {
	_, doc := exportJSON(t, fixture())
	scores := doc["scores"].([]any)
	if len(scores) != 1 {
		t.Fatalf("%d scores, want 1 (gone is not loaded)", len(scores))
	}
	fw := scores[0].(map[string]any)
	want := map[string]any{
		"framework": "demo-baseline", "title": "Demo Security Baseline", "version": "1.0",
		"maturity": 2.17, "completion": 0.571, "gap": 1.83,
		"rated": 3.0, "answered": 4.0, "na": 1.0, "total": 7.0,
	}
	for k, v := range want {
		if fw[k] != v {
			t.Errorf("scores[0].%s = %#v, want %#v", k, fw[k], v)
		}
	}
	sections := []map[string]any{
		{"ref": "1", "title": "Governance", "maturity": 3.33, "completion": 1.0, "gap": 0.67, "rated": 2.0, "answered": 3.0, "na": 1.0, "total": 3.0},
		{"ref": "2", "title": "Operations", "maturity": 1.0, "completion": 0.333, "gap": 3.0, "rated": 1.0, "answered": 1.0, "na": 0.0, "total": 3.0},
		{"ref": "A", "title": "Annex A: Optional extras", "maturity": nil, "completion": 0.0, "gap": nil, "rated": 0.0, "answered": 0.0, "na": 0.0, "total": 1.0},
	}
	got := fw["sections"].([]any)
	if len(got) != len(sections) {
		t.Fatalf("%d sections, want %d", len(got), len(sections))
	}
	for i, w := range sections {
		for k, v := range w {
			if g := got[i].(map[string]any)[k]; g != v {
				t.Errorf("section %s %s = %#v, want %#v", w["ref"], k, g, v)
			}
		}
	}
}

// TestJSONRoundTrip reads the export back the way `assay import` will and checks
// that the assessment and every stored answer come back unchanged.
func TestJSONRoundTrip(t *testing.T) {
	d := fixture()
	var b bytes.Buffer
	if err := JSON(&b, d); err != nil {
		t.Fatal(err)
	}
	var doc jsonDoc
	dec := json.NewDecoder(&b)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	parse := func(s *string) time.Time {
		if s == nil {
			return time.Time{}
		}
		tm, err := time.Parse(time.RFC3339Nano, *s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	ja := doc.Assessment
	a := model.Assessment{
		ID: ja.ID, Name: ja.Name, Organisation: ja.Organisation, Assessor: ja.Assessor,
		Target: model.Level(ja.Target), ResumeFramework: ja.ResumeFramework,
		CreatedAt: parse(ja.CreatedAt), UpdatedAt: parse(ja.UpdatedAt),
	}
	for _, f := range ja.Frameworks {
		a.Frameworks = append(a.Frameworks, model.AssessedFramework{ID: f.ID, Version: f.Version, Position: f.Position})
	}
	for _, o := range ja.Targets {
		a.TargetOverrides = append(a.TargetOverrides, model.TargetOverride{Framework: o.Framework, Section: o.Section, Level: model.Level(o.Level)})
	}
	wantA := d.Assessment
	wantA.CreatedAt, wantA.UpdatedAt = wantA.CreatedAt.UTC(), wantA.UpdatedAt.UTC()
	if !reflect.DeepEqual(a, wantA) {
		t.Errorf("assessment came back as\n%+v\nwant\n%+v", a, wantA)
	}

	back := model.Answers{}
	for _, x := range doc.Answers {
		l := model.Unanswered
		switch {
		case x.NA:
			l = model.NotApplicable
		case x.Level != nil:
			l = model.Level(*x.Level)
		}
		back[model.Key{Framework: x.Framework, Question: x.QuestionID}] = model.Answer{
			Framework: x.Framework, QuestionID: x.QuestionID, Level: l,
			Note: x.Note, Flagged: x.Flagged, UpdatedAt: parse(x.UpdatedAt),
		}
	}
	want := model.Answers{}
	for _, x := range d.Answers {
		x.UpdatedAt = x.UpdatedAt.UTC()
		want[model.Key{Framework: x.Framework, Question: x.QuestionID}] = x
	}
	if !reflect.DeepEqual(back, want) {
		t.Errorf("answers came back as\n%+v\nwant\n%+v", back, want)
	}
}

// Zero times and an empty assessment still give every key, as null or [].
func TestJSONEmpty(t *testing.T) {
	raw, doc := exportJSON(t, Data{})
	for _, k := range []string{"answers", "scores", "missing_frameworks"} {
		if arr, ok := doc[k].([]any); !ok || len(arr) != 0 {
			t.Errorf("%s = %#v, want []", k, doc[k])
		}
	}
	if v, ok := doc["generated_at"]; !ok || v != nil {
		t.Errorf("generated_at = %#v, want null", v)
	}
	if !strings.Contains(raw, `"frameworks": []`) || !strings.Contains(raw, `"created_at": null`) {
		t.Errorf("empty assessment:\n%s", raw)
	}
}

// Targets set on a framework and a section drive each figure's "target" and
// gap in show --json, and the per-question gaps.
func TestJSONEffectiveTargets(t *testing.T) {
	d := fixture()
	d.Assessment.TargetOverrides = []model.TargetOverride{{Framework: "demo-baseline", Level: 2}, {Framework: "demo-baseline", Section: "2", Level: 5}}
	var b bytes.Buffer
	if err := FiguresJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Assessment struct {
			Target  int          `json:"target"`
			Targets []jsonTarget `json:"targets"`
		} `json:"assessment"`
		Scores []jsonScore          `json:"scores"`
		Gaps   map[string][]jsonGap `json:"gaps"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Assessment.Target != 4 || len(doc.Assessment.Targets) != 2 || doc.Assessment.Targets[1] != (jsonTarget{"demo-baseline", "2", 5}) {
		t.Errorf("assessment targets = %d %+v", doc.Assessment.Target, doc.Assessment.Targets)
	}
	fw := doc.Scores[0]
	// framework 2 - 2.17; section 1: 2 - 3.33; section 2: 5 - 1; its sub-section inherits 5
	if fw.Target != 2 || *fw.Gap != -0.17 {
		t.Errorf("framework target %d gap %v", fw.Target, *fw.Gap)
	}
	s1, s2 := fw.Sections[0], fw.Sections[1]
	if s1.Target != 2 || *s1.Gap != -1.33 || s2.Target != 5 || *s2.Gap != 4 || s2.Sections[0].Target != 5 {
		t.Errorf("section targets %d/%v %d/%v %d", s1.Target, *s1.Gap, s2.Target, *s2.Gap, s2.Sections[0].Target)
	}
	// 1.1.q1 (level 2) meets target 2; 2.1.q2 (level 1) is 4 below 5.
	gaps := doc.Gaps["demo-baseline"]
	if len(gaps) != 1 || gaps[0].QuestionID != "2.1.q2" || gaps[0].Target != 5 || gaps[0].Gap != 4 {
		t.Errorf("gaps = %+v", gaps)
	}
}

// The plan lists gaps by gap × weight with their actions, then actions
// without a gap; the export carries every action with its revision.
func TestJSONPlanAndActions(t *testing.T) {
	_, doc := exportJSON(t, fixture())
	var got []string
	for _, it := range doc["plan"].([]any) {
		m := it.(map[string]any)
		line := fmt.Sprintf("%s %v/%v gap %v prio %v", m["question_id"], m["level"], m["target"], m["gap"], m["priority"])
		if a, ok := m["action"].(map[string]any); ok {
			line += fmt.Sprintf(" [%s, %s, %s, %s]", a["text"], a["owner"], a["due"], a["status"])
		}
		got = append(got, line)
	}
	want := []string{
		"2.1.q2 1/4 gap 3 prio 3 [Review access quarterly, Sam Lee, 2025-06-30, doing]",
		// 1.1.q1 is level 2 against 4, weight 1
		"1.1.q1 2/4 gap 2 prio 2",
		"A.q1 <nil>/4 gap 0 prio 0 [Decide whether annex A applies, , %!s(<nil>), open]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("plan =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	acts := doc["actions"].([]any)
	if len(acts) != 2 || acts[0].(map[string]any)["revision"] != "r2" || acts[1].(map[string]any)["due"] != nil {
		t.Errorf("actions = %v", acts)
	}
}
