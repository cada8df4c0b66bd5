package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// The profile tab of the differences screen: the two frameworks' facts
// (scope, industry, nature, testing, penalties, …) side by side.

func (d differences) updateProfile(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := d.c.keys.Profile
	n := len(d.profileLines(d.width))
	page := d.profileRoom()
	if cmd, ok := d.leaveKeys(msg, k.Quit, k.Help, k.Dashboard, k.Back); ok {
		return d, cmd
	}
	if key.Matches(msg, k.Tab) {
		d.tab = tabThemes
	}
	d.profOff = scrollKeys{k.Up, k.Down, k.PageUp, k.PageDown}.scroll(msg, d.profOff, page, n)
	return d, nil
}

// profileRoom is how many lines of the profile table show at once: the body
// less the tab line, a blank, the names and the line saying where one is.
func (d differences) profileRoom() int { return max(d.height-4, 1) }

// profileColumns are the widths of the profile table: the aspect, each
// framework's column, and the gap between them.
func profileColumns(w int) (labelW, colW int, pad string) {
	const gap = 2
	labelW = 14
	if w < 70 {
		labelW = 10
	}
	return labelW, max((w-labelW-2*gap)/2, 1), strings.Repeat(" ", gap)
}

// profileHead names the frameworks over the profile table's columns.
func (d differences) profileHead(w int) string {
	a, b := d.names()
	labelW, colW, pad := profileColumns(w)
	return d.c.styles.Label.Render(cells.Fit(cells.Fit("Aspect", labelW)+pad+cells.Fit(a, colW)+pad+b, w))
}

// profileLines is the framework profile table: an aspect per row, the two
// frameworks' facts side by side, wrapped.
func (d differences) profileLines(w int) []string {
	if d.an == nil || d.an.diff == nil {
		return nil
	}
	st := d.c.styles
	cw := d.an.diff.Crosswalk
	var fws [2]*model.Framework
	for i, id := range cw.Frameworks {
		if f := d.an.framework(id); f != nil {
			fws[i] = f.fw
		}
	}
	labelW, colW, pad := profileColumns(w)
	var out []string
	row := func(label string, left, right string) {
		l, r := cells.Wrap(cells.Inert(left), colW), cells.Wrap(cells.Inert(right), colW)
		n := max(len(l), len(r), 1)
		for i := 0; i < n; i++ {
			lab := ""
			if i == 0 {
				lab = label
			}
			var lc, rc string
			if i < len(l) {
				lc = l[i]
			}
			if i < len(r) {
				rc = r[i]
			}
			out = append(out, st.Title.Render(cells.Fit(lab, labelW))+pad+cells.Fit(lc, colW)+pad+rc)
		}
		out = append(out, "")
	}
	get := func(f *model.Framework, k string) string {
		if f == nil {
			return "—"
		}
		if v := strings.TrimSpace(f.Profile[k]); v != "" {
			return v
		}
		return "—"
	}
	field := func(f *model.Framework, get func(*model.Framework) string) string {
		if f == nil || strings.TrimSpace(get(f)) == "" {
			return "—"
		}
		return get(f)
	}
	row("Title", field(fws[0], func(f *model.Framework) string { return f.Title }), field(fws[1], func(f *model.Framework) string { return f.Title }))
	row("Publisher", field(fws[0], func(f *model.Framework) string { return f.Publisher }), field(fws[1], func(f *model.Framework) string { return f.Publisher }))
	for _, asp := range model.ProfileAspects {
		l, r := get(fws[0], asp.Key), get(fws[1], asp.Key)
		if l == "—" && r == "—" {
			continue
		}
		row(asp.Label, l, r)
	}
	return out[:len(out)-1]
}
