package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// drillLines is the answers behind one row of the theme table: for each
// side, the refs, how the maturity is worked out, and every question under
// those refs with its level and note. keys are the questions in order and
// at the line each is drawn on.
func (d differences) drillLines(w int) (lines []string, keys []model.Key, at []int) {
	if d.an == nil || d.an.diff == nil {
		return nil, nil, nil
	}
	st := d.c.styles
	rows := d.rows()
	if len(rows) == 0 {
		return nil, nil, nil
	}
	r := rows[index(rows, d.drillID)]
	var sides []model.SideScore
	var title, strength, about string
	if r.theme != nil {
		t := r.theme
		title, strength = t.Theme.Title, string(t.Theme.Strength)+" correspondence"
		about = strings.TrimSpace(t.Theme.Rationale)
		sides = t.Sides[:]
	} else {
		o := r.only
		title, strength = o.Area.Title, "only in "+d.an.name(o.Framework)
		about = strings.TrimSpace(o.Area.Rationale)
		sides = []model.SideScore{o.SideScore}
	}
	lines = append(lines, spread(st.Title.Render(cells.Inert(title)), st.Subtle.Render(strength), w))
	for _, l := range cells.Wrap(cells.InertLines(about), w) {
		lines = append(lines, st.Subtle.Render(l))
	}
	for _, s := range sides {
		lines = append(lines, "")
		name := d.an.name(s.Framework)
		head := name + " · refs " + refList(s.Refs, 1<<20)
		for i, l := range cells.Wrap(head, w) {
			if i == 0 {
				l = st.Label.Render(l)
			}
			lines = append(lines, l)
		}
		for _, l := range cells.Wrap(explain(s.Score), max(w-2, 1)) {
			lines = append(lines, "  "+l)
		}
		f := d.an.framework(s.Framework)
		if len(s.Questions) == 0 {
			lines = append(lines, st.Subtle.Render("  no questions under these refs"))
			continue
		}
		idW := 0
		for _, q := range s.Questions {
			idW = max(idW, cells.Width(cells.Inert(q.ID)))
		}
		const lvlW = 2
		noteW := 0
		titleW := w - 2 - idW - 1 - lvlW - 2
		if w >= 90 {
			noteW = titleW * 2 / 5
			titleW -= noteW + 1
		}
		for _, q := range s.Questions {
			a := d.an.answers.Get(s.Framework, q.ID)
			lvl := "·"
			switch {
			case a.Level.Rated():
				lvl = strconv.Itoa(int(a.Level))
			case a.Level == model.NotApplicable:
				lvl = "na"
			}
			qt := cells.Inert(q.Title)
			if f == nil {
				qt = "(framework not loaded)"
			}
			cursor := "  "
			if len(keys) == d.drillSel {
				cursor = "▸ "
			}
			line := cursor + cells.Fit(cells.Inert(q.ID), idW) + " " + cells.FitRight(lvl, lvlW) + "  " + cells.Fit(qt, max(titleW, 0))
			if noteW > 0 {
				line += " " + st.Subtle.Render(cells.Preview(strings.TrimSpace(a.Note), noteW))
			}
			line = cells.Fit(line, w)
			if len(keys) == d.drillSel {
				line = st.Selected.Render(cells.Fit(cells.Strip(line), w))
			}
			at = append(at, len(lines))
			keys = append(keys, model.Key{Framework: s.Framework, Question: q.ID})
			lines = append(lines, line)
			if noteW == 0 && strings.TrimSpace(a.Note) != "" {
				lines = append(lines, st.Subtle.Render(cells.Fit(strings.Repeat(" ", 2+idW+1+lvlW+2)+"note: "+cells.Preview(strings.TrimSpace(a.Note), w), w)))
			}
		}
	}
	if r.theme != nil {
		lines = append(lines, "")
		if v, ok := r.theme.Difference(); ok {
			a, b := d.names()
			lines = append(lines, st.Title.Render(cells.Truncate(fmt.Sprintf("Difference %+.1f = %s %s − %s %s", v, a, r.theme.Sides[0].Score.Figure("–"),
				b, r.theme.Sides[1].Score.Figure("–")), w)))
		} else {
			lines = append(lines, st.Subtle.Render(cells.Truncate("No difference until both sides have a rated answer.", w)))
		}
	}
	return lines, keys, at
}

// explain says how a figure was worked out from the answers behind it
// (model.Score.Working).
func explain(sc model.Score) string {
	done := fmt.Sprintf("%d of %d answered", sc.Answered(), sc.Total)
	if sc.NA > 0 {
		done += fmt.Sprintf(" (%d N/A)", sc.NA)
	}
	if !sc.HasMaturity() {
		return "maturity – (nothing rated) · " + done
	}
	wk := sc.Working()
	terms := make([]string, len(wk.Levels))
	for i, l := range wk.Levels {
		terms[i] = strconv.Itoa(int(l))
	}
	fig := sc.Figure("–")
	var how string
	switch {
	case len(terms) == 1:
		how = fig + ", from one rated answer"
	case !wk.Weighted && len(terms) <= 12:
		how = fmt.Sprintf("(%s) / %d = %s", strings.Join(terms, " + "), len(terms), fig)
	case !wk.Weighted:
		how = fmt.Sprintf("%g / %d rated = %s", wk.Sum, len(terms), fig)
	default:
		how = fmt.Sprintf("weighted: Σ weight × level / Σ weight = %g / %g = %s", wk.Sum, wk.Weights, fig)
	}
	return "maturity " + how + " · " + done
}
