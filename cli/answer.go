package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
)

func (a *app) cmdAnswer() *cobra.Command {
	var note, ifRevision string
	var flag, unflag, clear, asJSON bool
	cmd := &cobra.Command{
		Use:   "answer ID FRAMEWORK:QUESTION [LEVEL]",
		Short: "Record one answer",
		Long: `Record one answer, as the app would: saved at once, with a history row
saying who (--as) and when. LEVEL is 0-5, or na for not applicable (na needs
--note with the reason). Without LEVEL only the note or the flag changes.
--clear removes the whole answer; the history keeps what it was. It prints
the question, its value and the revision the change made.

Two writers at once: plain answer is last-writer-wins. With
--if-unchanged-since REVISION it saves only if the answer is still at that
revision ("" for a question never answered); otherwise it writes nothing, exits
1 and says on one line what the answer is now, by whom, when, and its revision.

Question IDs are FRAMEWORK:QUESTION, e.g. mas-trm-2021:3.4.q1; case is ignored.
assay questions FRAMEWORK lists them.`,
		Example: `  assay answer k3v9qx2m iso28000-2022:4.1.q1 3 --note "reviewed in March"
  assay answer k3v9qx2m mas-trm-2021:14.1.q1 na --note "no web services"
  assay answer k3v9qx2m mas-trm-2021:3.4.q1 --flag
  assay answer k3v9qx2m mas-trm-2021:3.4.q1 --clear
  rev=$(assay answer $id mas-trm-2021:3.4.q1 2 --json | jq -r .revision)
  assay answer $id mas-trm-2021:3.4.q1 3 --if-unchanged-since "$rev"`,
		Args:              needArgs(2, 3, "an assessment ID, a FRAMEWORK:QUESTION and a LEVEL (e.g. assay answer k3v9qx2m mas-trm-2021:3.4.q1 3)"),
		ValidArgsFunction: a.completeArgs(a.completeAssessment, a.completeQuestion, a.completeLevelArg),
		RunE: func(cmd *cobra.Command, args []string) error {
			var ch model.Change
			if len(args) == 3 {
				level, err := model.ParseLevel(args[2])
				if err != nil {
					return inputError{err}
				}
				ch.Level = &level
			}
			noteSet := cmd.Flags().Changed("note")
			if noteSet {
				ch.Note = &note
			}
			switch {
			case flag && unflag:
				return usage(cmd, "--flag and --unflag contradict each other; give one")
			case flag || unflag:
				ch.Flagged = &flag
			}
			if clear {
				if ch.Level != nil || noteSet || ch.Flagged != nil {
					return usage(cmd, "--clear removes the whole answer; give it no LEVEL, --note or --flag")
				}
				ch = model.ClearAnswer()
			}
			if cmd.Flags().Changed("if-unchanged-since") {
				if ifRevision != "" && !model.ValidRevision(ifRevision) {
					return badInput("--if-unchanged-since: %q is not a revision; revisions are hex, as assay answer --json or assay history prints them (\"\" for never answered)", ifRevision)
				}
				ch.IfRevision = &ifRevision
			}
			if ch.Level == nil && ch.Note == nil && ch.Flagged == nil {
				return usage(cmd, "answer needs a LEVEL (0-5 or na), --note, --flag, --unflag or --clear")
			}
			if ch.Level != nil && *ch.Level == model.NotApplicable && strings.TrimSpace(note) == "" {
				return badInput("na needs a reason: add --note \"why it does not apply\"")
			}

			st, as, err := a.loadAssessment(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer st.Close()
			cat, k, err := a.question(as, args[1])
			if err != nil {
				return err
			}
			if f, _ := cat.Framework(k.Framework); f != nil {
				if q, _ := f.Question(k.Question); q != nil && q.Retired {
					return badInput("%s", retiredQuestion(k, q))
				}
			}
			saved, err := st.Save(cmd.Context(), as.ID, k.Framework, k.Question, ch, a.actor())
			if err != nil {
				return err
			}
			if asJSON {
				f, _ := cat.Framework(k.Framework)
				q, _ := f.Question(k.Question)
				return report.AnswerJSON(a.Stdout, saved, q)
			}
			fmt.Fprintln(a.Stdout, savedLine(k, saved))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&note, "note", "", "note to keep with it (for na: why); \"\" removes it")
	f.BoolVar(&flag, "flag", false, "flag the question for review")
	f.BoolVar(&unflag, "unflag", false, "remove the review flag")
	f.BoolVar(&clear, "clear", false, "remove the answer: level, note and flag")
	f.StringVar(&ifRevision, "if-unchanged-since", "", "save only if the answer is still at REVISION")
	f.BoolVar(&asJSON, "json", false, "print the saved answer as JSON, with its revision")
	cmd.RegisterFlagCompletionFunc("note", cobra.NoFileCompletions)
	cmd.RegisterFlagCompletionFunc("if-unchanged-since", cobra.NoFileCompletions)
	return cmd
}

// savedLine is what answer prints: the question and its value now.
func savedLine(k model.Key, a model.Answer) string {
	rev := ""
	if a.Revision != "" {
		rev = " (revision " + a.Revision + ")"
	}
	if a.Empty() {
		return "cleared " + k.Qualified() + rev
	}
	level := a.Level.String()
	if level == "" {
		level = "unanswered"
	}
	s := "saved " + k.Qualified() + " = " + level
	if a.Flagged {
		s += ", flagged"
	}
	return s + rev
}

// retiredQuestion says why an answer to a question that is no longer asked
// is refused, naming what asks it now; its old answer stays in history and
// exports.
func retiredQuestion(k model.Key, q *model.Question) string {
	instead := "it has no replacement"
	if len(q.ReplacedBy) > 0 {
		ids := make([]string, len(q.ReplacedBy))
		for i, id := range q.ReplacedBy {
			ids[i] = model.Key{Framework: k.Framework, Question: id}.Qualified()
		}
		instead = "answer " + strings.Join(ids, " or ") + " instead"
	}
	return fmt.Sprintf("%s was retired in content revision %d and is no longer asked; %s (its old answer is kept in history and exports)",
		k.Qualified(), q.RetiredIn, instead)
}
