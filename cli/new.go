package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/model"
)

// builtinFrameworks are the frameworks a new assessment covers when none is named.
var builtinFrameworks = []string{"iso28000-2022", "mas-trm-2021"}

func (a *app) cmdNew() *cobra.Command {
	var n model.NewAssessment
	n.Target = model.DefaultTarget
	cmd := &cobra.Command{
		Use:   "new --name NAME",
		Short: "Create an assessment",
		Long: `Create an assessment and print its ID, and nothing else, so a script can
keep it. It covers both built-in frameworks unless you name some with
--framework.`,
		Example: `  id=$(assay new --name "FY2026" --org "Acme Bank" --assessor "Ann Tan")
  assay new --name "ISO gap analysis" --framework iso28000-2022 --target 4`,
		Args:              a.noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(n.Frameworks) == 0 {
				n.Frameworks = builtinFrameworks
			}
			cat, err := a.loadCatalog(n.Frameworks...)
			if err != nil {
				return err
			}
			checked, err := n.Check(cat)
			if err != nil {
				return inputError{err}
			}
			versions := map[string]string{}
			for _, id := range checked.Frameworks {
				f, _ := cat.Framework(id)
				versions[id] = f.Version
			}
			st, err := a.createStore()
			if err != nil {
				return err
			}
			defer st.Close()
			as, err := st.Create(cmd.Context(), checked, versions)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, as.ID)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&n.Name, "name", "", "name of the assessment (required)")
	f.StringVar(&n.Organisation, "org", "", "organisation assessed")
	f.StringVar(&n.Assessor, "assessor", "", "who runs the assessment")
	f.StringSliceVar(&n.Frameworks, "framework", nil, "framework ID; repeat for several (default: both built-in)")
	f.Var(&levelFlag{&n.Target, "target level", false}, "target", "target maturity LEVEL 0-5")
	cmd.RegisterFlagCompletionFunc("framework", a.completeFramework)
	cmd.RegisterFlagCompletionFunc("target", a.completeLevel(false))
	for _, name := range []string{"name", "org", "assessor"} {
		cmd.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions)
	}
	return cmd
}

// levelFlag is a flag holding a maturity level, checked as it is parsed.
type levelFlag struct {
	l       *model.Level
	what    string // "target level"
	allowNA bool
}

func (f *levelFlag) String() string { return f.l.String() }
func (f *levelFlag) Type() string   { return "LEVEL" }

func (f *levelFlag) Set(s string) error {
	l, err := model.ParseLevel(s)
	if err != nil || (l == model.NotApplicable && !f.allowNA) {
		if f.allowNA {
			return fmt.Errorf("%s %q is not 0-5 or na", f.what, s)
		}
		return fmt.Errorf("%s %s is not 0-5", f.what, s)
	}
	*f.l = l
	return nil
}
