package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/assaytui/assay/internal/safefile"
	"github.com/assaytui/assay/store"
)

func (a *app) cmdDoctor(args []string) error {
	fs := a.flags("doctor", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("doctor takes no arguments; name the database with --db")
	}
	path, err := a.dbPath()
	if err != nil {
		return err
	}
	h, err := store.Inspect(ctxb, path)
	if err != nil {
		return err
	}
	w := a.Stdout
	fmt.Fprintf(w, "database:     %s\n", path)
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
		return fmt.Errorf("%s is damaged: restore it from a backup (assay backup makes one) or copy out what you can with assay export", path)
	}
	fmt.Fprintln(w, "healthy")
	return nil
}

func (a *app) cmdBackup(args []string) error {
	fs := a.flags("backup", "FILE [--force]")
	force := fs.Bool("force", false, "replace FILE if it exists")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("backup needs one destination file, e.g. assay backup /media/usb/assay-backup.db")
	}
	st, err := a.openStore()
	if errors.Is(err, store.ErrNoDatabase) {
		return usageError{err.Error() + "; nothing to back up"}
	}
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctxb, pos[0], *force); err != nil {
		if errors.Is(err, safefile.ErrExists) {
			return usagef("%v; use --force to replace it", err)
		}
		if errors.Is(err, safefile.ErrFolder) {
			return usageError{err.Error()}
		}
		return err
	}
	fmt.Fprintf(a.Stdout, "backed up %s to %s\n", st.Path(), pos[0])
	return nil
}
