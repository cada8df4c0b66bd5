package cli

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/muesli/mango"
	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

func (a *app) cmdMan() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print the manual page",
		Long:  `Print assay's manual page in roff, built from the same text as --help.`,
		Example: `  assay man > assay.1 && man ./assay.1
  assay man | sudo tee /usr/local/share/man/man1/assay.1 >/dev/null`,
		Args:              a.noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			root := cmd.Root()
			page := mango.NewManPage(1, root.Name(), "maturity self-assessments against compliance frameworks").
				WithLongDescription(unwrap(root.Long))
			if err := mcobra.AddCommand(page, root); err != nil {
				return err
			}
			page = page.
				WithSection("Examples", strings.ReplaceAll(root.Example, "\n", "\n\n")).
				WithSection("Environment", strings.ReplaceAll(`ASSAY_DB: the database file when --db is not given.
ASSAY_QUESTIONNAIRES: a folder of your own framework files when --questionnaires is not given.
ASSAY_USER: who is answering when --as is not given.
XDG_DATA_HOME: the database is $XDG_DATA_HOME/assay/assay.db by default (else ~/.local/share/assay/assay.db).
NO_COLOR: no colours in the app.`, "\n", "\n\n")).
				WithSection("Exit status", `0: success.

1: the operation failed: I/O, database, disk full, damage found by doctor, or an answer changed since the revision given with --if-unchanged-since.

2: bad usage or bad input: unknown command, flag, assessment or question; a level out of range; a malformed file. Nothing was changed.`).
				WithSection("Files", `~/.local/share/assay/assay.db: the database, created private (0600) in a private folder (0700).`)
			_, err := fmt.Fprint(a.Stdout, shortFlags().ReplaceAllString(page.Build(roff.NewDocument()), `\fB-$1, --`))
			return err
		},
	}
}

// shortFlags finds a flag with a short form as mango writes it, "--y --yes",
// to be written "-y, --yes".
var shortFlags = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\\fB--(\w) --`) })

// unwrap joins the lines of each paragraph: help text is wrapped for a
// terminal, a man page is wrapped by man.
func unwrap(s string) string {
	paras := strings.Split(s, "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n\n")
}
