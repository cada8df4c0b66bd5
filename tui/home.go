package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
	"github.com/assaytui/assay/tui/cells"
)

// homeAsk is the question the list's modal asks.
type homeAsk int

const (
	askNone homeAsk = iota
	askRename
	askDuplicate
	askExport
	askDelete
)

// pathLimit is the longest export path the prompt takes (PATH_MAX).
const pathLimit = 4096

// home is the assessments list. It draws only the rows on screen and
// filters by name, organisation or ID, so ten thousand assessments cost no
// more per key than ten.
type home struct {
	c             *common
	width, height int

	list     *model.SummaryList // scored as rows are shown or picked
	hay      []string           // per assessment: name, organisation and ID, lower case, for the filter
	shown    []int              // the assessments that pass the filter, indexes into list
	loaded   bool
	sel      int    // index into shown
	selectID string // select this assessment once the list is reloaded

	filter    lineInput
	filtering bool // the filter has the keys

	ask     homeAsk
	target  model.Summary // the assessment asked about
	prompt  prompt        // rename, duplicate, export path
	confirm confirm       // delete
	formats []string
	format  int
	replace string            // an export path that exists: enter again replaces it
	typed   map[string]string // text typed into a prompt whose action failed, offered again
	marked  []string          // assessments marked to compare (at most two, oldest mark first)
}

func newHome(c *common) home {
	h := home{c: c, formats: report.Formats(), typed: map[string]string{}}
	h.filter = newLineInput(200)
	h.filter.Prompt = "Filter: "
	h.filter.Placeholder = "name, organisation or ID"
	h.filter.SetStyles(c.styles.Input)
	return h
}

func (h home) Title() string { return "assessments" }

func (h home) Keys() help.KeyMap {
	k := h.c.keys
	switch {
	case h.ask == askRename || h.ask == askDuplicate:
		return k.Prompt
	case h.ask == askExport:
		return k.Export
	case h.ask == askDelete:
		return k.Confirm
	case h.filtering:
		return k.Filter
	}
	return k.Home
}

func (h home) selected() (model.Summary, bool) {
	if h.sel < 0 || h.sel >= len(h.shown) {
		return model.Summary{}, false
	}
	return h.list.Summary(h.shown[h.sel]), true
}

// refilter applies the filter, keeping the selection where it can.
func (h *home) refilter(keepID string) {
	words := strings.Fields(strings.ToLower(h.filter.Value()))
	h.shown = h.shown[:0]
	for i, hay := range h.hay {
		all := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				all = false
				break
			}
		}
		if all {
			h.shown = append(h.shown, i)
		}
	}
	h.sel = clamp(h.sel, 0, len(h.shown)-1)
	for i, j := range h.shown {
		if h.list.Assessment(j).ID == keepID {
			h.sel = i
		}
	}
}

func (h home) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.width, h.height = msg.Width, msg.Height
		h.filter.SetWidth(max(msg.Width-cells.Width(h.filter.Prompt)-2, 10))
		h.prompt.resize(msg.Width)
	case restyledMsg:
		h.filter.SetStyles(h.c.styles.Input)
		h.prompt.input.SetStyles(h.c.styles.Input)
	case revealMsg:
		return h, h.c.db.summaries()
	case summariesMsg:
		if msg.err != nil {
			return h, sayErr("cannot read the assessments: " + cells.Inert(msg.err.Error()))
		}
		keep := h.selectID
		if s, ok := h.selected(); ok && keep == "" {
			keep = s.Assessment.ID
		}
		h.selectID = ""
		h.list, h.loaded = msg.list, true
		h.hay = make([]string, h.list.Len())
		for i := range h.hay {
			a := h.list.Assessment(i)
			h.hay[i] = strings.ToLower(a.Name + "\x00" + a.Organisation + "\x00" + a.ID)
		}
		h.refilter(keep)
	case renamedMsg:
		if msg.err != nil {
			h.typed["rename:"+msg.id] = msg.name
			return h, sayErr("rename failed: " + cells.Inert(msg.err.Error()) + "; r offers the name again")
		}
		delete(h.typed, "rename:"+msg.id)
		return h, tea.Batch(say("renamed to "+quote(msg.name)), h.c.db.summaries())
	case duplicatedMsg:
		if msg.err != nil {
			h.typed["duplicate"] = msg.name
			return h, sayErr("copy failed: " + cells.Inert(msg.err.Error()))
		}
		delete(h.typed, "duplicate")
		h.selectID = msg.a.ID
		return h, tea.Batch(say("copied as "+quote(msg.a.Name)), h.c.db.summaries())
	case createdMsg:
		if msg.err == nil {
			h.selectID = msg.a.ID
		}
	case deletedMsg:
		if msg.err != nil {
			return h, sayErr("delete failed: " + cells.Inert(msg.err.Error()))
		}
		return h, tea.Batch(say("deleted "+quote(msg.name)), h.c.db.summaries())
	case exportedMsg:
		return h.exported(msg)
	case tea.PasteMsg:
		return h.updateInput(msg)
	case tea.KeyPressMsg:
		return h.updateKey(msg)
	}
	return h, nil
}

