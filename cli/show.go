package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/assaytui/assay/model"
)

// gapsShown is how many of the biggest gaps `show` lists per framework.
const gapsShown = 10

func (a *app) cmdShow(args []string) error {
	fs := a.flags("show", "ID [--json]")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("show needs one assessment ID (assay list shows them)")
	}
	d, err := a.reportData(pos[0])
	if err != nil {
		return err
	}
	s := model.Summarize(d.Assessment, model.NewAnswers(d.Answers), d.Catalog)
	if *asJSON {
		return writeJSON(a.Stdout, newShowJSON(s, model.NewAnswers(d.Answers), d.Catalog))
	}
	return writeShow(a.Stdout, s, model.NewAnswers(d.Answers), d.Catalog)
}

func writeShow(w io.Writer, s model.Summary, as model.Answers, cat *model.Catalog) error {
	a := s.Assessment
	fmt.Fprintf(w, "%s (%s)\n", clean(a.Name), a.ID)
	var who []string
	if a.Organisation != "" {
		who = append(who, clean(a.Organisation))
	}
	if a.Assessor != "" {
		who = append(who, "assessor "+clean(a.Assessor))
	}
	who = append(who, fmt.Sprintf("target level %d", a.Target), "changed "+a.UpdatedAt.Local().Format("2006-01-02 15:04"))
	fmt.Fprintln(w, strings.Join(who, "; "))
	for _, id := range s.Missing {
		fmt.Fprintf(w, "\n%s: framework not loaded (answers kept; load its file with --questionnaires)\n", id)
	}
	for _, fs := range s.Scores {
		f := fs.Framework
		fmt.Fprintf(w, "\n%s — %s (%s)\n", f.Name(), f.Title, f.ID)
		fmt.Fprintf(w, "maturity %s of 5 (mean of the %d of %d top-level sections with answers); %d of %d answered (%s), %d N/A\n",
			figure(fs.Score), ratedSections(fs), len(fs.Sections), fs.Answered(), fs.Total, percent(fs.Completion()), fs.NA)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "REF\tSECTION\tMATURITY\tANSWERED\tDONE\tGAP")
		for _, top := range fs.Sections {
			writeSectionRow(tw, f, top.Section, as, a.Target, 0)
		}
		tw.Flush()
		gaps := model.Gaps(f, as, a.Target)
		if len(gaps) == 0 {
			continue
		}
		fmt.Fprintf(w, "\nbiggest gaps to target %d:\n", a.Target)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "QUESTION\tTITLE\tLEVEL\tGAP")
		for i, g := range gaps {
			if i == gapsShown {
				break
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\n", g.Question.ID, truncate(clean(g.Question.Title), 50), g.Level, g.Gap())
		}
		tw.Flush()
	}
	for _, d := range model.DifferencesOf(s, as, cat) {
		writeDifferences(w, d, cat)
	}
	return nil
}

func writeDifferences(w io.Writer, d model.Differences, cat *model.Catalog) {
	cw := d.Crosswalk
	name := func(id string) string {
		if f, ok := cat.Framework(id); ok {
			return f.Name()
		}
		return id
	}
	left, right := name(cw.Frameworks[0]), name(cw.Frameworks[1])
	fmt.Fprintf(w, "\n%s compared with %s\n", left, right)
	fl, _ := cat.Framework(cw.Frameworks[0])
	fr, _ := cat.Framework(cw.Frameworks[1])
	for _, asp := range model.ProfileAspects {
		l, r := fl.Profile[asp.Key], fr.Profile[asp.Key]
		if l == "" && r == "" {
			continue
		}
		fmt.Fprintf(w, "%s\n  %-10s %s\n  %-10s %s\n", asp.Label, left+":", orDash(l), right+":", orDash(r))
	}
	fmt.Fprintf(w, "\nthemes (difference = %s minus %s):\n", left, right)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "THEME\t%s REFS\t%s\t%s REFS\t%s\tDIFF\tSTRENGTH\tDONE\n", strings.ToUpper(left), strings.ToUpper(left), strings.ToUpper(right), strings.ToUpper(right))
	for _, t := range d.Themes {
		a, b := t.Sides[0], t.Sides[1]
		diff := "-"
		if v, ok := t.Difference(); ok {
			diff = fmt.Sprintf("%+.1f", v)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s / %s\n", t.Theme.Title, refList(a.Refs), figure(a.Score),
			refList(b.Refs), figure(b.Score), diff, t.Theme.Strength, percent(a.Completion()), percent(b.Completion()))
	}
	for _, o := range d.OnlyIn {
		cells := [2][2]string{{"-", ""}, {"-", ""}} // refs and figure per side
		side := 0
		if o.Framework == cw.Frameworks[1] {
			side = 1
		}
		cells[side] = [2]string{refList(o.Refs), figure(o.Score)}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\tonly in %s\t%s\n", o.Area.Title, cells[0][0], cells[0][1], cells[1][0], cells[1][1],
			name(o.Framework), percent(o.Completion()))
	}
	tw.Flush()
}

