package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/assaytui/assay/internal/safefile"
	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
	"github.com/assaytui/assay/store"
)

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1 // the operation failed: I/O, database, disk
	exitUsage  = 2 // bad usage or bad input: nothing was changed
)

// usageError is a command used wrongly (unknown flag, missing argument): exit
// 2, and the message ends by pointing at the command's help.
type usageError struct {
	msg     string
	command string // "assay answer"
}

func (e usageError) Error() string { return e.msg + "; run " + e.command + " --help" }

func usage(cmd *cobra.Command, format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...), cmd.CommandPath()}
}

// inputError is well-formed usage with input assay cannot take: an unknown
// assessment or question, a level out of range, a malformed file. Exit 2.
type inputError struct{ error }

func (e inputError) Unwrap() error { return e.error }

func badInput(format string, args ...any) error {
	return inputError{fmt.Errorf(format, args...)}
}

// exitCode maps an error to the exit code scripts rely on.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	var ie inputError
	var ps questionnaires.Problems
	switch {
	case errors.As(err, &ue), errors.As(err, &ie), errors.As(err, &ps),
		errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrNotAssay),
		errors.Is(err, store.ErrNewer), errors.Is(err, store.ErrDamaged),
		errors.Is(err, store.ErrNoDatabase), errors.Is(err, store.ErrFolder),
		errors.Is(err, safefile.ErrExists), errors.Is(err, safefile.ErrFolder),
		isCobraUsage(err):
		return exitUsage
	}
	return exitFailed
}

// printError is fang's error handler: one plain line, "assay: what went wrong".
func (a *app) printError(w io.Writer, _ fang.Styles, err error) {
	msg := err.Error()
	switch {
	case errors.Is(err, context.Canceled):
		msg = "interrupted; nothing more was written or changed"
	case isCobraUsage(err) && !errors.As(err, new(usageError)):
		msg = strings.SplitN(msg, "\n", 2)[0] + "; run assay --help"
	}
	fmt.Fprintln(w, "assay: "+oneLine(msg))
}

// isCobraUsage recognises the few usage errors cobra makes itself (for
// instance `assay completion tcsh`); ours are usageErrors.
func isCobraUsage(err error) bool {
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument"} {
		if strings.HasPrefix(err.Error(), prefix) {
			return true
		}
	}
	return false
}

// oneLine keeps an error on one line so scripts can read it.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

// flagError rewrites pflag's parse errors as usage errors in our words.
func (a *app) flagError(cmd *cobra.Command, err error) error {
	var notExist *pflag.NotExistError
	var noValue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	switch {
	case errors.As(err, &notExist):
		if short := notExist.GetSpecifiedShortnames(); short != "" {
			if strings.Contains(cmd.Use, "LEVEL") && strings.Trim(short, "0123456789.") == "" {
				return badInput("level %q is not 0-5 or na", "-"+short)
			}
			return usage(cmd, "unknown flag -%s", short)
		}
		name := notExist.GetSpecifiedName()
		var names []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, "--"+f.Name) })
		return usage(cmd, "unknown flag --%s%s", name, model.DidYouMean("--"+name, names))
	case errors.As(err, &noValue):
		return usage(cmd, "--%s needs a value", noValue.GetFlag().Name)
	case errors.As(err, &invalid):
		return usage(cmd, "--%s: %v", invalid.GetFlag().Name, invalid.Unwrap())
	}
	return usage(cmd, "%v", err)
}

// noArgs is the Args check of commands that take none; for the root command
// an argument is an unknown command.
func (a *app) noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if !cmd.HasParent() {
		var names []string
		for _, c := range cmd.Commands() {
			if c.IsAvailableCommand() {
				names = append(names, c.Name())
			}
		}
		return usage(cmd, "unknown command %q%s", args[0], model.DidYouMean(args[0], names))
	}
	return usage(cmd, "%s takes no arguments, only flags (%q is extra)", cmd.Name(), args[0])
}

// needArgs is an Args check: between min and max positional arguments (max
// -1 for any number), with what says what they are.
func needArgs(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < min:
			return usage(cmd, "%s needs %s", cmd.Name(), what)
		case max >= 0 && len(args) > max:
			return usage(cmd, "%s takes %s; %q is extra", cmd.Name(), what, args[max])
		}
		return nil
	}
}
