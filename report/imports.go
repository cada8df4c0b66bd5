package report

import (
	"fmt"
	"io"

	"github.com/assaytui/assay/model"
)

// Imports writes what `assay import` did with each file: the counts, then
// each disagreement and each skipped change with the reason; on a dry run,
// every answer it would add too.
func Imports(w io.Writer, results []model.ImportResult) error {
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		verb, where := "imported", ""
		if r.DryRun {
			verb = "would import"
		}
		if r.Created {
			where = " (new here)"
		}
		fmt.Fprintf(w, "%s %s into %s %q%s: %d added, %d same, %d skipped, %s\n", verb, clean(r.File),
			r.Assessment.ID, clean(r.Assessment.Name), where, r.Added, r.Same, r.Skipped, plural(r.Disagreements, "disagreement"))
		tw := newTable(w)
		for _, d := range r.Decisions {
			if d.Outcome == model.MergeSame || d.Outcome == model.MergeAdded && !r.DryRun {
				continue
			}
			h := d.Change
			fmt.Fprintf(tw, "  %s\t%s\t%s by %s\t%s\n", d.Outcome, d.Key.Qualified(), levelText(h.New.Level),
				truncate(clean(h.By), 24), clean(d.Why))
		}
		tw.Flush()
	}
	if n := len(results); n > 0 && !results[n-1].DryRun {
		for _, r := range results {
			if r.Disagreements > 0 {
				fmt.Fprintf(w, "\nsettle the disagreements in the app: assay open %s, then R (Reconcile); assay show %s lists them\n",
					r.Assessment.ID, r.Assessment.ID)
				break
			}
		}
	}
	return nil
}

// ImportsJSON writes `assay import --json`: one object per file with the
// counts and every decision.
func ImportsJSON(w io.Writer, results []model.ImportResult) error {
	type decision struct {
		Framework  string  `json:"framework"`
		QuestionID string  `json:"question_id"`
		Outcome    string  `json:"outcome"` // same, added, skipped, disagreement
		Why        string  `json:"why"`
		Level      *int    `json:"level"` // the incoming answer
		NA         bool    `json:"na"`
		Note       string  `json:"note"`
		By         string  `json:"by"`
		At         *string `json:"at"`
		Host       string  `json:"host"`
		Revision   string  `json:"revision"`
	}
	type file struct {
		File          string       `json:"file"`
		Assessment    jsonIdentity `json:"assessment"`
		Created       bool         `json:"created"`
		DryRun        bool         `json:"dry_run"`
		Added         int          `json:"added"`
		Same          int          `json:"same"`
		Skipped       int          `json:"skipped"`
		Disagreements int          `json:"disagreements"`
		Decisions     []decision   `json:"decisions"`
	}
	out := []file{}
	for _, r := range results {
		a := r.Assessment
		f := file{File: r.File, Assessment: jsonIdentityOf(a),
			Created: r.Created, DryRun: r.DryRun, Added: r.Added, Same: r.Same, Skipped: r.Skipped,
			Disagreements: r.Disagreements, Decisions: []decision{}}
		for _, d := range r.Decisions {
			h := d.Change
			v := valueOf(h.New.Level, h.New.Note, h.New.Flagged)
			f.Decisions = append(f.Decisions, decision{d.Framework, d.Question, d.Outcome.String(), d.Why,
				v.Level, v.NA, h.New.Note, h.By, jsonTime(h.At), h.Host, h.Revision})
		}
		out = append(out, f)
	}
	return writeJSON(w, out)
}

// plural is "1 disagreement", "2 disagreements".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
