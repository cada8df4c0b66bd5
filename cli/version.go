package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/questionnaires"
)

// Version is set at build time with -ldflags "-X github.com/assaytui/assay/cli.Version=v1.2.3".
var Version = "dev"

// versionLine is what --version and `assay version` print after "assay ":
// the version, the commit it was built from, the Go version and the
// questionnaire schema it reads.
func versionLine() string {
	version, goVersion, commit := Version, "unknown Go", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
		if version == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				commit = "commit " + s.Value[:12] + ", "
			}
			if s.Key == "vcs.modified" && s.Value == "true" && commit != "" {
				commit = commit[:len(commit)-2] + " with local changes, "
			}
		}
	}
	return fmt.Sprintf("%s (%s%s, questionnaire schema %d)", version, commit, goVersion, questionnaires.SchemaVersion)
}

func (a *app) cmdVersion() *cobra.Command {
	return &cobra.Command{
		Use:               "version",
		Short:             "Print version and build info",
		Long:              "Print assay's version, the commit it was built from, the Go version and the\nquestionnaire schema it reads; the same as assay --version.",
		Example:           `  assay version`,
		Args:              a.noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(a.Stdout, "assay "+versionLine())
			return err
		},
	}
}
