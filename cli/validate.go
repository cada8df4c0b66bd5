package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/internal/safefile"
	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
)

func (a *app) cmdValidate() *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE|DIR...",
		Short: "Check questionnaire files",
		Long: `Check framework and crosswalk files without loading them anywhere. Each
framework file is checked on its own, so a copy of a built-in framework passes.
Crosswalks are checked against the frameworks named beside them, then those of
--questionnaires, then the built-in ones. A folder is checked as
--questionnaires would load it: there a framework ID used twice is a problem.
Problems are printed one per line as file:line: what; the exit code is 2 if any.`,
		Example: `  assay validate my-framework.yaml
  assay validate my-framework.yaml crosswalk-mine.yaml
  assay validate ~/my-frameworks/`,
		Args:              needArgs(1, -1, "one or more questionnaire files or folders"),
		ValidArgsFunction: completeYAML,
		RunE: func(cmd *cobra.Command, args []string) error {
			v := validation{a: a}
			var named []*model.Framework
			var crosswalks []string
			for _, path := range args {
				if st, err := os.Stat(path); err == nil && st.IsDir() {
					v.folder(path)
					continue
				}
				data, err := os.ReadFile(path)
				if err != nil {
					v.problem(safefile.Plain(err))
					continue
				}
				if questionnaires.IsCrosswalk(data) {
					crosswalks = append(crosswalks, path)
					continue
				}
				f, problems := questionnaires.ParseFramework(path, data)
				if problems != nil {
					v.problem(problems)
					continue
				}
				named = append(named, f)
				v.ok(f)
			}
			if len(crosswalks) > 0 {
				cat, err := a.crosswalkCatalog(named)
				if err != nil {
					return err
				}
				for _, path := range crosswalks {
					data, _ := os.ReadFile(path)
					cw, problems := questionnaires.ParseCrosswalk(path, data, cat)
					if problems != nil {
						v.problem(problems)
						continue
					}
					fmt.Fprintf(a.Stdout, "%s: ok (crosswalk %s and %s, %d themes, %d only-in areas)\n", path, cw.Frameworks[0], cw.Frameworks[1], len(cw.Themes), len(cw.OnlyIn))
				}
			}
			if v.bad > 0 {
				return badInput("%d problem(s) found", v.bad)
			}
			return nil
		},
	}
}

// validation prints what validate finds and counts the problems.
type validation struct {
	a   *app
	bad int
}

func (v *validation) ok(f *model.Framework) {
	fmt.Fprintf(v.a.Stdout, "%s: ok (%s, %d sections, %d questions)\n", f.Source, f.ID, len(f.Sections), len(f.Questions()))
}

func (v *validation) problem(err error) {
	var ps questionnaires.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Fprintln(v.a.Stdout, p.String())
		}
		v.bad += len(ps)
		return
	}
	fmt.Fprintln(v.a.Stdout, oneLine(err.Error()))
	v.bad++
}

// folder checks a folder as --questionnaires loads it.
func (v *validation) folder(dir string) {
	cat, broken, err := questionnaires.LoadAll(dir)
	if err != nil {
		v.problem(err)
		return
	}
	for _, b := range broken {
		v.problem(b.Err)
	}
	for _, f := range cat.Frameworks() {
		if !strings.HasPrefix(f.Source, "embedded ") {
			v.ok(f)
		}
	}
}

// crosswalkCatalog is what crosswalk files are checked against: the
// frameworks named with them first, then the user's folder and the built-in ones.
func (a *app) crosswalkCatalog(named []*model.Framework) (*model.Catalog, error) {
	cat, _ := model.NewCatalog()
	for _, f := range named {
		cat.Add(f) // a second file with the same ID: the first one counts
	}
	base, _, err := questionnaires.LoadAll(a.questionnairesDir())
	if err != nil {
		return nil, inputError{err}
	}
	for _, f := range base.Frameworks() {
		if _, ok := cat.Framework(f.ID); !ok {
			cat.Add(f)
		}
	}
	return cat, nil
}
