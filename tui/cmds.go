package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
	"github.com/assaytui/assay/store"
)

// common is what every screen shares: the store and catalog (used only inside
// commands), the write queue, the clock, styles and keys.
type common struct {
	store   *store.Store
	catalog *model.Catalog
	actor   string
	dbPath  string // shown on the home screen; exports go beside it
	w       *writer
	now     func() time.Time
	styles  *Styles
	keys    KeyMap
	hints   map[hintKey]string // one-line key hints already drawn
	bars    map[barKey]string  // maturity bars already drawn
}

type barKey struct{ eighths, width, mark int }

type hintKey struct {
	name  string
	width int
}

// hint is the one-line key hint of a key map, generated from its ShortHelp
// and cut to width; drawn once per key map, width and style.
func (c *common) hint(name string, km help.KeyMap, w int) string {
	k := hintKey{name, w}
	if h, ok := c.hints[k]; ok {
		return h
	}
	hp := help.New()
	hp.Styles = c.styles.Help
	hp.SetWidth(w)
	h := hp.ShortHelpView(km.ShortHelp())
	if c.hints == nil || len(c.hints) > 64 {
		c.hints = map[hintKey]string{}
	}
	c.hints[k] = h
	return h
}

// Navigation messages: a screen asks the root to show another screen.
type (
	openMsg struct { // open an assessment at its resume point
		id   string
		then screenID // the screen to show it on: the questionnaire or the dashboard
	}
	showHomeMsg struct{} // back to the assessments list
	showFormMsg struct{} // the new-assessment form
	showHelpMsg struct{} // the help screen for the focused screen
	quitMsg     struct{} // save what is pending and quit

	showDashboardMsg   struct{}                // the dashboard of the open assessment
	showDifferencesMsg struct{}                // the differences screen of the open assessment
	jumpMsg            struct{ key model.Key } // answer that question in the questionnaire
	backMsg            struct{}                // leave the dashboard or differences screen
)

func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// Store results. Each carries what it was asked for, so that a stale answer
// can be recognised.
type (
	summariesMsg struct {
		list []model.Summary
		err  error
	}
	assessmentMsg struct {
		id      string
		a       model.Assessment
		answers []model.Answer
		err     error
	}
	createdMsg struct {
		a   model.Assessment
		err error
	}
	renamedMsg struct {
		id, name string
		err      error
	}
	duplicatedMsg struct {
		a   model.Assessment
		err error
	}
	deletedMsg struct {
		id, name string
		err      error
	}
	exportedMsg struct {
		path string
		err  error
	}
	// answerSavedMsg is the result of one store.Save.
	answerSavedMsg struct {
		seq    uint64
		id     string // the assessment
		key    model.Key
		change model.Change
		answer model.Answer // the answer as stored, when err is nil
		at     time.Time
		err    error
	}
	// resumeSavedMsg is the result of one store.SetResume.
	resumeSavedMsg struct {
		seq uint64
		id  string
		key model.Key
		err error
	}
	// flushedMsg reports the writes run synchronously on the way out.
	flushedMsg struct {
		results, failures []tea.Msg
	}
)

func (m createdMsg) failed() error     { return m.err }
func (m renamedMsg) failed() error     { return m.err }
func (m duplicatedMsg) failed() error  { return m.err }
func (m deletedMsg) failed() error     { return m.err }
func (m exportedMsg) failed() error    { return m.err }
func (m answerSavedMsg) failed() error { return m.err }
func (m resumeSavedMsg) failed() error { return m.err }

// loadSummaries reads the assessments list. Reads go through the write
// queue too, so they see every change made before them.
func loadSummaries(c *common) tea.Cmd {
	st, cat := c.store, c.catalog
	_, cmd := c.w.enqueue("read:summaries", func(ctx context.Context, _ uint64) tea.Msg {
		list, err := st.List(ctx)
		if err != nil {
			return summariesMsg{nil, err}
		}
		levels, err := st.Levels(ctx)
		return summariesMsg{model.Summaries(list, levels.Of, cat), err}
	})
	return cmd
}

