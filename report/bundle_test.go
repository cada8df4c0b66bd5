package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
)

// bundleFixture is an assessment in mid-workshop: answers with their chains
// of revisions, one disagreement open, one resolved.
func bundleFixture() Data {
	c, err := model.NewCatalog(demoFramework())
	if err != nil {
		panic(err)
	}
	at := func(min int) time.Time { return time.Date(2026, 11, 26, 9, min, 0, 123456000, time.UTC) }
	change := func(q, rev, parent string, old, new model.Level, note, by string, min int) model.HistoryEntry {
		h := model.HistoryEntry{Framework: "demo-baseline", QuestionID: q, By: by, At: at(min), Host: by + "-laptop", Revision: rev, Parent: parent}
		h.Old = model.Answer{Framework: "demo-baseline", QuestionID: q, Level: old, Revision: parent}
		h.New = model.Answer{Framework: "demo-baseline", QuestionID: q, Level: new, Note: note, UpdatedAt: h.At, UpdatedBy: by, Revision: rev}
		return h
	}
	hist := []model.HistoryEntry{
		change("1.1.q1", "a1a1a1a1a1a1a1a1", "", model.Unanswered, 2, "draft policy", "alice", 1),
		change("1.1.q1", "a2a2a2a2a2a2a2a2", "a1a1a1a1a1a1a1a1", 2, 3, "approved <in March> & filed", "alice", 2),
		change("1.2.q1", "b1b1b1b1b1b1b1b1", "", model.Unanswered, model.NotApplicable, "no sites", "bob", 3),
		change("2.1.q1", "c1c1c1c1c1c1c1c1", "", model.Unanswered, 1, "", "ann", 4),
		change("2.1.q1", "c2c2c2c2c2c2c2c2", "c1c1c1c1c1c1c1c1", 1, 2, "agreed in the room", "ann", 9),
	}
	hist[1].Origin = "alice.json from alice on alice-laptop"
	hist[4].Settles = []string{"c1c1c1c1c1c1c1c1", "d1d1d1d1d1d1d1d1"}
	var answers []model.Answer
	for _, i := range []int{1, 2, 4} {
		answers = append(answers, hist[i].New)
	}
	act := func(q, rev, parent string, old, new model.Action, by string, min int, applied bool) model.ActionEntry {
		e := model.ActionEntry{Framework: "demo-baseline", QuestionID: q, Old: old, New: new, Revision: rev, Parent: parent,
			By: by, At: at(min), Host: by + "-laptop", Applied: applied}
		for _, a := range []*model.Action{&e.Old, &e.New} {
			a.Framework, a.QuestionID = "demo-baseline", q
		}
		e.Old.Revision, e.New.UpdatedAt, e.New.UpdatedBy, e.New.Revision = parent, e.At, by, rev
		return e
	}
	plan := model.Action{Text: "write the policy", Owner: "Bo Lim", Due: "2027-03-31", Status: model.ActionOpen}
	done := plan
	done.Status = model.ActionDone
	other := model.Action{Text: "ask the board", Status: model.ActionDoing}
	drill := model.Action{Text: "run a drill", Status: model.ActionOpen}
	actionHist := []model.ActionEntry{
		act("1.1.q1", "f1f1f1f1f1f1f1f1", "", model.Action{}, plan, "alice", 3, true),
		act("1.1.q1", "f2f2f2f2f2f2f2f2", "f1f1f1f1f1f1f1f1", plan, done, "bob", 8, true),
		act("1.1.q1", "f3f3f3f3f3f3f3f3", "f1f1f1f1f1f1f1f1", plan, other, "carol", 6, false),
		act("1.2.q1", "f4f4f4f4f4f4f4f4", "", model.Action{}, drill, "bob", 4, true),
		act("1.2.q1", "f5f5f5f5f5f5f5f5", "f4f4f4f4f4f4f4f4", drill, model.Action{}, "bob", 5, true),
	}
	actionHist[2].Origin = "carol.json from carol"
	rating := func(rev string, l model.Level, by string, min int) model.Rating {
		return model.Rating{Revision: rev, Level: l, Note: "because", By: by, At: at(min), Host: by + "-laptop", Origin: by + ".json from " + by}
	}
	return Data{
		Actions: []model.Action{actionHist[1].New}, ActionHistory: actionHist,
		Assessment: model.Assessment{ID: "ws2026ab", Name: "Workshop", Target: 3, CopiedFrom: "ws2025xy",
			TargetOverrides: []model.TargetOverride{{Framework: "demo-baseline", Level: 4}, {Framework: "demo-baseline", Section: "1", Level: 5}},
			Frameworks:      []model.AssessedFramework{{ID: "demo-baseline", Version: "1.0", Position: "1.1.q1"}},
			CreatedAt:       at(0), UpdatedAt: at(9)},
		Answers: answers, Catalog: c, Generated: at(30),
		History: hist,
		Disagreements: []model.Disagreement{
			{Key: model.Key{Framework: "demo-baseline", Question: "1.1.q1"}, AroseAt: at(20),
				Ratings: []model.Rating{rating("a2a2a2a2a2a2a2a2", 3, "alice", 2), rating("e1e1e1e1e1e1e1e1", 5, "carol", 5)}},
			{Key: model.Key{Framework: "demo-baseline", Question: "2.1.q1"}, AroseAt: at(6),
				Ratings:  []model.Rating{rating("c1c1c1c1c1c1c1c1", 1, "ann", 4), rating("d1d1d1d1d1d1d1d1", model.NotApplicable, "dan", 5)},
				Resolved: &model.Resolution{Revision: "c2c2c2c2c2c2c2c2", By: "ann", At: at(9)}},
		},
		ExportedBy: "ann", Host: "fac-laptop", AssayVersion: "v0.4.0",
	}
}

