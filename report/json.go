package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/assaytui/assay/internal/textsafe"

	"github.com/assaytui/assay/model"
)

// FormatVersion is the format_version of the JSON export. Raise it only when a
// reader of version 1 would misread a new file; adding keys does not.
const FormatVersion = 1

// The JSON document. Structs, not maps, so keys come out in a fixed order; every
// key is always present (null or empty rather than left out) so scripts can rely
// on them. Everything stored about the assessment and its answers is included so
// that `assay import` can rebuild it.
type jsonDoc struct {
	FormatVersion int            `json:"format_version"`
	Bundle        jsonBundleMeta `json:"bundle"`
	GeneratedAt   *string        `json:"generated_at"`
	Assessment    jsonAssessment `json:"assessment"`
	jsonFigures
	Answers       []jsonAnswer       `json:"answers"`
	History       []jsonChange       `json:"history"`
	Disagreements []jsonDisagreement `json:"disagreements"`
	Actions       []jsonAction       `json:"actions"`
	ActionHistory []jsonActionChange `json:"action_history"`
}

// jsonPlanItem is one line of the action plan; action is null when nothing
// is planned yet.
type jsonPlanItem struct {
	Framework  string      `json:"framework"`
	QuestionID string      `json:"question_id"`
	Ref        string      `json:"ref"`
	Title      string      `json:"title"`
	Level      *int        `json:"level"` // null when N/A or not rated
	NA         bool        `json:"na"`
	Target     int         `json:"target"`
	Gap        int         `json:"gap"`
	Weight     float64     `json:"weight"`
	Priority   float64     `json:"priority"` // gap × weight
	Action     *jsonAction `json:"action"`
}

func jsonPlanItemOf(it model.PlanItem) jsonPlanItem {
	j := jsonPlanItem{Framework: it.Key.Framework, QuestionID: it.Key.Question, Ref: refOf(it.Key.Question),
		NA: it.Level == model.NotApplicable, Target: int(it.Target), Gap: it.Gap, Weight: it.Weight, Priority: round(it.Priority(), 2)}
	if it.Question != nil {
		j.Ref, j.Title = it.Question.Ref, questionTitle(it.Question)
	}
	if it.Level.Rated() {
		l := int(it.Level)
		j.Level = &l
	}
	if it.HasAction() {
		a := jsonActionOf(it.Action)
		j.Action = &a
	}
	return j
}

// jsonFigures is every figure of an assessment: what `assay show --json`
// prints, and part of the export.
type jsonFigures struct {
	Scores            []jsonScore          `json:"scores"`
	MissingFrameworks []string             `json:"missing_frameworks"` // in the assessment but not loaded, so not scored
	Gaps              map[string][]jsonGap `json:"gaps"`               // per framework, biggest first
	Themes            []jsonTheme          `json:"themes"`
	OnlyIn            []jsonOnlyIn         `json:"only_in"`
	Plan              []jsonPlanItem       `json:"plan"` // the action plan, highest gap × weight first
}

type jsonGap struct {
	QuestionID string `json:"question_id"`
	Ref        string `json:"ref"`
	Title      string `json:"title"`
	Level      int    `json:"level"`
	Target     int    `json:"target"`
	Gap        int    `json:"gap"`
}

// jsonTheme is one row of the differences table; the two sides are keyed by
// framework ID, e.g. "iso28000-2022": {...}.
type jsonTheme struct {
	ID         string
	Title      string
	Strength   string
	Frameworks [2]string
	Difference *float64 // first framework minus second; null unless both sides are rated
	Sides      [2]jsonSide
}

func (t jsonTheme) MarshalJSON() ([]byte, error) {
	m := map[string]any{"id": t.ID, "title": t.Title, "strength": t.Strength, "frameworks": t.Frameworks, "difference": t.Difference}
	for i, id := range t.Frameworks {
		m[id] = t.Sides[i]
	}
	return json.Marshal(m)
}

type jsonSide struct {
	Refs       []string `json:"refs"`
	Maturity   *float64 `json:"maturity"`
	Completion float64  `json:"completion"`
	Answered   int      `json:"answered"`
	Total      int      `json:"total"`
}

type jsonOnlyIn struct {
	Framework string `json:"framework"`
	Title     string `json:"title"`
	jsonSide
}

