package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/assaytui/assay/internal/textsafe"

	"github.com/assaytui/assay/model"
)

// maxGaps is how many of the biggest gaps the report lists per framework.
const maxGaps = 10

// mdParts are the report's parts in order. Each writes one block; a new part
// (such as a differences table between frameworks) is one more entry here.
var mdParts = []func(*md, *view){
	mdTitle,
	mdFrameworks,
	mdDifferences,
	mdPlan,
}

// mdFrameworkParts are written, in order, for each framework of the assessment.
var mdFrameworkParts = []func(*md, *view, group){
	mdOverview,
	mdSectionTable,
	mdGapTable,
	mdFlagged,
	mdAnswers,
}

// Markdown writes a report to hand to management: who, when and against which
// target; then per framework the overall figures, the top-level sections, the
// biggest gaps, the questions flagged for review and every answer.
func Markdown(w io.Writer, d Data) error {
	v := newView(d)
	m := &md{}
	for _, part := range mdParts {
		part(m, v)
	}
	_, err := io.WriteString(w, m.String())
	return err
}

func mdTitle(m *md, v *view) {
	a := v.Assessment
	m.heading(1, a.Name)
	var fws []string
	for _, g := range v.groups {
		if !g.inAssessment {
			continue
		}
		name := g.title()
		if g.version != "" {
			name += " " + g.version
		}
		fws = append(fws, name)
	}
	m.bullets(
		"Organisation: "+orDash(a.Organisation),
		"Assessor: "+orDash(a.Assessor),
		"Frameworks: "+orDash(strings.Join(fws, "; ")),
		fmt.Sprintf("Target level: %d", a.Target),
		"Started: "+mdDate(a.CreatedAt),
		"Last change: "+mdDate(a.UpdatedAt),
		"Report generated: "+mdDate(v.Generated),
	)
}

func mdFrameworks(m *md, v *view) {
	for _, g := range v.groups {
		// Answers to frameworks outside the assessment are in the data exports;
		// they have no place in a report about this assessment.
		if !g.inAssessment {
			continue
		}
		m.heading(2, g.title())
		for _, part := range mdFrameworkParts {
			part(m, v, g)
		}
	}
}

func mdOverview(m *md, v *view, g group) {
	if g.score == nil {
		m.para(fmt.Sprintf("The framework %s is not loaded, so it cannot be scored. Its stored answers are listed below by question ID.", g.id))
		return
	}
	fs := g.score
	if g.version != "" && g.fw.Version != "" && g.version != g.fw.Version {
		m.para(fmt.Sprintf("Assessed on version %s; scored against version %s, the one loaded now.", g.version, g.fw.Version))
	}
	overall := "not yet rated"
	target := v.Assessment.Targets().Framework(g.id)
	if fs.HasMaturity() {
		overall = fmt.Sprintf("**%s** of 5 against a target of %d (gap %s)",
			fig(fs.Maturity), target, gapFig(fs.Score, target))
	}
	m.para(fmt.Sprintf("Overall maturity: %s. Completion: **%s** (%d of %d questions answered, %d of them N/A).",
		overall, pct(fs.Completion()), fs.Answered(), fs.Total, fs.NA))
}

func mdSectionTable(m *md, v *view, g group) {
	if g.score == nil {
		return
	}
	m.heading(3, "Sections")
	var rows [][]string
	ts := v.Assessment.Targets()
	for _, ss := range g.score.Sections {
		mat := "—"
		if ss.HasMaturity() {
			mat = fig(ss.Maturity)
		}
		target := ts.Section(g.id, ss.Section)
		rows = append(rows, []string{ss.Section.Ref, ss.Section.Title, mat, pct(ss.Completion()), target.String(), gapFig(ss.Score, target)})
	}
	m.table([]string{"Ref", "Section", "Maturity", "Completion", "Target", "Gap to target"}, rows)
}

