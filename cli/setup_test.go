package cli

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/assaytui/assay/store"
)

// catalogBeside runs then (the app's PrepareTUI) only once the catalog is
// loaded, whether or not the file exists yet, and not at all when the
// questionnaires folder is broken.
func TestCatalogBesideRunsThenAfterTheCatalog(t *testing.T) {
	dir := t.TempDir()
	newApp := func(db, qDir string) *app {
		return &app{Env: Env{Getenv: func(string) string { return "" }}, dbFlag: db, qDir: qDir}
	}
	for _, tc := range []struct {
		name     string
		exists   bool
		qDir     string
		wantThen bool
	}{
		{"new file", false, "", true},
		{"existing file", true, "", true},
		{"broken folder, existing file", true, filepath.Join(dir, "none"), false},
		{"broken folder, new file", false, filepath.Join(dir, "none"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "a.db")
			if tc.exists {
				st, err := store.OpenOrCreate(db)
				if err != nil {
					t.Fatal(err)
				}
				st.Close()
			}
			a := newApp(db, tc.qDir)
			var mu sync.Mutex
			var calls int
			var catalogLoaded bool
			ran := make(chan struct{}, 1)
			then := func() {
				mu.Lock()
				defer mu.Unlock()
				calls++
				catalogLoaded = a.catalog != nil
				ran <- struct{}{}
			}
			_, st, err := a.catalogBeside(func() (*store.Store, error) { return store.OpenOrCreate(db) }, then)
			if st != nil {
				st.Close()
			}
			if tc.wantThen {
				if err != nil {
					t.Fatal(err)
				}
				<-ran // it may still be on its way from the catalog's goroutine
			} else if err == nil {
				t.Fatal("a broken questionnaires folder was accepted")
			}
			mu.Lock()
			defer mu.Unlock()
			if want := map[bool]int{true: 1, false: 0}[tc.wantThen]; calls != want {
				t.Errorf("then ran %d times, want %d", calls, want)
			}
			if calls > 0 && !catalogLoaded {
				t.Error("then ran before the catalog was loaded")
			}
			if _, err := os.Stat(db); !tc.exists && !tc.wantThen && err == nil {
				t.Error("a broken folder left a new database")
			}
		})
	}
}
