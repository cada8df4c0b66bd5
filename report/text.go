package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/assaytui/assay/internal/textsafe"
	"github.com/assaytui/assay/tui/cells"

	"github.com/assaytui/assay/model"
)

// Text writes what `assay show` prints: per framework the overall figure,
// every top-level section with its sub-sections, the biggest gaps, and for
// each pair of frameworks a crosswalk relates, the profile and theme tables.
func Text(w io.Writer, d Data) error {
	v := newView(d)
	cat := d.Catalog
	if cat == nil {
		cat, _ = model.NewCatalog()
	}
	if err := writeShow(w, v.summary, v.answers, cat); err != nil {
		return err
	}
	writeDisagreements(w, d.Disagreements, v.answers)
	return nil
}

// writeDisagreements lists the open disagreements: the answer as it stands
// and every rating against it, with who, where and when.
func writeDisagreements(w io.Writer, ds []model.Disagreement, as model.Answers) {
	var open []model.Disagreement
	for _, d := range ds {
		if d.Open() {
			open = append(open, d)
		}
	}
	if len(open) == 0 {
		return
	}
	fmt.Fprintf(w, "\ndisagreements (%d), to settle on the Reconcile screen or with assay answer:\n", len(open))
	for _, d := range open {
		cur := as.Get(d.Framework, d.Question)
		fmt.Fprintf(w, "%s  now %s  (%s)\n", d.Key.Qualified(), levelText(cur.Level), d.Spread())
		tw := newTable(w)
		for _, r := range d.Standing() {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", truncate(clean(r.By), 20), levelText(r.Level), clean(r.Host),
				r.At.Local().Format("2006-01-02 15:04"), truncate(clean(r.Note), 50))
		}
		tw.Flush()
	}
}

// levelText is a level as show prints it: 0-5, N/A or "-".
func levelText(l model.Level) string {
	switch {
	case l == model.NotApplicable:
		return "N/A"
	case l.Rated():
		return l.String()
	}
	return "-"
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
	ts := a.Targets()
	varies := ts.Varies() // a TARGET column only when it says something
	who = append(who, fmt.Sprintf("target level %d", a.Target), "changed "+a.UpdatedAt.Local().Format("2006-01-02 15:04"))
	fmt.Fprintln(w, strings.Join(who, "; "))
	for _, id := range s.Missing {
		fmt.Fprintf(w, "\n%s: framework not loaded (answers kept; load its file with --questionnaires)\n", id)
	}
	for _, fs := range s.Scores {
		f := fs.Framework
		fmt.Fprintf(w, "\n%s — %s (%s)\n", f.Name(), f.Title, f.ID)
		fmt.Fprintf(w, "maturity %s of 5 (mean of the %d of %d top-level sections with answers); %d of %d answered (%s), %d N/A\n",
			fs.Score.Figure("-"), ratedSections(fs), len(fs.Sections), fs.Answered(), fs.Total, percent(fs.Completion()), fs.NA)
		tw := newTable(w)
		if varies {
			fmt.Fprintln(tw, "REF\tSECTION\tMATURITY\tANSWERED\tDONE\tTARGET\tGAP")
		} else {
			fmt.Fprintln(tw, "REF\tSECTION\tMATURITY\tANSWERED\tDONE\tGAP")
		}
		for _, top := range fs.Sections {
			writeSectionRow(tw, f, top.Section, as, ts, 0)
		}
		tw.Flush()
		gaps := model.Gaps(f, as, ts)
		if len(gaps) == 0 {
			continue
		}
		tw = newTable(w)
		if varies {
			fmt.Fprintln(w, "\nbiggest gaps to target:")
			fmt.Fprintln(tw, "QUESTION\tTITLE\tLEVEL\tTARGET\tGAP")
		} else {
			fmt.Fprintf(w, "\nbiggest gaps to target %d:\n", a.Target)
			fmt.Fprintln(tw, "QUESTION\tTITLE\tLEVEL\tGAP")
		}
		for i, g := range gaps {
			if i == maxGaps {
				break
			}
			target := ""
			if varies {
				target = fmt.Sprintf("%d\t", g.Target)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s%d\n", g.Question.ID, truncate(clean(g.Question.Title), 50), g.Level, target, g.Gap())
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
	tw := newTable(w)
	fmt.Fprintf(tw, "THEME\t%s REFS\t%s\t%s REFS\t%s\tDIFF\tSTRENGTH\tDONE\n", strings.ToUpper(left), strings.ToUpper(left), strings.ToUpper(right), strings.ToUpper(right))
	for _, t := range d.Themes {
		a, b := t.Sides[0], t.Sides[1]
		diff := "-"
		if v, ok := t.Difference(); ok {
			diff = fmt.Sprintf("%+.1f", v)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s / %s\n", t.Theme.Title, refList(a.Refs), a.Score.Figure("-"),
			refList(b.Refs), b.Score.Figure("-"), diff, t.Theme.Strength, percent(a.Completion()), percent(b.Completion()))
	}
	for _, o := range d.OnlyIn {
		cells := [2][2]string{{"-", ""}, {"-", ""}} // refs and figure per side
		side := 0
		if o.Framework == cw.Frameworks[1] {
			side = 1
		}
		cells[side] = [2]string{refList(o.Refs), o.Score.Figure("-")}
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

// writeSectionRow prints a section and its sub-sections down to two levels.
func writeSectionRow(w io.Writer, f *model.Framework, sec *model.Section, as model.Answers, ts model.Targets, depth int) {
	sc := model.ScoreSection(f, sec, as)
	target := ts.Section(f.ID, sec)
	gap := "-"
	if g, ok := sc.Gap(target); ok {
		gap = fmt.Sprintf("%+.1f", g)
	}
	title := sec.Title
	if sec.Optional {
		title += " (optional)"
	}
	shown := ""
	if ts.Varies() {
		shown = fmt.Sprintf("%d\t", target)
	}
	fmt.Fprintf(w, "%s%s\t%s\t%s\t%d/%d\t%s\t%s%s\n", strings.Repeat("  ", depth), sec.Ref, truncate(clean(title), 56-2*depth),
		sc.Score.Figure("-"), sc.Answered(), sc.Total, percent(sc.Completion()), shown, gap)
	if depth == 0 {
		for _, c := range sec.Sections {
			writeSectionRow(w, f, c, as, ts, depth+1)
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

func percent(x float64) string { return fmt.Sprintf("%d%%", model.Percent(x)) }

// clean makes user text safe to print on one line in a terminal: no escape
// sequence from a note can act on it (see textsafe).
func clean(s string) string { return textsafe.Clean(s, false) }

// truncate cuts user or catalog text to n terminal cells (a wide character
// counts two), ending in "…" when cut.
func truncate(s string, n int) string { return cells.Truncate(s, n) }
