package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/internal/safefile"
	"github.com/assaytui/assay/report"
)

func (a *app) cmdExport() *cobra.Command {
	var format, out string
	var force bool
	cmd := &cobra.Command{
		Use:   "export ID --format FORMAT",
		Short: "Write a report or data file",
		Long: `Write an assessment as a data file or a report, to standard output or to a file.
json holds everything stored (the workshop bundle); csv is one row per question,
safe to open in a spreadsheet; md is a report with the differences tables;
html is a self-contained report with charts and the action plan, to open in
any browser or print to PDF; xlsx is a workbook (Summary, Answers, Sections,
Differences, Action plan) whose Answers sheet can be filled in with Excel or
LibreOffice and brought back with assay import.

A file is written whole or not at all (a temporary file renamed into place).
An existing file is replaced only with --force, and keeps its permissions;
a new one is readable only by you.`,
		Example: `  assay export k3v9qx2m --format md -o fy2026.md
  assay export k3v9qx2m --format json -o - | jq .scores
  assay export k3v9qx2m --format csv -o answers.csv --force
  assay export k3v9qx2m --format html -o fy2026.html
  assay export k3v9qx2m --format xlsx -o fy2026.xlsx`,
		Args:              needArgs(1, 1, "one assessment ID (assay list shows them)"),
		ValidArgsFunction: a.completeArgs(a.completeAssessment),
		RunE: func(cmd *cobra.Command, args []string) error {
			formats := report.Formats()
			switch {
			case format == "":
				return usage(cmd, "export needs --format, one of %s", strings.Join(formats, ", "))
			case !slices.Contains(formats, format):
				return usage(cmd, "unknown format %q; one of %s", format, strings.Join(formats, ", "))
			case format == "xlsx" && out == "":
				return usage(cmd, "xlsx is a binary file: give -o FILE (or -o - for standard output)")
			}
			d, err := a.reportData(cmd.Context(), args[0], format == "json")
			if err != nil {
				return err
			}
			write := func(w io.Writer) error { return report.Write(w, format, d) }
			if out == "" || out == "-" {
				return write(a.Stdout)
			}
			err = safefile.Write(cmd.Context(), out, safefile.Options{Force: force}, write)
			return fileError(err)
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "", "the format: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&out, "output", "o", "", "write to FILE (- or none: standard output)")
	f.BoolVar(&force, "force", false, "replace FILE if it exists")
	cmd.RegisterFlagCompletionFunc("format", completeFormat)
	return cmd
}

// fileError words safefile's refusals for the command line.
func fileError(err error) error {
	switch {
	case errors.Is(err, safefile.ErrExists):
		return inputError{fmt.Errorf("%w; add --force to replace it", err)}
	case errors.Is(err, safefile.ErrFolder):
		return inputError{fmt.Errorf("%w; name a file in it", err)}
	}
	return err
}
