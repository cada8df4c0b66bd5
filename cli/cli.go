// Package cli is assay's command line: it parses arguments, opens the store and
// the questionnaires, runs one command and turns every failure into one line on
// stderr and an exit code (0 ok, 1 the operation failed, 2 bad usage or input).
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
	"github.com/assaytui/assay/store"
)

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// Env is what a command may use of the outside world; tests swap it.
type Env struct {
	Stdin          *os.File
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// IsTerminal reports whether both stdin and stdout are terminals.
	IsTerminal func() bool
	// RunTUI starts the interactive app; openID is "" for the home screen.
	RunTUI func(st *store.Store, cat *model.Catalog, openID, actor string) error
}

// app is one run of the command line.
type app struct {
	Env
	dbFlag  string
	qDir    string
	catalog *model.Catalog
}

// usageError is bad usage or bad input: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

type command struct {
	name, args, summary string
	run                 func(a *app, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"open", "ID", "open the interactive app on an assessment, where you left off", (*app).cmdOpen},
		{"new", "--name N [--org O] [--assessor A] [--framework F ...] [--target 3]", "create an assessment and print its ID", (*app).cmdNew},
		{"list", "[--json]", "list assessments with progress and maturity", (*app).cmdList},
		{"answer", "ID FRAMEWORK:QUESTION LEVEL [--note TEXT]", "record one answer (level 0-5 or na)", (*app).cmdAnswer},
		{"show", "ID [--json]", "show scores per framework and section, completion and gaps", (*app).cmdShow},
		{"export", "ID --format json|csv|md [-o FILE]", "write a report or data file", (*app).cmdExport},
		{"frameworks", "[--json]", "list loaded frameworks with question counts", (*app).cmdFrameworks},
		{"questions", "FRAMEWORK [--json]", "list every question of a framework", (*app).cmdQuestions},
		{"validate", "FILE...", "check questionnaire files; every problem with file:line", (*app).cmdValidate},
		{"doctor", "", "check the database: integrity, schema, answers to removed questions", (*app).cmdDoctor},
		{"backup", "FILE [--force]", "write a consistent copy of the database, safe while assay runs", (*app).cmdBackup},
		{"version", "", "print version and build information", (*app).cmdVersion},
	}
}

// Main runs assay with the given arguments and returns the exit code.
func Main(args []string, env Env) (code int) {
	a := &app{Env: env}
	defer func() {
		// A bug must not show a user a Go stack trace; say what happened instead.
		if r := recover(); r != nil {
			fmt.Fprintf(a.Stderr, "assay: internal error: %v (please report this)\n", r)
			code = exitFailed
		}
	}()
	err := a.run(args)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintln(a.Stderr, "assay: "+oneLine(err.Error()))
	return exitCode(err)
}

func exitCode(err error) int {
	var ue usageError
	var ps questionnaires.Problems
	switch {
	case errors.As(err, &ue), errors.As(err, &ps),
		errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrNotAssay),
		errors.Is(err, store.ErrNewer), errors.Is(err, store.ErrDamaged),
		errors.Is(err, store.ErrNoDatabase), errors.Is(err, store.ErrFolder):
		return exitUsage
	}
	return exitFailed
}

// oneLine keeps an error on one line so scripts can read it.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

func (a *app) run(args []string) error {
	global := a.flags("assay", "")
	global.Usage = func() { a.usage(a.Stdout) }
	if err := global.Parse(args); err != nil {
		return err
	}
	rest := global.Args()
	if len(rest) == 0 {
		return a.cmdHome()
	}
	name := rest[0]
	if name == "help" {
		a.usage(a.Stdout)
		return nil
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(a, rest[1:])
		}
	}
	return usagef("unknown command %q; run assay --help for the list", name)
}

// flags makes a flag set that also accepts the global flags, so
// `assay list --db x` works as well as `assay --db x list`.
func (a *app) flags(name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.dbFlag, "db", a.dbFlag, "database file (default $ASSAY_DB, else $XDG_DATA_HOME/assay/assay.db)")
	fs.StringVar(&a.qDir, "questionnaires", a.qDir, "folder of your own framework files (default $ASSAY_QUESTIONNAIRES)")
	fs.Usage = func() {
		fmt.Fprintf(a.Stdout, "usage: assay %s %s\n\n", name, args)
		fs.SetOutput(a.Stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parse reads flags wherever they appear among the positional arguments and
// returns the positionals. Negative numbers are positionals (a level of -1 is
// an input error to report, not an unknown flag).
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.Usage()
				return nil, err
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
		for len(args) > 0 && isNegativeNumber(args[0]) {
			pos = append(pos, args[0])
			args = args[1:]
		}
	}
}

