package tui

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/internal/safefile"
	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
	"github.com/assaytui/assay/store"
)

// This is the one file of the package that talks to the store. Every read
// and write runs inside a tea.Cmd, in the order the user made them, through
// the write queue (writer.go); each returns a typed result message that
// carries what it was asked, so that a late answer can be recognised.

// Options configure the TUI.
type Options struct {
	Store   *store.Store
	Catalog *model.Catalog
	OpenID  string // "" = home screen; else open that assessment at its resume point
	Actor   string // recorded in answer history, e.g. "alice (tui)"
	Version string // assay's version, written into workshop bundles
	// Getenv reads the environment the app draws for (NO_COLOR); nil is
	// this process's. An app served over SSH reads its client's.
	Getenv func(string) string

	// Room, when set, makes the app one person's place in a live workshop
	// on assessment OpenID: the room screen comes first and the
	// assessments list is out of reach. Lead is the facilitator's app;
	// Banner says how to join, on its screen.
	Room   Room
	Lead   bool
	Banner string
	Lobby  []string // how to join, while nobody has
}

// db runs the store's calls as commands.
type db struct {
	st      *store.Store
	cat     *model.Catalog
	actor   string
	version string // of assay, written into bundles
	now     func() time.Time
	w       *writer

	// seen is where the database stood when this app last read the
	// assessment or looked for changes. It is the app's own: the apps of
	// assay serve share one store, and each must see what the others save.
	seenMu sync.Mutex
	seen   store.Version
}

// markSeen notes where the database stands now, so that a later look for
// changes sees what is written from now on.
func (d *db) markSeen(ctx context.Context) error {
	v, err := d.st.Version(ctx)
	if err != nil {
		return err
	}
	d.seenMu.Lock()
	d.seen = v
	d.seenMu.Unlock()
	return nil
}

// changedSince reports whether anything was committed since markSeen or the
// last call, by another process or another app sharing the store (or this
// app's own saves, which a refresh merges as they are).
func (d *db) changedSince(ctx context.Context) (bool, error) {
	v, err := d.st.Version(ctx)
	if err != nil {
		return false, err
	}
	d.seenMu.Lock()
	defer d.seenMu.Unlock()
	changed := v != d.seen
	d.seen = v
	return changed, nil
}

// enqueue queues a job on the write queue; without a store (the views'
// tests and benchmarks) nothing is queued and nothing runs.
func (d *db) enqueue(key string, do func(ctx context.Context, seq uint64) tea.Msg) (uint64, tea.Cmd) {
	if d.st == nil {
		return 0, nil
	}
	return d.w.enqueue(key, do)
}

// path is the database file, shown on the home screen; exports go beside it.
func (d *db) path() string {
	if d.st == nil {
		return ""
	}
	return d.st.Path()
}

