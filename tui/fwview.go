package tui

import (
	"strings"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// pickNA is the picker row of "not applicable", after levels 0-5;
// pickNone is no row: the question has no level and none was picked.
const (
	pickNA   = 6
	pickNone = -1
)

func pickerOf(l model.Level) int {
	switch {
	case l.Rated():
		return int(l)
	case l == model.NotApplicable:
		return pickNA
	default:
		return pickNone
	}
}

// qtext is a question's text made safe to draw, prepared once.
type qtext struct {
	id, ref, title, short, text, guidance string
	evidence                              []string
	levels                                [6]string

	// What the question rests on, each "title (kind)", the places it cites,
	// and whether any source is binding law or regulation (issue 16).
	sources []string
	cites   string
	binding bool
}

// outlineRow is one line of the outline: a top-level section heading (q < 0)
// or a question.
type outlineRow struct {
	q     int
	label string // heading text, or the question's short title
}

// relatedSet is what the crosswalk relates one question to: questions of the
// other framework (indexes into its fwView) and the themes that link them.
type relatedSet struct {
	qs     []int
	themes string // "Governance and leadership, Audit"
}

// fwView is one framework of the open assessment as the screens show it:
// its text made drawable once, where the user is, the picker and the score.
type fwView struct {
	fw         *model.Framework
	name       string
	qs         []*model.Question
	text       []qtext
	top        []int    // question index -> index of its top-level section
	crumb      []string // question index -> "framework › clause above the question's own"
	tops       []string
	rows       []outlineRow
	rowOf      []int // question index -> outline row
	idWidth    int
	refWidth   int // widest top-level ref
	scale      [6]string
	cur        int         // current question
	picker     int         // highlighted picker row: 0-5, pickNA or pickNone
	pickedFrom model.Level // the answer the picker was last put on
	score      model.FrameworkScore

	// The framework of the assessment that a crosswalk relates this one to
	// (nil if none), and the related questions there, found on first use.
	other   *fwView
	cw      *model.Crosswalk
	related map[int]relatedSet

	// What changed in the questionnaire after the content revision the
	// assessment last saw (changes.go).
	since   int
	changes model.ContentChanges
	changed map[int]string // question index -> tagNew or tagReworded
}

func newFwView(f *model.Framework) *fwView {
	v := &fwView{fw: f, name: cells.Inert(f.Name()), qs: f.Questions(), picker: pickNone}
	for i, l := range f.Scale {
		v.scale[i] = cells.Inert(l.Name)
	}
	topIndex := map[*model.Section]int{}
	for i, s := range f.Sections {
		topIndex[s] = i
		v.tops = append(v.tops, cells.Inert(s.Title))
		v.refWidth = max(v.refWidth, cells.Width(cells.Inert(s.Ref)))
	}
	var lastTop = -1
	for i, q := range v.qs {
		t := qtext{
			id:       cells.Inert(q.ID),
			ref:      cells.Inert(q.Ref),
			title:    cells.Inert(q.Title),
			text:     cells.InertLines(q.Text),
			guidance: cells.InertLines(strings.TrimSpace(q.Guidance)),
		}
		t.short = t.title
		if _, after, ok := strings.Cut(t.title, " — "); ok && after != "" {
			t.short = after
		}
		for _, e := range q.Evidence {
			t.evidence = append(t.evidence, cells.Inert(e))
		}
		// A question resting on the file's first (main) source alone says
		// nothing new; any other source is named.
		if srcs := f.SourcesOf(q); len(srcs) > 1 || len(srcs) == 1 && srcs[0].ID != f.Sources[0].ID {
			for _, src := range srcs {
				t.sources = append(t.sources, cells.Inert(src.Title+" ("+string(src.Kind)+")"))
			}
		}
		t.cites = cells.Inert(strings.Join(q.Cites, ", "))
		t.binding = f.Binding(q)
		for l, d := range q.Levels {
			t.levels[l] = cells.InertLines(d)
		}
		v.text = append(v.text, t)
		top := 0
		if q.Section != nil {
			top = topIndex[q.Section.Top()]
		}
		v.top = append(v.top, top)
		crumb := v.name
		if s := q.Section; s != nil {
			if s.Parent != nil {
				s = s.Parent
			}
			crumb += " › " + cells.Inert(s.Ref+" "+s.Title)
		}
		v.crumb = append(v.crumb, crumb)
		if top != lastTop {
			s := f.Sections[top]
			v.rows = append(v.rows, outlineRow{q: -1, label: cells.Inert(s.Ref + " " + s.Title)})
			lastTop = top
		}
		v.rowOf = append(v.rowOf, len(v.rows))
		v.rows = append(v.rows, outlineRow{q: i, label: t.short})
		v.idWidth = max(v.idWidth, cells.Width(t.id))
	}
	return v
}

// key is the current question.
func (v *fwView) key() model.Key {
	if len(v.qs) == 0 {
		return model.Key{Framework: v.fw.ID}
	}
	return model.Key{Framework: v.fw.ID, Question: v.qs[v.cur].ID}
}

// keyOf is question i.
func (v *fwView) keyOf(i int) model.Key { return model.Key{Framework: v.fw.ID, Question: v.qs[i].ID} }

// relate links each framework of the assessment to the first other one a
// crosswalk relates it to. Related questions are found on first use.
func (s *session) relate() {
	for _, v := range s.fws {
		v.other, v.cw, v.related = nil, nil, nil
		for _, o := range s.fws {
			if o == v {
				continue
			}
			if cw, ok := s.c.catalog.Crosswalk(v.fw.ID, o.fw.ID); ok {
				v.other, v.cw, v.related = o, cw, map[int]relatedSet{}
				break
			}
		}
	}
}

// relatedOf lists the questions of the other framework that share a theme
// (equivalent or partial) with question i. It is worked out once per
// question and kept.
func (v *fwView) relatedOf(cat *model.Catalog, i int) relatedSet {
	if v.other == nil || i < 0 || i >= len(v.qs) {
		return relatedSet{}
	}
	if rs, ok := v.related[i]; ok {
		return rs
	}
	var rs relatedSet
	_, qs := v.cw.Related(cat, v.fw.ID, v.qs[i])
	for _, rq := range qs {
		if j := v.other.fw.QuestionIndex(rq.ID); j >= 0 {
			rs.qs = append(rs.qs, j)
		}
	}
	var themes []string
	for _, t := range v.cw.ThemesOf(v.fw.ID, v.qs[i]) {
		themes = append(themes, cells.Inert(t.Title))
	}
	rs.themes = strings.Join(themes, ", ")
	v.related[i] = rs
	return rs
}
