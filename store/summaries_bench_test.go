package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/assaytui/assay/internal/perfdata"
	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
	"github.com/assaytui/assay/store"
)

// rawSummaryQuery is the baseline: the figures of the list (answered, N/A,
// flagged and mean level per assessment and framework) as one aggregate
// query. scripts/perf runs the same query in the sqlite3 shell.
const rawSummaryQuery = `SELECT a.id, a.name, a.organisation, a.updated_at, x.framework, x.rated, x.na, x.flagged, x.mean
FROM assessments a
JOIN (SELECT assessment_id, framework, count(level) AS rated, sum(na) AS na, sum(flagged) AS flagged, avg(level) AS mean
      FROM answers GROUP BY assessment_id, framework) x ON x.assessment_id = a.id
ORDER BY a.updated_at DESC, a.id`

// BenchmarkSummaries is the assessments list at a consultant's scale, 200
// assessments × 150 answers with notes (made by internal/perfdata, about a
// thousand durable transactions before the timer starts). Each round lists
// and scores them as assay list and the home screen do (store.List,
// store.Levels, model.Summaries) three times: with every framework cached
// (list, the usual case), after one answer changed (changed: one framework
// computed again and stored), and with the cache emptied (cold: every
// framework computed and stored, as on the first list after upgrading); then
// it runs rawSummaryQuery over the same file on a connection of its own. It
// reports each and its ratio to raw. The change and the emptying are not
// timed.
func BenchmarkSummaries(b *testing.B) {
	ctx := context.Background()
	cat, err := questionnaires.Load("")
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "perf.db")
	st, err := store.OpenOrCreate(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := perfdata.Build(ctx, st, cat, 200, 150); err != nil {
		b.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	// A second connection empties the cache between rounds, as another
	// process could.
	emptier, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		b.Fatal(err)
	}
	defer emptier.Close()
	list, err := st.List(ctx)
	if err != nil {
		b.Fatal(err)
	}
	listOnce := func() time.Duration {
		start := time.Now()
		list, err := st.List(ctx)
		if err != nil {
			b.Fatal(err)
		}
		levels, err := st.Levels(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if sums := model.Summaries(list, levels.Of, cat); len(sums) != 200 || sums[0].Scores[0].Rated == 0 {
			b.Fatalf("%d summaries", len(sums))
		}
		return time.Since(start)
	}

	var warm, changed, cold, rawTime time.Duration
	n := 0
	for b.Loop() {
		warm += listOnce()
		a := list[n%len(list)]
		q := cat.Frameworks()[0].Questions()[n%100].ID
		if _, err := st.Save(ctx, a.ID, cat.Frameworks()[0].ID, q, model.SetLevel(model.Level(n%6)), "bench"); err != nil {
			b.Fatal(err)
		}
		changed += listOnce()
		if _, err := emptier.Exec(`DELETE FROM level_cache`); err != nil {
			b.Fatal(err)
		}
		cold += listOnce()

		start := time.Now()
		if rows := rawRows(b, raw); rows != 400 {
			b.Fatalf("raw query: %d rows", rows)
		}
		rawTime += time.Since(start)
		n++
	}
	for _, m := range []struct {
		name string
		d    time.Duration
	}{{"list", warm}, {"changed", changed}, {"cold", cold}} {
		b.ReportMetric(float64(m.d.Microseconds())/float64(n)/1000, m.name+"-ms")
		b.ReportMetric(float64(m.d)/float64(rawTime), m.name+"/raw")
	}
	b.ReportMetric(float64(rawTime.Microseconds())/float64(n)/1000, "raw-ms")
}

// rawRows runs rawSummaryQuery and reads every row.
func rawRows(b *testing.B, db *sql.DB) int {
	rows, err := db.Query(rawSummaryQuery)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id, name, org, updated, fw string
		var rated, na, flagged int
		var mean sql.NullFloat64
		if err := rows.Scan(&id, &name, &org, &updated, &fw, &rated, &na, &flagged, &mean); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return n
}