type jsonAssessment struct {
	ID              string          `json:"id"`
	Name            string          `json:"name"`
	Organisation    string          `json:"organisation"`
	Assessor        string          `json:"assessor"`
	Target          int             `json:"target"`
	Targets         []jsonTarget    `json:"targets"` // overrides per framework and section
	Frameworks      []jsonFramework `json:"frameworks"`
	ResumeFramework string          `json:"resume_framework"`
	CreatedAt       *string         `json:"created_at"`
	UpdatedAt       *string         `json:"updated_at"`
	CopiedFrom      string          `json:"copied_from"` // the assessment this one was copied from
}

// jsonTarget is a target set on a framework (section "") or one of its sections.
type jsonTarget struct {
	Framework string `json:"framework"`
	Section   string `json:"section"`
	Level     int    `json:"level"`
}

// overrides are the targets read back from a bundle.
func (ja jsonAssessment) overrides() []model.TargetOverride {
	var out []model.TargetOverride
	for _, t := range ja.Targets {
		out = append(out, model.TargetOverride{Framework: t.Framework, Section: t.Section, Level: model.Level(t.Level)})
	}
	return out
}

func jsonTargets(a model.Assessment) []jsonTarget {
	out := []jsonTarget{}
	for _, o := range a.TargetOverrides {
		out = append(out, jsonTarget{o.Framework, o.Section, int(o.Level)})
	}
	return out
}

type jsonFramework struct {
	ID       string `json:"id"`
	Version  string `json:"version"`  // the version the assessment was started on
	Position string `json:"position"` // resume point: last question shown, "" if none
}

type jsonAnswer struct {
	Framework  string  `json:"framework"`
	QuestionID string  `json:"question_id"`
	Ref        string  `json:"ref"`
	Title      string  `json:"title"`
	Level      *int    `json:"level"` // null when N/A or not rated yet
	NA         bool    `json:"na"`
	Note       string  `json:"note"`
	Flagged    bool    `json:"flagged"`
	UpdatedAt  *string `json:"updated_at"`
	UpdatedBy  string  `json:"updated_by"` // who made the current value
	Revision   string  `json:"revision"`   // the change that made it, for answer --if-unchanged-since
	Removed    bool    `json:"removed"`    // the loaded framework no longer has this question
	Retired    bool    `json:"retired"`    // the question is no longer asked; the title says what asks it now
}

type jsonScore struct {
	Framework  string        `json:"framework"`
	Title      string        `json:"title"`
	Version    string        `json:"version"` // of the loaded framework the scores were computed on
	Maturity   *float64      `json:"maturity"`
	Completion float64       `json:"completion"`
	Target     int           `json:"target"` // the framework's effective target
	Gap        *float64      `json:"gap"`
	Rated      int           `json:"rated"`
	Answered   int           `json:"answered"` // rated + N/A, as completion counts them
	NA         int           `json:"na"`
	Total      int           `json:"total"`
	Sections   []jsonSection `json:"sections"`
}

type jsonSection struct {
	Ref        string        `json:"ref"`
	Title      string        `json:"title"`
	Maturity   *float64      `json:"maturity"`
	Completion float64       `json:"completion"`
	Target     int           `json:"target"` // the section's effective target
	Gap        *float64      `json:"gap"`
	Rated      int           `json:"rated"`
	Answered   int           `json:"answered"`
	NA         int           `json:"na"`
	Total      int           `json:"total"`
	Sections   []jsonSection `json:"sections,omitempty"`
}

