package cli

import (
	"github.com/spf13/cobra"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
)

func (a *app) cmdCompare() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "compare OLD NEW",
		Short: "Compare two assessments",
		Long: `Set two assessments side by side, e.g. last year's and this year's: per
framework the overall maturity of each and the signed change, the same for
each top-level section, then every question whose level changed.

With one ID (NEW alone), it is compared with the assessment it was copied from (assay copy,
or c in the app).`,
		Example: `  assay compare k79k4ns5 m6apsdca
  assay compare m6apsdca                       # against its source
  assay compare k79k4ns5 m6apsdca --json | jq '.frameworks[].overall'`,
		Args:              needArgs(1, 2, "two assessment IDs, OLD then NEW (or NEW alone for a copy)"),
		ValidArgsFunction: a.completeArgs(a.completeAssessment, a.completeAssessment),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, newer, err := a.loadAssessment(ctx, args[len(args)-1])
			if err != nil {
				return err
			}
			oldID := newer.CopiedFrom
			if len(args) == 2 {
				oldID = args[0]
			} else if oldID == "" {
				st.Close()
				return badInput("%s was not copied from another assessment; name the one to compare it with: assay compare OLD %s", newer.ID, newer.ID)
			}
			st.Close()
			st, older, err := a.loadAssessment(ctx, oldID)
			if err != nil {
				return err
			}
			defer st.Close()
			cat, err := a.loadCatalog(append(older.FrameworkIDs(), newer.FrameworkIDs()...)...)
			if err != nil {
				return err
			}
			oldAnswers, err := st.Answers(ctx, older.ID)
			if err != nil {
				return err
			}
			newAnswers, err := st.Answers(ctx, newer.ID)
			if err != nil {
				return err
			}
			c := model.Compare(older, model.NewAnswers(oldAnswers), newer, model.NewAnswers(newAnswers), cat)
			if asJSON {
				return report.CompareJSON(a.Stdout, c)
			}
			return report.Compare(a.Stdout, c)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: per framework and section, and changed answers")
	return cmd
}
