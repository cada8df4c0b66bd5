package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/assaytui/assay/internal/textsafe"
	"github.com/assaytui/assay/model"
)

// The page is one html/template, so every piece of user text is escaped by
// the template engine in its context; the page model below cleans it first so
// that no control or bidirectional character reaches the reader (textsafe).

//go:embed html.tmpl
var htmlTemplate string

//go:embed html.css
var htmlCSS string

// htmlPage is parsed on first use rather than at start-up, which every
// command would pay for (about 1 ms) and few need.
var htmlPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"css": func() template.CSS { return template.CSS(htmlCSS) },
	}).Parse(htmlTemplate))
})

// HTML writes a report to hand to management as one self-contained page:
// inline CSS and SVG charts, no scripts, nothing fetched from anywhere. It
// prints to PDF on A4 and Letter with each part on its own pages.
func HTML(w io.Writer, d Data) error {
	return htmlPage().Execute(w, newHTMLReport(d))
}

// htmlReport is the page model: every string in it is cleaned and ready to
// show; figures are formatted.
type htmlReport struct {
	Name, Organisation, Assessor string
	Started, Changed, Generated  string
	Target                       int
	Overrides                    []string // "ISO 28000 clause 8: 4", in words
	Frameworks                   []htmlFramework
	Differences                  []htmlDifferences
	Plan                         []htmlPlanRow
	Missing                      []string // frameworks of the assessment not loaded
	Scales                       []htmlScale
	CrosswalkNotices             []string
}

type htmlFramework struct {
	Anchor, Name, Title, Version, Publisher, Notice string
	AssessedVersion                                 string // when it differs from the loaded version
	Unscored                                        bool   // not loaded: only its stored answers are shown
	Maturity, Completion, Gap                       string
	Target                                          int
	Answered, Total, NA, Rated                      int
	Sections                                        []htmlSection
	Bars                                            barChart
	Radar                                           *radarChart
	Appendix                                        []htmlAppendixPart
}

type htmlSection struct {
	Ref, Title, Maturity, Completion, Gap string
	Target                                int
	Optional                              bool
}

// htmlAppendixPart is one top-level section's questions in the appendix.
type htmlAppendixPart struct {
	Ref, Title string
	Questions  []htmlQuestion
}

type htmlQuestion struct {
	ID, Title, Text string
	Level           string // "3 · Defined", "N/A" or "not rated"
	Descriptor      string // what the level means for this question
	Rated, NA       bool
	NAReason, Note  string
	Flagged         bool
	Removed         bool   // an answer to a question the framework no longer has
	Retired         string // for an answer to a retired question: what became of it
	UpdatedBy       string
	Disagreement    []htmlRating // ratings of a disputed question; nil when none
	// Sources, when the question rests on more than the framework's main
	// source: "MAS Notice on Cyber Hygiene (…) (binding)"; Binding when one
	// of them is law or regulation.
	Sources []string
	Binding bool
}

type htmlRating struct{ By, Level, Note, When string }

type htmlDifferences struct {
	Left, Right string
	Profile     [][3]string // aspect, left, right
	Themes      []htmlTheme
	OnlyIn      []htmlOnlyIn
}

type htmlTheme struct {
	Title, LeftRefs, Left, RightRefs, Right, Difference, Strength string
}

type htmlOnlyIn struct{ Title, Framework, Refs, Maturity, Why string }

type htmlPlanRow struct {
	N                            int
	Framework, Question, Title   string
	Level, Target, Gap, Priority string
	Action, Owner, Due, Status   string
	NoAction                     bool
}

type htmlScale struct {
	Frameworks string // the frameworks that use this scale
	Levels     []model.ScaleLevel
	scale      model.Scale
}

// safe is user or questionnaire text made harmless; the template escapes it.
func safe(s string) string { return textsafe.Clean(s, true) }

func newHTMLReport(d Data) htmlReport {
	v := newView(d)
	a := d.Assessment
	r := htmlReport{
		Name: safe(a.Name), Organisation: safe(a.Organisation), Assessor: safe(a.Assessor),
		Started: mdDate(a.CreatedAt), Changed: mdDate(a.UpdatedAt), Generated: mdDate(d.Generated),
		Target: int(a.Target), Missing: v.summary.Missing,
	}
	for _, o := range a.TargetOverrides {
		where := v.frameworkName(o.Framework)
		if o.Section != "" {
			where += " clause " + o.Section
		}
		r.Overrides = append(r.Overrides, fmt.Sprintf("%s: %d", safe(where), o.Level))
	}
	disputes := map[model.Key]model.Disagreement{}
	for _, dis := range d.Disagreements {
		if dis.Open() {
			disputes[dis.Key] = dis
		}
	}
	for _, g := range v.groups {
		switch {
		case !g.inAssessment:
			// Answers to frameworks outside the assessment are in the data exports.
		case g.score != nil:
			r.Frameworks = append(r.Frameworks, htmlFrameworkOf(v, g, disputes))
		default:
			// Not loaded: not scored, but its stored answers are still shown.
			r.Frameworks = append(r.Frameworks, htmlFramework{Anchor: "fw-" + anchor(g.id), Name: safe(g.id), Title: safe(g.id),
				Unscored: true, Appendix: htmlAppendix(v, g, disputes)})
		}
	}
	r.Differences, r.CrosswalkNotices = htmlDifferencesOf(v)
	for i, it := range v.plan {
		r.Plan = append(r.Plan, htmlPlanRowOf(v, i+1, it))
	}
	r.Scales = htmlScales(v)
	return r
}

