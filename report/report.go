// Package report turns an assessment, its answers and the loaded frameworks into
// export files: JSON (a data file that `assay import` can read back), CSV (for
// spreadsheets) and Markdown (a report for management). It takes model values and
// writes only to the io.Writer it is given; scores come from package model.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/assaytui/assay/model"
)

// Data is everything an export needs.
type Data struct {
	Assessment model.Assessment
	// Answers is every stored answer row, including answers to questions that are
	// no longer in a framework and to frameworks that are not loaded.
	Answers []model.Answer
	// Actions is every stored action of the assessment; ActionHistory (for
	// the workshop bundle) every change to them, oldest first.
	Actions       []model.Action
	ActionHistory []model.ActionEntry
	// Catalog holds the loaded frameworks; nil means none are loaded.
	Catalog *model.Catalog
	// Generated is when the export was made. The caller supplies it so that an
	// export of the same data is byte-for-byte reproducible (and testable).
	Generated time.Time

	// For the workshop bundle (the JSON export) and `show`: every change to
	// the answers, oldest first, and the disagreements, open and resolved.
	History       []model.HistoryEntry
	Disagreements []model.Disagreement
	// Who exports, on which computer, with which assay.
	ExportedBy, Host, AssayVersion string
}

// writers maps each --format name to its writer, in the order Formats lists them.
var writers = []struct {
	name  string
	write func(io.Writer, Data) error
}{
	{"json", JSON},
	{"csv", CSV},
	{"md", Markdown},
	{"html", HTML},
	{"xlsx", XLSX},
}

// Formats lists the supported --format names: "json", "csv", "md", "html", "xlsx".
func Formats() []string {
	names := make([]string, len(writers))
	for i, w := range writers {
		names[i] = w.name
	}
	return names
}

// Write writes d in the named format. An unknown format is an error that names
// the supported ones, so the CLI can print it as is.
func Write(w io.Writer, format string, d Data) error {
	for _, wr := range writers {
		if wr.name == format {
			return wr.write(w, d)
		}
	}
	return fmt.Errorf("unknown export format %q (supported: %s)", format, strings.Join(Formats(), ", "))
}

// view is Data arranged once for every format: the scores from model and the
// answers grouped by framework in export order.
type view struct {
	Data
	answers model.Answers
	summary model.Summary
	groups  []group
	plan    []model.PlanItem
}

// group is one framework's answers. Frameworks of the assessment come first, in
// the assessment's order; frameworks that only stored answers mention come after.
type group struct {
	id           string
	fw           *model.Framework      // nil when the framework is not loaded
	score        *model.FrameworkScore // nil when not loaded or not in the assessment
	inAssessment bool
	version      string // the version the assessment was started on
	stored       []row  // stored answers: outline order, then unknown questions by ID
}

// row is one answer with what the export shows beside it.
type row struct {
	model.Answer
	q       *model.Question // nil when the question is not in the loaded framework
	ref     string
	title   string
	removed bool // the framework is loaded but no longer has this question
}

func newView(d Data) *view {
	cat := d.Catalog
	if cat == nil {
		cat, _ = model.NewCatalog()
	}
	v := &view{Data: d, answers: model.NewAnswers(d.Answers)}
	v.summary = model.Summarize(d.Assessment, v.answers, cat)
	v.plan = model.Plan(d.Assessment, cat, v.answers, model.NewActions(d.Actions))
	scores := map[string]*model.FrameworkScore{}
	for i := range v.summary.Scores {
		fs := &v.summary.Scores[i]
		scores[fs.Framework.ID] = fs
	}

	// Index by question so a key stored twice is shown once, as model.NewAnswers
	// (and therefore the scores) sees it: the last one wins.
	byFW := map[string]map[string]model.Answer{}
	for _, a := range d.Answers {
		if byFW[a.Framework] == nil {
			byFW[a.Framework] = map[string]model.Answer{}
		}
		byFW[a.Framework][a.QuestionID] = a
	}

	seen := map[string]bool{}
	add := func(id, version string, in bool) {
		if seen[id] {
			return
		}
		seen[id] = true
		g := group{id: id, inAssessment: in, version: version, score: scores[id]}
		g.fw, _ = cat.Framework(id)
		g.stored = storedRows(g.fw, byFW[id])
		v.groups = append(v.groups, g)
	}
	for _, af := range d.Assessment.Frameworks {
		add(af.ID, af.Version, true)
	}
	// The store's foreign keys should make these impossible, but an export must
	// never drop data it was given.
	var others []string
	for id := range byFW {
		if !seen[id] {
			others = append(others, id)
		}
	}
	slices.Sort(others)
	for _, id := range others {
		add(id, "", false)
	}
	return v
}

// storedRows orders one framework's stored answers: questions of the loaded
// framework in outline order, then the rest by question ID.
func storedRows(f *model.Framework, stored map[string]model.Answer) []row {
	rows := []row{}
	left := map[string]model.Answer{}
	for id, a := range stored {
		left[id] = a
	}
	if f != nil {
		for _, q := range f.Outline() {
			if a, ok := left[q.ID]; ok {
				rows = append(rows, questionRow(a, q))
				delete(left, q.ID)
			}
		}
	}
	ids := make([]string, 0, len(left))
	for id := range left {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, model.CompareRefs)
	for _, id := range ids {
		rows = append(rows, row{Answer: left[id], ref: refOf(id), removed: f != nil})
	}
	return rows
}

func questionRow(a model.Answer, q *model.Question) row {
	title := questionTitle(q)
	if q.Retired {
		title += " [retired: " + retiredNote(q) + "]"
	}
	return row{Answer: a, q: q, ref: q.Ref, title: title}
}

// retiredNote says what became of a retired question: "now asked by 5.2.2.q2,
// 5.2.2.q3" or "no longer asked".
func retiredNote(q *model.Question) string {
	if len(q.ReplacedBy) == 0 {
		return "no longer asked"
	}
	return "now asked by " + strings.Join(q.ReplacedBy, ", ")
}

// questionTitle is the question's title, or its section's: the loader gives a
// question without a title its section's, but a framework built in code may not.
func questionTitle(q *model.Question) string {
	if q.Title == "" && q.Section != nil {
		return q.Section.Title
	}
	return q.Title
}

// everyRow lists a row per question of the loaded framework, answered or not,
// then the stored answers to retired questions and to questions it no longer
// has. Without the framework, or for a framework outside the assessment, only
// stored answers can be listed.
func (g group) everyRow(as model.Answers) []row {
	if g.fw == nil || !g.inAssessment {
		return g.stored
	}
	var rows []row
	for _, q := range g.fw.Questions() {
		rows = append(rows, questionRow(as.Get(g.id, q.ID), q))
	}
	for _, r := range g.stored {
		if r.q == nil || r.q.Retired {
			rows = append(rows, r)
		}
	}
	return rows
}

// title is the framework's title, or its ID when it is not loaded.
func (g group) title() string {
	if g.fw != nil && g.fw.Title != "" {
		return g.fw.Title
	}
	return g.id
}

// refOf derives a clause ref from a question ID "<ref>.q<n>", for answers whose
// question is not in a loaded framework.
func refOf(id string) string {
	if i := strings.LastIndex(id, ".q"); i >= 0 {
		return id[:i]
	}
	return id
}

// timestamp is the export form of a time: RFC 3339 in UTC, with sub-seconds only
// when there are any so that nothing stored is lost on re-import; "" for no time.
func timestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
