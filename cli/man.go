package cli

import (
	"fmt"

	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

func (a *app) cmdMan() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print the manual page (roff)",
		Long:  `Print assay's manual page in roff, built from the same text as --help.`,
		Example: `  assay man > assay.1 && man ./assay.1
  assay man | sudo tee /usr/local/share/man/man1/assay.1 >/dev/null`,
		Args:              a.noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			page, err := mcobra.NewManPage(1, cmd.Root())
			if err != nil {
				return err
			}
			page = page.
				WithSection("Environment", `ASSAY_DB: the database file when --db is not given.
ASSAY_QUESTIONNAIRES: a folder of your own framework files when --questionnaires is not given.
ASSAY_USER: who is answering when --as is not given.
XDG_DATA_HOME: the database is $XDG_DATA_HOME/assay/assay.db by default (else ~/.local/share/assay/assay.db).
NO_COLOR: no colours in the app.`).
				WithSection("Exit status", `0 success; 1 the operation failed (I/O, database, disk full, damage found by doctor);
2 bad usage or bad input (unknown command, flag, assessment or question; a level out of range; a malformed file).`).
				WithSection("Files", `~/.local/share/assay/assay.db: the database, created private (0600) in a private folder (0700).`)
			_, err = fmt.Fprint(a.Stdout, page.Build(roff.NewDocument()))
			return err
		},
	}
}
