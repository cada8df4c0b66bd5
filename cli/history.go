package cli

import (
	"slices"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
)

func (a *app) cmdHistory() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "history ID [FRAMEWORK:QUESTION]",
		Short: "Who changed what, and when",
		Long: `List the recorded changes to an assessment's answers, oldest first: when, who
(--as, ASSAY_USER or the user name of whoever made it), the question, and the
old and new value; then the changes to its actions, with the file each
imported one came from. Name a question to see only its changes; --json adds
the computer and the revision of each change to an answer.`,
		Example: `  assay history k3v9qx2m
  assay history k3v9qx2m iso28000-2022:4.1.q1
  assay history k3v9qx2m --json | jq '.[] | select(.by == "ann")'`,
		Args:              needArgs(1, 2, "an assessment ID and, optionally, a FRAMEWORK:QUESTION"),
		ValidArgsFunction: a.completeArgs(a.completeAssessment, a.completeQuestion),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, as, err := a.loadAssessment(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer st.Close()
			entries, err := st.History(cmd.Context(), as.ID)
			if err != nil {
				return err
			}
			actions, err := st.ActionHistory(cmd.Context(), as.ID)
			if err != nil {
				return err
			}
			if len(args) == 2 {
				_, k, err := a.question(as, args[1])
				if err != nil {
					return err
				}
				entries = onlyQuestion(entries, k)
				actions = slices.DeleteFunc(actions, func(h model.ActionEntry) bool { return h.Key() != k })
			}
			if asJSON {
				return report.HistoryJSON(a.Stdout, entries)
			}
			return report.History(a.Stdout, entries, actions)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: one object per change")
	return cmd
}

func onlyQuestion(entries []model.HistoryEntry, k model.Key) []model.HistoryEntry {
	var out []model.HistoryEntry
	for _, h := range entries {
		if h.Framework == k.Framework && h.QuestionID == k.Question {
			out = append(out, h)
		}
	}
	return out
}