// loadAssessment reads one assessment with its answers. It first takes
// note of the database's data version, so that a later checkChanged sees
// what other processes write from now on.
func loadAssessment(c *common, id string) tea.Cmd {
	st := c.store
	_, cmd := c.w.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		_, _ = st.Changed(ctx) // a failure shows in the reads below
		a, err := st.Get(ctx, id)
		if err != nil {
			return assessmentMsg{id: id, err: err}
		}
		answers, err := st.Answers(ctx, id)
		return assessmentMsg{id: id, a: a, answers: answers, err: err}
	})
	return cmd
}

// createAssessment checks and stores a new assessment.
func createAssessment(c *common, n model.NewAssessment) tea.Cmd {
	st, cat := c.store, c.catalog
	n.Frameworks = append([]string(nil), n.Frameworks...)
	_, cmd := c.w.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		checked, err := n.Check(cat)
		if err != nil {
			return createdMsg{err: err}
		}
		versions := map[string]string{}
		for _, id := range checked.Frameworks {
			if f, ok := cat.Framework(id); ok {
				versions[id] = f.Version
			}
		}
		a, err := st.Create(ctx, checked, versions)
		return createdMsg{a, err}
	})
	return cmd
}

func renameAssessment(c *common, id, name string) tea.Cmd {
	st := c.store
	_, cmd := c.w.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		return renamedMsg{id, strings.TrimSpace(name), st.Rename(ctx, id, name)}
	})
	return cmd
}

func duplicateAssessment(c *common, id, name string) tea.Cmd {
	st := c.store
	_, cmd := c.w.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		a, err := st.Duplicate(ctx, id, name)
		return duplicatedMsg{a, err}
	})
	return cmd
}

func deleteAssessment(c *common, id, name string) tea.Cmd {
	st := c.store
	_, cmd := c.w.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		return deletedMsg{id, name, st.Delete(ctx, id)}
	})
	return cmd
}

// exportAssessment writes a report of one assessment to path. The file is
// written beside its final name and renamed into place, so a failed export
// never leaves half a file; it is readable only by the user (0600).
func exportAssessment(c *common, id, format, path string) tea.Cmd {
	st, cat, now := c.store, c.catalog, c.now
	_, cmd := c.w.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		a, err := st.Get(ctx, id)
		if err != nil {
			return exportedMsg{path, err}
		}
		answers, err := st.Answers(ctx, id)
		if err != nil {
			return exportedMsg{path, err}
		}
		return exportedMsg{path, writeFileAtomic(path, func(f *os.File) error {
			return report.Write(f, format, report.Data{Assessment: a, Answers: answers, Catalog: cat, Generated: now()})
		})}
	})
	return cmd
}

func writeFileAtomic(path string, write func(*os.File) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, unwrapPath(err))
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	return nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}

// saveAnswer queues one change to one answer. The returned sequence number
// identifies the result message.
func saveAnswer(c *common, id string, k model.Key, ch model.Change) (uint64, tea.Cmd) {
	st, actor, now := c.store, c.actor, c.now
	ch = copyChange(ch)
	return c.w.enqueue("", func(ctx context.Context, seq uint64) tea.Msg {
		a, err := st.Save(ctx, id, k.Framework, k.Question, ch, actor)
		return answerSavedMsg{seq: seq, id: id, key: k, change: ch, answer: a, at: now(), err: err}
	})
}

// saveResume queues the resume point; a newer resume point of the same
// framework replaces one still queued.
func saveResume(c *common, id string, k model.Key) (uint64, tea.Cmd) {
	st := c.store
	return c.w.enqueue("resume:"+id+":"+k.Framework, func(ctx context.Context, seq uint64) tea.Msg {
		return resumeSavedMsg{seq, id, k, st.SetResume(ctx, id, k.Framework, k.Question)}
	})
}

// copyChange detaches a change from the caller's variables.
func copyChange(ch model.Change) model.Change {
	var out model.Change
	if ch.Level != nil {
		l := *ch.Level
		out.Level = &l
	}
	if ch.Note != nil {
		n := *ch.Note
		out.Note = &n
	}
	if ch.Flagged != nil {
		f := *ch.Flagged
		out.Flagged = &f
	}
	return out
}