func exportBundle(t *testing.T, d Data) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := JSON(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestBundleRoundTrip(t *testing.T) {
	d := bundleFixture()
	data := exportBundle(t, d)
	b, err := ReadBundle("ws.json", data, d.Catalog)
	if err != nil {
		t.Fatalf("reading our own bundle: %v", err)
	}
	if b.Format != 1 || b.ExportedBy != "ann" || b.Host != "fac-laptop" || b.AssayVersion != "v0.4.0" || !b.ExportedAt.Equal(d.Generated) {
		t.Errorf("bundle meta %+v", b)
	}
	a := b.Assessment
	if a.ID != "ws2026ab" || a.CopiedFrom != "ws2025xy" || !a.CreatedAt.Equal(d.Assessment.CreatedAt) || a.Frameworks[0] != d.Assessment.Frameworks[0] {
		t.Errorf("assessment %+v", a)
	}
	if len(b.Answers) != 3 {
		t.Fatalf("%d answers", len(b.Answers))
	}
	for i, want := range d.Answers {
		got := b.Answers[i]
		if !got.Same(want) || got.Revision != want.Revision || got.UpdatedBy != want.UpdatedBy || !got.UpdatedAt.Equal(want.UpdatedAt) {
			t.Errorf("answer %d = %+v, want %+v", i, got, want)
		}
	}
	for i, want := range d.History {
		got := b.History[i]
		if got.Revision != want.Revision || got.Parent != want.Parent || got.By != want.By || got.Host != want.Host ||
			!got.At.Equal(want.At) || got.Origin != want.Origin || !got.Old.Same(want.Old) || !got.New.Same(want.New) ||
			!reflect.DeepEqual(got.Settles, want.Settles) && len(want.Settles) > 0 {
			t.Errorf("history %d = %+v\nwant %+v", i, got, want)
		}
	}
	if len(b.Disagreements) != 2 || !b.Disagreements[0].Open() || b.Disagreements[1].Resolved.Revision != "c2c2c2c2c2c2c2c2" {
		t.Fatalf("disagreements %+v", b.Disagreements)
	}
	if r := b.Disagreements[1].Ratings[1]; r.Level != model.NotApplicable || r.By != "dan" || r.Host != "dan-laptop" || r.Note != "because" {
		t.Errorf("rating %+v", r)
	}
	if !reflect.DeepEqual(a.TargetOverrides, d.Assessment.TargetOverrides) {
		t.Errorf("targets %+v, want %+v", a.TargetOverrides, d.Assessment.TargetOverrides)
	}
	if len(b.Actions) != 1 || !b.Actions[0].Same(d.Actions[0]) || b.Actions[0].Revision != "f2f2f2f2f2f2f2f2" ||
		b.Actions[0].UpdatedBy != "bob" || !b.Actions[0].UpdatedAt.Equal(d.Actions[0].UpdatedAt) {
		t.Errorf("actions %+v\nwant %+v", b.Actions, d.Actions)
	}
	if len(b.ActionHistory) != len(d.ActionHistory) {
		t.Fatalf("%d action changes, want %d", len(b.ActionHistory), len(d.ActionHistory))
	}
	for i, want := range d.ActionHistory {
		got := b.ActionHistory[i]
		if got.Revision != want.Revision || got.Parent != want.Parent || got.By != want.By || got.Host != want.Host ||
			!got.At.Equal(want.At) || got.Origin != want.Origin || got.Applied != want.Applied ||
			!got.Old.Same(want.Old) || !got.New.Same(want.New) {
			t.Errorf("action history %d = %+v\nwant %+v", i, got, want)
		}
	}
	// Formatting does not matter, only content: re-indented, it still reads.
	var v any
	json.Unmarshal(data, &v)
	compact, _ := json.Marshal(v)
	if _, err := ReadBundle("ws.json", compact, d.Catalog); err != nil {
		t.Errorf("the same bundle without indentation: %v", err)
	}
}

// after replaces the first old after marker.
func after(s, marker, old, new string) string {
	i := strings.Index(s, marker)
	return s[:i] + strings.Replace(s[i:], old, new, 1)
}

func TestBundleRefusals(t *testing.T) {
	d := bundleFixture()
	good := string(exportBundle(t, d))
	other, _ := model.NewCatalog()
	cases := []struct {
		name string
		data string
		cat  *model.Catalog
		want string
	}{
		{"empty", "", nil, "ws.json: not an assay workshop bundle: the file is empty"},
		{"not json", "PK\x03\x04 zip", nil, "ws.json: not an assay workshop bundle: it is not a JSON object"},
		{"truncated", good[:len(good)/2], nil, "ws.json: damaged: the file is cut short (truncated?)"},
		{"truncated in a word", good[:strings.Index(good, `"removed": false`)+len(`"removed": f`)], nil, "ws.json: damaged: the file is cut short (truncated?)"},
		{"syntax", strings.Replace(good, `"name": "Workshop",`, `"name": "Workshop"`, 1), nil, "ws.json: damaged at line "},
		{"older export", `{"format_version": 1, "assessment": {}, "answers": []}`, nil, `ws.json: not an assay workshop bundle: it has no "bundle" key`},
		{"newer format", strings.Replace(good, `"format": 1,`, `"format": 2,`, 1), nil, "ws.json: bundle format 2 is newer than this assay reads (1); upgrade assay"},
		{"edited note", strings.Replace(good, "draft policy", "final policy", 1), nil, "ws.json: damaged: its contents do not match its checksum"},
		{"edited level", after(good, `"answers": [`, `"level": 3,`, `"level": 4,`), nil, "ws.json: damaged: its contents do not match its checksum"},
		{"unknown key", strings.Replace(good, `"name": "Workshop",`, `"name": "Workshop", "colour": "red",`, 1), nil, `ws.json: damaged: "colour" is not a key of bundle format 1`},
		{"wrong type", strings.Replace(good, `"target": 3,`, `"target": "three",`, 1), nil, "ws.json: damaged: assessment.target holds a string where it needs a int"},
		{"trailing", good + "{}", nil, fmt.Sprintf("ws.json: damaged at line %d:", strings.Count(good, "\n")+1)},
		{"framework not loaded", good, other, `ws.json: framework "demo-baseline" is not loaded here`},
		{"edited action", after(good, `"actions": [`, `"text": "write the policy",`, `"text": "forget the policy",`), nil, "ws.json: damaged: its contents do not match its checksum"},
		{"edited action history", strings.Replace(good, `"applied": false`, `"applied": true`, 1), nil, "ws.json: damaged: its contents do not match its checksum"},
		{"edited target", strings.Replace(good, `"level": 5`, `"level": 1`, 1), nil, "ws.json: damaged: its contents do not match its checksum"},
		{"no action history", strings.Replace(good, `"action_history": [`, `"action_historyX": [`, 1), nil, `ws.json: damaged: "action_historyX" is not a key`},
	}
	for _, c := range cases {
		cat := c.cat
		if cat == nil {
			cat = d.Catalog
		}
		_, err := ReadBundle("ws.json", []byte(c.data), cat)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v\nwant %s…", c.name, err, c.want)
		}
	}
}

