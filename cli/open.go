package cli

import (
	"github.com/spf13/cobra"
)

// runHome is plain `assay`: the app on the list of assessments.
func (a *app) runHome(cmd *cobra.Command) error {
	if !a.IsTerminal() {
		return usage(cmd, "no terminal: run assay in a terminal for the interactive app, or use a command")
	}
	return a.startTUI(cmd, "")
}

func (a *app) cmdOpen() *cobra.Command {
	return &cobra.Command{
		Use:   "open ID",
		Short: "Resume an assessment",
		Long: `Open the interactive app on one assessment, at the question you last saw.
It needs a terminal; assay show prints the scores without one.`,
		Example: `  assay open k3v9qx2m
  assay --as "Ann Tan" open k3v9qx2m     # record Ann as who answers`,
		Args:              needArgs(1, 1, "one assessment ID (assay list shows them)"),
		ValidArgsFunction: a.completeArgs(a.completeAssessment),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !a.IsTerminal() {
				return usage(cmd, "no terminal: assay open needs a terminal; assay show %s prints the scores", args[0])
			}
			st, as, err := a.loadAssessment(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			st.Close()
			a.holdWarnings = true // until the app is closed (startTUI)
			if _, err := a.loadCatalog(as.FrameworkIDs()...); err != nil {
				return err
			}
			return a.startTUI(cmd, as.ID)
		},
	}
}

func (a *app) startTUI(cmd *cobra.Command, openID string) error {
	// Warnings printed now would vanish behind the app's screen: print them after.
	a.holdWarnings = true
	defer func() { a.holdWarnings = false; a.warnBroken() }()
	cat, st, err := a.catalogBeside(a.createStore, a.PrepareTUI)
	if err != nil {
		return err
	}
	defer st.Close()
	// The whole-file check runs in the background once the first screen has
	// its data (a large file takes a while); the app leaves with its verdict
	// if the file is damaged, and no write happens before it.
	st.VerifyInBackground()
	return a.RunTUI(st, cat, openID, a.actor())
}
