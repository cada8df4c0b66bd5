// Command perfdb makes the data that scripts/perf measures: a database of
// many assessments with annotated answers, written through assay's own save
// path, and, for trying the app at scale, a framework file of any size.
//
//	go run ./scripts/perfdb -db /tmp/perf.db -assessments 200 -answers 150
//	go run ./scripts/perfdb -framework 2000 > /tmp/big/gen-2000.yaml
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/assaytui/assay/internal/perfdata"
	"github.com/assaytui/assay/questionnaires"
	"github.com/assaytui/assay/store"
)

func main() {
	path := flag.String("db", "", "database file to create (must not exist)")
	count := flag.Int("assessments", 200, "assessments")
	answers := flag.Int("answers", 150, "answers per assessment, each with a note")
	framework := flag.Int("framework", 0, "instead of a database, print a framework file with this many questions")
	flag.Parse()
	if err := run(*path, *count, *answers, *framework); err != nil {
		fmt.Fprintln(os.Stderr, "perfdb:", err)
		os.Exit(1)
	}
}

func run(path string, count, answers, framework int) error {
	if framework > 0 {
		_, err := os.Stdout.Write(perfdata.FrameworkYAML(fmt.Sprintf("gen-%d", framework), framework))
		return err
	}
	if path == "" {
		return fmt.Errorf("give -db FILE or -framework N")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists; give a new file", path)
	}
	cat, err := questionnaires.Load("")
	if err != nil {
		return err
	}
	st, err := store.OpenOrCreate(path)
	if err != nil {
		return err
	}
	defer st.Close()
	return perfdata.Build(context.Background(), st, cat, count, answers)
}