// What the checksum cannot catch, the check does: an action a store would
// refuse, or on a question the framework lacks, is refused with what and where.
func TestBundleRefusesBadActions(t *testing.T) {
	cases := []struct {
		name   string
		damage func(d *Data)
		want   string
	}{
		{"impossible due date", func(d *Data) { d.Actions[0].Due = "2027-02-30" }, `ws.json: the action on demo-baseline:1.1.q1: date "2027-02-30" is not a day`},
		{"unknown status", func(d *Data) { d.ActionHistory[0].New.Status = "closed" }, `status "closed" is not open, doing or done`},
		{"unknown question", func(d *Data) {
			d.Actions = append(d.Actions, model.Action{Framework: "demo-baseline", QuestionID: "9.9.q9", Text: "x", Status: model.ActionOpen,
				Revision: "f9f9f9f9f9f9f9f9", UpdatedAt: d.Generated})
		}, "ws.json: the action on demo-baseline:9.9.q9 is on no question of demo-baseline 1.0"},
		{"target on a clause that is not there", func(d *Data) { d.Assessment.TargetOverrides[1].Section = "7" }, "ws.json: demo-baseline has no clause 7"},
	}
	for _, c := range cases {
		d := bundleFixture()
		c.damage(&d)
		_, err := ReadBundle("ws.json", exportBundle(t, d), d.Catalog)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v\nwant …%s…", c.name, err, c.want)
		}
	}
}