func isNegativeNumber(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	for _, r := range s[1:] {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}

func (a *app) usage(w io.Writer) {
	fmt.Fprint(w, `assay: maturity self-assessments against ISO 28000:2022 and MAS TRM 2021.

usage: assay [--db FILE] [--questionnaires DIR] [COMMAND]

With no command, assay opens the interactive app on your assessments.

commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
global flags (also accepted after the command):
  --db FILE              database file; default $ASSAY_DB, else
                         $XDG_DATA_HOME/assay/assay.db (~/.local/share/assay/assay.db)
  --questionnaires DIR   load your own framework files from DIR too
                         (default $ASSAY_QUESTIONNAIRES)

Run assay COMMAND --help for a command's flags. Exit codes: 0 ok, 1 the
operation failed, 2 bad usage or bad input.
`)
}

// dbPath resolves the database file: --db, then ASSAY_DB, then the XDG data folder.
func (a *app) dbPath() (string, error) {
	if a.dbFlag != "" {
		return a.dbFlag, nil
	}
	if p := a.Getenv("ASSAY_DB"); p != "" {
		return p, nil
	}
	if d := a.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "assay", "assay.db"), nil
	}
	home := a.Getenv("HOME")
	if home == "" {
		return "", usagef("cannot find a place for the database: set --db, ASSAY_DB or HOME")
	}
	return filepath.Join(home, ".local", "share", "assay", "assay.db"), nil
}

// openStore opens the database for commands that read or change existing
// assessments; it never creates one.
func (a *app) openStore() (*store.Store, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	return store.Open(path, a.storeOptions()...)
}

// storeOptions reads ASSAY_MAX_PAGE_COUNT, which caps the database size to
// rehearse a full disk (see README).
func (a *app) storeOptions() []store.Option {
	n, err := strconv.Atoi(a.Getenv("ASSAY_MAX_PAGE_COUNT"))
	if err != nil {
		return nil
	}
	return []store.Option{store.MaxPages(n)}
}

// createStore opens the database, creating it if needed.
func (a *app) createStore() (*store.Store, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	return store.OpenOrCreate(path, a.storeOptions()...)
}

// loadCatalog loads the embedded frameworks plus the user's folder, once.
func (a *app) loadCatalog() (*model.Catalog, error) {
	if a.catalog != nil {
		return a.catalog, nil
	}
	cat, err := questionnaires.Load(a.questionnairesDir())
	if err != nil {
		var ps questionnaires.Problems
		if errors.As(err, &ps) {
			return nil, err
		}
		return nil, usageError{err.Error()}
	}
	a.catalog = cat
	return cat, nil
}

// questionnairesDir is the user's framework folder: --questionnaires, else
// ASSAY_QUESTIONNAIRES, else none.
func (a *app) questionnairesDir() string {
	if a.qDir != "" {
		return a.qDir
	}
	return a.Getenv("ASSAY_QUESTIONNAIRES")
}

// loadAssessment opens the store and loads one assessment; a missing database
// reads as an unknown assessment.
func (a *app) loadAssessment(id string) (*store.Store, model.Assessment, error) {
	st, err := a.openStore()
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, model.Assessment{}, usagef("unknown assessment %q (%v)", id, err)
	}
	if err != nil {
		return nil, model.Assessment{}, err
	}
	as, err := st.Get(ctxb, id)
	if errors.Is(err, store.ErrNotFound) {
		st.Close()
		return nil, model.Assessment{}, usagef("unknown assessment %q in %s; assay list shows the IDs", id, st.Path())
	}
	if err != nil {
		st.Close()
		return nil, model.Assessment{}, err
	}
	return st, as, nil
}

// actor names who made a change, for the answer history.
func (a *app) actor(via string) string {
	name := a.Getenv("USER")
	if u, err := user.Current(); err == nil && u.Username != "" {
		name = u.Username
	}
	if name == "" {
		name = "unknown"
	}
	return name + " (" + via + ")"
}

// Version is set at build time with -ldflags "-X github.com/assaytui/assay/cli.Version=v1.2.3".
var Version = "dev"

func (a *app) cmdVersion(args []string) error {
	fs := a.flags("version", "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	goVersion, revision := "unknown", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
		if Version == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				revision = " commit " + s.Value[:12]
			}
		}
	}
	fmt.Fprintf(a.Stdout, "assay %s (%s%s; schema %d questionnaires)\n", Version, goVersion, revision, questionnaires.SchemaVersion)
	return nil
}
