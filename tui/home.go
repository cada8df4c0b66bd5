package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
)

// homeMode is what the home screen's keys do at the moment.
type homeMode int

const (
	homeList homeMode = iota
	homeRename
	homeDuplicate
	homeDelete
	homeExport
)

// home is the assessments list.
type home struct {
	c             *common
	width, height int

	list     []model.Summary
	loaded   bool
	sel      int
	selectID string // select this assessment once the list is reloaded

	mode      homeMode
	target    model.Summary // the assessment a prompt is about
	input     lineInput
	inputErr  string
	formats   []string
	format    int
	overwrite string // a path that exists; enter again replaces it

	status    string
	statusErr bool
}

func newHome(c *common) home {
	h := home{c: c, formats: report.Formats()}
	h.input = newLineInput(0)
	h.input.SetStyles(c.styles.Input)
	return h
}

func (h *home) applyStyles() { h.input.SetStyles(h.c.styles.Input) }

func (h home) reload() (home, tea.Cmd) { return h, loadSummaries(h.c) }

func (h home) selected() (model.Summary, bool) {
	if h.sel < 0 || h.sel >= len(h.list) {
		return model.Summary{}, false
	}
	return h.list[h.sel], true
}

func (h home) Update(msg tea.Msg) (home, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.width, h.height = msg.Width, msg.Height
		h.input.SetWidth(max(msg.Width-width(h.input.Prompt)-2, 10))
		return h, nil
	case summariesMsg:
		if msg.err != nil {
			h.status, h.statusErr = "cannot read the assessments: "+inert(msg.err.Error()), true
			return h, nil
		}
		prev := ""
		if s, ok := h.selected(); ok {
			prev = s.Assessment.ID
		}
		h.list, h.loaded = msg.list, true
		want := h.selectID
		if want == "" {
			want = prev
		}
		h.selectID = ""
		h.sel = clamp(h.sel, 0, len(h.list)-1)
		for i, s := range h.list {
			if s.Assessment.ID == want {
				h.sel = i
			}
		}
		return h, nil
	case renamedMsg:
		if msg.err != nil {
			h.status, h.statusErr = "rename failed: "+inert(msg.err.Error()), true
			return h, nil
		}
		h.status, h.statusErr = "renamed to "+quote(msg.name), false
		return h.reload()
	case duplicatedMsg:
		if msg.err != nil {
			h.status, h.statusErr = "copy failed: "+inert(msg.err.Error()), true
			return h, nil
		}
		h.status, h.statusErr = "copied as "+quote(msg.a.Name), false
		h.selectID = msg.a.ID
		return h.reload()
	case deletedMsg:
		if msg.err != nil {
			h.status, h.statusErr = "delete failed: "+inert(msg.err.Error()), true
			return h, nil
		}
		h.status, h.statusErr = "deleted "+quote(msg.name), false
		return h.reload()
	case exportedMsg:
		if msg.err != nil {
			h.status, h.statusErr = "export failed: "+inert(msg.err.Error()), true
			return h, nil
		}
		h.status, h.statusErr = "wrote "+inert(msg.path), false
		return h, nil
	case tea.PasteMsg:
		if h.mode == homeRename || h.mode == homeDuplicate || h.mode == homeExport {
			var cmd tea.Cmd
			h.input, cmd = h.input.Update(msg)
			return h, cmd
		}
	case tea.KeyPressMsg:
		return h.updateKey(msg)
	}
	return h, nil
}

