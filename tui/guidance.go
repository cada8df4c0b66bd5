package tui

import "github.com/assaytui/assay/tui/cells"

// guidanceLines is what an assessor looks for, examples of evidence, and
// what the question rests on: its sources when they are not the file's main
// one (a binding notice, good practice) and the places it cites.
func (q questionnaire) guidanceLines(t qtext, w int) []string {
	st := q.c.styles
	var out []string
	if t.guidance != "" {
		out = append(out, "", st.Label.Render("Guidance"))
		out = append(out, cells.Wrap(t.guidance, w)...)
	}
	if len(t.evidence) > 0 {
		out = append(out, st.Label.Render("Evidence"))
		out = append(out, bullets(t.evidence, w)...)
	}
	if len(t.sources) > 0 || t.cites != "" {
		out = append(out, st.Label.Render("Source"))
		out = append(out, bullets(t.sources, w)...)
		if t.cites != "" {
			out = append(out, cells.Wrap("Cites "+t.cites, w)...)
		}
	}
	return out
}

// bullets wraps each item to w columns behind "• ", its further lines
// indented to match.
func bullets(items []string, w int) []string {
	var out []string
	for _, item := range items {
		for i, l := range cells.Wrap(item, max(w-2, 1)) {
			if i == 0 {
				out = append(out, "• "+l)
			} else {
				out = append(out, "  "+l)
			}
		}
	}
	return out
}
