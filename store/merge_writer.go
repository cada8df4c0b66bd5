package store

// Writing what a merge decided: answers, history, ratings, disagreements.

import (
	"database/sql"
	"time"

	"github.com/assaytui/assay/model"
)

// mergeWriter writes a merge's decisions with statements prepared once for
// the transaction (a bundle can hold tens of thousands of answers).
type mergeWriter struct {
	t        txn
	id, now  string
	importID int64
	stmts    map[string]*sql.Stmt
}

const (
	sqlImportHistory = `INSERT INTO answer_history (assessment_id, framework, question_id,
			old_level, old_na, old_note, old_flagged, new_level, new_na, new_note, new_flagged,
			changed_by, changed_at, host, revision, parent, import_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlImportAnswer = `INSERT INTO answers (assessment_id, framework, question_id, level, na, note, flagged, updated_at, updated_by, revision)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (assessment_id, framework, question_id) DO UPDATE SET
			level = excluded.level, na = excluded.na, note = excluded.note, flagged = excluded.flagged,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by, revision = excluded.revision`
	sqlImportSeen = `INSERT INTO seen_revisions (assessment_id, revision, framework, question_id, parent, stands_for,
			level, na, note, flagged, changed_by, changed_at, host, import_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	sqlImportRating = `INSERT INTO ratings (disagreement_id, ord, revision, level, na, note, flagged, rated_by, rated_at, host, import_id, replaced_by)
		VALUES (?, (SELECT count(*) FROM ratings WHERE disagreement_id = ?1), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// sqlImportOf finds the import that brought a question's revision; the
// question's history index serves it (schema 10 dropped the one by revision).
const sqlImportOf = `SELECT import_id FROM answer_history
	WHERE assessment_id = ? AND framework = ? AND question_id = ? AND revision = ? ORDER BY id DESC LIMIT 1`

func newMergeWriter(t txn, id, now string) (*mergeWriter, error) {
	w := &mergeWriter{t: t, id: id, now: now, stmts: map[string]*sql.Stmt{}}
	for _, q := range append([]string{sqlImportHistory, sqlImportAnswer, sqlDeleteAnswer, sqlImportSeen, sqlImportRating, sqlResolve}, actionStatements...) {
		st, err := t.tx.PrepareContext(t.ctx, q)
		if err != nil {
			w.close()
			return nil, err
		}
		w.stmts[q] = st
	}
	return w, nil
}

func (w *mergeWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *mergeWriter) exec(q string, args ...any) error {
	_, err := w.stmts[q].ExecContext(w.t.ctx, args...)
	return err
}

// recordImport writes the imports row the merge's changes will name.
func (w *mergeWriter) recordImport(b *model.Bundle, opt ImportOptions, tally model.Tally, host string) error {
	res, err := w.t.exec(`INSERT INTO imports (assessment_id, file, sha256, exported_by, exported_at, exported_host, assay_version,
			imported_by, imported_at, host, added, same, skipped, disputed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		w.id, opt.File, opt.SHA256, b.ExportedBy, stampOf(b.ExportedAt), b.Host, b.AssayVersion,
		opt.Actor, w.now, host, tally.Added, tally.Same, tally.Skipped, tally.Disagreements)
	if err != nil {
		return err
	}
	w.importID, err = res.LastInsertId()
	return err
}

func stampOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

// write carries out one decision.
func (w *mergeWriter) write(d model.Decision) error {
	switch d.Outcome {
	case model.MergeAdded:
		for _, h := range d.Apply {
			ol, ona := levelColumns(h.Old.Level)
			nl, nna := levelColumns(h.New.Level)
			if err := w.exec(sqlImportHistory, w.id, d.Framework, d.Question, ol, ona, h.Old.Note, h.Old.Flagged,
				nl, nna, h.New.Note, h.New.Flagged, h.By, stampOf(h.At), h.Host, h.Revision, h.Parent, w.importID); err != nil {
				return err
			}
		}
		if err := w.putAnswer(d.Apply[len(d.Apply)-1]); err != nil {
			return err
		}
		last := d.Apply[len(d.Apply)-1]
		if d.Resolves {
			if err := w.exec(sqlResolve, last.Revision, last.By, stampOf(last.At), w.id, d.Framework, d.Question); err != nil {
				return err
			}
		}
		for _, c := range d.Carries {
			if err := w.carry(c); err != nil {
				return err
			}
		}
		return nil
	case model.MergeSame, model.MergeSkipped:
		return w.remember(d, d.Stands)
	case model.MergeDisputed:
		if err := w.remember(d, ""); err != nil {
			return err
		}
		var did int64
		if d.Arose {
			res, err := w.t.exec(`INSERT INTO disagreements (assessment_id, framework, question_id, arose_at, import_id) VALUES (?, ?, ?, ?, ?)`,
				w.id, d.Framework, d.Question, w.now, w.importID)
			if err != nil {
				return err
			}
			if did, err = res.LastInsertId(); err != nil {
				return err
			}
			// The answer here becomes the first rating, from wherever it came.
			var importID sql.NullInt64
			err = w.t.queryRow(sqlImportOf, w.id, d.Framework, d.Question, d.Current.Revision).Scan(&importID)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			if err := w.rating(did, d.Current, importID, ""); err != nil {
				return err
			}
		} else if err := w.t.queryRow(`SELECT id FROM disagreements WHERE assessment_id = ? AND framework = ? AND question_id = ? AND resolution IS NULL`,
			w.id, d.Framework, d.Question).Scan(&did); err != nil {
			return err
		}
		if d.Replaces != "" {
			if _, err := w.t.exec(`UPDATE ratings SET replaced_by = ? WHERE disagreement_id = ? AND revision = ?`,
				d.Change.Revision, did, d.Replaces); err != nil {
				return err
			}
		}
		return w.rating(did, ratingOfChange(d.Change), sql.NullInt64{Int64: w.importID, Valid: true}, "")
	}
	return nil
}

func ratingOfChange(h model.HistoryEntry) model.Rating {
	return model.Rating{Revision: h.Revision, Level: h.New.Level, Note: h.New.Note, Flagged: h.New.Flagged, By: h.By, At: h.At, Host: h.Host}
}

func (w *mergeWriter) rating(did int64, r model.Rating, importID sql.NullInt64, replacedBy string) error {
	l, na := levelColumns(r.Level)
	return w.exec(sqlImportRating, did, r.Revision, l, na, r.Note, r.Flagged, r.By, stampOf(r.At), r.Host, importID, replacedBy)
}

// putAnswer makes a change the answer here (or removes the row when the
// change cleared it).
func (w *mergeWriter) putAnswer(h model.HistoryEntry) error {
	if h.New.Empty() {
		return w.exec(sqlDeleteAnswer, w.id, h.Framework, h.QuestionID)
	}
	l, na := levelColumns(h.New.Level)
	return w.exec(sqlImportAnswer, w.id, h.Framework, h.QuestionID, l, na, h.New.Note, h.New.Flagged, stampOf(h.At), h.By, h.Revision)
}

// remember records incoming changes as seen; the decision's own change
// stands for stands, its ancestors for nothing.
func (w *mergeWriter) remember(d model.Decision, stands string) error {
	for _, h := range d.Remember {
		sf := ""
		if h.Revision == d.Change.Revision {
			sf = stands
		}
		l, na := levelColumns(h.New.Level)
		if err := w.exec(sqlImportSeen, w.id, h.Revision, d.Framework, d.Question, h.Parent, sf,
			l, na, h.New.Note, h.New.Flagged, h.By, stampOf(h.At), h.Host, w.importID); err != nil {
			return err
		}
	}
	return nil
}

// carry brings a disagreement settled elsewhere along with its resolution.
func (w *mergeWriter) carry(c model.Disagreement) error {
	var exists int
	if err := w.t.queryRow(`SELECT count(*) FROM disagreements WHERE assessment_id = ? AND resolution = ?`,
		w.id, c.Resolved.Revision).Scan(&exists); err != nil || exists > 0 {
		return err
	}
	res, err := w.t.exec(`INSERT INTO disagreements (assessment_id, framework, question_id, arose_at, import_id, resolution, resolved_by, resolved_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, w.id, c.Framework, c.Question, stampOf(c.AroseAt), w.importID,
		c.Resolved.Revision, c.Resolved.By, stampOf(c.Resolved.At))
	if err != nil {
		return err
	}
	did, err := res.LastInsertId()
	if err != nil {
		return err
	}
	for _, r := range c.Ratings {
		if err := w.rating(did, r, sql.NullInt64{Int64: w.importID, Valid: true}, r.ReplacedBy); err != nil {
			return err
		}
	}
	return nil
}
