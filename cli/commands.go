package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
	"github.com/assaytui/assay/report"
	"github.com/assaytui/assay/store"
)

var ctxb = context.Background()

// builtinFrameworks are the frameworks a new assessment covers when none is named.
var builtinFrameworks = []string{"iso28000-2022", "mas-trm-2021"}

// stringList is a repeatable flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func (a *app) cmdHome() error {
	if !a.IsTerminal() {
		return usagef("no terminal: run assay in a terminal for the interactive app, or use a command (assay --help)")
	}
	return a.startTUI("")
}

func (a *app) cmdOpen(args []string) error {
	fs := a.flags("open", "ID")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("open needs one assessment ID (assay list shows them)")
	}
	if !a.IsTerminal() {
		return usagef("no terminal: assay open needs a terminal; assay show %s prints the scores", pos[0])
	}
	st, _, err := a.loadAssessment(pos[0])
	if err != nil {
		return err
	}
	st.Close()
	return a.startTUI(pos[0])
}

func (a *app) startTUI(openID string) error {
	cat, err := a.loadCatalog()
	if err != nil {
		return err
	}
	st, err := a.createStore()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.QuickCheck(ctxb); err != nil {
		return err
	}
	return a.RunTUI(st, cat, openID, a.actor("tui"))
}

func (a *app) cmdNew(args []string) error {
	fs := a.flags("new", "--name N [--org O] [--assessor A] [--framework F ...] [--target 3]")
	var n model.NewAssessment
	var fws stringList
	var target int
	fs.StringVar(&n.Name, "name", "", "name of the assessment (required)")
	fs.StringVar(&n.Organisation, "org", "", "organisation assessed")
	fs.StringVar(&n.Assessor, "assessor", "", "who runs the assessment")
	fs.Var(&fws, "framework", "framework ID, repeat for several (default: "+strings.Join(builtinFrameworks, " and ")+")")
	fs.IntVar(&target, "target", int(model.DefaultTarget), "target maturity level 0-5")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("new takes no arguments, only flags (did you mean --name %q?)", pos[0])
	}
	cat, err := a.loadCatalog()
	if err != nil {
		return err
	}
	n.Frameworks = fws
	if len(n.Frameworks) == 0 {
		n.Frameworks = builtinFrameworks
	}
	if target < 0 || target > 5 {
		return usagef("target level %d is not 0-5", target)
	}
	n.Target = model.Level(target)
	n, err = n.Check(cat)
	if err != nil {
		return usageError{err.Error()}
	}
	versions := map[string]string{}
	for _, id := range n.Frameworks {
		f, _ := cat.Framework(id)
		versions[id] = f.Version
	}
	st, err := a.createStore()
	if err != nil {
		return err
	}
	defer st.Close()
	as, err := st.Create(ctxb, n, versions)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.Stdout, as.ID)
	return nil
}

func (a *app) cmdList(args []string) error {
	fs := a.flags("list", "[--json]")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("list takes no arguments")
	}
	cat, err := a.loadCatalog()
	if err != nil {
		return err
	}
	var sums []model.Summary
	st, err := a.openStore()
	switch {
	case errors.Is(err, store.ErrNoDatabase):
		// Nothing created yet: an empty list, and no file made just for looking.
	case err != nil:
		return err
	default:
		defer st.Close()
		list, err := st.List(ctxb)
		if err != nil {
			return err
		}
		ratings, err := st.Ratings(ctxb)
		if err != nil {
			return err
		}
		sums = model.Summaries(list, ratings, cat)
	}
	if *asJSON {
		return report.ListJSON(a.Stdout, sums)
	}
	return report.List(a.Stdout, sums)
}