func htmlFrameworkOf(v *view, g group, disputes map[model.Key]model.Disagreement) htmlFramework {
	f, fs, ts := g.fw, g.score, v.Assessment.Targets()
	target := ts.Framework(f.ID)
	hf := htmlFramework{
		Anchor: "fw-" + anchor(f.ID), Name: safe(f.Name()), Title: safe(g.title()), Version: safe(f.Version),
		Publisher: safe(f.Publisher), Notice: safe(f.Notice),
		Maturity: sideFig(fs.Score), Completion: fmt.Sprintf("%d%%", model.Percent(fs.Completion())),
		Gap: gapFig(fs.Score, target), Target: int(target),
		Answered: fs.Answered(), Total: fs.Total, NA: fs.NA, Rated: fs.Rated,
	}
	if g.version != "" && g.version != f.Version {
		hf.AssessedVersion = safe(g.version)
	}
	var points []chartPoint
	for _, ss := range fs.Sections {
		st := ts.Section(f.ID, ss.Section)
		hf.Sections = append(hf.Sections, htmlSection{
			Ref: safe(ss.Section.Ref), Title: safe(ss.Section.Title), Maturity: sideFig(ss.Score),
			Completion: fmt.Sprintf("%d%%", model.Percent(ss.Completion())), Gap: gapFig(ss.Score, st),
			Target: int(st), Optional: ss.Section.Optional,
		})
		points = append(points, chartPoint{Ref: safe(ss.Section.Ref), Label: safe(ss.Section.Title),
			Value: ss.Maturity, Rated: ss.HasMaturity(), Target: float64(st)})
	}
	hf.Bars = newBarChart(points)
	hf.Radar = newRadarChart(points)
	hf.Appendix = htmlAppendix(v, g, disputes)
	return hf
}

// htmlAppendix lists every question of the framework under its top-level
// section, answered or not, then the answers to retired questions with what
// asks it now, then answers to questions it no longer has.
func htmlAppendix(v *view, g group, disputes map[model.Key]model.Disagreement) []htmlAppendixPart {
	var parts []htmlAppendixPart
	index := map[*model.Section]int{}
	var retired, removed []htmlQuestion
	for _, r := range g.everyRow(v.answers) {
		hq := htmlQuestionOf(r, g.fw, disputes[model.Key{Framework: r.Framework, Question: r.QuestionID}])
		switch {
		case r.q == nil || r.q.Section == nil:
			removed = append(removed, hq)
			continue
		case r.q.Retired:
			retired = append(retired, hq)
			continue
		}
		top := r.q.Section.Top()
		i, ok := index[top]
		if !ok {
			i = len(parts)
			index[top] = i
			parts = append(parts, htmlAppendixPart{Ref: safe(top.Ref), Title: safe(top.Title)})
		}
		parts[i].Questions = append(parts[i].Questions, hq)
	}
	if len(retired) > 0 {
		parts = append(parts, htmlAppendixPart{Title: "Answers to retired questions (kept, counted in no figure)", Questions: retired})
	}
	if len(removed) > 0 {
		title := "Answers to questions this version no longer has"
		if g.fw == nil {
			title = "Stored answers (the framework is not loaded)"
		}
		parts = append(parts, htmlAppendixPart{Title: title, Questions: removed})
	}
	return parts
}

func htmlQuestionOf(r row, f *model.Framework, dis model.Disagreement) htmlQuestion {
	hq := htmlQuestion{ID: safe(r.QuestionID), Title: safe(r.title), Flagged: r.Flagged, Removed: r.removed,
		Rated: r.Level.Rated(), NA: r.Level == model.NotApplicable, UpdatedBy: safe(r.UpdatedBy)}
	if r.q != nil {
		hq.Text = safe(r.q.Text)
	}
	if r.q != nil && f != nil {
		if srcs := f.SourcesOf(r.q); len(srcs) > 1 || len(srcs) == 1 && srcs[0].ID != f.Sources[0].ID {
			for _, s := range srcs {
				hq.Sources = append(hq.Sources, safe(s.Title+" ("+string(s.Kind)+")"))
			}
		}
		hq.Binding = f.Binding(r.q)
	}
	if r.q != nil && r.q.Retired {
		hq.Title, hq.Retired = safe(questionTitle(r.q)), safe(retiredLine(r.q, f))
	}
	switch {
	case hq.Rated:
		hq.Level = r.Level.String()
		if f != nil {
			hq.Level += " · " + safe(f.Scale[r.Level].Name)
		}
		if r.q != nil {
			hq.Descriptor = safe(r.q.Levels[r.Level])
		}
		hq.Note = safe(r.Note)
	case hq.NA:
		hq.Level, hq.NAReason = "N/A", safe(r.Note)
	default:
		hq.Level, hq.Note = "not rated", safe(r.Note)
	}
	for _, rt := range dis.Standing() {
		hq.Disagreement = append(hq.Disagreement, htmlRating{By: safe(rt.By), Level: reportLevel(rt.Level), Note: safe(rt.Note), When: mdDate(rt.At)})
	}
	return hq
}

