package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
)

func (a *app) cmdFrameworks() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "frameworks",
		Short: "List the loaded frameworks",
		Long: `List the frameworks assay knows: the built-in ones and those in your
--questionnaires folder. A broken file there is named on stderr and left out.`,
		Example: `  assay frameworks
  assay --questionnaires ~/my-frameworks frameworks --json`,
		Args:              a.noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cat, err := a.loadCatalog()
			if err != nil {
				return err
			}
			if asJSON {
				return report.FrameworksJSON(a.Stdout, cat.Frameworks())
			}
			return report.Frameworks(a.Stdout, cat.Frameworks())
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: one object per framework")
	return cmd
}

func (a *app) cmdQuestions() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "questions FRAMEWORK",
		Short: "List a framework's questions",
		Long: `List every question of a framework with its ID, title and text, then the
retired questions (no longer asked; answers to them are kept) and what replaced
them. --json lists every question in outline order, retired ones included, with
the guidance, the evidence, what each level means, its sources and how binding
they are, its citations, and added_in, reworded_in, retired, retired_in and
replaced_by.`,
		Example: `  assay questions iso28000-2022
  assay questions mas-trm-2021 --json | jq -r '.[].id'`,
		Args:              needArgs(1, 1, "one framework ID (assay frameworks lists them)"),
		ValidArgsFunction: a.completeArgs(a.completeFramework),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := strings.ToLower(args[0])
			cat, err := a.loadCatalog(id)
			if err != nil {
				return err
			}
			f, ok := cat.Framework(id)
			if !ok {
				return badInput("unknown framework %q%s; loaded: %s", args[0], model.DidYouMean(args[0], cat.IDs()), strings.Join(cat.IDs(), ", "))
			}
			if asJSON {
				return report.QuestionsJSON(a.Stdout, f)
			}
			return report.Questions(a.Stdout, f)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: every field of every question")
	return cmd
}