func mdGapTable(m *md, v *view, g group) {
	if g.fw == nil {
		return
	}
	m.heading(3, "Biggest gaps")
	gaps := model.Gaps(g.fw, v.answers, v.Assessment.Targets())
	if len(gaps) == 0 {
		m.para("No rated question is below the target.")
		return
	}
	var rows [][]string
	for i, gp := range gaps {
		if i == maxGaps {
			break
		}
		rows = append(rows, []string{
			gp.Question.ID, questionTitle(gp.Question),
			gp.Level.String(), gp.Target.String(), strconv.Itoa(gp.Gap()),
		})
	}
	m.table([]string{"Question", "Title", "Level", "Target", "Gap"}, rows)
	if more := len(gaps) - maxGaps; more > 0 {
		m.para(fmt.Sprintf("%d more questions are below the target; see all answers below.", more))
	}
}

func mdFlagged(m *md, v *view, g group) {
	m.heading(3, "Flagged for review")
	var rows [][]string
	for _, r := range g.stored {
		if r.Flagged {
			rows = append(rows, mdAnswerRow(r))
		}
	}
	if len(rows) == 0 {
		m.para("No question is flagged.")
		return
	}
	m.table([]string{"Question", "Title", "Level", "Note"}, rows)
}

func mdAnswers(m *md, v *view, g group) {
	m.heading(3, "All answers")
	var rows [][]string
	for _, r := range g.stored {
		rows = append(rows, mdAnswerRow(r))
	}
	if len(rows) == 0 {
		m.para("No question has been answered yet.")
		return
	}
	m.table([]string{"Question", "Title", "Level", "Note"}, rows)
}

// mdAnswerRow shows the question ID rather than only its clause ref, because a
// clause often has several questions with the same (section) title.
func mdAnswerRow(r row) []string {
	title := r.title
	if r.removed {
		title = "(no longer in the framework)"
	}
	return []string{r.QuestionID, title, reportLevel(r.Level), r.Note}
}

// md builds a Markdown document block by block, each followed by a blank line.
type md struct{ strings.Builder }

func (m *md) heading(level int, text string) {
	fmt.Fprintf(m, "%s %s\n\n", strings.Repeat("#", level), inline(text))
}

func (m *md) para(text string) { fmt.Fprintf(m, "%s\n\n", inline(text)) }

func (m *md) bullets(items ...string) {
	for _, it := range items {
		fmt.Fprintf(m, "- %s\n", inline(it))
	}
	m.WriteString("\n")
}

// table writes a pipe table; every cell is escaped so text cannot break it.
func (m *md) table(header []string, rows [][]string) {
	line := func(cells []string) {
		m.WriteString("|")
		for _, c := range cells {
			m.WriteString(" " + cell(c) + " |")
		}
		m.WriteString("\n")
	}
	line(header)
	m.WriteString(strings.Repeat("|---", len(header)) + "|\n")
	for _, r := range rows {
		line(r)
	}
	m.WriteString("\n")
}

// cell makes text safe inside a table cell: a backslash is doubled (one at the
// end would escape the closing pipe), | is escaped, and line breaks become <br>,
// since a raw newline ends the table row.
func cell(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(lines(s), "<br>")
}

// inline puts text on one line, for headings, paragraphs and list items.
func inline(s string) string { return strings.Join(lines(s), " ") }

// lines splits text at its line breaks, with every character that could act
// on a terminal made inert (`cat report.md` must not clear the screen).
func lines(s string) []string {
	return strings.Split(textsafe.Clean(s, true), "\n")
}

// fig is a maturity figure with one decimal, rounded half away from zero like
// the JSON export, so both show the same figure.
func fig(x float64) string { return strconv.FormatFloat(round(x, 1), 'f', 1, 64) }

// pct is a completion share as a percentage with one decimal.
func pct(x float64) string { return fig(x*100) + "%" }

