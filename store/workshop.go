package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/assaytui/assay/model"
)

// ImportOptions says where a bundle goes and who brings it in.
type ImportOptions struct {
	// Into merges into this assessment instead of the bundle's own ID.
	Into string
	// DryRun decides everything and writes nothing.
	DryRun bool
	// File names the file the bundle came from, SHA256 its bytes.
	File, SHA256 string
	// Actor is who imports.
	Actor string
}

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// originSQL is how a history row, rating or seen change names its import.
const originSQL = `CASE WHEN i.id IS NULL THEN '' ELSE i.file ||
	CASE WHEN i.exported_by = '' THEN '' ELSE ' from ' || i.exported_by END ||
	CASE WHEN i.exported_host = '' THEN '' ELSE ' on ' || i.exported_host END END`

// Import merges a bundle into the assessment with its ID (or opt.Into),
// creating it when it is not here, in one transaction: all of it or nothing.
// The bundle must have passed model.Bundle.Check against the loaded
// frameworks. The merge rules are model.Merge's.
func (s *Store) Import(ctx context.Context, b *model.Bundle, opt ImportOptions) (model.ImportResult, error) {
	var res model.ImportResult
	err := s.write(ctx, func(t txn) error {
		var wrote bool
		var err error
		res, wrote, err = s.importTx(t, b, opt)
		if err == nil && (opt.DryRun || !wrote) {
			// A dry run, or a bundle seen before: the file stays exactly as
			// it was (no import is recorded either).
			return errDryRun
		}
		return err
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return res, err
}

// ImportItem is one bundle of a dry run over several files.
type ImportItem struct {
	Bundle  *model.Bundle
	Options ImportOptions
}

// DryRunImports says what importing the bundles one after the other would
// do, each judged after the ones before it (bob's rating meets alice's as
// it would for real), and changes nothing: it imports them all in one
// transaction and rolls it back. On an error it returns the results of the
// bundles before the one that failed.
func (s *Store) DryRunImports(ctx context.Context, items []ImportItem) ([]model.ImportResult, error) {
	var results []model.ImportResult
	err := s.write(ctx, func(t txn) error {
		results = results[:0]
		for _, it := range items {
			res, _, err := s.importTx(t, it.Bundle, it.Options)
			if err != nil {
				return err
			}
			res.DryRun = true
			results = append(results, res)
		}
		return errDryRun
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return results, err
}

// importTx merges one bundle inside t; wrote says whether that wrote
// anything (a bundle seen before writes nothing). The caller commits, or
// rolls back a dry run.
func (s *Store) importTx(t txn, b *model.Bundle, opt ImportOptions) (res model.ImportResult, wrote bool, err error) {
	id := b.Assessment.ID
	if opt.Into != "" {
		id = opt.Into
	}
	res = model.ImportResult{File: opt.File, DryRun: opt.DryRun}
	now := s.stamp()
	local, err := s.getTx(t, id)
	switch {
	case errors.Is(err, ErrNotFound) && opt.Into == "":
		res.Created = true
		if err := createFromBundle(t, id, b, now); err != nil {
			return res, false, err
		}
		if err := putTargets(t, id, b, now); err != nil {
			return res, false, err
		}
	case err != nil:
		return res, false, err
	default:
		for _, f := range b.Assessment.Frameworks {
			if !local.Has(f.ID) {
				return res, false, fmt.Errorf("%s does not cover %s, which the bundle does (it covers %s): %w",
					assessment(id), f.ID, strings.Join(local.FrameworkIDs(), ", "), ErrMismatch)
			}
		}
		// Targets are the assessment's own: kept, and differences reported.
		res.Targets = model.TargetDifferences(local, b.Assessment)
	}
	state, err := loadMergeState(t, id)
	if err != nil {
		return res, false, err
	}
	res.Decisions = model.Merge(state, b, parseTime(now))
	res.Tally = model.Count(res.Decisions)
	actions, err := loadActionMergeState(t, id)
	if err != nil {
		return res, false, err
	}
	res.Actions = model.MergeActions(actions, b)
	res.ActionTally = model.CountActions(res.Actions)
	if !res.Created && !writes(res.Decisions) && !writesActions(res.Actions) {
		res.Assessment, err = s.getTx(t, id)
		return res, false, err
	}
	w, err := newMergeWriter(t, id, now)
	if err != nil {
		return res, false, err
	}
	defer w.close()
	if err := w.recordImport(b, opt, res.Tally, s.host); err != nil {
		return res, false, err
	}
	for _, d := range res.Decisions {
		if err := w.write(d); err != nil {
			return res, false, err
		}
	}
	for _, d := range res.Actions {
		if err := w.writeAction(d); err != nil {
			return res, false, err
		}
	}
	if res.Tally.Changed() || res.ActionTally.Changed() || res.Created {
		if _, err := t.exec(`UPDATE assessments SET updated_at = ? WHERE id = ?`, now, id); err != nil {
			return res, false, err
		}
	}
	res.Assessment, err = s.getTx(t, id)
	return res, true, err
}

// writes reports whether carrying out the decisions writes anything.
func writes(ds []model.Decision) bool {
	for _, d := range ds {
		if d.Outcome == model.MergeAdded || d.Outcome == model.MergeDisputed || len(d.Remember) > 0 {
			return true
		}
	}
	return false
}

// ErrMismatch is a bundle that does not fit the assessment it is merged into.
var ErrMismatch = errors.New("the bundle does not fit")

// getTx is Get inside a write transaction.
func (s *Store) getTx(t txn, id string) (model.Assessment, error) {
	var a model.Assessment
	var target int
	var created, updated string
	err := t.queryRow(`SELECT id, name, organisation, assessor, target, resume_framework, created_at, updated_at, copied_from
		FROM assessments WHERE id = ?`, id).Scan(&a.ID, &a.Name, &a.Organisation, &a.Assessor, &target,
		&a.ResumeFramework, &created, &updated, &a.CopiedFrom)
	if err == sql.ErrNoRows {
		return a, fmt.Errorf("%s: %w", assessment(id), ErrNotFound)
	}
	if err != nil {
		return a, err
	}
	a.Target = model.Level(target)
	a.CreatedAt, a.UpdatedAt = parseTime(created), parseTime(updated)
	if a.TargetOverrides, err = targetsIn(t.ctx, t.tx, id); err != nil {
		return a, err
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT framework, version, position, content_revision FROM assessment_frameworks
		WHERE assessment_id = ? ORDER BY ord`, id)
	if err != nil {
		return a, err
	}
	defer rows.Close()
	for rows.Next() {
		var f model.AssessedFramework
		if err := rows.Scan(&f.ID, &f.Version, &f.Position, &f.ContentRevision); err != nil {
			return a, err
		}
		a.Frameworks = append(a.Frameworks, f)
	}
	return a, rows.Err()
}

// createFromBundle makes the assessment a bundle describes, with its ID,
// empty: the merge then brings in every answer with its history.
func createFromBundle(t txn, id string, b *model.Bundle, now string) error {
	a := b.Assessment
	created := now
	if !a.CreatedAt.IsZero() {
		created = a.CreatedAt.UTC().Format(timeFormat)
	}
	if _, err := t.exec(`INSERT INTO assessments (id, name, organisation, assessor, target, resume_framework, created_at, updated_at, copied_from)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, a.Name, a.Organisation, a.Assessor, int(a.Target), a.ResumeFramework,
		created, now, a.CopiedFrom); err != nil {
		return err
	}
	for i, f := range a.Frameworks {
		if _, err := t.exec(`INSERT INTO assessment_frameworks (assessment_id, framework, version, ord, position, content_revision)
			VALUES (?, ?, ?, ?, ?, ?)`, id, f.ID, f.Version, i, f.Position, max(f.ContentRevision, 1)); err != nil {
			return err
		}
	}
	return nil
}

// loadMergeState reads what this copy knows of an assessment: its answers,
// every revision in their history or seen in imports, and its disagreements.
func loadMergeState(t txn, id string) (*model.MergeState, error) {
	st := model.NewMergeState()
	q := func(query string, scan func(r *sql.Rows) error) error {
		rows, err := t.tx.QueryContext(t.ctx, query, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	// History first, in order: the last change of a question is its current
	// revision, also when it was cleared and has no answer row.
	err := q(`SELECT h.framework, h.question_id, h.revision, h.changed_by, h.changed_at, h.host, `+originSQL+`
		FROM answer_history h LEFT JOIN imports i ON i.id = h.import_id WHERE h.assessment_id = ? ORDER BY h.id`, func(r *sql.Rows) error {
		var kr model.KnownRevision
		var rev, at string
		if err := r.Scan(&kr.Key.Framework, &kr.Key.Question, &rev, &kr.By, &at, &kr.Host, &kr.Origin); err != nil {
			return err
		}
		kr.At, kr.Stands = parseTime(at), rev
		st.Known[rev] = kr
		st.Answers[kr.Key] = model.Answer{Framework: kr.Key.Framework, QuestionID: kr.Key.Question, Level: model.Unanswered,
			UpdatedAt: kr.At, UpdatedBy: kr.By, Revision: rev}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Answers rows hold the values (and the revision of answers from before
	// revisions existed, which have no history row).
	err = q(`SELECT framework, question_id, level, na, note, flagged, updated_at, updated_by, revision
		FROM answers WHERE assessment_id = ?`, func(r *sql.Rows) error {
		var a model.Answer
		var level sql.NullInt64
		var na bool
		var at string
		if err := r.Scan(&a.Framework, &a.QuestionID, &level, &na, &a.Note, &a.Flagged, &at, &a.UpdatedBy, &a.Revision); err != nil {
			return err
		}
		a.Level, a.UpdatedAt = levelFrom(level, na), parseTime(at)
		k := model.Key{Framework: a.Framework, Question: a.QuestionID}
		st.Answers[k] = a
		if _, ok := st.Known[a.Revision]; !ok {
			st.Known[a.Revision] = model.KnownRevision{Key: k, Stands: a.Revision, By: a.UpdatedBy, At: a.UpdatedAt}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = q(`SELECT s.framework, s.question_id, s.revision, s.stands_for, s.changed_by, s.changed_at, s.host, `+originSQL+`
		FROM seen_revisions s JOIN imports i ON i.id = s.import_id WHERE s.assessment_id = ?`, func(r *sql.Rows) error {
		var kr model.KnownRevision
		var rev, at string
		if err := r.Scan(&kr.Key.Framework, &kr.Key.Question, &rev, &kr.Stands, &kr.By, &at, &kr.Host, &kr.Origin); err != nil {
			return err
		}
		kr.At = parseTime(at)
		st.Known[rev] = kr
		return nil
	})
	if err != nil {
		return nil, err
	}
	ds, err := disagreementsIn(t.ctx, t.tx, id)
	if err != nil {
		return nil, err
	}
	for i := range ds {
		d := &ds[i]
		// The open one of a question, else its last resolution.
		if cur := st.Disagreements[d.Key]; cur == nil || !cur.Open() && (d.Open() || d.Resolved.At.After(cur.Resolved.At)) {
			st.Disagreements[d.Key] = d
		}
		for _, r := range d.Ratings {
			if _, ok := st.Known[r.Revision]; !ok {
				st.Known[r.Revision] = model.KnownRevision{Key: d.Key, By: r.By, At: r.At, Host: r.Host, Origin: r.Origin}
			}
		}
	}
	return st, nil
}
