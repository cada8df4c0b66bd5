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
		actions := ""
		if len(r.Actions) > 0 {
			actions = fmt.Sprintf("; actions: %d added, %d same, %d skipped", r.ActionTally.Added, r.ActionTally.Same, r.ActionTally.Skipped)
		}
		fmt.Fprintf(w, "%s %s into %s %q%s: %d added, %d same, %d skipped, %s%s\n", verb, clean(r.File),
			r.Assessment.ID, clean(r.Assessment.Name), where, r.Added, r.Same, r.Skipped, plural(r.Disagreements, "disagreement"), actions)
		tw := newTable(w)
		for _, d := range r.Decisions {
			if d.Outcome == model.MergeSame || d.Outcome == model.MergeAdded && !r.DryRun {
				continue
			}
			h := d.Change
			fmt.Fprintf(tw, "  %s\t%s\t%s by %s\t%s\n", d.Outcome, d.Key.Qualified(), levelText(h.New.Level),
				truncate(clean(h.By), 24), clean(d.Why))
		}
		// An action is listed when it was skipped or replaced one changed here.
		for _, d := range r.Actions {
			if d.Outcome == model.MergeSame || d.Outcome == model.MergeAdded && d.Replaced == nil && !r.DryRun {
				continue
			}
			fmt.Fprintf(tw, "  action %s\t%s\t%s by %s\t%s\n", d.Outcome, d.Key.Qualified(), actionText(d.Change.New),
				truncate(clean(d.Change.By), 24), clean(d.Why))
		}
		for _, t := range r.Targets {
			fmt.Fprintf(tw, "  target\t%s\t%s in the file, %s here\tkept\n", t.Place(), targetText(t.Level, t.ThereSet), targetText(t.Here, t.HereSet))
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
	for _, r := range results {
		if len(r.Targets) > 0 {
			fmt.Fprintf(w, "\ntargets are the assessment's own and stay as they are here; assay target %s LEVEL [--framework F [--section REF]] sets one\n", r.Assessment.ID)
			break
		}
	}
	return nil
}

// actionText is an action in a few words: its text, quoted and cut, or
// "(removed)".
func actionText(a model.Action) string {
	if a.Empty() {
		return "(removed)"
	}
	text := a.Text
	if text == "" {
		text = "owner " + a.Owner
	}
	return fmt.Sprintf("%q", truncate(clean(text), 32))
}

// targetText is a target level, or "none of its own" when not set.
func targetText(l model.Level, set bool) string {
	if !set {
		return "none of its own"
	}
	return l.String()
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
		File          string                 `json:"file"`
		Assessment    jsonIdentity           `json:"assessment"`
		Created       bool                   `json:"created"`
		DryRun        bool                   `json:"dry_run"`
		Added         int                    `json:"added"`
		Same          int                    `json:"same"`
		Skipped       int                    `json:"skipped"`
		Disagreements int                    `json:"disagreements"`
		Decisions     []decision             `json:"decisions"`
		Actions       jsonActions            `json:"actions"`
		Targets       []jsonTargetDifference `json:"target_differences"`
	}
	out := []file{}
	for _, r := range results {
		a := r.Assessment
		f := file{File: r.File, Assessment: jsonIdentityOf(a),
			Created: r.Created, DryRun: r.DryRun, Added: r.Added, Same: r.Same, Skipped: r.Skipped,
			Disagreements: r.Disagreements, Decisions: []decision{}, Actions: jsonActionsOf(r), Targets: []jsonTargetDifference{}}
		for _, d := range r.Decisions {
			h := d.Change
			v := valueOf(h.New.Level, h.New.Note, h.New.Flagged)
			f.Decisions = append(f.Decisions, decision{d.Framework, d.Question, d.Outcome.String(), d.Why,
				v.Level, v.NA, h.New.Note, h.By, jsonTime(h.At), h.Host, h.Revision})
		}
		for _, t := range r.Targets {
			f.Targets = append(f.Targets, jsonTargetDifference{t.Framework, t.Section, levelIf(t.Level, t.ThereSet), levelIf(t.Here, t.HereSet)})
		}
		out = append(out, f)
	}
	return writeJSON(w, out)
}

// jsonActions is what an import did with a file's actions.
type jsonActions struct {
	Added     int                  `json:"added"`
	Same      int                  `json:"same"`
	Skipped   int                  `json:"skipped"`
	Decisions []jsonActionDecision `json:"decisions"`
}

type jsonActionDecision struct {
	Framework  string `json:"framework"`
	QuestionID string `json:"question_id"`
	Outcome    string `json:"outcome"` // same, added, skipped
	Why        string `json:"why"`
	jsonActionValue
	By       string      `json:"by"`
	At       *string     `json:"at"`
	Host     string      `json:"host"`
	Revision string      `json:"revision"`
	Replaced *jsonAction `json:"replaced"` // the action changed here that this newer one replaced
}

func jsonActionsOf(r model.ImportResult) jsonActions {
	ja := jsonActions{Added: r.ActionTally.Added, Same: r.ActionTally.Same, Skipped: r.ActionTally.Skipped, Decisions: []jsonActionDecision{}}
	for _, d := range r.Actions {
		h := d.Change
		jd := jsonActionDecision{Framework: d.Framework, QuestionID: d.Question, Outcome: d.Outcome.String(), Why: d.Why,
			jsonActionValue: actionValueOf(h.New), By: h.By, At: jsonTime(h.At), Host: h.Host, Revision: h.Revision}
		if d.Replaced != nil {
			was := jsonActionOf(*d.Replaced)
			jd.Replaced = &was
		}
		ja.Decisions = append(ja.Decisions, jd)
	}
	return ja
}

// jsonTargetDifference is a target the file sets otherwise than the assessment here:
// on the assessment (framework ""), a framework (section "") or a section;
// null where that side sets none of its own.
type jsonTargetDifference struct {
	Framework string `json:"framework"`
	Section   string `json:"section"`
	File      *int   `json:"file"`
	Here      *int   `json:"here"`
}

func levelIf(l model.Level, set bool) *int {
	if !set {
		return nil
	}
	n := int(l)
	return &n
}

// plural is "1 disagreement", "2 disagreements".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
