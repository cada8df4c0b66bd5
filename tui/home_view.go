package tui

import (
	"fmt"
	"strings"

	"github.com/assaytui/assay/tui/cells"
)

func (h home) View() page {
	st := h.c.styles
	w := h.width
	count := ""
	switch {
	case h.loaded && len(h.shown) != h.list.Len():
		count = fmt.Sprintf(" (%d of %d)", len(h.shown), h.list.Len())
	case h.loaded:
		count = fmt.Sprintf(" (%d)", h.list.Len())
	}
	header := h.c.header(st.Title.Render("Assessments"+count), cells.Inert(h.c.dbPath), w)
	dialog := h.dialog(w)
	var top []string
	if h.filtering || h.filter.Value() != "" {
		line := h.filter.View()
		if !h.filtering {
			line = st.Subtle.Render("filter: ") + cells.Inert(h.filter.Value()) + st.Subtle.Render("  (/ changes it, esc clears it)")
		}
		top = []string{cells.Fit(line, w)}
	}
	listH := max(h.height-len(dialog)-len(top), 0)
	var body []string
	switch {
	case !h.loaded:
		body = []string{"", "  Reading the assessments…"}
	case h.list.Len() == 0:
		body = []string{"", "  " + cells.Truncate("No assessments yet: press n to start one.", max(w-2, 0))}
	case len(h.shown) == 0:
		body = []string{"", "  " + cells.Truncate("No assessment matches the filter; esc clears it.", max(w-2, 0))}
	default:
		body = h.rows(w, listH)
	}
	body = append(top, cells.Block(body, w, listH)...)
	return page{header: header, body: append(body, dialog...)}
}

// rows draws the assessments on screen, two lines each, scrolled to the
// selection; only those rows are drawn, however long the list.
func (h home) rows(w, height int) []string {
	st := h.c.styles
	visible := max(height/3, 1)
	first := clamp(h.sel-visible/2, 0, len(h.shown)-visible)
	var out []string
	for i := first; i < len(h.shown) && i < first+visible; i++ {
		s := h.list.Summary(h.shown[i])
		a := s.Assessment
		cursor := "  "
		if i == h.sel {
			cursor = "▸ "
		}
		if h.isMarked(a.ID) {
			cursor = cursor[:len(cursor)-1] + "●" // marked to compare
		}
		name := st.Title.Render(cells.Inert(a.Name))
		if a.Organisation != "" {
			name += " · " + cells.Inert(a.Organisation)
		}
		changed := "changed " + a.UpdatedAt.Local().Format("2006-01-02 15:04")
		var fws []string
		for _, fs := range s.Scores {
			fws = append(fws, fmt.Sprintf("%s %s (%d%%)", cells.Inert(fs.Framework.Name()), fs.Score.Figure("–"), percent(fs.Completion())))
		}
		for _, id := range s.Missing {
			fws = append(fws, cells.Inert(id)+" (not loaded)")
		}
		done := fmt.Sprintf("%d%% done · id %s", percent(s.Completion()), cells.Inert(a.ID))
		line1 := spread(cursor+name, st.Subtle.Render(changed), w)
		line2 := spread("  "+"maturity "+strings.Join(fws, " · "), st.Subtle.Render(done), w)
		if i == h.sel {
			line1 = st.Selected.Render(cells.Fit(cells.Strip(line1), w))
			line2 = st.Selected.Render(cells.Fit(cells.Strip(line2), w))
		}
		out = append(out, line1, line2, "")
	}
	return out
}

// dialog is the prompt or confirmation under the list, if one is open.
func (h home) dialog(w int) []string {
	st := h.c.styles
	var out []string
	switch h.ask {
	case askRename, askDuplicate:
		out = h.prompt.lines(st, w)
	case askExport:
		var fs []string
		for i, f := range h.formats {
			if i == h.format {
				fs = append(fs, st.TabActive.Render("["+f+"]"))
			} else {
				fs = append(fs, " "+f+" ")
			}
		}
		out = append(out, cells.Truncate(st.Label.Render("Export "+quote(h.target.Assessment.Name)+" as ")+strings.Join(fs, " ")+st.Subtle.Render("  (tab changes)"), w))
		out = append(out, h.prompt.lines(st, w)...)
	case askDelete:
		out = h.confirm.lines(st, w, true)
	default:
		return nil
	}
	return append([]string{strings.Repeat("─", max(w, 0))}, out...)
}