// updateInput passes a key or paste to the modal or the filter.
func (h home) updateInput(msg tea.Msg) (screen, tea.Cmd) {
	var cmd tea.Cmd
	var out outcome
	switch h.ask {
	case askRename, askDuplicate, askExport:
		if k, ok := msg.(tea.KeyPressMsg); ok && h.ask == askExport && key.Matches(k, h.c.keys.Export.Format) {
			return h.nextFormat(k.String() == "shift+tab"), nil
		}
		h.prompt, out, cmd = h.prompt.Update(msg)
		if h.ask == askExport && out == stay {
			h.replace = ""
		}
	case askDelete:
		h.confirm, out = h.confirm.Update(msg)
	default:
		if h.filtering {
			return h.updateFilter(msg)
		}
		return h, nil
	}
	switch out {
	case quitting:
		return h, send(quitMsg{}) // leave saves what was typed
	case cancelled:
		if h.ask == askDelete {
			cmd = say("kept " + quote(h.target.Assessment.Name))
		}
		h.ask = askNone
	case accepted:
		return h.act()
	}
	return h, cmd
}

func (h home) updateFilter(msg tea.Msg) (screen, tea.Cmd) {
	k := h.c.keys.Filter
	if km, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(km, k.Quit):
			return h, send(quitMsg{})
		case key.Matches(km, k.Accept):
			h.filtering = false
			h.filter.Blur()
			return h, nil
		case key.Matches(km, k.Cancel):
			return h.clearFilter(), nil
		}
	}
	keep := ""
	if s, ok := h.selected(); ok {
		keep = s.Assessment.ID
	}
	var cmd tea.Cmd
	before := h.filter.Value()
	h.filter, cmd = h.filter.Update(msg)
	if h.filter.Value() != before {
		h.refilter(keep)
	}
	return h, cmd
}

func (h home) clearFilter() home {
	keep := ""
	if s, ok := h.selected(); ok {
		keep = s.Assessment.ID
	}
	h.filtering = false
	h.filter.Blur()
	h.filter.SetValue("")
	h.refilter(keep)
	return h
}

// act does what the modal was accepted for.
func (h home) act() (screen, tea.Cmd) {
	a := h.target.Assessment
	ask := h.ask
	h.ask = askNone
	switch ask {
	case askRename:
		return h, h.c.db.rename(a.ID, strings.TrimSpace(h.prompt.value()))
	case askDuplicate:
		return h, h.c.db.duplicate(a.ID, strings.TrimSpace(h.prompt.value()))
	case askDelete:
		return h, tea.Batch(say("deleting "+quote(a.Name)+"…"), h.c.db.remove(a.ID, a.Name))
	case askExport:
		path := expandHome(strings.TrimSpace(h.prompt.value()))
		if path == "" {
			h.ask, h.prompt.problem = askExport, "type where to write the file"
			return h, nil
		}
		overwrite := h.replace == path
		return h, tea.Batch(say("writing "+cells.Inert(path)+"…"), h.c.db.export(a.ID, h.formats[h.format], path, overwrite))
	}
	return h, nil
}

// leave saves a name typed into the rename or duplicate prompt when the app quits.
func (h home) leave() (screen, tea.Cmd) {
	if h.ask != askRename && h.ask != askDuplicate {
		return h, nil
	}
	if v, ok := h.prompt.valid(); !ok || (h.ask == askRename && strings.TrimSpace(v) == h.target.Assessment.Name) {
		h.ask = askNone
		return h, nil
	}
	return h.act()
}

func (h home) exported(msg exportedMsg) (screen, tea.Cmd) {
	switch {
	case msg.exists:
		// Ask again, with what was typed: enter replaces the file.
		if s, ok := h.find(msg.id); ok {
			h = h.askExport(s, msg.path)
			h.format = max(indexOf(h.formats, msg.format), 0)
			h.replace = msg.path
			h.prompt.problem = "the file exists: enter again replaces it"
		}
		return h, nil
	case msg.err != nil:
		if s, ok := h.find(msg.id); ok && h.ask == askNone {
			h = h.askExport(s, msg.path)
			h.format = max(indexOf(h.formats, msg.format), 0)
			h.prompt.problem = "not written: " + cells.Inert(msg.err.Error())
		}
		return h, sayErr("export failed: " + cells.Inert(msg.err.Error()))
	}
	return h, say("wrote " + cells.Inert(msg.path))
}