// JSON writes the workshop bundle: the assessment, its scores, every stored
// answer with its revision, every change in their history and the
// disagreements, as one JSON object indented by two spaces.
func JSON(w io.Writer, d Data) error {
	v := newView(d)
	a := d.Assessment
	doc := jsonDoc{
		FormatVersion: FormatVersion,
		Bundle: jsonBundleMeta{Format: model.BundleFormat, ExportedAt: jsonTime(d.Generated),
			ExportedBy: d.ExportedBy, Host: d.Host, AssayVersion: d.AssayVersion},
		GeneratedAt: jsonTime(d.Generated),
		Assessment: jsonAssessment{
			ID:              a.ID,
			Name:            a.Name,
			Organisation:    a.Organisation,
			Assessor:        a.Assessor,
			Target:          int(a.Target),
			Targets:         jsonTargets(a),
			Frameworks:      []jsonFramework{},
			ResumeFramework: a.ResumeFramework,
			CreatedAt:       jsonTime(a.CreatedAt),
			UpdatedAt:       jsonTime(a.UpdatedAt),
			CopiedFrom:      a.CopiedFrom,
		},
		jsonFigures:   figures(v),
		Answers:       []jsonAnswer{},
		History:       []jsonChange{},
		Disagreements: []jsonDisagreement{},
		Actions:       []jsonAction{},
		ActionHistory: []jsonActionChange{},
	}
	for _, act := range d.Actions {
		doc.Actions = append(doc.Actions, jsonActionOf(act))
	}
	for _, h := range d.ActionHistory {
		doc.ActionHistory = append(doc.ActionHistory, jsonActionChangeOf(h))
	}
	for _, af := range a.Frameworks {
		doc.Assessment.Frameworks = append(doc.Assessment.Frameworks, jsonFramework{ID: af.ID, Version: af.Version, Position: af.Position})
	}
	for _, g := range v.groups {
		for _, r := range g.stored {
			doc.Answers = append(doc.Answers, jsonAnswerOf(r))
		}
	}
	for _, h := range d.History {
		doc.History = append(doc.History, jsonChangeOf(h))
	}
	for _, dis := range d.Disagreements {
		doc.Disagreements = append(doc.Disagreements, jsonDisagreementOf(dis))
	}
	doc.Bundle.Checksum = checksum(doc.Assessment, doc.Answers, doc.History, doc.Disagreements, doc.Actions, doc.ActionHistory)
	return writeJSON(w, doc)
}

// FiguresJSON writes what `assay show --json` prints: who and what was
// assessed, every figure (scores down to every section, gaps, themes,
// only-in areas) and the open disagreements, without the answers.
func FiguresJSON(w io.Writer, d Data) error {
	a := d.Assessment
	return writeJSON(w, struct {
		FormatVersion int          `json:"format_version"`
		Assessment    jsonIdentity `json:"assessment"`
		jsonFigures
		Disagreements []jsonOpenDisagreement `json:"disagreements"`
	}{FormatVersion, jsonIdentityOf(a), figures(newView(d)), openDisagreements(d)})
}

func jsonIdentityOf(a model.Assessment) jsonIdentity {
	return jsonIdentity{a.ID, a.Name, a.Organisation, a.Assessor, int(a.Target), jsonTargets(a)}
}

type jsonIdentity struct {
	ID           string       `json:"id"`
	Name         string       `json:"name"`
	Organisation string       `json:"organisation"`
	Assessor     string       `json:"assessor"`
	Target       int          `json:"target"`
	Targets      []jsonTarget `json:"targets"`
}

func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	// Notes are prose ("< 24 hours", "R&D"); keep them readable, this is not HTML.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeControls(b.Bytes()))
	return err
}