func (a *app) cmdAnswer(args []string) error {
	fs := a.flags("answer", "ID FRAMEWORK:QUESTION LEVEL [--note TEXT]")
	note := fs.String("note", "", "note to store with the answer (the reason, for na)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 3 {
		return usagef("answer needs ID FRAMEWORK:QUESTION LEVEL, e.g. assay answer k3v9qx2m mas-trm-2021:3.4.q1 3")
	}
	id, qualified := pos[0], pos[1]
	level, err := model.ParseLevel(pos[2])
	if err != nil {
		return usageError{err.Error()}
	}
	noteSet := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "note" {
			noteSet = true
		}
	})
	if level == model.NotApplicable && strings.TrimSpace(*note) == "" {
		return usagef("na needs a reason: add --note \"why it does not apply\"")
	}
	cat, err := a.loadCatalog()
	if err != nil {
		return err
	}
	fw, q, err := cat.ResolveQuestion(qualified)
	if err != nil {
		return usageError{err.Error()}
	}
	st, as, err := a.loadAssessment(id)
	if err != nil {
		return err
	}
	defer st.Close()
	if !as.Has(fw.ID) {
		return usagef("assessment %q does not cover %s (it covers %s)", id, fw.ID, strings.Join(as.FrameworkIDs(), ", "))
	}
	ch := store.SetLevel(level)
	if noteSet {
		ch.Note = note
	}
	saved, err := st.Save(ctxb, id, fw.ID, q.ID, ch, a.actor("cli"))
	if err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "saved %s:%s = %s\n", fw.ID, q.ID, saved.Level)
	return nil
}

func (a *app) cmdExport(args []string) error {
	fs := a.flags("export", "ID --format json|csv|md [-o FILE]")
	format := fs.String("format", "", "json, csv or md")
	out := fs.String("o", "", "write to FILE instead of standard output")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("export needs one assessment ID")
	}
	if !contains(report.Formats(), *format) {
		return usagef("export needs --format, one of: %s", strings.Join(report.Formats(), ", "))
	}
	d, err := a.reportData(pos[0])
	if err != nil {
		return err
	}
	if *out == "" {
		return report.Write(a.Stdout, *format, d)
	}
	return writeFileAtomic(*out, func(w io.Writer) error { return report.Write(w, *format, d) })
}

// reportData loads everything an export or `show` needs.
func (a *app) reportData(id string) (report.Data, error) {
	cat, err := a.loadCatalog()
	if err != nil {
		return report.Data{}, err
	}
	st, as, err := a.loadAssessment(id)
	if err != nil {
		return report.Data{}, err
	}
	defer st.Close()
	answers, err := st.Answers(ctxb, id)
	if err != nil {
		return report.Data{}, err
	}
	return report.Data{Assessment: as, Answers: answers, Catalog: cat, Generated: time.Now()}, nil
}

// writeFileAtomic writes a file through a temporary file in the same folder,
// synced and renamed into place, so a crash or a full disk never leaves a
// half-written export where the user expects a whole one.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	return nil
}

func (a *app) cmdFrameworks(args []string) error {
	fs := a.flags("frameworks", "[--json]")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("frameworks takes no arguments")
	}
	cat, err := a.loadCatalog()
	if err != nil {
		return err
	}
	type fwJSON struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		Short     string `json:"short"`
		Version   string `json:"version"`
		Publisher string `json:"publisher"`
		Sections  int    `json:"sections"`
		Questions int    `json:"questions"`
		Source    string `json:"source"`
		Notice    string `json:"notice"`
	}
	var list []fwJSON
	for _, f := range cat.Frameworks() {
		list = append(list, fwJSON{f.ID, f.Title, f.Name(), f.Version, f.Publisher, len(f.Sections), len(f.Questions()), f.Source, f.Notice})
	}
	if *asJSON {
		return writeJSON(a.Stdout, list)
	}
	tw := tabwriter.NewWriter(a.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tVERSION\tQUESTIONS\tTITLE")
	for _, f := range list {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", f.ID, f.Version, f.Questions, f.Title)
	}
	return tw.Flush()
}

