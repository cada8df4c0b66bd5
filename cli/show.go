package cli

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/report"
)

func (a *app) cmdShow() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Scores, gaps and differences",
		Long: `Show an assessment's maturity per framework and per section, completion, the
biggest gaps against the target, the differences between the frameworks, and
the disagreements a workshop import left to settle (each rating with who gave
it, when and on which laptop).`,
		Example: `  assay show k3v9qx2m
  assay show k3v9qx2m --json | jq '.scores[] | {framework, maturity}'`,
		Args:              needArgs(1, 1, "one assessment ID (assay list shows them)"),
		ValidArgsFunction: a.completeArgs(a.completeAssessment),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := a.reportData(cmd.Context(), args[0], false)
			if err != nil {
				return err
			}
			if asJSON {
				return report.FiguresJSON(a.Stdout, d)
			}
			return report.Text(a.Stdout, d)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: every figure, no answers")
	return cmd
}

// reportData loads everything an export or `show` needs; withHistory adds
// every change (for the workshop bundle), read in one snapshot with the
// answers so that they agree.
func (a *app) reportData(ctx context.Context, id string, withHistory bool) (report.Data, error) {
	st, as, err := a.loadAssessment(ctx, id)
	if err != nil {
		return report.Data{}, err
	}
	defer st.Close()
	cat, err := a.loadCatalog(as.FrameworkIDs()...)
	if err != nil {
		return report.Data{}, err
	}
	d := report.Data{Assessment: as, Catalog: cat, Generated: time.Now(),
		ExportedBy: a.actor(), Host: st.Host(), AssayVersion: Version}
	if withHistory {
		b, err := st.Bundle(ctx, as.ID)
		if err != nil {
			return report.Data{}, err
		}
		d.Answers, d.History, d.Disagreements = b.Answers, b.History, b.Disagreements
		d.Actions, d.ActionHistory = b.Actions, b.ActionHistory
		return d, nil
	}
	if d.Actions, err = st.Actions(ctx, as.ID); err != nil {
		return report.Data{}, err
	}
	if d.Answers, err = st.Answers(ctx, as.ID); err != nil {
		return report.Data{}, err
	}
	d.Disagreements, err = st.Disagreements(ctx, as.ID)
	return d, err
}
