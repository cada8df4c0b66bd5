package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
	"github.com/assaytui/assay/store"
)

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
		return "", badInput("cannot find a place for the database: set --db, ASSAY_DB or HOME")
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

// catalogBeside loads the catalog while open opens the database, when the
// file is already there: each costs a few milliseconds of one core before a
// list or the first screen can show (issue 13), and side by side they cost
// the longer of the two. A catalog error still wins, and closes what open
// opened. With no file yet the catalog loads first, so a command stopped by
// a broken questionnaire folder leaves no new database behind; opening an
// existing file writes nothing but the schema upgrade any run makes.
//
// then, if set, runs once the catalog is loaded, beside the opening: the
// app's PrepareTUI, which started first kept the catalog's goroutine from
// either core until the database was open (2-5 ms later; issue 13).
func (a *app) catalogBeside(open func() (*store.Store, error), then func()) (*model.Catalog, *store.Store, error) {
	if path, err := a.dbPath(); err != nil || !fileExists(path) {
		cat, err := a.loadCatalog()
		if err != nil {
			return nil, nil, err
		}
		if then != nil {
			then()
		}
		st, err := open()
		return cat, st, err
	}
	type loaded struct {
		cat *model.Catalog
		err error
	}
	done := make(chan loaded, 1)
	go func() {
		cat, err := a.loadCatalog()
		done <- loaded{cat, err}
		if err == nil && then != nil {
			then()
		}
	}()
	st, err := open()
	c := <-done
	if c.err != nil {
		if st != nil {
			st.Close()
		}
		return nil, nil, c.err
	}
	return c.cat, st, err
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// createStore opens the database, creating it if needed.
func (a *app) createStore() (*store.Store, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	return store.OpenOrCreate(path, a.storeOptions()...)
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

// questionnairesDir is the user's framework folder: --questionnaires, else
// ASSAY_QUESTIONNAIRES, else none.
func (a *app) questionnairesDir() string {
	if a.qDir != "" {
		return a.qDir
	}
	return a.Getenv("ASSAY_QUESTIONNAIRES")
}

// catalog loads the embedded frameworks plus the user's folder, once. A
// broken file in the folder stops the command only if it needs a framework
// that is then missing (need lists them; "" in need means any); otherwise
// each broken file is one warning line on stderr and the command goes on.
func (a *app) loadCatalog(need ...string) (*model.Catalog, error) {
	if a.catalog == nil {
		cat, broken, err := questionnaires.LoadAll(a.questionnairesDir())
		if err != nil {
			return nil, inputError{err}
		}
		a.catalog, a.broken = cat, broken
		defer a.warnBroken()
	}
	for _, id := range need {
		if _, ok := a.catalog.Framework(id); ok {
			continue
		}
		for i, b := range a.broken {
			if b.Framework == id || b.Framework == "" {
				a.broken = slices.Delete(a.broken, i, i+1) // reported here, not warned about
				return nil, inputError{fmt.Errorf("%w (so %s is not loaded)", b.Err, orUnknown(id))}
			}
		}
	}
	return a.catalog, nil
}

func orUnknown(id string) string {
	if id == "" {
		return "a framework"
	}
	return id
}

// warnBroken says once, on stderr, which of the user's files were left out.
func (a *app) warnBroken() {
	if a.completing || a.holdWarnings {
		return
	}
	for _, b := range a.broken {
		fmt.Fprintf(a.Stderr, "assay: warning: %s (skipped)\n", oneLine(b.Err.Error()))
	}
	a.broken = nil
}

// actor names who makes a change, for the answer history: --as, else
// ASSAY_USER, else the user's login name.
func (a *app) actor() string {
	if s := strings.TrimSpace(a.as); s != "" {
		return s
	}
	if s := strings.TrimSpace(a.Getenv("ASSAY_USER")); s != "" {
		return s
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if s := a.Getenv("USER"); s != "" {
		return s
	}
	return "unknown"
}

// loadAssessment opens the store and loads one assessment; a missing database
// reads as an unknown assessment, and an unknown ID gets the closest ones.
func (a *app) loadAssessment(ctx context.Context, id string) (*store.Store, model.Assessment, error) {
	st, err := a.openStore()
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, model.Assessment{}, badInput("unknown assessment %q (%v)", id, err)
	}
	if err != nil {
		return nil, model.Assessment{}, err
	}
	as, err := st.Get(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		hint := a.closestAssessments(ctx, st, id)
		st.Close()
		return nil, model.Assessment{}, badInput("unknown assessment %q in %s%s; assay list shows the IDs", id, st.Path(), hint)
	}
	if err != nil {
		st.Close()
		return nil, model.Assessment{}, err
	}
	return st, as, nil
}

// closestAssessments is the did-you-mean for an unknown ID: IDs a typo away,
// or the assessment whose name was given instead of its ID.
func (a *app) closestAssessments(ctx context.Context, st *store.Store, typed string) string {
	list, err := st.List(ctx)
	if err != nil {
		return ""
	}
	ids := make([]string, len(list))
	for i, as := range list {
		if strings.EqualFold(strings.TrimSpace(as.Name), strings.TrimSpace(typed)) {
			return fmt.Sprintf("; that is the name of %s, use its ID", as.ID)
		}
		ids[i] = as.ID
	}
	return model.DidYouMean(typed, ids)
}

// question finds FRAMEWORK:QUESTION (loading its framework, see loadCatalog)
// and checks the assessment covers that framework.
func (a *app) question(as model.Assessment, qualified string) (*model.Catalog, model.Key, error) {
	var need []string
	if fw, _, ok := strings.Cut(qualified, ":"); ok {
		need = append(need, strings.ToLower(fw))
	}
	cat, err := a.loadCatalog(need...)
	if err != nil {
		return nil, model.Key{}, err
	}
	fw, q, err := cat.ResolveQuestion(qualified)
	if err != nil {
		return nil, model.Key{}, inputError{err}
	}
	if !as.Has(fw.ID) {
		return nil, model.Key{}, badInput("assessment %s does not cover %s (it covers %s)", as.ID, fw.ID, strings.Join(as.FrameworkIDs(), ", "))
	}
	return cat, model.Key{Framework: fw.ID, Question: q.ID}, nil
}