// escapeControls writes as \u escapes the characters encoding/json leaves raw
// that could still act on a terminal showing the file (DEL, C1 controls such
// as the 8-bit CSI, bidi controls). They can only occur inside strings, where
// an escape means the same text, so the data is exact and `cat` is safe.
func escapeControls(js []byte) []byte {
	if !bytes.ContainsFunc(js, func(r rune) bool { return r >= 0x7f && textsafe.Unsafe(r) }) {
		return js
	}
	var b bytes.Buffer
	b.Grow(len(js) + 16)
	for _, r := range string(js) {
		if r >= 0x7f && textsafe.Unsafe(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.Bytes()
}

// figures computes every figure once for the JSON documents.
func figures(v *view) jsonFigures {
	ts := v.Assessment.Targets()
	fig := jsonFigures{
		Scores:            []jsonScore{},
		MissingFrameworks: append([]string{}, v.summary.Missing...),
		Gaps:              map[string][]jsonGap{},
		Themes:            []jsonTheme{},
		OnlyIn:            []jsonOnlyIn{},
		Plan:              []jsonPlanItem{},
	}
	for _, it := range v.plan {
		fig.Plan = append(fig.Plan, jsonPlanItemOf(it))
	}
	for _, fs := range v.summary.Scores {
		fig.Scores = append(fig.Scores, jsonFrameworkScore(fs, ts, v.answers))
		gaps := []jsonGap{}
		for _, g := range model.Gaps(fs.Framework, v.answers, ts) {
			gaps = append(gaps, jsonGap{g.Question.ID, g.Question.Ref, questionTitle(g.Question), int(g.Level), int(g.Target), g.Gap()})
		}
		fig.Gaps[fs.Framework.ID] = gaps
	}
	if v.Catalog == nil {
		return fig
	}
	for _, d := range model.DifferencesOf(v.summary, v.answers, v.Catalog) {
		for _, t := range d.Themes {
			jt := jsonTheme{ID: t.Theme.ID, Title: t.Theme.Title, Strength: string(t.Theme.Strength),
				Frameworks: d.Crosswalk.Frameworks, Sides: [2]jsonSide{jsonSideOf(t.Sides[0]), jsonSideOf(t.Sides[1])}}
			if diff, ok := t.Difference(); ok {
				diff = round(diff, 2)
				jt.Difference = &diff
			}
			fig.Themes = append(fig.Themes, jt)
		}
		for _, o := range d.OnlyIn {
			fig.OnlyIn = append(fig.OnlyIn, jsonOnlyIn{o.Area.Framework, o.Area.Title, jsonSideOf(o.SideScore)})
		}
	}
	return fig
}

func jsonSideOf(s model.SideScore) jsonSide {
	refs := append([]string{}, s.Refs...)
	return jsonSide{Refs: refs, Maturity: maturity(s.Score), Completion: round(s.Completion(), 3), Answered: s.Answered(), Total: s.Total}
}

func jsonFrameworkScore(fs model.FrameworkScore, ts model.Targets, as model.Answers) jsonScore {
	target := ts.Framework(fs.Framework.ID)
	s := jsonScore{
		Framework:  fs.Framework.ID,
		Title:      fs.Framework.Title,
		Version:    fs.Framework.Version,
		Maturity:   maturity(fs.Score),
		Completion: round(fs.Completion(), 3),
		Target:     int(target),
		Gap:        gap(fs.Score, target),
		Rated:      fs.Rated,
		Answered:   fs.Answered(),
		NA:         fs.NA,
		Total:      fs.Total,
		Sections:   []jsonSection{},
	}
	for _, ss := range fs.Sections {
		s.Sections = append(s.Sections, jsonSectionOf(fs.Framework, ss, ts, as))
	}
	return s
}

// jsonSectionOf is a section's figures with its sub-sections' beneath.
func jsonSectionOf(f *model.Framework, ss model.SectionScore, ts model.Targets, as model.Answers) jsonSection {
	target := ts.Section(f.ID, ss.Section)
	js := jsonSection{
		Ref:        ss.Section.Ref,
		Title:      ss.Section.Title,
		Maturity:   maturity(ss.Score),
		Completion: round(ss.Completion(), 3),
		Target:     int(target),
		Gap:        gap(ss.Score, target),
		Rated:      ss.Rated,
		Answered:   ss.Answered(),
		NA:         ss.NA,
		Total:      ss.Total,
	}
	for _, c := range ss.Section.Sections {
		js.Sections = append(js.Sections, jsonSectionOf(f, model.ScoreSection(f, c, as), ts, as))
	}
	return js
}

func jsonAnswerOf(r row) jsonAnswer {
	ja := jsonAnswer{
		Framework:  r.Framework,
		QuestionID: r.QuestionID,
		Ref:        r.ref,
		Title:      r.title,
		NA:         r.Level == model.NotApplicable,
		Note:       r.Note,
		Flagged:    r.Flagged,
		UpdatedAt:  jsonTime(r.UpdatedAt),
		UpdatedBy:  r.UpdatedBy,
		Revision:   r.Revision,
		Removed:    r.removed,
		Retired:    r.q != nil && r.q.Retired,
	}
	if r.Level.Rated() {
		l := int(r.Level)
		ja.Level = &l
	}
	return ja
}

// maturity is the figure rounded to 2 decimals, or nil when no rated answer
// stands behind it (0 would read as "not performed").
func maturity(s model.Score) *float64 {
	if !s.HasMaturity() {
		return nil
	}
	m := round(s.Maturity, 2)
	return &m
}

// gap is target minus maturity from model, rounded to 2 decimals, or nil.
func gap(s model.Score, target model.Level) *float64 {
	g, ok := s.Gap(target)
	if !ok {
		return nil
	}
	g = round(g, 2)
	return &g
}

// round rounds half away from zero to the given decimals, and never gives -0
// (which encoding/json would print as "-0").
func round(x float64, decimals int) float64 {
	p := math.Pow10(decimals)
	r := math.Round(x*p) / p
	if r == 0 {
		return 0
	}
	return r
}

func jsonTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := timestamp(t)
	return &s
}
