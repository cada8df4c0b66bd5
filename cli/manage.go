package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/assaytui/assay/internal/textsafe"
	"github.com/spf13/cobra"
)

func (a *app) cmdRename() *cobra.Command {
	return &cobra.Command{
		Use:               "rename ID NAME",
		Short:             "Rename an assessment",
		Example:           `  assay rename k3v9qx2m "FY2026 self-assessment (final)"`,
		Args:              needArgs(2, 2, "an assessment ID and the new NAME"),
		ValidArgsFunction: a.completeArgs(a.completeAssessment, noMore),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, as, err := a.loadAssessment(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer st.Close()
			if strings.TrimSpace(args[1]) == "" {
				return badInput("the assessment needs a name")
			}
			if err := st.Rename(cmd.Context(), as.ID, args[1]); err != nil {
				return err
			}
			fmt.Fprintf(a.Stdout, "renamed %s to %q\n", as.ID, strings.TrimSpace(args[1]))
			return nil
		},
	}
}

func (a *app) cmdCopy() *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:   "copy ID --name NAME",
		Short: "Copy an assessment",
		Long: `Copy an assessment with all its answers, notes and flags under a new
name, to re-assess next year from last year's answers (the app's duplicate).
Prints only the new ID. The copy's history starts with a row per answer
saying where it came from.`,
		Example:           `  next=$(assay copy k3v9qx2m --name "FY2027 self-assessment")`,
		Args:              needArgs(1, 1, "one assessment ID and --name NAME"),
		ValidArgsFunction: a.completeArgs(a.completeAssessment),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(name) == "" {
				return usage(cmd, "copy needs --name NAME for the copy")
			}
			st, as, err := a.loadAssessment(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer st.Close()
			copied, err := st.Duplicate(cmd.Context(), as.ID, name)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, copied.ID)
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "name of the copy (required)")
	cmd.RegisterFlagCompletionFunc("name", cobra.NoFileCompletions)
	return cmd
}

func (a *app) cmdDelete() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete an assessment",
		Long: `Delete an assessment with all its answers and their history; this cannot be
undone (assay backup first if unsure). On a terminal it asks; elsewhere --yes
is required.`,
		Example: `  assay delete k3v9qx2m
  assay delete k3v9qx2m --yes     # in a script`,
		Args:              needArgs(1, 1, "one assessment ID (assay list shows them)"),
		ValidArgsFunction: a.completeArgs(a.completeAssessment),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !yes && !a.IsTerminal() {
				return usage(cmd, "delete asks before deleting; without a terminal, add --yes")
			}
			st, as, err := a.loadAssessment(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer st.Close()
			if !yes {
				answers, err := st.Answers(cmd.Context(), as.ID)
				if err != nil {
					return err
				}
				fmt.Fprintf(a.Stderr, "Delete %q (%s) with its %d answers and their history? This cannot be undone. [y/N] ", textsafe.Clean(as.Name, false), as.ID, len(answers))
				line, _ := bufio.NewReader(a.Stdin).ReadString('\n')
				if ans := strings.ToLower(strings.TrimSpace(line)); ans != "y" && ans != "yes" {
					fmt.Fprintln(a.Stderr, "Kept.")
					return nil
				}
			}
			if err := st.Delete(cmd.Context(), as.ID); err != nil {
				return err
			}
			fmt.Fprintf(a.Stdout, "deleted %s (%s)\n", as.ID, textsafe.Clean(as.Name, false))
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "delete without asking")
	return cmd
}
