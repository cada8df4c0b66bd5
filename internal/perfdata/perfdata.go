// Package perfdata makes data at a consultant's scale for the benchmarks and
// scripts/perf: a database of many assessments whose answers carry notes,
// and frameworks of any number of questions. Everything goes through the
// same code paths as real use (store.Save, the questionnaire parser), so the
// data has what real use leaves behind: history rows, revisions, resume
// points.
package perfdata

import (
	"context"
	"fmt"
	"strings"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/store"
)

// Build adds count assessments to st, each covering every framework of cat
// and answering its first `answers` questions (in catalog order) with a level
// (some N/A), a note of a few sentences and, on a few, a review flag.
//
// The first assessment is answered question by question; the others are
// copies of it (store.Duplicate, as a consultant re-uses last year's work)
// with three answers changed each, so their figures differ. That keeps a
// 200 × 150 database to about 800 transactions.
func Build(ctx context.Context, st *store.Store, cat *model.Catalog, count, answers int) error {
	var keys []model.Key
	var fws []string
	versions := map[string]string{}
	for _, f := range cat.Frameworks() {
		fws = append(fws, f.ID)
		versions[f.ID] = f.Version
		for _, q := range f.Questions() {
			keys = append(keys, model.Key{Framework: f.ID, Question: q.ID})
		}
	}
	if answers > len(keys) {
		return fmt.Errorf("%d answers asked for, but the frameworks have %d questions", answers, len(keys))
	}
	if count < 1 {
		return nil
	}
	first, err := st.Create(ctx, model.NewAssessment{Name: "Client 000", Organisation: "Org 000",
		Assessor: "perfdata", Frameworks: fws, Target: model.DefaultTarget}, versions)
	if err != nil {
		return err
	}
	for i, k := range keys[:answers] {
		if err := save(ctx, st, first.ID, k, i, 0); err != nil {
			return err
		}
	}
	for n := 1; n < count; n++ {
		a, err := st.Duplicate(ctx, first.ID, fmt.Sprintf("Client %03d", n))
		if err != nil {
			return err
		}
		for j := range 3 {
			i := (n*37 + j*13) % answers
			if err := save(ctx, st, a.ID, keys[i], i, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// save answers question i in round n.
func save(ctx context.Context, st *store.Store, id string, k model.Key, i, n int) error {
	level := model.Level((i*7 + n*3) % 6)
	if (i+n)%19 == 0 {
		level = model.NotApplicable
	}
	note := strings.Repeat(fmt.Sprintf("Round %d: policy v%d approved and reviewed yearly; evidence in the shared folder. ", n, i), 1+i%4)
	flagged := (i+n)%23 == 0
	_, err := st.Save(ctx, id, k.Framework, k.Question, model.Change{Level: &level, Note: &note, Flagged: &flagged}, "perfdata")
	return err
}

// FrameworkYAML is a framework file with n questions: ten questions to a
// clause, ten clauses to a top-level section, each question with text,
// guidance, evidence and level descriptors of the length real ones have.
func FrameworkYAML(id string, n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `schema: 1
id: %s
title: Generated framework of %d questions
short: Gen %d
version: "1"
publisher: assay perfdata
notice: >
  Generated for benchmarks; no published standard is quoted.
sections:
`, id, n, n)
	for q := 0; q < n; {
		top := q/100 + 1
		fmt.Fprintf(&b, "  - ref: \"%d\"\n    title: Area %d of the generated framework\n    sections:\n", top, top)
		for clause := 1; clause <= 10 && q < n; clause++ {
			ref := fmt.Sprintf("%d.%d", top, clause)
			fmt.Fprintf(&b, "      - ref: \"%s\"\n        title: Clause %s on keeping controls in place\n        questions:\n", ref, ref)
			for i := 1; i <= 10 && q < n; i, q = i+1, q+1 {
				fmt.Fprintf(&b, `          - id: %[1]s.q%[2]d
            title: Clause %[1]s, control %[2]d
            text: How well does the organisation keep control %[2]d of clause %[1]s working across every site in scope, and show that it does?
            guidance: >
              Look for a named owner, a written procedure that people follow, records that show the
              control ran as planned on every site, and reviews that act on what the records show.
            evidence:
              - procedure with owner and review date
              - records of the control running in the last quarter
              - review minutes with actions
            levels:
              0: Nothing is in place for this control.
              1: The control runs when someone remembers, with no record.
              2: The control runs on some sites and is partly written down.
              3: A written, approved procedure runs on every site in scope, with records.
              4: The control is measured and the measures are reviewed and acted upon.
              5: The control is improved continually and compared with peers.
`, ref, i)
			}
		}
	}
	return []byte(b.String())
}