// Store results.
type (
	summariesMsg struct {
		list *model.SummaryList // scored as the screen shows them
		err  error
	}
	assessmentMsg struct {
		id       string
		a        model.Assessment
		answers  []model.Answer
		disputes []model.Disagreement // every disagreement, open and resolved
		actions  []model.Action
		err      error
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
		a    model.Assessment
		name string
		err  error
	}
	deletedMsg struct {
		id, name string
		err      error
	}
	exportedMsg struct {
		id, format, path string
		exists           bool // nothing written: the file exists and overwriting was not asked
		err              error
	}
	// answerSavedMsg is the result of one save. When conflict is set the
	// store wrote nothing: the answer had changed since the user saw it, and
	// conflict is the answer as it is now.
	answerSavedMsg struct {
		seq      uint64
		id       string // the assessment
		key      model.Key
		change   model.Change
		answer   model.Answer // the answer as stored, when err is nil
		at       time.Time
		conflict *model.Answer
		err      error
	}
	resumeSavedMsg struct {
		seq uint64
		id  string
		key model.Key
		err error
	}
	// refreshedMsg is the result of one look for changes made elsewhere.
	// It does not implement failer: a failed look is shown, but it is no
	// unsaved change and must not hold up quitting.
	refreshedMsg struct {
		seq      uint64 // the look's place in the write queue
		id       string
		changed  bool // another process committed since the last look
		gone     bool // the assessment was deleted elsewhere
		a        model.Assessment
		answers  []model.Answer
		disputes []model.Disagreement
		actions  []model.Action
		err      error
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

// verifiedMsg is the verdict of the store's check of the whole file.
type verifiedMsg struct{ err error }

// verified starts the store's check of the whole file if it has not started
// and waits for it (see store.VerifyInBackground); it is not queued: it only
// waits.
func (d *db) verified() tea.Cmd {
	if d.st == nil {
		return nil
	}
	st := d.st
	return func() tea.Msg { return verifiedMsg{st.Verified(context.Background())} }
}

// summaries reads the assessments list. Reads go through the write queue
// too, so they see every change made before them.
func (d *db) summaries() tea.Cmd {
	st, cat := d.st, d.cat
	_, cmd := d.enqueue("read:summaries", func(ctx context.Context, _ uint64) tea.Msg {
		list, err := st.List(ctx)
		if err != nil {
			return summariesMsg{nil, err}
		}
		levels, err := st.Levels(ctx)
		if err != nil {
			return summariesMsg{nil, err}
		}
		return summariesMsg{model.NewSummaryList(list, levels.Of, cat), nil}
	})
	return cmd
}

// assessment reads one assessment with its answers. It first takes note of
// where the database stands, so that a later look for changes sees what is
// written from now on: by other processes, or other apps sharing the store.
func (d *db) assessment(id string) tea.Cmd {
	st := d.st
	_, cmd := d.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		_ = d.markSeen(ctx) // a failure shows in the reads below
		a, err := st.Get(ctx, id)
		if err != nil {
			return assessmentMsg{id: id, err: err}
		}
		answers, err := st.Answers(ctx, id)
		if err != nil {
			return assessmentMsg{id: id, err: err}
		}
		ds, err := st.Disagreements(ctx, id)
		if err != nil {
			return assessmentMsg{id: id, err: err}
		}
		acts, err := st.Actions(ctx, id)
		return assessmentMsg{id: id, a: a, answers: answers, disputes: ds, actions: acts, err: err}
	})
	return cmd
}

// create checks and stores a new assessment.
func (d *db) create(n model.NewAssessment) tea.Cmd {
	st, cat := d.st, d.cat
	n.Frameworks = append([]string(nil), n.Frameworks...)
	_, cmd := d.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
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

func (d *db) rename(id, name string) tea.Cmd {
	st := d.st
	_, cmd := d.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		return renamedMsg{id, strings.TrimSpace(name), st.Rename(ctx, id, name)}
	})
	return cmd
}

func (d *db) duplicate(id, name string) tea.Cmd {
	st := d.st
	_, cmd := d.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		a, err := st.Duplicate(ctx, id, name)
		return duplicatedMsg{a, name, err}
	})
	return cmd
}

func (d *db) remove(id, name string) tea.Cmd {
	st := d.st
	_, cmd := d.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		return deletedMsg{id, name, st.Delete(ctx, id)}
	})
	return cmd
}

// export writes a report of one assessment to path, whole or not at all
// (safefile), readable only by the user. An existing file is replaced only
// when overwrite is set; otherwise the result says it exists.
func (d *db) export(id, format, path string, overwrite bool) tea.Cmd {
	st, cat, now, actor, version := d.st, d.cat, d.now, d.actor, d.version
	_, cmd := d.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		res := exportedMsg{id: id, format: format, path: path}
		b, err := st.Bundle(ctx, id) // one snapshot: the answers and actions agree with their history
		if err != nil {
			res.err = err
			return res
		}
		d := report.Data{Assessment: b.Assessment, Answers: b.Answers, Actions: b.Actions, ActionHistory: b.ActionHistory,
			Catalog: cat, Generated: now(), History: b.History, Disagreements: b.Disagreements,
			ExportedBy: actor, Host: st.Host(), AssayVersion: version}
		res.err = safefile.Write(ctx, path, safefile.Options{Force: overwrite}, func(w io.Writer) error {
			return report.Write(w, format, d)
		})
		if errors.Is(res.err, safefile.ErrExists) {
			res.exists, res.err = true, nil
		}
		return res
	})
	return cmd
}