func (h home) find(id string) (model.Summary, bool) {
	for i := range h.list.Len() {
		if h.list.Assessment(i).ID == id {
			return h.list.Summary(i), true
		}
	}
	return model.Summary{}, false
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func (h home) updateKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	if h.ask != askNone || h.filtering {
		return h.updateInput(msg)
	}
	kh := h.c.keys.Home
	switch {
	case key.Matches(msg, kh.Quit):
		return h, send(quitMsg{})
	case key.Matches(msg, kh.Help):
		return h, send(helpMsg{})
	case key.Matches(msg, kh.New):
		f, cmd := newForm(h.c).Init()
		return h, tea.Batch(cmd, push(f))
	case key.Matches(msg, kh.Filter):
		h.filtering = true
		return h, h.filter.Focus()
	case msg.String() == "esc" && h.filter.Value() != "":
		return h.clearFilter(), nil
	case key.Matches(msg, kh.Up):
		h.sel = clamp(h.sel-1, 0, len(h.shown)-1)
		return h, nil
	case key.Matches(msg, kh.Down):
		h.sel = clamp(h.sel+1, 0, len(h.shown)-1)
		return h, nil
	}
	s, ok := h.selected()
	if !ok {
		if key.Matches(msg, kh.Open, kh.Rename, kh.Duplicate, kh.Delete, kh.Export, kh.Dashboard, kh.Mark, kh.Compare, kh.Reconcile) {
			if h.list.Len() > 0 {
				return h, say("no assessment matches the filter: esc clears it")
			}
			return h, say("no assessment yet: n starts one")
		}
		return h, nil
	}
	if h, cmd, ok := h.workshopKey(msg, s); ok {
		return h, cmd
	}
	a := s.Assessment
	switch {
	case key.Matches(msg, kh.Open):
		return h, send(openMsg{id: a.ID})
	case key.Matches(msg, kh.Dashboard):
		return h, send(openMsg{id: a.ID, dashboard: true})
	case key.Matches(msg, kh.Rename):
		name := a.Name
		if t, ok := h.typed["rename:"+a.ID]; ok {
			name = t
		}
		h.ask, h.target = askRename, s
		h.prompt = newPrompt(h.c, h.c.keys.Prompt, "Rename "+quote(a.Name), "New name: ", name, nameLimit, h.width)
		h.prompt.required = "a name is required"
	case key.Matches(msg, kh.Duplicate):
		name := a.Name + " (copy)"
		if t, ok := h.typed["duplicate"]; ok {
			name = t
		}
		h.ask, h.target = askDuplicate, s
		h.prompt = newPrompt(h.c, h.c.keys.Prompt, "Duplicate "+quote(a.Name)+" with all its answers, to re-assess from them",
			"Name of the copy: ", name, nameLimit, h.width)
		h.prompt.required = "a name is required"
	case key.Matches(msg, kh.Delete):
		h.ask, h.target = askDelete, s
		h.confirm = h.deleteQuestion(s)
	case key.Matches(msg, kh.Export):
		h.format = max(indexOf(h.formats, "md"), 0)
		return h.askExport(s, h.defaultExportPath(a)), nil
	}
	return h, nil
}

func (h home) askExport(s model.Summary, path string) home {
	h.ask, h.target, h.replace = askExport, s, ""
	h.prompt = newPrompt(h.c, PromptKeys{Accept: h.c.keys.Export.Accept, Cancel: h.c.keys.Export.Cancel, Quit: h.c.keys.Export.Quit},
		"", "Write to: ", path, pathLimit, h.width)
	return h
}

func (h home) nextFormat(back bool) home {
	old := h.formats[h.format]
	if back {
		h.format = (h.format + len(h.formats) - 1) % len(h.formats)
	} else {
		h.format = (h.format + 1) % len(h.formats)
	}
	if p := h.prompt.value(); strings.HasSuffix(p, "."+old) {
		h.prompt.input.SetValue(strings.TrimSuffix(p, "."+old) + "." + h.formats[h.format])
		h.prompt.input.CursorEnd()
	}
	h.replace, h.prompt.problem = "", ""
	return h
}

func (h home) deleteQuestion(s model.Summary) confirm {
	st := h.c.styles
	answered := 0
	var names []string
	for _, fs := range s.Scores {
		answered += fs.Answered()
		names = append(names, cells.Inert(fs.Framework.Name()))
	}
	names = append(names, s.Missing...)
	noun := "answers"
	if answered == 1 {
		noun = "answer"
	}
	return confirm{
		keys: h.c.keys.Confirm,
		question: []string{fmt.Sprintf("Delete %s? Its %d %s across %s, with their notes, flags and history, will be lost for good.",
			quote(s.Assessment.Name), answered, noun, strings.Join(names, " and "))},
		answers: st.Key.Render("y") + " deletes it · " + st.Key.Render("n") + " or " + st.Key.Render("esc") + " keeps it",
	}
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
