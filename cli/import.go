package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/internal/safefile"
	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
	"github.com/assaytui/assay/store"
)

func (a *app) cmdImport() *cobra.Command {
	var into string
	var dryRun, asJSON bool
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Merge bundles and workbooks",
		Long: `Bring in workshop bundles (assay export ID --format json) from other laptops, and
workbooks (assay export ID --format xlsx) filled in with Excel or LibreOffice.

An assessment that is not here yet arrives with the same ID, ready to answer.
One that is here is merged question by question: an answer given on one side
only is added; the same answer is left alone; a change already seen here, or
older than a disagreement settled here since, is skipped; a question both sides
changed to different values becomes a disagreement: the answer here stays, and
every rating is kept (level, note, who, when, which laptop) for the Reconcile
screen (R in the app). Importing the same file twice changes nothing.

Every file is checked before any is imported: a damaged, truncated or
hand-edited file, one from a newer assay, or one for frameworks or versions not
loaded here is refused with one line, and nothing changes. Each file is then
imported in one transaction, all of it or none of it.

A workbook merges into the assessment it was exported from (or --into ID):
each row changed since the export is a change by the file's author (as the
program that saved it names them, else --as), on top of the answer it
started from; unchanged rows are left alone. A workbook that is not assay's,
an unknown question or a bad level is refused with the sheet and cell.`,
		Example: `  assay import ws.json                       # a participant takes the facilitator's bundle
  assay import alice.json bob.json           # the facilitator collects the answers
  assay import bob.json --dry-run            # what would it do?
  assay import bob.json --json | jq '.[].disagreements'
  assay import fy2026-bo.xlsx                # a workbook filled in elsewhere`,
		Args: needArgs(1, -1, "one or more bundle or workbook files"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return []cobra.Completion{"json", "xlsx"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := a.loadCatalog()
			if err != nil {
				return err
			}
			var files []importFile
			for _, path := range args {
				data, err := os.ReadFile(path)
				if err != nil {
					return badInput("%v", safefile.Plain(err))
				}
				sum := sha256.Sum256(data)
				f := importFile{name: filepath.Base(path), sum: hex.EncodeToString(sum[:])}
				ext := strings.ToLower(filepath.Ext(path))
				switch {
				case report.IsXLSX(data):
					f.workbook, err = report.ReadWorkbook(path, bytes.NewReader(data), cat)
				case ext == ".xlsx" || ext == ".xlsm":
					// Named as a workbook but not one: say so, not "not a bundle".
					err = fmt.Errorf("%s: not an XLSX workbook (it is not a zip file); export one with assay export ID --format xlsx", path)
				default:
					f.bundle, err = report.ReadBundle(path, data, cat)
				}
				if err != nil {
					return inputError{err}
				}
				files = append(files, f)
			}
			st, err := a.createStore()
			if err != nil {
				return err
			}
			defer st.Close()
			if into != "" {
				if _, err := st.Get(cmd.Context(), into); errors.Is(err, store.ErrNotFound) {
					return badInput("--into: unknown assessment %q in %s%s; assay list shows the IDs", into, st.Path(), a.closestAssessments(cmd.Context(), st, into))
				}
			}
			// Workbooks become bundles against the assessment here, all
			// before anything is imported.
			for i := range files {
				if files[i].workbook != nil {
					if files[i].bundle, err = a.workbookBundle(cmd.Context(), st, cat, files[i], into); err != nil {
						return err
					}
				}
			}
			opts := func(f importFile) store.ImportOptions {
				return store.ImportOptions{Into: into, DryRun: dryRun, File: f.name, SHA256: f.sum, Actor: a.actor()}
			}
			var results []model.ImportResult
			if dryRun {
				// Each file is judged after the ones before it, as the
				// import itself would; nothing is written.
				items := make([]store.ImportItem, len(files))
				for i, f := range files {
					items[i] = store.ImportItem{Bundle: f.bundle, Options: opts(f)}
				}
				results, err = st.DryRunImports(cmd.Context(), items)
				if err != nil {
					f := files[min(len(results), len(files)-1)]
					if errors.Is(err, store.ErrMismatch) {
						return badInput("%s: %v", f.name, err)
					}
					return fmt.Errorf("%s: %w (nothing was imported)", f.name, err)
				}
			} else {
				for _, f := range files {
					res, err := st.Import(cmd.Context(), f.bundle, opts(f))
					if errors.Is(err, store.ErrMismatch) {
						return badInput("%s: %v", f.name, err)
					}
					if err != nil {
						return fmt.Errorf("%s: %w (this file was not imported%s)", f.name, err, doneBefore(results))
					}
					results = append(results, res)
				}
			}
			if asJSON {
				return report.ImportsJSON(a.Stdout, results)
			}
			return report.Imports(a.Stdout, results)
		},
	}
	f := cmd.Flags()
	f.StringVar(&into, "into", "", "merge into this assessment instead of the bundle's own")
	f.BoolVar(&dryRun, "dry-run", false, "say what the import would do, and change nothing")
	f.BoolVar(&asJSON, "json", false, "print JSON: per file the counts and every decision")
	cmd.RegisterFlagCompletionFunc("into", a.completeAssessment)
	return cmd
}

// doneBefore names the files imported before a failure, which stay imported.
func doneBefore(results []model.ImportResult) string {
	if len(results) == 0 {
		return ""
	}
	names := make([]string, len(results))
	for i, r := range results {
		names[i] = r.File
	}
	return "; " + strings.Join(names, ", ") + " were imported before it"
}