func (h home) updateKey(msg tea.KeyPressMsg) (home, tea.Cmd) {
	k := h.c.keys
	if h.statusErr {
		h.status, h.statusErr = "", false
	}
	switch h.mode {
	case homeDelete:
		switch {
		case key.Matches(msg, k.Confirm.Quit):
			return h, send(quitMsg{})
		case key.Matches(msg, k.Confirm.Yes):
			h.mode = homeList
			a := h.target.Assessment
			h.status, h.statusErr = "deleting "+quote(a.Name)+"…", false
			return h, deleteAssessment(h.c, a.ID, a.Name)
		case key.Matches(msg, k.Confirm.No):
			h.mode = homeList
			h.status = "kept " + quote(h.target.Assessment.Name)
		}
		return h, nil
	case homeRename, homeDuplicate:
		switch {
		case key.Matches(msg, k.Prompt.Quit):
			return h, send(quitMsg{})
		case key.Matches(msg, k.Prompt.Cancel):
			h.mode = homeList
			h.input.Blur()
			return h, nil
		case key.Matches(msg, k.Prompt.Accept):
			name := strings.TrimSpace(h.input.Value())
			if name == "" {
				h.inputErr = "a name is required"
				return h, nil
			}
			mode := h.mode
			h.mode = homeList
			h.input.Blur()
			if mode == homeRename {
				return h, renameAssessment(h.c, h.target.Assessment.ID, name)
			}
			return h, duplicateAssessment(h.c, h.target.Assessment.ID, name)
		}
		var cmd tea.Cmd
		h.input, cmd = h.input.Update(msg)
		h.inputErr = ""
		return h, cmd
	case homeExport:
		switch {
		case key.Matches(msg, k.Export.Quit):
			return h, send(quitMsg{})
		case key.Matches(msg, k.Export.Cancel):
			h.mode = homeList
			h.input.Blur()
			return h, nil
		case key.Matches(msg, k.Export.Format):
			old := h.formats[h.format]
			if msg.String() == "shift+tab" {
				h.format = (h.format + len(h.formats) - 1) % len(h.formats)
			} else {
				h.format = (h.format + 1) % len(h.formats)
			}
			if p := h.input.Value(); strings.HasSuffix(p, "."+old) {
				h.input.SetValue(strings.TrimSuffix(p, "."+old) + "." + h.formats[h.format])
				h.input.CursorEnd()
			}
			h.overwrite, h.inputErr = "", ""
			return h, nil
		case key.Matches(msg, k.Export.Accept):
			path := expandHome(strings.TrimSpace(h.input.Value()))
			if path == "" {
				h.inputErr = "type where to write the file"
				return h, nil
			}
			if st, err := os.Stat(path); err == nil {
				if st.IsDir() {
					h.inputErr = "that is a folder; add a file name"
					return h, nil
				}
				if h.overwrite != path {
					h.overwrite = path
					h.inputErr = "the file exists: enter again replaces it"
					return h, nil
				}
			} else if !errors.Is(err, fs.ErrNotExist) {
				h.inputErr = inert(err.Error())
				return h, nil
			}
			h.mode = homeList
			h.input.Blur()
			h.status, h.statusErr = "writing "+inert(path)+"…", false
			return h, exportAssessment(h.c, h.target.Assessment.ID, h.formats[h.format], path)
		}
		var cmd tea.Cmd
		h.input, cmd = h.input.Update(msg)
		h.overwrite, h.inputErr = "", ""
		return h, cmd
	}

	kh := k.Home
	switch {
	case key.Matches(msg, kh.Quit):
		return h, send(quitMsg{})
	case key.Matches(msg, kh.Help):
		return h, send(showHelpMsg{})
	case key.Matches(msg, kh.New):
		return h, send(showFormMsg{})
	case key.Matches(msg, kh.Up):
		h.sel = clamp(h.sel-1, 0, len(h.list)-1)
		return h, nil
	case key.Matches(msg, kh.Down):
		h.sel = clamp(h.sel+1, 0, len(h.list)-1)
		return h, nil
	}
	s, ok := h.selected()
	if !ok {
		if key.Matches(msg, kh.Open, kh.Rename, kh.Duplicate, kh.Delete, kh.Export, kh.Dashboard) {
			h.status, h.statusErr = "no assessment yet: n starts one", false
		}
		return h, nil
	}
	switch {
	case key.Matches(msg, kh.Open):
		return h, send(openMsg{id: s.Assessment.ID, then: screenQuestionnaire})
	case key.Matches(msg, kh.Dashboard):
		return h, send(openMsg{id: s.Assessment.ID, then: screenDashboard})
	case key.Matches(msg, kh.Rename):
		return h.prompt(homeRename, s, "New name: ", s.Assessment.Name, nameLimit)
	case key.Matches(msg, kh.Duplicate):
		return h.prompt(homeDuplicate, s, "Name of the copy: ", s.Assessment.Name+" (copy)", nameLimit)
	case key.Matches(msg, kh.Delete):
		h.mode, h.target = homeDelete, s
		return h, nil
	case key.Matches(msg, kh.Export):
		h.format = 0
		for i, f := range h.formats {
			if f == "md" {
				h.format = i
			}
		}
		return h.prompt(homeExport, s, "Write to: ", h.defaultExportPath(s.Assessment), pathLimit)
	}
	return h, nil
}

// pathLimit is the longest export path the prompt takes (PATH_MAX).
const pathLimit = 4096

func (h home) prompt(mode homeMode, s model.Summary, prompt, value string, limit int) (home, tea.Cmd) {
	h.mode, h.target, h.inputErr, h.overwrite = mode, s, "", ""
	h.input.Reset()
	h.input.CharLimit = limit
	h.input.Prompt = prompt
	h.input.SetWidth(max(h.width-width(prompt)-2, 10))
	h.input.SetValue(value)
	h.input.CursorEnd()
	return h, h.input.Focus()
}

// defaultExportPath is a file named after the assessment, beside the database.
func (h home) defaultExportPath(a model.Assessment) string {
	dir := "."
	if h.c.dbPath != "" {
		dir = filepath.Dir(h.c.dbPath)
	}
	return filepath.Join(dir, slug(a.Name, a.ID)+"."+h.formats[h.format])
}

// slug makes a file name from an assessment name: lower case letters, digits
// and dashes; the ID when nothing is left.
func slug(name, id string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		return "assessment-" + id
	}
	return s
}