// gapFig is target minus maturity with one decimal; negative means above
// target. A dash when there is no maturity to compare.
func gapFig(s model.Score, target model.Level) string {
	g, ok := s.Gap(target)
	if !ok {
		return "—"
	}
	return fig(g)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func mdDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// mdDifferences compares each pair of the assessment's frameworks that a
// crosswalk relates: the framework profiles side by side, then the themes with
// each side's maturity and the difference, then the areas found on one side only.
func mdDifferences(m *md, v *view) {
	if v.Catalog == nil {
		return
	}
	for _, d := range model.DifferencesOf(v.summary, v.answers, v.Catalog) {
		cw := d.Crosswalk
		left, right := v.frameworkName(cw.Frameworks[0]), v.frameworkName(cw.Frameworks[1])
		m.heading(2, fmt.Sprintf("%s compared with %s", left, right))
		fl, _ := v.Catalog.Framework(cw.Frameworks[0])
		fr, _ := v.Catalog.Framework(cw.Frameworks[1])
		var rows [][]string
		for _, a := range model.ProfileAspects {
			l, r := fl.Profile[a.Key], fr.Profile[a.Key]
			if l != "" || r != "" {
				rows = append(rows, []string{a.Label, orDash(l), orDash(r)})
			}
		}
		if len(rows) > 0 {
			m.heading(3, "How the frameworks differ")
			m.table([]string{"Aspect", left, right}, rows)
		}
		m.heading(3, "Maturity by theme")
		m.para(fmt.Sprintf("Difference is %s minus %s; a theme's figure on each side is the mean of the rated questions under its clauses.", left, right))
		rows = nil
		for _, t := range d.Themes {
			a, b := t.Sides[0], t.Sides[1]
			diff := "—"
			if x, ok := t.Difference(); ok {
				diff = fmt.Sprintf("%+.1f", x)
			}
			rows = append(rows, []string{t.Theme.Title, strings.Join(a.Refs, ", "), sideFig(a.Score), strings.Join(b.Refs, ", "),
				sideFig(b.Score), diff, string(t.Theme.Strength), pct(a.Completion()) + " / " + pct(b.Completion())})
		}
		m.table([]string{"Theme", left + " clauses", left, right + " clauses", right, "Difference", "Correspondence", "Completion"}, rows)
		if len(d.OnlyIn) > 0 {
			m.heading(3, "Found in one framework only")
			rows = nil
			for _, o := range d.OnlyIn {
				rows = append(rows, []string{o.Area.Title, v.frameworkName(o.Framework), strings.Join(o.Refs, ", "),
					sideFig(o.Score), pct(o.Completion()), o.Area.Rationale})
			}
			m.table([]string{"Area", "Framework", "Clauses", "Maturity", "Completion", "Why"}, rows)
		}
	}
}

func sideFig(s model.Score) string {
	if !s.HasMaturity() {
		return "—"
	}
	return fig(s.Maturity)
}

// frameworkName is a framework's short name, or its ID when it is not loaded.
func (v *view) frameworkName(id string) string {
	if v.Catalog != nil {
		if f, ok := v.Catalog.Framework(id); ok {
			return f.Name()
		}
	}
	return id
}

// mdPlan is the action plan: questions below their target, highest gap ×
// weight first, then questions with an action but no gap.
func mdPlan(m *md, v *view) {
	m.heading(2, "Action plan")
	if len(v.plan) == 0 {
		m.para("No rated question is below its target and no action is planned.")
		return
	}
	var rows [][]string
	for _, it := range v.plan {
		rows = append(rows, planCells(v, it))
	}
	m.table(planHeader, rows)
}

// planHeader and planCells are the plan's columns in every tabular format.
var planHeader = []string{"Framework", "Question", "Title", "Level", "Target", "Gap", "Action", "Owner", "Due", "Status"}

func planCells(v *view, it model.PlanItem) []string {
	title, gap := "", ""
	if it.Question != nil {
		title = questionTitle(it.Question)
	}
	if it.Gap > 0 {
		gap = strconv.Itoa(it.Gap)
	}
	return []string{v.frameworkName(it.Key.Framework), it.Key.Question, title, reportLevel(it.Level), it.Target.String(), gap,
		it.Action.Text, it.Action.Owner, string(it.Action.Due), string(it.Action.Status)}
}

// reportLevel is a level as a report shows it: 0-5, N/A or not rated.
func reportLevel(l model.Level) string {
	switch {
	case l.Rated():
		return l.String()
	case l == model.NotApplicable:
		return "N/A"
	default:
		return "not rated"
	}
}
