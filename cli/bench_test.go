package cli_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assaytui/assay/questionnaires"
	"github.com/assaytui/assay/store"
)

// BenchmarkStartup is what every command pays before its work: open (and on
// the first run create and migrate) the database, and parse the embedded
// questionnaires.
func BenchmarkStartup(b *testing.B) {
	for _, existing := range []bool{false, true} {
		b.Run(fmt.Sprintf("existing=%v", existing), func(b *testing.B) {
			dir := b.TempDir()
			shared := filepath.Join(dir, "shared.db")
			if st, err := store.OpenOrCreate(shared); err == nil {
				st.Close()
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				path := shared
				if !existing {
					path = filepath.Join(dir, fmt.Sprintf("%d.db", i))
				}
				st, err := store.OpenOrCreate(path)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := questionnaires.Load(""); err != nil {
					b.Fatal(err)
				}
				st.Close()
			}
		})
	}
}

// BenchmarkCompletion is what a tab press costs: the built binary answering
// the shell's __complete request for assessment IDs and for the questions of
// one assessment, against `assay version` (start-up alone) as the baseline.
func BenchmarkCompletion(b *testing.B) {
	db := filepath.Join(b.TempDir(), "a.db")
	out, err := exec.Command(bin, "--db", db, "new", "--name", "Bench").Output()
	if err != nil {
		b.Fatal(err)
	}
	id := strings.TrimSpace(string(out))
	for _, bc := range []struct {
		name string
		args []string
	}{
		{"baseline=version", []string{"version"}},
		{"ids", []string{"__complete", "open", ""}},
		{"questions", []string{"__complete", "answer", id, "iso"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := exec.Command(bin, append([]string{"--db", db}, bc.args...)...).Run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
