package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
)

// bigBundle is a bundle of n answers to framework fw-a, each with the one
// change that made it, as a participant's laptop would export it.
func bigBundle(n int) *model.Bundle {
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	b := &model.Bundle{Format: model.BundleFormat, ExportedBy: "bob", Host: "bob-laptop", ExportedAt: at,
		Assessment: model.Assessment{ID: "bench30k", Name: "Bench", Target: 3,
			Frameworks: []model.AssessedFramework{{ID: "fw-a", Version: "v1"}}}}
	for i := range n {
		q := fmt.Sprintf("%d.q%d", i/100+1, i%100+1)
		h := model.HistoryEntry{Framework: "fw-a", QuestionID: q, By: "bob", At: at.Add(time.Duration(i) * time.Millisecond),
			Host: "bob-laptop", Revision: fmt.Sprintf("%016x", i+1)}
		h.Old = model.Answer{Framework: "fw-a", QuestionID: q, Level: model.Unanswered}
		h.New = model.Answer{Framework: "fw-a", QuestionID: q, Level: model.Level(i % 6), Note: "evidence seen in the workshop",
			UpdatedAt: h.At, UpdatedBy: "bob", Revision: h.Revision}
		b.History = append(b.History, h)
		b.Answers = append(b.Answers, h.New)
	}
	return b
}

// BenchmarkImport30k imports a 30,000-answer bundle into an empty database
// (one transaction: the assessment, 30,000 answers and history rows, the
// import record) and, as the baseline in the same run, inserts the same
// answer and history rows with prepared statements in one transaction and
// nothing else. It reports import/raw.
func BenchmarkImport30k(b *testing.B) {
	const n = 30000
	bundle := bigBundle(n)
	var importTime, rawTime time.Duration
	for i := 0; i < b.N; i++ {
		s := freshStore(b, i, "import")
		start := time.Now()
		res, err := s.Import(ctx, bundle, ImportOptions{File: "bob.json", Actor: "ann"})
		importTime += time.Since(start)
		if err != nil || res.Added != n {
			b.Fatalf("import: %v, %d added", err, res.Added)
		}
		s.Close()

		s = freshStore(b, i, "raw")
		start = time.Now()
		rawInsert(b, s, bundle)
		rawTime += time.Since(start)
		s.Close()
	}
	b.ReportMetric(float64(importTime)/float64(b.N)/1e6, "import-ms")
	b.ReportMetric(float64(rawTime)/float64(b.N)/1e6, "raw-ms")
	b.ReportMetric(float64(importTime)/float64(rawTime), "import/raw")
}

func freshStore(b *testing.B, i int, name string) *Store {
	s, err := OpenOrCreate(filepath.Join(b.TempDir(), fmt.Sprintf("%s%d.db", name, i)))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// rawInsert is the floor: the bundle's answers and history rows written
// straight into the tables in one transaction, with no reading, no merge
// decision and no checks.
func rawInsert(b *testing.B, s *Store, bundle *model.Bundle) {
	tx, err := s.db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	a := bundle.Assessment
	tx.Exec(`INSERT INTO assessments (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`, a.ID, a.Name, "x", "x")
	tx.Exec(`INSERT INTO assessment_frameworks (assessment_id, framework, version, ord) VALUES (?, 'fw-a', 'v1', 0)`, a.ID)
	hist, err := tx.Prepare(sqlImportHistory)
	if err != nil {
		b.Fatal(err)
	}
	ans, err := tx.Prepare(sqlImportAnswer)
	if err != nil {
		b.Fatal(err)
	}
	for _, h := range bundle.History {
		l, na := levelColumns(h.New.Level)
		at := stampOf(h.At)
		if _, err := hist.Exec(a.ID, h.Framework, h.QuestionID, nil, false, "", false, l, na, h.New.Note, false,
			h.By, at, h.Host, h.Revision, "", nil); err != nil {
			b.Fatal(err)
		}
		if _, err := ans.Exec(a.ID, h.Framework, h.QuestionID, l, na, h.New.Note, false, at, h.By, h.Revision); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
