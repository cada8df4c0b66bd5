package cli_test

import (
	"fmt"
	"path/filepath"
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