func (a *app) cmdQuestions(args []string) error {
	fs := a.flags("questions", "FRAMEWORK [--json]")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("questions needs one framework ID (assay frameworks lists them)")
	}
	cat, err := a.loadCatalog()
	if err != nil {
		return err
	}
	f, ok := cat.Framework(pos[0])
	if !ok {
		return usagef("unknown framework %q (loaded: %s)", pos[0], strings.Join(cat.IDs(), ", "))
	}
	if *asJSON {
		type qJSON struct {
			ID       string            `json:"id"`
			Ref      string            `json:"ref"`
			Section  string            `json:"section"`
			Title    string            `json:"title"`
			Text     string            `json:"text"`
			Guidance string            `json:"guidance"`
			Evidence []string          `json:"evidence"`
			Levels   map[string]string `json:"levels"`
			Weight   float64           `json:"weight"`
			Themes   []string          `json:"themes"`
			Optional bool              `json:"optional"`
		}
		list := []qJSON{}
		for _, q := range f.Questions() {
			levels := map[string]string{}
			for i, d := range q.Levels {
				levels[strconv.Itoa(i)] = d
			}
			themes := q.Themes
			if themes == nil {
				themes = []string{}
			}
			list = append(list, qJSON{q.ID, q.Ref, q.Section.Title, q.Title, q.Text, q.Guidance, q.Evidence, levels, q.Weight, themes, q.Section.Top().Optional})
		}
		return writeJSON(a.Stdout, list)
	}
	for _, q := range f.Questions() {
		fmt.Fprintf(a.Stdout, "%-10s %s\n           %s\n", q.ID, q.Title, q.Text)
	}
	return nil
}

func (a *app) cmdValidate(args []string) error {
	fs := a.flags("validate", "FILE...")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("validate needs one or more questionnaire or crosswalk files")
	}
	// Frameworks are checked against the embedded ones; crosswalks against the
	// embedded frameworks, the user's folder, and the files named here.
	embedded, err := questionnaires.Embedded()
	if err != nil {
		return err
	}
	cat, err := model.NewCatalog(embedded...)
	if err != nil {
		return err
	}
	if dir := a.questionnairesDir(); dir != "" {
		if cat, err = questionnaires.LoadFrameworks(dir); err != nil {
			return err
		}
	}
	bad := 0
	report := func(err error) {
		var ps questionnaires.Problems
		if errors.As(err, &ps) {
			for _, p := range ps {
				fmt.Fprintln(a.Stdout, p.String())
			}
			bad += len(ps)
			return
		}
		fmt.Fprintln(a.Stdout, oneLine(err.Error()))
		bad++
	}
	var crosswalks []string
	for _, path := range pos {
		data, err := os.ReadFile(path)
		if err != nil {
			report(fmt.Errorf("%s: %w", path, errors.Unwrap(err)))
			continue
		}
		if questionnaires.IsCrosswalk(data) {
			crosswalks = append(crosswalks, path)
			continue
		}
		f, problems := questionnaires.ParseFramework(path, data)
		if problems != nil {
			report(problems)
			continue
		}
		if old, ok := cat.Framework(f.ID); ok {
			report(fmt.Errorf("%s: framework id %q is already used by %s; pick your own", path, f.ID, old.Source))
			continue
		}
		cat.Add(f)
		fmt.Fprintf(a.Stdout, "%s: ok (%s, %d sections, %d questions)\n", path, f.ID, len(f.Sections), len(f.Questions()))
	}
	for _, path := range crosswalks {
		data, _ := os.ReadFile(path)
		cw, problems := questionnaires.ParseCrosswalk(path, data, cat)
		if problems != nil {
			report(problems)
			continue
		}
		fmt.Fprintf(a.Stdout, "%s: ok (crosswalk %s and %s, %d themes, %d only-in areas)\n", path, cw.Frameworks[0], cw.Frameworks[1], len(cw.Themes), len(cw.OnlyIn))
	}
	if bad > 0 {
		return usagef("%d problem(s) found", bad)
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