// Format 1 has always had actions and their history: a bundle without them
// is damaged, not an older kind.
func TestBundleWithoutActionsIsDamaged(t *testing.T) {
	d := bundleFixture()
	for _, key := range []string{"actions", "action_history"} {
		var doc map[string]any
		json.Unmarshal(exportBundle(t, d), &doc)
		delete(doc, key)
		data, _ := json.Marshal(doc)
		_, err := ReadBundle("ws.json", data, d.Catalog)
		if err == nil || !strings.Contains(err.Error(), "ws.json: damaged: answers, history, disagreements, actions or action_history is missing") {
			t.Errorf("without %s: %v", key, err)
		}
	}
}

func TestBundleRefusesAnAnswerToAQuestionTheFrameworkLacks(t *testing.T) {
	d := bundleFixture()
	d.Answers = append(d.Answers, model.Answer{Framework: "demo-baseline", QuestionID: "9.9.q9", Level: 2, Revision: "f1f1f1f1f1f1f1f1"})
	_, err := ReadBundle("ws.json", exportBundle(t, d), d.Catalog)
	// The export marks it removed (kept, as answers to removed questions are);
	// the reader accepts it as such.
	if err != nil {
		t.Fatalf("a removed question's answer: %v", err)
	}
}

func TestShowListsOpenDisagreements(t *testing.T) {
	d := bundleFixture()
	var b bytes.Buffer
	if err := FiguresJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Disagreements []map[string]any `json:"disagreements"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Disagreements) != 1 {
		t.Fatalf("%d disagreements listed, want the 1 open one", len(doc.Disagreements))
	}
	dis := doc.Disagreements[0]
	if dis["framework"] != "demo-baseline" || dis["question_id"] != "1.1.q1" || dis["spread"] != "3–5 · 2 people" {
		t.Errorf("disagreement %v", dis)
	}
	cur := dis["current"].(map[string]any)
	if cur["level"] != 3.0 || cur["by"] != "alice" || cur["na"] != false {
		t.Errorf("current %v", cur)
	}
	ratings := dis["ratings"].([]any)
	r := ratings[1].(map[string]any)
	for _, k := range []string{"by", "level", "na", "note", "at", "host"} {
		if _, ok := r[k]; !ok {
			t.Errorf("rating has no %q: %v", k, r)
		}
	}
	if r["by"] != "carol" || r["level"] != 5.0 || r["host"] != "carol-laptop" {
		t.Errorf("rating %v", r)
	}

	// Resolved: the list is empty, not null.
	d.Disagreements = d.Disagreements[1:]
	b.Reset()
	FiguresJSON(&b, d)
	if !strings.Contains(b.String(), `"disagreements": []`) {
		t.Error("no empty disagreements list once all are resolved")
	}

	b.Reset()
	if err := Text(&b, bundleFixture()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"disagreements (1)", "demo-baseline:1.1.q1  now 3  (3–5 · 2 people)", "carol", "carol-laptop", "5"} {
		if !strings.Contains(out, want) {
			t.Errorf("show text lacks %q:\n%s", want, out)
		}
	}
}

// A change or a rating on a question the framework lacks is refused as an
// answer to it is, unless the bundle has the answer it led to (marked
// removed by the export): before, a change in history alone slipped past
// the check and became an answer to a question that does not exist.
func TestBundleRefusesHistoryOnAQuestionTheFrameworkLacks(t *testing.T) {
	gone := func(d *Data, rev string) model.HistoryEntry {
		h := d.History[2]
		h.QuestionID, h.Revision, h.Parent = "9.9.q9", rev, ""
		h.Old.QuestionID, h.New.QuestionID, h.New.Revision = "9.9.q9", "9.9.q9", rev
		return h
	}
	d := bundleFixture()
	d.History = append(d.History, gone(&d, "f8f8f8f8f8f8f8f8"))
	_, err := ReadBundle("ws.json", exportBundle(t, d), d.Catalog)
	if err == nil || !strings.Contains(err.Error(), "ws.json: history entry 6 (demo-baseline:9.9.q9): 9.9.q9 is not a question of demo-baseline 1.0") {
		t.Errorf("a change to an unknown question: %v", err)
	}

	d = bundleFixture()
	d.Disagreements[0].Key.Question = "9.9.q9"
	_, err = ReadBundle("ws.json", exportBundle(t, d), d.Catalog)
	if err == nil || !strings.Contains(err.Error(), "ws.json: the disagreement on demo-baseline:9.9.q9: 9.9.q9 is not a question of demo-baseline 1.0") {
		t.Errorf("a disagreement on an unknown question: %v", err)
	}

	// A removed question's answer comes with its history.
	d = bundleFixture()
	h := gone(&d, "f8f8f8f8f8f8f8f8")
	d.History = append(d.History, h)
	d.Answers = append(d.Answers, h.New)
	if _, err := ReadBundle("ws.json", exportBundle(t, d), d.Catalog); err != nil {
		t.Errorf("a removed question's answer with its history: %v", err)
	}
}