// save queues one change to one answer. The returned sequence number
// identifies the result message.
func (d *db) save(id string, k model.Key, ch model.Change) (uint64, tea.Cmd) {
	st, actor, now := d.st, d.actor, d.now
	ch = detach(ch)
	return d.enqueue("", func(ctx context.Context, seq uint64) tea.Msg {
		a, err := st.Save(ctx, id, k.Framework, k.Question, ch, actor)
		res := answerSavedMsg{seq: seq, id: id, key: k, change: ch, answer: a, at: now(), err: err}
		if cur, ok := conflictOf(err); ok {
			res.conflict, res.err = &cur, nil
		}
		return res
	})
}

// saveResume queues the resume point; a newer resume point of the same
// framework replaces one still queued.
func (d *db) saveResume(id string, k model.Key) tea.Cmd {
	st := d.st
	_, cmd := d.enqueue("resume:"+id+":"+k.Framework, func(ctx context.Context, seq uint64) tea.Msg {
		return resumeSavedMsg{seq, id, k, st.SetResume(ctx, id, k.Framework, k.Question)}
	})
	return cmd
}

// checkChanged queues a look for changes made elsewhere (the CLI, a second
// app). store.Changed asks SQLite's data_version, which costs no I/O; only
// when another connection has committed since the last look are the
// assessment and its answers read again. It runs in the write queue, after
// every write the user made before it, so what it reads already holds them.
// Looks still queued are replaced by the newest one. There is no timer:
// the app looks when the user moves or opens a screen of figures.
func (d *db) checkChanged(id string) tea.Cmd {
	if id == "" {
		return nil
	}
	st := d.st
	_, cmd := d.enqueue("read:changed:"+id, func(ctx context.Context, seq uint64) tea.Msg {
		changed, err := d.changedSince(ctx)
		if err != nil {
			return refreshedMsg{seq: seq, id: id, err: err}
		}
		if !changed {
			return nil
		}
		a, err := st.Get(ctx, id)
		if err != nil {
			return refreshedMsg{seq: seq, id: id, changed: true, gone: errors.Is(err, store.ErrNotFound), err: err}
		}
		answers, err := st.Answers(ctx, id)
		if err != nil {
			return refreshedMsg{seq: seq, id: id, changed: true, err: err}
		}
		ds, err := st.Disagreements(ctx, id)
		if err != nil {
			return refreshedMsg{seq: seq, id: id, changed: true, err: err}
		}
		acts, err := st.Actions(ctx, id)
		return refreshedMsg{seq: seq, id: id, changed: true, a: a, answers: answers, disputes: ds, actions: acts, err: err}
	})
	return cmd
}

// conflictOf reports a save the store refused because the answer had
// changed since the user saw it, with the answer as it is now.
func conflictOf(err error) (model.Answer, bool) {
	var ce *store.ConflictError
	if errors.As(err, &ce) {
		return ce.Current, true
	}
	return model.Answer{}, false
}

// Workshop reads: a question's history, two assessments to compare.
type (
	historyMsg struct {
		id      string
		key     model.Key
		entries []model.HistoryEntry
		err     error
	}
	comparedMsg struct {
		oldID, newID string
		cmp          model.Comparison
		err          error
	}
)

// history reads the recorded changes of one question.
func (d *db) history(id string, k model.Key) tea.Cmd {
	st := d.st
	_, cmd := d.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		all, err := st.History(ctx, id)
		var mine []model.HistoryEntry
		for _, h := range all {
			if h.Framework == k.Framework && h.QuestionID == k.Question {
				mine = append(mine, h)
			}
		}
		return historyMsg{id, k, mine, err}
	})
	return cmd
}

// compare reads two assessments and sets them side by side.
func (d *db) compare(oldID, newID string) tea.Cmd {
	st, cat := d.st, d.cat
	_, cmd := d.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		res := comparedMsg{oldID: oldID, newID: newID}
		var as [2]model.Assessment
		var answers [2][]model.Answer
		for i, id := range []string{oldID, newID} {
			if as[i], res.err = st.Get(ctx, id); res.err != nil {
				return res
			}
			if answers[i], res.err = st.Answers(ctx, id); res.err != nil {
				return res
			}
		}
		res.cmp = model.Compare(as[0], model.NewAnswers(answers[0]), as[1], model.NewAnswers(answers[1]), cat)
		return res
	})
	return cmd
}
