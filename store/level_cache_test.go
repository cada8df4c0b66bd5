package store

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
)

// undoSchema9 takes a database back to schema 8 (set user_version after it).
var undoSchema9 = []string{`DROP TRIGGER level_cache_on_insert`, `DROP TRIGGER level_cache_on_delete`,
	`DROP TRIGGER level_cache_on_update`, `DROP TABLE level_cache`}

// directLevels runs sqlLevels on its own: the levels straight from the
// answers, keyed by assessment and framework.
func directLevels(t *testing.T, db querier) map[[2]string]packedLevels {
	t.Helper()
	rows, err := db.QueryContext(ctx, sqlLevels)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[[2]string]packedLevels{}
	for rows.Next() {
		var id string
		var p packedLevels
		if err := rows.Scan(&id, &p.framework, &p.ids, &p.codes); err != nil {
			t.Fatal(err)
		}
		out[[2]string{id, p.framework}] = p
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// staleRows lists the level_cache rows that differ from what the answers
// give now (a framework without answers: two empty strings).
func staleRows(t *testing.T, db querier) []string {
	t.Helper()
	want := directLevels(t, db)
	rows, err := db.QueryContext(ctx, `SELECT assessment_id, framework, ids, codes FROM level_cache`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var stale []string
	for rows.Next() {
		var id string
		var p packedLevels
		if err := rows.Scan(&id, &p.framework, &p.ids, &p.codes); err != nil {
			t.Fatal(err)
		}
		if w := want[[2]string{id, p.framework}]; w.ids != p.ids || w.codes != p.codes {
			stale = append(stale, fmt.Sprintf("%s %s: cached %q %q, answers give %q %q", id, p.framework, p.ids, p.codes, w.ids, w.codes))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return stale
}

func count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// checkLevels reads Levels through s and fails unless they are the levels
// straight from the answers, the figures equal full scoring, and the cache
// then holds every framework of every assessment (so the next read uses it).
func checkLevels(t *testing.T, s *Store, cat *model.Catalog, step string) {
	t.Helper()
	levels, err := s.Levels(ctx)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	direct := &Levels{packed: map[string][]packedLevels{}}
	for k, p := range directLevels(t, s.db) {
		direct.packed[k[0]] = append(direct.packed[k[0]], p)
	}
	for _, ps := range direct.packed {
		slices.SortFunc(ps, func(a, b packedLevels) int { return strings.Compare(a.framework, b.framework) })
	}
	list, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if got, want := slices.Collect(levels.Of(a.ID)), slices.Collect(direct.Of(a.ID)); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: levels of %s\n got %+v\nwant %+v", step, a.ID, got, want)
		}
	}
	if cat != nil {
		checkSummaries(t, s, levels, cat, step)
	}
	if c, f := count(t, s.db, `SELECT count(*) FROM level_cache`), count(t, s.db, `SELECT count(*) FROM assessment_frameworks`); c != f {
		t.Fatalf("%s: %d cached rows for %d frameworks of assessments", step, c, f)
	}
}

// TestLevelCacheStaysExact writes through every store path that changes
// answers, and many that do not, from two handles on one file and through
// workshop bundles, in random order. After every write, each cache row left
// must equal what the answers give (the triggers deleted the others); every
// other step reads Levels, which must equal the levels straight from the
// answers and give the figures of full scoring, and leaves the cache full.
func TestLevelCacheStaysExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 2026))
	fws := map[string]*model.Framework{"fw-a": randomFramework(rng, "fw-a"), "fw-b": randomFramework(rng, "fw-b"), "fw-c": randomFramework(rng, "fw-c")}
	cat, err := model.NewCatalog(fws["fw-a"], fws["fw-b"]) // fw-c is not loaded
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "assay.db")
	s, err := OpenOrCreate(path, Host("here"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s2, err := Open(path, Host("other-process")) // another process on the same file
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	other := laptopStore(t, "alice") // a workshop participant's laptop

	newAssessment := func(st *Store, name string) model.Assessment {
		var ids []string
		for _, id := range []string{"fw-a", "fw-b", "fw-c"} {
			if rng.IntN(3) > 0 {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			ids = []string{"fw-b"}
		}
		return create(t, st, name, ids...)
	}
	pick := func(st *Store) (model.Assessment, string, string) {
		list, err := st.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) == 0 {
			list = append(list, newAssessment(st, "first"))
		}
		a := list[rng.IntN(len(list))]
		fw := a.Frameworks[rng.IntN(len(a.Frameworks))].ID
		qs := fws[fw].Questions()
		q := "99.q1" // a question the framework no longer has
		if rng.IntN(8) > 0 {
			q = qs[rng.IntN(len(qs))].ID
		}
		return a, fw, q
	}
	randomSave := func(st *Store) {
		a, fw, q := pick(st)
		ch, ok := randomChange(rng)
		if !ok {
			ch = model.ClearAnswer()
		}
		if _, err := st.Save(ctx, a.ID, fw, q, ch, st.host); err != nil {
			t.Fatal(err)
		}
	}
	roundTrip := func(st *Store, id string) *model.Bundle {
		b := exportBundle(t, st, id, st.host)
		return b
	}
	ops := map[string]func(){
		"save":                  func() { randomSave(s) },
		"save by other process": func() { randomSave(s2) },
		"note only": func() {
			if _, err := s.Levels(ctx); err != nil { // the cache is full now
				t.Fatal(err)
			}
			a, fw, q := pick(s)
			before := count(t, s.db, `SELECT count(*) FROM level_cache`)
			save(t, s, a.ID, fw, q, model.SetNote(fmt.Sprintf("note %d", rng.IntN(1000))))
			if rng.IntN(2) == 0 { // a note edit on an existing answer keeps the row
				save(t, s, a.ID, fw, q, model.SetNote(fmt.Sprintf("edited %d", rng.IntN(1000))))
				if after := count(t, s.db, `SELECT count(*) FROM level_cache`); after < before-1 {
					t.Fatalf("a note edit invalidated cache rows: %d, then %d", before, after)
				}
			}
		},
		"clear": func() { // an answer that exists, so its row goes
			a, _, _ := pick(s)
			if answers, _ := s.Answers(ctx, a.ID); len(answers) > 0 {
				x := answers[rng.IntN(len(answers))]
				save(t, s, a.ID, x.Framework, x.QuestionID, model.ClearAnswer())
			}
		},
		"create":    func() { newAssessment(s, fmt.Sprintf("new %d", rng.IntN(1000))) },
		"duplicate": func() { a, _, _ := pick(s); s.Duplicate(ctx, a.ID, a.Name+" copy") },
		"delete": func() {
			if list, _ := s.List(ctx); len(list) > 3 {
				if err := s.Delete(ctx, list[rng.IntN(len(list))].ID); err != nil {
					t.Fatal(err)
				}
			}
		},
		"rename, resume, revision, target, action": func() {
			a, fw, q := pick(s)
			text := "do something"
			for _, err := range []error{s.Rename(ctx, a.ID, a.Name+"'"), s.SetResume(ctx, a.ID, fw, q),
				s.SetContentRevision(ctx, a.ID, fw, 2), s.SetTarget(ctx, a.ID, model.TargetOverride{Framework: fw, Level: 4}, "ann")} {
				if err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.SaveAction(ctx, a.ID, fw, q, model.ActionChange{Text: &text}, "ann"); err != nil {
				t.Fatal(err)
			}
		},
		"workshop merge": func() {
			a, _, _ := pick(s)
			importBundle(t, other, roundTrip(s, a.ID), "out.json")
			for range 1 + rng.IntN(4) {
				a2, _ := other.Get(ctx, a.ID)
				fw := a2.Frameworks[rng.IntN(len(a2.Frameworks))].ID
				qs := fws[fw].Questions()
				if ch, ok := randomChange(rng); ok {
					if _, err := other.Save(ctx, a.ID, fw, qs[rng.IntN(len(qs))].ID, ch, "alice"); err != nil {
						t.Fatal(err)
					}
				}
			}
			importBundle(t, s, roundTrip(other, a.ID), fmt.Sprintf("back %d.json", rng.IntN(1000)))
		},
		"import a new assessment": func() {
			a := newAssessment(other, "from alice")
			for range 5 {
				fw := a.Frameworks[rng.IntN(len(a.Frameworks))].ID
				qs := fws[fw].Questions()
				if ch, ok := randomChange(rng); ok {
					if _, err := other.Save(ctx, a.ID, fw, qs[rng.IntN(len(qs))].ID, ch, "alice"); err != nil {
						t.Fatal(err)
					}
				}
			}
			importBundle(t, s, roundTrip(other, a.ID), "alice.json")
		},
		"dry run": func() {
			list, _ := other.List(ctx)
			if len(list) == 0 {
				return
			}
			b := roundTrip(other, list[rng.IntN(len(list))].ID)
			if _, err := s.DryRunImports(ctx, []ImportItem{{b, ImportOptions{File: "dry.json", SHA256: "d", Actor: "ann"}}}); err != nil {
				t.Fatal(err)
			}
		},
		"room round": func() {
			a, fw, q := pick(s)
			k := model.Key{Framework: fw, Question: q}
			voteOn(t, s, a.ID, k, "ann", model.Level(rng.IntN(6)), "")
			voteOn(t, s, a.ID, k, "bob", model.Level(rng.IntN(6)), "why")
			if _, err := s.Reveal(ctx, a.ID, k); err != nil {
				t.Fatal(err)
			}
			save(t, s, a.ID, fw, q, model.SetLevel(model.Level(rng.IntN(6))))
		},
		"workbook import": func() {
			a, _, _ := pick(s)
			local := roundTrip(s, a.ID)
			answers, err := s.Answers(ctx, a.ID)
			if err != nil || len(answers) == 0 {
				return
			}
			var edits []model.Edit
			for _, x := range answers[:min(3, len(answers))] {
				e := model.Edit{Answer: x, Base: x.Revision}
				e.Level, e.Flagged = model.Level(rng.IntN(6)), !x.Flagged
				edits = append(edits, e)
			}
			b := model.EditsBundle(local, edits, "wb", "", time.Now().UTC(), func(s string) string { return s },
				func(model.Key) string { return newRevision() })
			importBundle(t, s, b, "workbook.xlsx")
		},
	}
	names := make([]string, 0, len(ops))
	for name := range ops {
		names = append(names, name)
	}
	slices.Sort(names)
	for range 4 {
		newAssessment(s, "seed")
	}
	for step := range 400 {
		name := names[rng.IntN(len(names))]
		ops[name]()
		label := fmt.Sprintf("step %d (%s)", step, name)
		if stale := staleRows(t, s.db); len(stale) > 0 {
			t.Fatalf("%s left stale cache rows:\n%s", label, strings.Join(stale, "\n"))
		}
		if rng.IntN(2) == 0 {
			checkLevels(t, []*Store{s, s2}[rng.IntN(2)], cat, label)
		}
	}
}

// Each column sqlLevels reads invalidates its frameworks' rows when an
// UPDATE changes it, even alone (the save path always sets them all); the
// note, times and revision do not.
func TestEachLevelColumnInvalidatesAndANoteDoesNot(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	b := create(t, s, "B")
	for _, x := range []model.Assessment{a, b} {
		save(t, s, x.ID, "fw-a", "1.q1", model.SetLevel(3))
		save(t, s, x.ID, "fw-a", "1.q2", model.SetLevel(2))
		save(t, s, x.ID, "fw-b", "2.q1", model.SetNote("x"))
	}
	where := ` WHERE assessment_id = '` + a.ID + `' AND framework = 'fw-a' AND question_id = '1.q1'`
	for _, c := range []struct {
		set  string
		gone []string // the frameworks of a whose rows the update deletes
	}{
		{`level = 4`, []string{"fw-a"}},
		{`level = NULL, na = 1`, []string{"fw-a"}},
		{`flagged = 1`, []string{"fw-a"}},
		{`question_id = '1.q9'`, []string{"fw-a"}},
		{`framework = 'fw-b'`, []string{"fw-a", "fw-b"}},
		{`note = 'only a note', updated_at = 'x', updated_by = 'y', revision = 'z'`, nil},
		{`level = level, flagged = flagged`, nil}, // what a note-only save does
	} {
		t.Run(c.set, func(t *testing.T) {
			if _, err := s.db.Exec(`DELETE FROM level_cache`); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Levels(ctx); err != nil {
				t.Fatal(err)
			}
			tx, err := s.db.Begin()
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			if _, err := tx.Exec(`UPDATE answers SET ` + c.set + where); err != nil {
				t.Fatal(err)
			}
			var left []string
			rows, err := tx.Query(`SELECT assessment_id || ' ' || framework FROM level_cache ORDER BY 1`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var r string
				rows.Scan(&r)
				left = append(left, r)
			}
			var want []string
			for _, r := range []string{a.ID + " fw-a", a.ID + " fw-b", b.ID + " fw-a", b.ID + " fw-b"} {
				if !slices.Contains(c.gone, strings.Fields(r)[1]) || !strings.HasPrefix(r, a.ID) {
					want = append(want, r)
				}
			}
			slices.Sort(want)
			if !reflect.DeepEqual(left, want) {
				t.Errorf("cache rows left %q, want %q", left, want)
			}
		})
	}
}

// Deleting an assessment deletes its answers through the foreign keys'
// cascade, and those deletes fire the answers' triggers (and level_cache's
// own foreign key takes the rows of frameworks without answers).
func TestCascadeDeletesReachTheCache(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A", "fw-a", "fw-b")
	b := create(t, s, "B")
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(3))
	save(t, s, b.ID, "fw-a", "1.q1", model.SetLevel(1))
	if _, err := s.Levels(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`CREATE TEMP TABLE deleted (k TEXT);
		CREATE TEMP TRIGGER log_deletes AFTER DELETE ON answers BEGIN INSERT INTO deleted VALUES (OLD.assessment_id || ' ' || OLD.question_id); END`); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s.db, `SELECT count(*) FROM deleted WHERE k = ?`, a.ID+" 1.q1"); n != 1 {
		t.Errorf("the cascade's delete fired the answers' delete triggers %d times, want 1", n)
	}
	if n := count(t, s.db, `SELECT count(*) FROM level_cache WHERE assessment_id = ?`, a.ID); n != 0 {
		t.Errorf("%d cache rows of the deleted assessment left", n)
	}
	if n := count(t, s.db, `SELECT count(*) FROM level_cache WHERE assessment_id = ?`, b.ID); n != 2 {
		t.Errorf("%d cache rows of the other assessment, want 2", n)
	}
}

