// Package cli is assay's command line, built on cobra with fang's styling: it
// parses arguments, calls store, report and model, and turns every failure
// into one line on stderr and an exit code (0 ok, 1 the operation failed, 2
// bad usage or input).
//
// A command is one file with a method returning its *cobra.Command, plus one
// line in commandList. Completion helpers for IDs, questions, frameworks,
// levels and formats live in complete.go for every command to reuse.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
	"github.com/assaytui/assay/serve"
	"github.com/assaytui/assay/store"
)

// Env is what a command may use of the outside world; tests swap it.
type Env struct {
	Stdin          *os.File
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// IsTerminal reports whether both stdin and stdout are terminals.
	IsTerminal func() bool
	// PrepareTUI, if set, starts in the background what the app's first
	// frame will need; the app calls it once the catalog is loaded, while
	// the database opens.
	PrepareTUI func()
	// RunTUI starts the interactive app; openID is "" for the home screen.
	RunTUI func(st *store.Store, cat *model.Catalog, openID, actor string) error
	// RunServe serves a live workshop and runs the facilitator's app.
	RunServe func(ctx context.Context, st *store.Store, cat *model.Catalog, id, actor string, opts serve.Options) error
}

// app is one run of the command line: the environment, the global flags and
// what has been loaded so far.
type app struct {
	Env
	dbFlag string // --db
	qDir   string // --questionnaires
	as     string // --as

	catalog *model.Catalog
	broken  []questionnaires.Broken // files of the user's folder left out of catalog
	// completing is set while answering the shell's completion requests: no
	// warnings then, and nothing created.
	completing bool
	// holdWarnings keeps warnings until the app has closed its screen.
	holdWarnings bool
}

// commandList is every command in the order `assay --help` lists them.
var commandList = []func(*app) *cobra.Command{
	(*app).cmdOpen,
	(*app).cmdNew,
	(*app).cmdList,
	(*app).cmdAnswer,
	(*app).cmdShow,
	(*app).cmdTarget,
	(*app).cmdPlan,
	(*app).cmdExport,
	(*app).cmdImport,
	(*app).cmdCompare,
	(*app).cmdHistory,
	(*app).cmdServe,
	(*app).cmdRename,
	(*app).cmdCopy,
	(*app).cmdDelete,
	(*app).cmdFrameworks,
	(*app).cmdQuestions,
	(*app).cmdValidate,
	(*app).cmdDoctor,
	(*app).cmdBackup,
	(*app).cmdVersion,
	(*app).cmdMan,
}

// Main runs assay with the given arguments and returns the exit code.
func Main(args []string, env Env) (code int) {
	a := &app{Env: env}
	a.completing = len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd)
	defer func() {
		// A bug must not show a user a Go stack trace; say what happened instead.
		if r := recover(); r != nil {
			fmt.Fprintf(a.Stderr, "assay: internal error: %v (please report this)\n", r)
			code = exitFailed
		}
	}()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// After the first ctrl+c cancels the work, a second one ends assay at once.
		<-ctx.Done()
		stop()
	}()
	root := a.rootCommand()
	root.SetArgs(args)
	err := fang.Execute(ctx, root,
		fang.WithVersion(versionLine()),
		fang.WithoutManpage(), // ours, in man.go, is listed and has examples
		fang.WithErrorHandler(a.printError),
	)
	return exitCode(err)
}

// rootCommand builds the whole command tree.
func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "assay",
		Short: "Maturity self-assessments against ISO 28000:2022 and MAS TRM 2021",
		Long: `assay rates your organisation clause by clause against ISO 28000:2022 and the
MAS Technology Risk Management Guidelines 2021, keeps every answer in one
SQLite file on your machine, and reports maturity, gaps and differences.

With no command it opens the interactive app on your assessments.

The database is --db, else $ASSAY_DB, else $XDG_DATA_HOME/assay/assay.db
(~/.local/share/assay/assay.db). Your own frameworks: --questionnaires DIR or
$ASSAY_QUESTIONNAIRES. Who is answering: --as NAME, else $ASSAY_USER, else
your login name. Global flags go before or after the command.

Exit codes: 0 ok, 1 the operation failed, 2 bad usage or bad input.`,
		Example: `  assay
  id=$(assay new --name "FY2026" --org "Acme Bank")
  assay answer $id iso28000-2022:4.1.q1 3 --note "reviewed in March"
  assay show $id`,
		Args:               a.noArgs,
		RunE:               func(cmd *cobra.Command, _ []string) error { return a.runHome(cmd) },
		ValidArgsFunction:  cobra.NoFileCompletions,
		DisableSuggestions: true, // ours say more (see noArgs)
	}
	cobra.EnableCommandSorting = false // commandList's order: the everyday commands first
	root.SetIn(a.Stdin)
	// Help and completion answers go through cobra's writer: without fang's
	// padding at the ends of lines (see trimWriter).
	root.SetOut(&trimWriter{w: a.Stdout})
	root.SetErr(a.Stderr)
	root.SetVersionTemplate("assay {{.Version}}\n")
	root.SetFlagErrorFunc(a.flagError)

	pf := root.PersistentFlags()
	pf.StringVar(&a.dbFlag, "db", "", "the database file")
	pf.StringVar(&a.qDir, "questionnaires", "", "your own frameworks folder")
	pf.StringVar(&a.as, "as", "", "who is answering")
	root.MarkPersistentFlagFilename("db", "db")
	root.MarkPersistentFlagDirname("questionnaires")
	root.RegisterFlagCompletionFunc("as", cobra.NoFileCompletions)

	for _, c := range commandList {
		cmd := c(a)
		cmd.Flags().SortFlags = false // in the order each command declares them
		root.AddCommand(cmd)
	}
	root.SetHelpCommand(a.cmdHelp())
	a.setUpCompletionCommand(root)
	return root
}

// cmdHelp is `assay help CMD`: the same as `assay CMD --help`, and an unknown
// topic is a usage error rather than the general help.
func (a *app) cmdHelp() *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "Help for a command",
		Example: `  assay help
  assay help answer`,
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := cmd.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return usage(cmd, "no help topic %q; assay help lists the commands", strings.Join(args, " "))
			}
			// As if the user had typed CMD --help: the same flags shown.
			target.InitDefaultHelpFlag()
			target.InheritedFlags()
			return target.Help()
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, c := range cmd.Root().Commands() {
				if c.IsAvailableCommand() {
					out = append(out, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
	}
}
