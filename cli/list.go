package cli

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
	"github.com/assaytui/assay/store"
)

func (a *app) cmdList() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List your assessments",
		Long: `List your assessments, most recently changed first, with how much is done and
the maturity per framework. --json gives one object per assessment.`,
		Example: `  assay list
  assay list --json | jq -r '.[].id'`,
		Args:              a.noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cat, st, err := a.catalogBeside(a.openStore, nil)
			var sums []model.Summary
			switch {
			case errors.Is(err, store.ErrNoDatabase):
				// Nothing created yet: an empty list, and no file made just for looking.
			case err != nil:
				return err
			default:
				defer st.Close()
				list, err := st.List(cmd.Context())
				if err != nil {
					return err
				}
				levels, err := st.Levels(cmd.Context())
				if err != nil {
					return err
				}
				sums = model.Summaries(list, levels.Of, cat)
			}
			if asJSON {
				return report.ListJSON(a.Stdout, sums)
			}
			return report.List(a.Stdout, sums)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: one object per assessment")
	return cmd
}