func refList(refs []string) string {
	if len(refs) == 0 {
		return "-"
	}
	return strings.Join(refs, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// writeSectionRow prints a section and its sub-sections down to two levels.
func writeSectionRow(w io.Writer, f *model.Framework, sec *model.Section, as model.Answers, target model.Level, depth int) {
	sc := model.ScoreSection(f, sec, as)
	gap := "-"
	if g, ok := sc.Gap(target); ok {
		gap = fmt.Sprintf("%+.1f", g)
	}
	title := sec.Title
	if sec.Optional {
		title += " (optional)"
	}
	fmt.Fprintf(w, "%s%s\t%s\t%s\t%d/%d\t%s\t%s\n", strings.Repeat("  ", depth), sec.Ref, truncate(clean(title), 56-2*depth),
		figure(sc.Score), sc.Answered(), sc.Total, percent(sc.Completion()), gap)
	if depth == 0 {
		for _, c := range sec.Sections {
			writeSectionRow(w, f, c, as, target, depth+1)
		}
	}
}

func ratedSections(fs model.FrameworkScore) int {
	n := 0
	for _, s := range fs.Sections {
		if s.HasMaturity() {
			n++
		}
	}
	return n
}

// showJSON is `show --json`: the scores of every framework down to every section.
type showJSON struct {
	Assessment listJSON          `json:"assessment"`
	Frameworks []frameworkJSON   `json:"frameworks"`
	Missing    []string          `json:"missing_frameworks"`
	Gaps       map[string][]gapJ `json:"gaps"`
	Themes     []themeJSON       `json:"themes"`
	OnlyIn     []onlyInJSON      `json:"only_in"`
}

// themeJSON is one theme row; the two sides are keyed by framework ID.
type themeJSON struct {
	ID         string              `json:"id"`
	Title      string              `json:"title"`
	Strength   string              `json:"strength"`
	Frameworks [2]string           `json:"frameworks"`
	Difference *float64            `json:"difference"`
	Sides      map[string]sideJSON `json:"-"`
}

// MarshalJSON writes the two sides as keys named after their frameworks,
// e.g. "iso28000-2022": {...}.
func (t themeJSON) MarshalJSON() ([]byte, error) {
	m := map[string]any{"id": t.ID, "title": t.Title, "strength": t.Strength, "frameworks": t.Frameworks, "difference": t.Difference}
	for k, v := range t.Sides {
		m[k] = v
	}
	return json.Marshal(m)
}

type sideJSON struct {
	Refs       []string `json:"refs"`
	Maturity   *float64 `json:"maturity"`
	Completion float64  `json:"completion"`
	Answered   int      `json:"answered"`
	Total      int      `json:"total"`
}

type onlyInJSON struct {
	Framework string `json:"framework"`
	Title     string `json:"title"`
	sideJSON
}

func newSideJSON(s model.SideScore) sideJSON {
	refs := s.Refs
	if refs == nil {
		refs = []string{}
	}
	return sideJSON{Refs: refs, Maturity: maturityPtr(s.Score), Completion: round(s.Completion(), 3), Answered: s.Answered(), Total: s.Total}
}

type frameworkJSON struct {
	ID         string        `json:"id"`
	Title      string        `json:"title"`
	Maturity   *float64      `json:"maturity"`
	Completion float64       `json:"completion"`
	Answered   int           `json:"answered"`
	NA         int           `json:"na"`
	Total      int           `json:"total"`
	Gap        *float64      `json:"gap"`
	Sections   []sectionJSON `json:"sections"`
}

type sectionJSON struct {
	Ref        string        `json:"ref"`
	Title      string        `json:"title"`
	Maturity   *float64      `json:"maturity"`
	Completion float64       `json:"completion"`
	Answered   int           `json:"answered"`
	NA         int           `json:"na"`
	Total      int           `json:"total"`
	Gap        *float64      `json:"gap"`
	Sections   []sectionJSON `json:"sections,omitempty"`
}

type gapJ struct {
	Question string `json:"question_id"`
	Ref      string `json:"ref"`
	Title    string `json:"title"`
	Level    int    `json:"level"`
	Target   int    `json:"target"`
	Gap      int    `json:"gap"`
}

func newShowJSON(s model.Summary, as model.Answers, cat *model.Catalog) showJSON {
	target := s.Assessment.Target
	out := showJSON{Assessment: newListJSON(s), Frameworks: []frameworkJSON{}, Missing: s.Missing, Gaps: map[string][]gapJ{},
		Themes: []themeJSON{}, OnlyIn: []onlyInJSON{}}
	for _, d := range model.DifferencesOf(s, as, cat) {
		for _, t := range d.Themes {
			tj := themeJSON{ID: t.Theme.ID, Title: t.Theme.Title, Strength: string(t.Theme.Strength),
				Frameworks: d.Crosswalk.Frameworks, Sides: map[string]sideJSON{}}
			if v, ok := t.Difference(); ok {
				v = round(v, 2)
				tj.Difference = &v
			}
			for _, side := range t.Sides {
				tj.Sides[side.Framework] = newSideJSON(side)
			}
			out.Themes = append(out.Themes, tj)
		}
		for _, o := range d.OnlyIn {
			out.OnlyIn = append(out.OnlyIn, onlyInJSON{o.Area.Framework, o.Area.Title, newSideJSON(o.SideScore)})
		}
	}
	if out.Missing == nil {
		out.Missing = []string{}
	}
	for _, fs := range s.Scores {
		f := fs.Framework
		fj := frameworkJSON{ID: f.ID, Title: f.Title, Maturity: maturityPtr(fs.Score), Completion: round(fs.Completion(), 3),
			Answered: fs.Answered(), NA: fs.NA, Total: fs.Total, Gap: gapPtr(fs.Score, target)}
		for _, top := range f.Sections {
			fj.Sections = append(fj.Sections, sectionTree(f, top, as, target))
		}
		out.Frameworks = append(out.Frameworks, fj)
		gaps := []gapJ{}
		for _, g := range model.Gaps(f, as, target) {
			gaps = append(gaps, gapJ{g.Question.ID, g.Question.Ref, g.Question.Title, int(g.Level), int(g.Target), g.Gap()})
		}
		out.Gaps[f.ID] = gaps
	}
	return out
}

func sectionTree(f *model.Framework, sec *model.Section, as model.Answers, target model.Level) sectionJSON {
	sc := model.ScoreSection(f, sec, as)
	sj := sectionJSON{Ref: sec.Ref, Title: sec.Title, Maturity: maturityPtr(sc.Score), Completion: round(sc.Completion(), 3),
		Answered: sc.Answered(), NA: sc.NA, Total: sc.Total, Gap: gapPtr(sc.Score, target)}
	for _, c := range sec.Sections {
		sj.Sections = append(sj.Sections, sectionTree(f, c, as, target))
	}
	return sj
}

// figure is a maturity with one decimal, or "-" when nothing is rated.
func figure(s model.Score) string {
	if !s.HasMaturity() {
		return "-"
	}
	return fmt.Sprintf("%.1f", s.Maturity)
}

func percent(x float64) string { return fmt.Sprintf("%.0f%%", math.Floor(x*100)) }

func maturityPtr(s model.Score) *float64 {
	if !s.HasMaturity() {
		return nil
	}
	v := round(s.Maturity, 2)
	return &v
}

func gapPtr(s model.Score, target model.Level) *float64 {
	g, ok := s.Gap(target)
	if !ok {
		return nil
	}
	v := round(g, 2)
	return &v
}

func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

// clean makes user text safe to print in a terminal: control characters
// (including ESC, so no escape sequence from a note can act on the terminal)
// become spaces.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
