package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/store"
)

func (a *app) cmdDoctor() *cobra.Command {
	return &cobra.Command{
		Use:   "doctor",
		Short: "Check the database",
		Long: `Check a database without changing it: SQLite's integrity check, broken
references, the schema version, what it holds, and answers to questions
that a newer release of a framework no longer has (kept, not scored).
Exit 1 if damaged.`,
		Example: `  assay doctor
  assay --db /media/usb/workshop.db doctor`,
		Args:              a.noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := a.dbPath()
			if err != nil {
				return err
			}
			h, err := store.Inspect(cmd.Context(), path)
			if err != nil {
				return err
			}
			w := a.Stdout
			fmt.Fprintf(w, "database:     %s\n", path)
			if h.Unreadable {
				fmt.Fprintf(w, "schema:       unreadable\nintegrity:    %s\n", strings.Join(h.Integrity, "; "))
				return fmt.Errorf("%s is damaged beyond reading: restore it from a backup (assay backup makes one)", path)
			}
			fmt.Fprintf(w, "schema:       %d (this assay knows up to %d)\n", h.SchemaVersion, h.KnownVersion)
			fmt.Fprintf(w, "integrity:    %s\n", strings.Join(h.Integrity, "; "))
			if len(h.ForeignKeys) == 0 {
				fmt.Fprintln(w, "references:   ok")
			} else {
				fmt.Fprintf(w, "references:   %d broken: %s\n", len(h.ForeignKeys), strings.Join(h.ForeignKeys, "; "))
			}
			fmt.Fprintf(w, "contents:     %d assessments, %d answers, %d history rows\n", h.Assessments, h.Answers, h.HistoryRows)

			// Answers are kept when a release removes or renames a clause; say where they are.
			if cat, err := a.loadCatalog(); err == nil {
				var removed []string
				unloaded := map[string]int{}
				for _, r := range h.AnswerRefs {
					f, ok := cat.Framework(r.Framework)
					if !ok {
						unloaded[r.Framework]++
						continue
					}
					if _, ok := f.Question(r.Question); !ok {
						removed = append(removed, fmt.Sprintf("%s %s:%s", r.Assessment, r.Framework, r.Question))
					}
				}
				fmt.Fprintf(w, "removed:      %d answers to questions no longer in their framework (kept, not scored)\n", len(removed))
				for _, r := range removed {
					fmt.Fprintf(w, "              %s\n", r)
				}
				for id, n := range unloaded {
					fmt.Fprintf(w, "not loaded:   %s (%d answers; load its file with --questionnaires)\n", id, n)
				}
			}
			if !h.Healthy() {
				// No "copy out with assay export": export reads the same damaged
				// pages and refuses, sending the user back here.
				return fmt.Errorf("%s is damaged: restore it from a backup (assay backup makes one)", path)
			}
			fmt.Fprintln(w, "healthy")
			return nil
		},
	}
}

func (a *app) cmdBackup() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Back up the database, safely",
		Long: `Write a consistent copy of the database, even while the app is open elsewhere.
The copy is written whole or not at all; an existing FILE is replaced only with
--force. Open a backup with assay --db FILE.`,
		Example: `  assay backup /media/usb/workshop-2026-11-26.db
  assay backup ~/assay-backup.db --force`,
		Args: needArgs(1, 1, "one destination file, e.g. assay backup /media/usb/assay-backup.db"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.openStore()
			if errors.Is(err, store.ErrNoDatabase) {
				return badInput("%v; nothing to back up", err)
			}
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.Backup(cmd.Context(), args[0], force); err != nil {
				return fileError(err)
			}
			fmt.Fprintf(a.Stdout, "backed up %s to %s\n", st.Path(), args[0])
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists")
	return cmd
}