func htmlDifferencesOf(v *view) ([]htmlDifferences, []string) {
	if v.Catalog == nil {
		return nil, nil
	}
	var out []htmlDifferences
	var notices []string
	for _, d := range model.DifferencesOf(v.summary, v.answers, v.Catalog) {
		cw := d.Crosswalk
		hd := htmlDifferences{Left: safe(v.frameworkName(cw.Frameworks[0])), Right: safe(v.frameworkName(cw.Frameworks[1]))}
		fl, _ := v.Catalog.Framework(cw.Frameworks[0])
		fr, _ := v.Catalog.Framework(cw.Frameworks[1])
		for _, asp := range model.ProfileAspects {
			l, r := fl.Profile[asp.Key], fr.Profile[asp.Key]
			if l != "" || r != "" {
				hd.Profile = append(hd.Profile, [3]string{asp.Label, safe(orDash(l)), safe(orDash(r))})
			}
		}
		for _, t := range d.Themes {
			diff := "—"
			if x, ok := t.Difference(); ok {
				diff = fmt.Sprintf("%+.1f", round(x, 1))
			}
			hd.Themes = append(hd.Themes, htmlTheme{Title: safe(t.Theme.Title),
				LeftRefs: safe(strings.Join(t.Sides[0].Refs, ", ")), Left: sideFig(t.Sides[0].Score),
				RightRefs: safe(strings.Join(t.Sides[1].Refs, ", ")), Right: sideFig(t.Sides[1].Score),
				Difference: diff, Strength: safe(string(t.Theme.Strength))})
		}
		for _, o := range d.OnlyIn {
			hd.OnlyIn = append(hd.OnlyIn, htmlOnlyIn{Title: safe(o.Area.Title), Framework: safe(v.frameworkName(o.Framework)),
				Refs: safe(strings.Join(o.Refs, ", ")), Maturity: sideFig(o.Score), Why: safe(o.Area.Rationale)})
		}
		out = append(out, hd)
		if cw.Notice != "" {
			notices = append(notices, safe(cw.Notice))
		}
	}
	return out, notices
}

func htmlPlanRowOf(v *view, n int, it model.PlanItem) htmlPlanRow {
	cells := planCells(v, it)
	r := htmlPlanRow{N: n, Framework: safe(cells[0]), Question: safe(cells[1]), Title: safe(cells[2]),
		Level: cells[3], Target: cells[4], Gap: cells[5], Action: safe(cells[6]), Owner: safe(cells[7]),
		Due: cells[8], Status: cells[9], NoAction: !it.HasAction()}
	if p := it.Priority(); p > 0 {
		r.Priority = strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.2f", p), "0"), ".0")
	}
	return r
}

// htmlScales groups the frameworks by the maturity scale they use, so the
// method part shows each distinct scale once.
func htmlScales(v *view) []htmlScale {
	var out []htmlScale
	for _, g := range v.groups {
		if !g.inAssessment || g.fw == nil {
			continue
		}
		sc := g.fw.Scale
		if sc[0].Name == "" {
			sc = model.DefaultScale
		}
		found := false
		for i := range out {
			if out[i].scale == sc {
				out[i].Frameworks += ", " + safe(g.fw.Name())
				found = true
				break
			}
		}
		if !found {
			levels := make([]model.ScaleLevel, len(sc))
			for i, l := range sc {
				levels[i] = model.ScaleLevel{Level: l.Level, Name: safe(l.Name), Meaning: safe(l.Meaning)}
			}
			out = append(out, htmlScale{Frameworks: safe(g.fw.Name()), Levels: levels, scale: sc})
		}
	}
	return out
}

// anchor makes an ID usable in a fragment link: letters, digits and '-'.
func anchor(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, s)
}

// retiredLine says when a question was retired and which questions ask it
// now, with their titles: "Retired in content revision 2; now asked by
// 5.2.2.q2 (Policy approved), 5.2.2.q3 (Policy communicated)."
func retiredLine(q *model.Question, f *model.Framework) string {
	line := "Retired"
	if q.RetiredIn > 0 {
		line += fmt.Sprintf(" in content revision %d", q.RetiredIn)
	}
	if len(q.ReplacedBy) == 0 {
		return line + "; no longer asked."
	}
	by := make([]string, len(q.ReplacedBy))
	for i, id := range q.ReplacedBy {
		by[i] = id
		if f != nil {
			if nq, ok := f.Question(id); ok && questionTitle(nq) != "" {
				by[i] += " (" + questionTitle(nq) + ")"
			}
		}
	}
	return line + "; now asked by " + strings.Join(by, ", ") + "."
}
