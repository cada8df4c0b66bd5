package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/assaytui/assay/model"
)

// timeFormat is fixed-width so stored times sort correctly as text.
const timeFormat = "2006-01-02T15:04:05.000000Z"

func (s *Store) stamp() string { return s.now().UTC().Format(timeFormat) }

func parseTime(v string) time.Time {
	t, _ := time.Parse(timeFormat, v)
	return t
}

// idAlphabet avoids letters and digits that are easy to confuse when read aloud
// in a workshop (0/o, 1/l/i).
const idAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b)
}

// Create stores a new assessment. The input should be checked with
// model.NewAssessment.Check first; the store only enforces what the schema does.
func (s *Store) Create(ctx context.Context, n model.NewAssessment, versions map[string]string) (model.Assessment, error) {
	var id string
	err := s.write(ctx, func(t txn) error {
		now := s.stamp()
		for {
			id = newID()
			var exists int
			if err := t.queryRow(`SELECT count(*) FROM assessments WHERE id = ?`, id).Scan(&exists); err != nil {
				return err
			}
			if exists == 0 {
				break
			}
		}
		if _, err := t.exec(
			`INSERT INTO assessments (id, name, organisation, assessor, target, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, n.Name, n.Organisation, n.Assessor, int(n.Target), now, now); err != nil {
			return err
		}
		for i, fw := range n.Frameworks {
			if _, err := t.exec(
				`INSERT INTO assessment_frameworks (assessment_id, framework, version, ord, content_revision) VALUES (?, ?, ?, ?, ?)`,
				id, fw, versions[fw], i, max(n.Revisions[fw], 1)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return model.Assessment{}, err
	}
	return s.Get(ctx, id)
}

// Get loads one assessment with its frameworks. An unknown ID is ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (model.Assessment, error) {
	list, err := s.query(ctx, `WHERE id = ?`, id)
	if err != nil {
		return model.Assessment{}, err
	}
	if len(list) == 0 {
		return model.Assessment{}, fmt.Errorf("%s: %w", assessment(id), ErrNotFound)
	}
	return list[0], nil
}

// List loads every assessment, most recently changed first.
func (s *Store) List(ctx context.Context) ([]model.Assessment, error) {
	return s.query(ctx, ``)
}

func (s *Store) query(ctx context.Context, where string, args ...any) ([]model.Assessment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, organisation, assessor, target, resume_framework, created_at, updated_at, copied_from
		FROM assessments `+where+` ORDER BY updated_at DESC, id`, args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var list []model.Assessment
	index := map[string]int{}
	for rows.Next() {
		var a model.Assessment
		var target int
		var created, updated string
		if err := rows.Scan(&a.ID, &a.Name, &a.Organisation, &a.Assessor, &target, &a.ResumeFramework, &created, &updated, &a.CopiedFrom); err != nil {
			return nil, classify(s.path, err)
		}
		a.Target = model.Level(target)
		a.CreatedAt, a.UpdatedAt = parseTime(created), parseTime(updated)
		index[a.ID] = len(list)
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	rows.Close()

	fwRows, err := s.db.QueryContext(ctx, `SELECT assessment_id, framework, version, position, content_revision
		FROM assessment_frameworks ORDER BY assessment_id, ord`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer fwRows.Close()
	for fwRows.Next() {
		var id string
		var f model.AssessedFramework
		if err := fwRows.Scan(&id, &f.ID, &f.Version, &f.Position, &f.ContentRevision); err != nil {
			return nil, classify(s.path, err)
		}
		if i, ok := index[id]; ok {
			list[i].Frameworks = append(list[i].Frameworks, f)
		}
	}
	if err := fwRows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	fwRows.Close() // one connection: free it for the next query
	return list, s.loadTargets(ctx, list, index)
}

// Rename changes an assessment's name.
func (s *Store) Rename(ctx context.Context, id, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("the assessment needs a name")
	}
	return s.write(ctx, func(t txn) error {
		res, err := t.exec(`UPDATE assessments SET name = ?, updated_at = ? WHERE id = ?`, name, s.stamp(), id)
		return oneRow(res, err, assessment(id))
	})
}

// Duplicate copies an assessment with all its answers under a new name, for
// re-assessing next year from last year's answers. Each copied answer gets a
// history row saying where it came from, and the copy remembers its source.
func (s *Store) Duplicate(ctx context.Context, id, name string) (model.Assessment, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return model.Assessment{}, errors.New("the copy needs a name")
	}
	newID := newID()
	err := s.write(ctx, func(t txn) error {
		now := s.stamp()
		res, err := t.exec(`INSERT INTO assessments (id, name, organisation, assessor, target, resume_framework, created_at, updated_at, copied_from)
			SELECT ?, ?, organisation, assessor, target, resume_framework, ?, ?, id FROM assessments WHERE id = ?`, newID, name, now, now, id)
		if err := oneRow(res, err, assessment(id)); err != nil {
			return err
		}
		// The copy's answers start a new chain of revisions: each gets a
		// history row saying where it came from.
		steps := []string{
			`INSERT INTO assessment_frameworks (assessment_id, framework, version, ord, position, content_revision)
				SELECT ?, framework, version, ord, position, content_revision FROM assessment_frameworks WHERE assessment_id = ?`,
			`INSERT INTO answers (assessment_id, framework, question_id, level, na, note, flagged, updated_at, updated_by, revision)
				SELECT ?, framework, question_id, level, na, note, flagged, updated_at, updated_by, lower(hex(randomblob(8)))
				FROM answers WHERE assessment_id = ?`,
			`INSERT INTO targets (assessment_id, framework, section, level, updated_at, updated_by)
				SELECT ?, framework, section, level, updated_at, updated_by FROM targets WHERE assessment_id = ?`,
			// Each copied action is a new change in the copy, with its own revision.
			`INSERT INTO actions (assessment_id, framework, question_id, text, owner, due, status, updated_at, updated_by, revision)
				SELECT ?, framework, question_id, text, owner, due, status, updated_at, updated_by, lower(hex(randomblob(8)))
				FROM actions WHERE assessment_id = ?`,
		}
		for _, q := range steps {
			if _, err := t.exec(q, newID, id); err != nil {
				return err
			}
		}
		_, err = t.exec(`INSERT INTO answer_history (assessment_id, framework, question_id,
				old_level, old_na, old_note, old_flagged, new_level, new_na, new_note, new_flagged,
				changed_by, changed_at, host, revision, parent)
			SELECT assessment_id, framework, question_id, NULL, 0, '', 0, level, na, note, flagged, ?, ?, ?, revision, ''
			FROM answers WHERE assessment_id = ?`,
			"copied from assessment "+id, now, s.host, newID)
		if err != nil {
			return err
		}
		_, err = t.exec(`INSERT INTO action_history (assessment_id, framework, question_id,
				old_text, old_owner, old_due, old_status, new_text, new_owner, new_due, new_status,
				revision, parent, changed_by, changed_at, host)
			SELECT assessment_id, framework, question_id, '', '', '', '', text, owner, due, status, revision, '', ?, ?, ?
			FROM actions WHERE assessment_id = ?`, "copied from assessment "+id, now, s.host, newID)
		return err
	})
	if err != nil {
		return model.Assessment{}, err
	}
	return s.Get(ctx, newID)
}

// Delete removes an assessment with its answers and history.
func (s *Store) Delete(ctx context.Context, id string) error {
	return s.write(ctx, func(t txn) error {
		res, err := t.exec(`DELETE FROM assessments WHERE id = ?`, id)
		return oneRow(res, err, assessment(id))
	})
}

// SetContentRevision records that the assessment was opened with content
// revision rev of a framework, so the next opening reports only what changed
// after it.
func (s *Store) SetContentRevision(ctx context.Context, id, framework string, rev int) error {
	if rev < 1 {
		return fmt.Errorf("content revision %d of %s is not a revision (1 or more)", rev, framework)
	}
	return s.write(ctx, func(t txn) error {
		res, err := t.exec(`UPDATE assessment_frameworks SET content_revision = ? WHERE assessment_id = ? AND framework = ?`,
			rev, id, framework)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
		return errNoFramework(t, id, framework)
	})
}

// SetResume records the question the user is looking at, so the next start
// lands there.
func (s *Store) SetResume(ctx context.Context, id, framework, question string) error {
	return s.writeDirect(ctx, func(t txn) error { return setResume(t, id, framework, question) })
}

func setResume(t txn, id, framework, question string) error {
	if err := setPosition(t, id, framework, question); err != nil {
		return err
	}
	_, err := t.exec(sqlSetResumeFramework, framework, id)
	return err
}

// setPosition records the question last shown in one framework of an
// assessment; it tells an unknown assessment from one without that framework.
func setPosition(t txn, id, framework, question string) error {
	res, err := t.exec(sqlSetPosition, question, id, framework)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	return errNoFramework(t, id, framework)
}

// errNoFramework explains why no row of assessment_frameworks matched: no
// such assessment, or one without that framework.
func errNoFramework(t txn, id, framework string) error {
	var exists int
	if err := t.queryRow(`SELECT count(*) FROM assessments WHERE id = ?`, id).Scan(&exists); err != nil {
		return err
	}
	if exists == 0 {
		return fmt.Errorf("%s: %w", assessment(id), ErrNotFound)
	}
	return fmt.Errorf("assessment %q does not cover framework %q", id, framework)
}

// write runs fn in one immediate transaction and commits it; the commit is
// durable when write returns nil.
func (s *Store) write(ctx context.Context, fn func(t txn) error) error {
	if err := s.Verified(ctx); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(s.path, err)
	}
	defer tx.Rollback()
	if err := fn(txn{ctx: ctx, tx: tx, s: s}); err != nil {
		if errors.Is(err, ErrNotFound) {
			return err
		}
		return classify(s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return classify(s.path, err)
	}
	s.writes.Add(1)
	return nil
}

// oneRow turns "no row changed" into ErrNotFound for the named thing.
func oneRow(res sql.Result, err error, what string) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return nil
}

func assessment(id string) string { return fmt.Sprintf("assessment %q", id) }

// txn is one write transaction: through database/sql (tx), or on the driver
// connection (dc, see writeDirect), where the save path's statements stay
// prepared: parsing SQL is a quarter of a save's CPU time otherwise.
type txn struct {
	ctx context.Context
	tx  *sql.Tx
	s   *Store
	dc  driverConn
}

func (t txn) exec(query string, args ...any) (sql.Result, error) {
	if t.dc != nil {
		return t.execDirect(query, args)
	}
	return t.tx.ExecContext(t.ctx, query, args...)
}

func (t txn) queryRow(query string, args ...any) rowScanner {
	if t.dc != nil {
		return t.queryRowDirect(query, args)
	}
	return t.tx.QueryRowContext(t.ctx, query, args...)
}
