package store

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
)

// BenchmarkSaveAnswer is the real save path: answer, history row, resume point
// and updated time in one durable transaction. The level changes every time so
// every iteration writes.
func BenchmarkSaveAnswer(b *testing.B) {
	save := saveLoop(b)
	b.ResetTimer()
	save(b.N)
}

// BenchmarkRawTxn is the floor: one INSERT OR REPLACE into a table of the same
// shape, in its own transaction, on the same DSN (WAL, synchronous=FULL).
func BenchmarkRawTxn(b *testing.B) {
	raw := rawLoop(b)
	b.ResetTimer()
	raw(b.N)
}

// BenchmarkSaveOverRaw alternates rounds of both in one run and reports
// save/raw: the overhead of our save path over the fsync floor. Alternating
// keeps a change in disk speed during the run from landing on one side only.
func BenchmarkSaveOverRaw(b *testing.B) {
	save, raw := saveLoop(b), rawLoop(b)
	const round = 20
	var saveTime, rawTime time.Duration
	b.ResetTimer()
	for done := 0; done < b.N; done += round {
		start := time.Now()
		raw(round)
		rawTime += time.Since(start)
		start = time.Now()
		save(round)
		saveTime += time.Since(start)
	}
	b.ReportMetric(float64(saveTime)/float64(rawTime), "save/raw")
}

func saveLoop(b *testing.B) func(n int) {
	s := newStore(b)
	a := create(b, s, "bench")
	i := 0
	return func(n int) {
		for end := i + n; i < end; i++ {
			q := fmt.Sprintf("1.q%d", i%50+1)
			if _, err := s.Save(ctx, a.ID, "fw-a", q, model.SetLevel(model.Level(i%6)), "bench"); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func rawLoop(b *testing.B) func(n int) {
	path := filepath.Join(b.TempDir(), "raw.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE answers (
		assessment_id TEXT NOT NULL, framework TEXT NOT NULL, question_id TEXT NOT NULL,
		level INTEGER CHECK (level BETWEEN 0 AND 5), na INTEGER NOT NULL DEFAULT 0,
		note TEXT NOT NULL DEFAULT '', flagged INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL,
		PRIMARY KEY (assessment_id, framework, question_id)) STRICT`); err != nil {
		b.Fatal(err)
	}
	i := 0
	return func(n int) {
		for end := i + n; i < end; i++ {
			tx, err := db.Begin()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := tx.Exec(`INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, 0, '', 0, ?)`,
				"bench", "fw-a", fmt.Sprintf("1.q%d", i%50+1), i%6, "2026-01-01T00:00:00.000000Z"); err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