func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, strings.TrimPrefix(p, "~"))
		}
	}
	return p
}

func (h home) keyMap() help.KeyMap {
	switch h.mode {
	case homeRename, homeDuplicate:
		return h.c.keys.Prompt
	case homeExport:
		return h.c.keys.Export
	case homeDelete:
		return h.c.keys.Confirm
	}
	return h.c.keys.Home
}

func (h home) View() string {
	st := h.c.styles
	w := h.width
	count := ""
	if h.loaded {
		count = fmt.Sprintf(" (%d)", len(h.list))
	}
	header := spread(st.Header.Render("assay")+" · "+st.Title.Render("Assessments"+count), st.Subtle.Render(inert(h.c.dbPath)), w)
	bodyH := max(h.height-3, 0)
	dialog := h.dialog(w)
	listH := max(bodyH-len(dialog), 0)
	var body []string
	switch {
	case !h.loaded:
		body = []string{"", "  Reading the assessments…"}
	case len(h.list) == 0:
		body = []string{"", "  " + truncate("No assessments yet: press n to start one.", max(w-2, 0))}
	default:
		body = h.rows(w, listH)
	}
	body = block(body, w, listH)
	body = append(body, dialog...)
	return frame(st, w, h.height, header, body, h.status, h.statusErr, "", h.c.hint(fmt.Sprint("home", h.mode), h.keyMap(), w))
}

// rows draws the list, two lines per assessment, scrolled to the selection.
func (h home) rows(w, height int) []string {
	st := h.c.styles
	per := 3
	visible := max(height/per, 1)
	first := clamp(h.sel-visible/2, 0, len(h.list)-visible)
	var out []string
	for i := first; i < len(h.list) && i < first+visible; i++ {
		s := h.list[i]
		a := s.Assessment
		cursor := "  "
		if i == h.sel {
			cursor = "▸ "
		}
		name := st.Title.Render(inert(a.Name))
		if a.Organisation != "" {
			name += " · " + inert(a.Organisation)
		}
		changed := "changed " + a.UpdatedAt.Local().Format("2006-01-02 15:04")
		var fws []string
		for _, fs := range s.Scores {
			fws = append(fws, fmt.Sprintf("%s %s (%d%%)", inert(fs.Framework.Name()), figure(fs.Score), percent(fs.Completion())))
		}
		for _, id := range s.Missing {
			fws = append(fws, inert(id)+" (not loaded)")
		}
		done := fmt.Sprintf("%d%% done · id %s", percent(s.Completion()), inert(a.ID))
		line1 := spread(cursor+name, st.Subtle.Render(changed), w)
		line2 := spread("  "+"maturity "+strings.Join(fws, " · "), st.Subtle.Render(done), w)
		if i == h.sel {
			line1 = st.Selected.Render(fit(ansiStrip(line1), w))
			line2 = st.Selected.Render(fit(ansiStrip(line2), w))
		}
		out = append(out, line1, line2, "")
	}
	return out
}

// dialog is the prompt or confirmation under the list, if one is open.
func (h home) dialog(w int) []string {
	st := h.c.styles
	a := h.target.Assessment
	var out []string
	switch h.mode {
	case homeRename:
		out = append(out, st.Label.Render(truncate("Rename "+quote(a.Name), w)), fit(h.input.View(), w))
	case homeDuplicate:
		out = append(out, st.Label.Render(truncate("Duplicate "+quote(a.Name)+" with all its answers, to re-assess from them", w)), fit(h.input.View(), w))
	case homeExport:
		var fs []string
		for i, f := range h.formats {
			if i == h.format {
				fs = append(fs, st.TabActive.Render("["+f+"]"))
			} else {
				fs = append(fs, " "+f+" ")
			}
		}
		out = append(out, truncate(st.Label.Render("Export "+quote(a.Name)+" as ")+strings.Join(fs, " ")+st.Subtle.Render("  (tab changes)"), w), fit(h.input.View(), w))
	case homeDelete:
		answered := 0
		var names []string
		for _, fs := range h.target.Scores {
			answered += fs.Answered()
			names = append(names, inert(fs.Framework.Name()))
		}
		names = append(names, h.target.Missing...)
		what := fmt.Sprintf("Delete %s? Its %d answers across %s, with their notes, flags and history, will be lost for good.",
			quote(a.Name), answered, strings.Join(names, " and "))
		for _, l := range wrap(what, w) {
			out = append(out, st.Error.Render(l))
		}
		out = append(out, st.Key.Render("y")+" deletes it · "+st.Key.Render("n")+" or "+st.Key.Render("esc")+" keeps it")
	default:
		return nil
	}
	if h.inputErr != "" {
		out = append(out, st.Error.Render(truncate(h.inputErr, w)))
	}
	return append([]string{strings.Repeat("─", max(w, 0))}, out...)
}