// Levels takes a cached row as it is: proof that it reads the cache instead
// of computing everything again.
func TestLevelsReadTheCache(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(3))
	if _, err := s.Levels(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`UPDATE level_cache SET codes = '68' WHERE framework = 'fw-a'`); err != nil { // level 4
		t.Fatal(err)
	}
	levels, err := s.Levels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Collect(levels.Of(a.ID)); len(got) != 1 || got[0].Level != 4 {
		t.Errorf("levels %+v: not the cached row", got)
	}
}

// The cache's query finds what it lacks through indexes: a lookup per
// framework of an assessment, never a scan of every answer.
func TestUncachedLevelsAreLookedUp(t *testing.T) {
	s := newStore(t)
	want := "SCAN f USING COVERING INDEX sqlite_autoindex_assessment_frameworks_1\n" +
		"CORRELATED SCALAR SUBQUERY 1\n" +
		"SEARCH c USING PRIMARY KEY (assessment_id=? AND framework=?)\n" +
		"SEARCH a USING COVERING INDEX answers_levels (assessment_id=? AND framework=?) LEFT-JOIN\n"
	if plan := queryPlan(t, s, sqlUncached); plan != want {
		t.Errorf("query plan:\n%s\nwant:\n%s", plan, want)
	}
}

// queryPlan is EXPLAIN QUERY PLAN's details, one a line.
func queryPlan(t *testing.T, s *Store, query string) string {
	t.Helper()
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN ` + query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan += detail + "\n"
	}
	return plan
}

// A save that another process commits between Levels' read and its fill
// can not leave a stale row: the fill computes the rows again in its own
// write transaction. Levels itself returns what it read, exact for then.
func TestASaveBetweenTheReadAndTheFillLeavesNoStaleRow(t *testing.T) {
	s, other := twoStores(t)
	a := create(t, s, "A")
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(1))
	beforeFill = func() { save(t, other, a.ID, "fw-a", "1.q1", model.SetLevel(5)) }
	defer func() { beforeFill = nil }()
	levels, err := s.Levels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	beforeFill = nil
	if got := slices.Collect(levels.Of(a.ID)); len(got) != 1 || got[0].Level != 1 {
		t.Errorf("levels read before the save: %+v", got)
	}
	if stale := staleRows(t, s.db); len(stale) > 0 {
		t.Fatalf("stale after a save between read and fill:\n%s", strings.Join(stale, "\n"))
	}
	if n := count(t, s.db, `SELECT count(*) FROM level_cache`); n != 2 {
		t.Errorf("%d rows cached, want both frameworks", n)
	}
	levels, _ = s.Levels(ctx)
	if got := slices.Collect(levels.Of(a.ID)); len(got) != 1 || got[0].Level != 5 {
		t.Errorf("levels after the save: %+v", got)
	}
}

// While another connection holds the write lock, Levels neither waits for it
// nor fails: it returns the figures and caches nothing. The lock goes after
// half a second, so a Levels that waited would find it free and fill.
func TestLevelsDoNotWaitForAnotherWriter(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(2))
	locker, err := sql.Open("sqlite", dsn(s.path))
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close()
	conn, err := locker.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(500 * time.Millisecond)
		conn.ExecContext(ctx, `ROLLBACK`)
		close(released)
	}()
	levels, err := s.Levels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Collect(levels.Of(a.ID)); len(got) != 1 || got[0].Level != 2 {
		t.Errorf("levels while locked: %+v", got)
	}
	if n := count(t, s.db, `SELECT count(*) FROM level_cache`); n != 0 {
		t.Errorf("%d rows cached while another writer held the lock (did Levels wait?)", n)
	}
	<-released
	checkPragmas(t, s)
	checkLevels(t, s, nil, "after the lock")
	checkPragmas(t, s)
}

// checkPragmas fails unless the store's connection has its usual wait for
// the lock and syncs every commit (the fill changes both for itself).
func checkPragmas(t *testing.T, s *Store) {
	t.Helper()
	if n := count(t, s.db, `PRAGMA busy_timeout`); n != int(busyTimeout.Milliseconds()) {
		t.Errorf("busy_timeout left at %d", n)
	}
	if n := count(t, s.db, `PRAGMA synchronous`); n != 2 {
		t.Errorf("synchronous left at %d, want 2 (FULL)", n)
	}
}

// On a full disk Levels returns the figures and caches nothing, and saving
// still fails only where it would have anyway.
func TestLevelsOnAFullDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "assay.db")
	s, err := OpenOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 30 {
		a := create(t, s, fmt.Sprint("A", i))
		ids = append(ids, a.ID)
		for q := range 20 {
			save(t, s, a.ID, "fw-a", fmt.Sprintf("section-%02d.question-%02d", q, q), model.SetLevel(model.Level(q%6)))
		}
	}
	pages := count(t, s.db, `PRAGMA page_count`)
	s.Close()
	s, err = Open(path, MaxPages(pages))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	levels, err := s.Levels(ctx)
	if err != nil {
		t.Fatalf("Levels on a full disk: %v", err)
	}
	if got := slices.Collect(levels.Of(ids[7])); len(got) != 20 || got[9].Level != 3 {
		t.Errorf("levels on a full disk: %+v", got)
	}
	if n := count(t, s.db, `SELECT count(*) FROM level_cache`); n != 0 {
		t.Errorf("%d rows cached on a full disk", n)
	}
}

// TestSchema8DatabaseMigratesWithEverythingKept opens a copy of a database
// made by the release before the cache (testdata/README.md): every row of
// every table stays as it was, and the levels read through the new cache,
// cold and warm, are those the release before read with sqlLevels; their
// figures equal full scoring on the real frameworks.
func TestSchema8DatabaseMigratesWithEverythingKept(t *testing.T) {
	path := openFixture(t, "schema8.db")
	tables := dump(t, path, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if len(tables) != 12 {
		t.Fatalf("fixture has %d tables: %q", len(tables), tables)
	}
	rows := func() map[string][]string {
		out := map[string][]string{}
		for _, table := range tables {
			out[table] = dump(t, path, `SELECT * FROM `+table+` ORDER BY rowid`)
		}
		return out
	}
	before := rows()
	ro, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var want []string // what the release before lists, straight from its file
	for k, p := range directLevels(t, ro) {
		p.each(func(l model.AnswerLevel) bool { want = append(want, levelLines(k[0], l)); return true })
	}
	ro.Close()
	slices.Sort(want)
	if n := len(before["answers"]); n != 122 || len(before["answer_history"]) != 154 || len(want) != 122 {
		t.Fatalf("fixture has %d answers, %d history rows, %d levels", n, len(before["answer_history"]), len(want))
	}
	cat, err := questionnaires.Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, round := range []string{"migrated, nothing cached", "everything cached"} {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		cached := count(t, s.db, `SELECT count(*) FROM level_cache`)
		if want := map[bool]int{true: 0, false: 5}[round == "migrated, nothing cached"]; cached != want {
			t.Errorf("%s: %d rows cached", round, cached)
		}
		levels, err := s.Levels(ctx)
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range list {
			for l := range levels.Of(a.ID) {
				got = append(got, levelLines(a.ID, l))
			}
		}
		slices.Sort(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: levels\n got %q\nwant %q", round, got, want)
		}
		checkSummaries(t, s, levels, cat, round)
		s.Close()
	}
	after := rows()
	for _, table := range tables {
		if !reflect.DeepEqual(after[table], before[table]) {
			t.Errorf("%s changed by the migration:\nbefore %q\nafter  %q", table, before[table], after[table])
		}
	}
	if v := dump(t, path, `PRAGMA user_version`); v[0] != fmt.Sprint(latestVersion()) {
		t.Errorf("user_version %s", v[0])
	}
	if ok := dump(t, path, `PRAGMA integrity_check`); !reflect.DeepEqual(ok, []string{"ok"}) {
		t.Errorf("integrity_check: %q", ok)
	}
}

// levelLines is one line per answer level, for comparing.
func levelLines(id string, l model.AnswerLevel) string {
	return fmt.Sprintf("%s %s %s %s %v", id, l.Framework, l.QuestionID, l.Level, l.Flagged)
}

// The app reads its first list before the background check's verdict, when
// the level cache may not be filled; the check fills it once it has cleared
// the file, so the next start reads the cache instead of every answer.
func TestTheCheckFillsWhatTheFirstListCouldNot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := OpenOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	a := create(t, s, "A", "fw-a", "fw-b")
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(3))
	save(t, s, a.ID, "fw-b", "1.q1", model.SetLevel(2))
	s.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.VerifyInBackground()
	if _, err := s.Levels(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s.db, `SELECT count(*) FROM level_cache`); n != 0 {
		t.Fatalf("%d rows cached before the verdict", n)
	}
	if err := s.Verified(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s.db, `SELECT count(*) FROM level_cache`); n != 2 {
		t.Errorf("%d rows cached after the verdict, want 2", n)
	}
	if stale := staleRows(t, s.db); len(stale) > 0 {
		t.Errorf("stale rows: %v", stale)
	}
}
