package questionnaires

// Content tests for the embedded frameworks. The loader's own tests check the
// format; these check the content against the reference clause lists in
// testdata/*.tsv (copied from the team's reference folder) and against the house
// content rules: every assessable clause has a question, titles match the
// reference, every question is complete and answerable with a level, and level
// descriptors are written for their question rather than copied from the scale.
//
// checkFramework and checkDistinctDescriptors return problems instead of failing,
// so TestContentChecksCatchBadContent can feed them broken copies of the real
// frameworks and prove that each check fires.

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/assaytui/assay/model"
)

// refRow is one line of a reference TSV: a clause or subsection.
type refRow struct {
	Ref        string // as the reference writes it: "4.2.1", "Annex A"
	Title      string
	Assess     string // "yes", "no" or "optional"
	Paragraphs int    // MAS: numbered paragraphs in the subsection; 0 if not a number
}

// readRefTSV reads a reference TSV: '#' lines are comments, the first other line
// is the header, and columns are found by name so the two files may differ.
func readRefTSV(path string) ([]refRow, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var rows []refRow
	col := map[string]int{}
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cells := strings.Split(line, "\t")
		if len(col) == 0 {
			for i, c := range cells {
				col[strings.TrimSpace(c)] = i
			}
			for _, need := range []string{"ref", "title", "assess"} {
				if _, ok := col[need]; !ok {
					return nil, fmt.Errorf("%s: header has no %q column", path, need)
				}
			}
			continue
		}
		get := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(cells) {
				return ""
			}
			return strings.TrimSpace(cells[i])
		}
		r := refRow{Ref: get("ref"), Title: get("title"), Assess: get("assess")}
		if r.Ref == "" || r.Title == "" || r.Assess == "" {
			return nil, fmt.Errorf("%s:%d: row needs ref, title and assess", path, n)
		}
		r.Paragraphs, _ = strconv.Atoi(get("paragraphs"))
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	return rows, nil
}

// isAnnex tells an annex row ("Annex A") from a numbered clause.
func (r refRow) isAnnex() bool { return strings.HasPrefix(r.Ref, "Annex ") }

// fileRef and fileTitle map a reference row to what the framework file uses.
// Annexes are the one difference: the reference says ref "Annex A", title
// "Application Security Testing"; the file says ref "A", title
// "Annex A: Application Security Testing".
func (r refRow) fileRef() string { return strings.TrimPrefix(r.Ref, "Annex ") }

func (r refRow) fileTitle() string {
	if r.isAnnex() {
		return r.Ref + ": " + r.Title
	}
	return r.Title
}

// contentRules are what differs between the two embedded frameworks.
type contentRules struct {
	tsv                        string
	minQuestions, maxQuestions int
	// multiPractice lists subsections that cover several distinct practices and
	// so need at least two questions.
	multiPractice []string
	// paragraphs, when set, is the file of numbered paragraphs that a public
	// source confirms (content_cites_test.go): every asked question outside
	// the annexes cites its subsection or such paragraphs, and guidance names
	// none.
	paragraphs string
	// mayNotApply lists the questions, outside optional sections, that may not
	// apply to every organisation and so must give N/A guidance.
	mayNotApply []string
}

var rulesByFramework = map[string]contentRules{
	"iso28000-2022": {
		tsv:          "testdata/iso28000-2022-clauses.tsv",
		minQuestions: 60, maxQuestions: 85,
		mayNotApply: []string{"7.2.q2", "8.1.q2", "8.1.q3", "8.4.q4", "8.4.q5", "9.1.q3", "9.1.q4"},
	},
	"mas-trm-2021": {
		tsv:          "testdata/mas-trm-2021-sections.tsv",
		minQuestions: 85, maxQuestions: 130,
		multiPractice: []string{"3.1", "5.7", "6.1", "6.4", "7.5", "7.7", "8.5", "9.1",
			"10.2", "11.1", "11.2", "11.3", "12.2", "14.1", "14.2"},
		paragraphs: "testdata/mas-trm-2021-paragraphs.tsv",
		mayNotApply: []string{
			"3.4.q1", "3.4.q2", "5.1.q1", "5.2.q1", "5.8.q1", "6.1.q2", "6.1.q4", "6.1.q5",
			"6.2.q1", "6.3.q1", "6.4.q1", "6.4.q2", "6.4.q3", "7.7.q5", "7.7.q7", "8.1.q3",
			"8.1.q4", "8.2.q2", "8.2.q3", "8.5.q2", "8.5.q3", "8.5.q4", "9.3.q1", "11.1.q3", "11.2.q3",
			"11.2.q4", "11.3.q4", "11.4.q1", "11.5.q1", "13.4.q1", "13.5.q1", "14.1.q1",
			"14.1.q2", "14.2.q1", "14.2.q2", "14.2.q4", "14.2.q5", "14.3.q1", "14.4.q1",
		},
	},
}

const (
	minEvidence, maxEvidence = 2, 5
	minThemes, maxThemes     = 1, 3
	maxProfileChars          = 160
)

var (
	// A word, a hyphen and a space: a hyphenated word broken across the lines
	// of a folded block ("security-\n related" reads "security- related").
	brokenHyphen = regexp.MustCompile(`\p{L}- \p{L}`)
	// Questions that invite yes or no rather than a level.
	yesNoOpening = regexp.MustCompile(`^(Does|Do|Did|Is|Are|Was|Were|Has|Have|Had|Can|Could|Will|Would|Should|Must)\b`)
)

// placedQuestion is a question with the section it sits in and its top-level section.
type placedQuestion struct {
	q        *model.Question
	sec, top *model.Section
}

// walk lists every section and question in outline order, from the tree itself
// (not the framework's index), so a test can edit the tree freely.
func walk(f *model.Framework) (secs []*model.Section, qs []placedQuestion) {
	var rec func(top *model.Section, ss []*model.Section)
	rec = func(top *model.Section, ss []*model.Section) {
		for _, s := range ss {
			t := top
			if t == nil {
				t = s
			}
			secs = append(secs, s)
			for _, q := range s.Questions {
				qs = append(qs, placedQuestion{q, s, t})
			}
			rec(t, s.Sections)
		}
	}
	rec(nil, f.Sections)
	return secs, qs
}

// checkFramework returns every content problem in f, judged against the
// reference rows of its TSV and the rules for its ID.
func checkFramework(f *model.Framework, rows []refRow) []string {
	rules, ok := rulesByFramework[f.ID]
	if !ok {
		return []string{f.ID + ": no content rules for this framework"}
	}
	var out []string
	add := func(format string, args ...any) { out = append(out, f.ID+": "+fmt.Sprintf(format, args...)) }
	secs, all := walk(f)
	var qs []placedQuestion // the questions asked; retired ones are checked by the loader
	for _, pq := range all {
		if !pq.q.Retired {
			qs = append(qs, pq)
		}
	}
	byRef := map[string]*model.Section{}
	for _, s := range secs {
		byRef[s.Ref] = s
	}

	// Sections against the reference, both ways.
	known := map[string]bool{}
	annexes := map[string]bool{}
	for _, r := range rows {
		ref := r.fileRef()
		known[ref] = true
		if r.isAnnex() {
			annexes[ref] = true
		}
		s := byRef[ref]
		if s == nil {
			// A clause that is not assessed and has nothing under it (MAS 1
			// Preface, 2 Application) cannot appear: a section in the file must
			// hold questions or sub-sections.
			if r.Assess == "no" && !hasChildRow(rows, r) {
				continue
			}
			add("section %s %q from the reference is missing", r.Ref, r.Title)
			continue
		}
		if s.Title != r.fileTitle() {
			add("section %s is titled %q; the reference says %q", ref, s.Title, r.fileTitle())
		}
		if (r.Assess == "yes" || r.Assess == "optional") && len(s.AllQuestions()) == 0 {
			add("section %s %q must be assessed but has no question of its own", ref, r.Title)
		}
		if r.isAnnex() && !s.Optional {
			add("annex section %s must be marked optional", ref)
		}
	}
	for _, s := range secs {
		if !known[s.Ref] {
			add("section %s %q is not in the reference list %s", s.Ref, s.Title, rules.tsv)
		}
	}
	for _, ref := range rules.multiPractice {
		if s := byRef[ref]; s != nil && len(s.AllQuestions()) < 2 {
			add("section %s covers several practices and needs at least two questions, has %d", ref, len(s.AllQuestions()))
		}
	}

	if n := len(qs); n < rules.minQuestions || n > rules.maxQuestions {
		add("has %d questions; expected %d to %d", n, rules.minQuestions, rules.maxQuestions)
	}
	for _, a := range model.ProfileAspects {
		if v := f.Profile[a.Key]; len([]rune(v)) > maxProfileChars {
			add("profile %s is %d characters; keep it to %d", a.Key, len([]rune(v)), maxProfileChars)
		}
	}

	for _, pq := range qs {
		out = append(out, checkQuestion(f.ID, pq)...)
	}
	out = append(out, checkLevelRules(f, rules, qs)...)

	if rules.paragraphs != "" {
		out = append(out, checkCites(f.ID, rows, rules.paragraphs, qs, annexes)...)
	}
	return out
}

// hasChildRow reports whether any reference row sits under r.
func hasChildRow(rows []refRow, r refRow) bool {
	for _, o := range rows {
		if strings.HasPrefix(o.Ref, r.Ref+".") {
			return true
		}
	}
	return false
}

func checkQuestion(fw string, pq placedQuestion) []string {
	var out []string
	q := pq.q
	add := func(format string, args ...any) {
		out = append(out, fw+": "+q.ID+": "+fmt.Sprintf(format, args...))
	}
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }

	switch {
	case blank(q.Title):
		add("title is empty")
	case q.Title != pq.sec.Title && !strings.HasPrefix(q.Title, pq.sec.Title+" — "):
		add("title %q must be the section title %q, optionally followed by \" — \" and a qualifier", q.Title, pq.sec.Title)
	}

	text := strings.TrimSpace(q.Text)
	switch {
	case text == "":
		add("text is empty")
	case !strings.HasSuffix(text, "?"):
		add("text does not end with a question mark")
	case yesNoOpening.MatchString(text):
		add("text invites a yes/no answer; ask how well, how far or to what extent")
	}

	if blank(q.Guidance) {
		add("guidance is empty")
	} else if m := brokenHyphen.FindString(q.Guidance); m != "" {
		add("guidance has a hyphenated word broken across lines (%q)", m)
	}

	if n := len(q.Evidence); n < minEvidence || n > maxEvidence {
		add("has %d evidence items; give %d to %d", n, minEvidence, maxEvidence)
	}
	for i, e := range q.Evidence {
		if blank(e) {
			add("evidence item %d is empty", i+1)
		}
	}

	for lv, d := range q.Levels {
		d = strings.TrimSpace(d)
		switch {
		case d == "":
			add("level %d descriptor is empty", lv)
		case !strings.HasSuffix(d, "."):
			add("level %d descriptor does not end with a full stop", lv)
		case isGenericDescriptor(d):
			add("level %d descriptor %q only repeats the generic scale; say what the level looks like for this question", lv, d)
		}
	}

	if n := len(q.Themes); n < minThemes || n > maxThemes {
		add("has %d themes; give %d to %d", n, minThemes, maxThemes)
	}
	return out
}

// normalise lower-cases s and turns everything but letters and digits into
// single spaces, so comparisons ignore case and punctuation.
func normalise(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// isGenericDescriptor reports whether a descriptor says nothing beyond the
// default scale: it is a level name or meaning (or both, or "level 3" and a
// name), or it contains a level's whole meaning word for word.
func isGenericDescriptor(d string) bool {
	nd := " " + normalise(d) + " "
	rest := nd
	for _, sl := range model.DefaultScale {
		name, meaning := normalise(sl.Name), normalise(sl.Meaning)
		if strings.Contains(nd, " "+meaning+" ") {
			return true
		}
		rest = strings.ReplaceAll(rest, " "+meaning+" ", " ")
		rest = strings.ReplaceAll(rest, " "+name+" ", " ")
	}
	for _, w := range strings.Fields(rest) {
		if w == "level" || strings.Trim(w, "0123456789") == "" {
			continue
		}
		return false
	}
	return true
}

// checkDistinctDescriptors reports questions, in any of the frameworks, that
// share the same six level descriptors (ignoring case and spacing).
func checkDistinctDescriptors(fws []*model.Framework) []string {
	var out []string
	seen := map[string]string{}
	for _, f := range fws {
		_, qs := walk(f)
		for _, pq := range qs {
			var key strings.Builder
			for _, d := range pq.q.Levels {
				key.WriteString(strings.Join(strings.Fields(strings.ToLower(d)), " "))
				key.WriteString("\x00")
			}
			id := f.ID + ":" + pq.q.ID
			if first, ok := seen[key.String()]; ok {
				out = append(out, fmt.Sprintf("%s has the same six level descriptors as %s", id, first))
				continue
			}
			seen[key.String()] = id
		}
	}
	return out
}

// embeddedFramework parses the embedded files afresh, so each caller gets its
// own copy to change.
func embeddedFramework(t *testing.T, id string) *model.Framework {
	t.Helper()
	fws, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fws {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("framework %s is not embedded", id)
	return nil
}

func referenceRows(t *testing.T, id string) []refRow {
	t.Helper()
	rows, err := readRefTSV(rulesByFramework[id].tsv)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestReferenceTSVs(t *testing.T) {
	iso := referenceRows(t, "iso28000-2022")
	mas := referenceRows(t, "mas-trm-2021")
	if len(iso) != 59 || len(mas) != 79 {
		t.Errorf("reference rows: ISO %d, MAS %d; want 59 and 79", len(iso), len(mas))
	}
	row := func(rows []refRow, ref string) refRow {
		i := slices.IndexFunc(rows, func(r refRow) bool { return r.Ref == ref })
		if i < 0 {
			t.Fatalf("no reference row %s", ref)
		}
		return rows[i]
	}
	if r := row(mas, "Annex A"); r.fileRef() != "A" || r.fileTitle() != "Annex A: Application Security Testing" || r.Assess != "optional" {
		t.Errorf("annex row read as %+v (file ref %q, title %q)", r, r.fileRef(), r.fileTitle())
	}
	if r := row(mas, "3.1"); r.Paragraphs != 8 || r.Assess != "yes" || r.Title != "Role of the Board of Directors and Senior Management" {
		t.Errorf("3.1 row read as %+v", r)
	}
	if r := row(iso, "8.6.5"); r.Title != "Recovery" || r.Assess != "yes" {
		t.Errorf("8.6.5 row read as %+v", r)
	}
}

func TestEmbeddedContent(t *testing.T) {
	fws, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, f := range fws {
		if _, ok := rulesByFramework[f.ID]; !ok {
			continue
		}
		found[f.ID] = true
		t.Run(f.ID, func(t *testing.T) {
			for _, p := range checkFramework(f, referenceRows(t, f.ID)) {
				t.Error(p)
			}
		})
	}
	for id := range rulesByFramework {
		if !found[id] {
			t.Errorf("framework %s is not embedded", id)
		}
	}
	for _, p := range checkDistinctDescriptors(fws) {
		t.Error(p)
	}
}

// TestContentChecksCatchBadContent breaks a fresh copy of a real framework in
// one way per case and expects the matching problem, so none of the checks
// above can pass by doing nothing.
func TestContentChecksCatchBadContent(t *testing.T) {
	const iso, mas = "iso28000-2022", "mas-trm-2021"
	question := func(t *testing.T, f *model.Framework, id string) *model.Question {
		t.Helper()
		q, ok := f.Question(id)
		if !ok {
			t.Fatalf("no question %s", id)
		}
		return q
	}
	section := func(t *testing.T, f *model.Framework, ref string) *model.Section {
		t.Helper()
		s, ok := f.Section(ref)
		if !ok {
			t.Fatalf("no section %s", ref)
		}
		return s
	}
	removeSection := func(ss []*model.Section, ref string) []*model.Section {
		return slices.DeleteFunc(slices.Clone(ss), func(s *model.Section) bool { return s.Ref == ref })
	}

	tests := []struct {
		name   string
		fw     string
		breakF func(t *testing.T, f *model.Framework)
		want   string
	}{
		{"assessed clause without a question", iso, func(t *testing.T, f *model.Framework) {
			section(t, f, "8.6.5").Questions = nil
		}, `iso28000-2022: section 8.6.5 "Recovery" must be assessed but has no question of its own`},
		{"assessed MAS subsection without a question", mas, func(t *testing.T, f *model.Framework) {
			section(t, f, "13.6").Questions = nil
		}, `mas-trm-2021: section 13.6 "Remediation Management" must be assessed but has no question of its own`},
		{"reference clause missing", iso, func(t *testing.T, f *model.Framework) {
			s := section(t, f, "4.2")
			s.Sections = removeSection(s.Sections, "4.2.3")
		}, `iso28000-2022: section 4.2.3 "Principles" from the reference is missing`},
		{"annex missing", mas, func(t *testing.T, f *model.Framework) {
			f.Sections = removeSection(f.Sections, "C")
		}, `mas-trm-2021: section Annex C "Mobile Application Security" from the reference is missing`},
		{"clause title differs", iso, func(t *testing.T, f *model.Framework) {
			section(t, f, "7.4").Title = "Communications"
		}, `iso28000-2022: section 7.4 is titled "Communications"; the reference says "Communication"`},
		{"MAS subsection title differs in case", mas, func(t *testing.T, f *model.Framework) {
			section(t, f, "9.2").Title = "Privileged access management"
		}, `mas-trm-2021: section 9.2 is titled "Privileged access management"; the reference says "Privileged Access Management"`},
		{"annex title without its Annex prefix", mas, func(t *testing.T, f *model.Framework) {
			section(t, f, "A").Title = "Application Security Testing"
		}, `mas-trm-2021: section A is titled "Application Security Testing"; the reference says "Annex A: Application Security Testing"`},
		{"section not in the reference", iso, func(t *testing.T, f *model.Framework) {
			s := section(t, f, "4")
			s.Sections = append(s.Sections, &model.Section{Ref: "4.5", Title: "Extra", Questions: []*model.Question{question(t, f, "4.4.q1")}})
		}, `iso28000-2022: section 4.5 "Extra" is not in the reference list`},
		{"annex not optional", mas, func(t *testing.T, f *model.Framework) {
			section(t, f, "B").Optional = false
		}, `mas-trm-2021: annex section B must be marked optional`},
		{"multi-practice subsection with one question", mas, func(t *testing.T, f *model.Framework) {
			s := section(t, f, "9.1")
			s.Questions = s.Questions[:1]
		}, `mas-trm-2021: section 9.1 covers several practices and needs at least two questions, has 1`},
		{"too few questions", iso, func(t *testing.T, f *model.Framework) {
			f.Sections = f.Sections[:3]
		}, `iso28000-2022: has 24 questions; expected 60 to 85`},
		{"too many questions", mas, func(t *testing.T, f *model.Framework) {
			s := section(t, f, "13.6")
			for range 20 {
				s.Questions = append(s.Questions, s.Questions[0])
			}
		}, `mas-trm-2021: has 147 questions; expected 85 to 130`},
		{"profile too long", mas, func(t *testing.T, f *model.Framework) {
			f.Profile["penalties"] = strings.Repeat("x", 161)
		}, `mas-trm-2021: profile penalties is 161 characters; keep it to 160`},
		{"empty title", iso, func(t *testing.T, f *model.Framework) {
			question(t, f, "5.1.q2").Title = " "
		}, `iso28000-2022: 5.1.q2: title is empty`},
		{"title not the clause title", iso, func(t *testing.T, f *model.Framework) {
			question(t, f, "5.1.q2").Title = "Culture"
		}, `iso28000-2022: 5.1.q2: title "Culture" must be the section title "Leadership and commitment"`},
		{"empty text", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "7.4.q1").Text = ""
		}, `mas-trm-2021: 7.4.q1: text is empty`},
		{"text without a question mark", iso, func(t *testing.T, f *model.Framework) {
			q := question(t, f, "6.3.q1")
			q.Text = strings.TrimSuffix(q.Text, "?") + "."
		}, `iso28000-2022: 6.3.q1: text does not end with a question mark`},
		{"yes/no text", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "7.4.q1").Text = "Does the organisation patch its systems?"
		}, `mas-trm-2021: 7.4.q1: text invites a yes/no answer`},
		{"empty guidance", iso, func(t *testing.T, f *model.Framework) {
			question(t, f, "9.1.q1").Guidance = "\n"
		}, `iso28000-2022: 9.1.q1: guidance is empty`},
		{"hyphenated word broken across lines", iso, func(t *testing.T, f *model.Framework) {
			question(t, f, "4.3.q1").Guidance = "Look for the supply- chain segments in scope."
		}, `iso28000-2022: 4.3.q1: guidance has a hyphenated word broken across lines ("y- c")`},
		{"no evidence", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "8.2.q1").Evidence = nil
		}, `mas-trm-2021: 8.2.q1: has 0 evidence items; give 2 to 5`},
		{"one evidence item", iso, func(t *testing.T, f *model.Framework) {
			q := question(t, f, "8.2.q1")
			q.Evidence = q.Evidence[:1]
		}, `iso28000-2022: 8.2.q1: has 1 evidence items; give 2 to 5`},
		{"six evidence items", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "8.2.q1").Evidence = []string{"a", "b", "c", "d", "e", "f"}
		}, `mas-trm-2021: 8.2.q1: has 6 evidence items; give 2 to 5`},
		{"empty evidence item", iso, func(t *testing.T, f *model.Framework) {
			question(t, f, "8.2.q1").Evidence[1] = ""
		}, `iso28000-2022: 8.2.q1: evidence item 2 is empty`},
		{"empty level descriptor", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "10.1.q1").Levels[4] = ""
		}, `mas-trm-2021: 10.1.q1: level 4 descriptor is empty`},
		{"descriptor without a full stop", iso, func(t *testing.T, f *model.Framework) {
			q := question(t, f, "10.2.q1")
			q.Levels[2] = strings.TrimSuffix(q.Levels[2], ".")
		}, `iso28000-2022: 10.2.q1: level 2 descriptor does not end with a full stop`},
		{"descriptors are the scale names", iso, func(t *testing.T, f *model.Framework) {
			q := question(t, f, "7.1.q1")
			for i, sl := range model.DefaultScale {
				q.Levels[i] = sl.Name + "."
			}
		}, `iso28000-2022: 7.1.q1: level 3 descriptor "Defined." only repeats the generic scale`},
		{"descriptor is name and meaning", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "3.2.q1").Levels[1] = "Initial: ad hoc, depends on individuals, undocumented."
		}, `mas-trm-2021: 3.2.q1: level 1 descriptor "Initial: ad hoc, depends on individuals, undocumented." only repeats the generic scale`},
		{"descriptor is a level number and name in capitals", iso, func(t *testing.T, f *model.Framework) {
			question(t, f, "7.1.q1").Levels[5] = "LEVEL 5 – OPTIMISING."
		}, `iso28000-2022: 7.1.q1: level 5 descriptor "LEVEL 5 – OPTIMISING." only repeats the generic scale`},
		{"descriptor wraps the generic meaning", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "3.2.q1").Levels[4] = "Policies are measured, trended and acted on."
		}, `mas-trm-2021: 3.2.q1: level 4 descriptor "Policies are measured, trended and acted on." only repeats the generic scale`},
		{"no themes", iso, func(t *testing.T, f *model.Framework) {
			question(t, f, "9.3.3.q1").Themes = nil
		}, `iso28000-2022: 9.3.3.q1: has 0 themes; give 1 to 3`},
		{"four themes", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "13.3.q1").Themes = append(question(t, f, "13.3.q1").Themes, "audit")
		}, `mas-trm-2021: 13.3.q1: has 4 themes; give 1 to 3`},
		{"question without a cite", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "4.2.q1").Cites = nil
		}, `mas-trm-2021: 4.2.q1: cites nothing; cite its subsection`},
		{"paragraph no public source confirms", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "3.4.q1").Cites = []string{"3.4.2"}
		}, `mas-trm-2021: 3.4.q1: cites paragraph 3.4.2, which no public source in testdata/mas-trm-2021-paragraphs.tsv confirms; cite subsection 3.4`},
		{"paragraph beyond the subsection", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "11.2.q4").Cites = []string{"11.2.9"}
		}, `mas-trm-2021: 11.2.q4: cites paragraph 11.2.9, but subsection 11.2 has paragraphs 11.2.1 to 11.2.8`},
		{"paragraphs named in guidance", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "3.4.q2").Guidance += " Draws on paragraphs 3.4.2–3.4.3."
		}, `mas-trm-2021: 3.4.q2: guidance names "paragraphs 3.4.2–3.4.3"; put citations in cite`},
		{"level 3 joins four conditions", iso, func(t *testing.T, f *model.Framework) {
			question(t, f, "7.3.q1").Levels[3] = "Staff know the policy, their part, the threats and how to report."
		}, `iso28000-2022: 7.3.q1: level 3 descriptor joins 4 conditions; keep it to 3`},
		{"level 3 joins four conditions in MAS", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "7.4.q1").Levels[3] = "Patches are tested; deployed on time, tracked and reported."
		}, `mas-trm-2021: 7.4.q1: level 3 descriptor joins 4 conditions`},
		{"level 3 says every", iso, func(t *testing.T, f *model.Framework) {
			question(t, f, "7.3.q1").Levels[3] = "Every group under the organisation's control is reached."
		}, `iso28000-2022: 7.3.q1: level 3 descriptor says "every"; write "all in-scope …, with justified exceptions"`},
		{"no N/A guidance on a question that may not apply", iso, func(t *testing.T, f *model.Framework) {
			q := question(t, f, "8.4.q4")
			q.Guidance = naGuidance.ReplaceAllString(q.Guidance, "")
		}, `iso28000-2022: 8.4.q4: may not apply, so its guidance must say when N/A is right`},
		{"no N/A guidance in an optional annex", mas, func(t *testing.T, f *model.Framework) {
			question(t, f, "B.q1").Guidance = "Look for a device policy."
		}, `mas-trm-2021: B.q1: may not apply, so its guidance must say when N/A is right`},
		{"N/A mentioned without what the reason must say", iso, func(t *testing.T, f *model.Framework) {
			question(t, f, "8.4.q4").Guidance = "N/A is fine if no goods move."
		}, `iso28000-2022: 8.4.q4: may not apply`},
		{"no sources declared", iso, func(t *testing.T, f *model.Framework) {
			f.Sources = nil
		}, `iso28000-2022: declares no sources`},
		{"a Notice duty on a non-binding source", mas, func(t *testing.T, f *model.Framework) {
			f.Sources = []model.RequirementSource{{ID: "guidelines", Title: "MAS TRM Guidelines", Kind: model.SourceGuidance}}
			question(t, f, "7.7.q4").Guidance += " The Notice sets a one-hour deadline."
		}, `mas-trm-2021: 7.7.q4: mentions a Notice but rests on no binding source`},
		{"retired without replaced_by", iso, func(t *testing.T, f *model.Framework) {
			q := question(t, f, "6.1.2.q2")
			q.Retired, q.RetiredIn, q.ReplacedBy = true, 2, nil
		}, `iso28000-2022: 6.1.2.q2 is retired without replaced_by`},
		{"a retired question does not count as the clause's question", iso, func(t *testing.T, f *model.Framework) {
			q := question(t, f, "7.3.q1")
			q.Retired, q.RetiredIn = true, 2
		}, `iso28000-2022: section 7.3 "Awareness" must be assessed but has no question of its own`},
		{"unknown framework", iso, func(t *testing.T, f *model.Framework) {
			f.ID = "acme-2025"
		}, `acme-2025: no content rules for this framework`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := embeddedFramework(t, tc.fw)
			rows := referenceRows(t, tc.fw)
			tc.breakF(t, f)
			f.Index()
			problems := checkFramework(f, rows)
			for _, p := range problems {
				if strings.Contains(p, tc.want) {
					return
				}
			}
			t.Errorf("want a problem containing\n  %s\ngot %d problems:\n  %s", tc.want, len(problems), strings.Join(problems, "\n  "))
		})
	}

	t.Run("annex questions need no cite", func(t *testing.T) {
		f := embeddedFramework(t, mas)
		question(t, f, "A.q1").Cites = nil
		for _, p := range checkFramework(f, referenceRows(t, mas)) {
			t.Error(p)
		}
	})

	t.Run("questions sharing six descriptors across files", func(t *testing.T) {
		fi, fm := embeddedFramework(t, iso), embeddedFramework(t, mas)
		question(t, fm, "3.6.q1").Levels = question(t, fi, "7.3.q1").Levels
		// Case and spacing do not make a copy distinct.
		question(t, fm, "3.6.q1").Levels[2] = "  " + strings.ToUpper(question(t, fm, "3.6.q1").Levels[2])
		got := checkDistinctDescriptors([]*model.Framework{fi, fm})
		want := "mas-trm-2021:3.6.q1 has the same six level descriptors as iso28000-2022:7.3.q1"
		if !slices.Contains(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})

	t.Run("questions sharing six descriptors in one file", func(t *testing.T) {
		fi := embeddedFramework(t, iso)
		question(t, fi, "4.1.q2").Levels = question(t, fi, "4.1.q1").Levels
		got := checkDistinctDescriptors([]*model.Framework{fi})
		want := "iso28000-2022:4.1.q2 has the same six level descriptors as iso28000-2022:4.1.q1"
		if !slices.Contains(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})

	t.Run("five shared descriptors are not a copy", func(t *testing.T) {
		fi := embeddedFramework(t, iso)
		question(t, fi, "4.1.q2").Levels = question(t, fi, "4.1.q1").Levels
		question(t, fi, "4.1.q2").Levels[5] = "Something else entirely."
		if got := checkDistinctDescriptors([]*model.Framework{fi}); len(got) != 0 {
			t.Errorf("got %q", got)
		}
	})
}

func TestIsGenericDescriptor(t *testing.T) {
	for d, want := range map[string]bool{
		"Not performed.":    true,
		"nothing in place.": true,
		"Managed — ad hoc, depends on individuals, undocumented.": true,
		"Level 2: Managed.": true,
		"Processes have every requirement of the clause met, with evidence, across the scope.": true,
		"A yearly plan exists but covers only some sites.":                                     false,
		"Audits are defined and measured against a programme.":                                 false,
		"No internal audits of the security management system take place.":                     false,
	} {
		if got := isGenericDescriptor(d); got != want {
			t.Errorf("isGenericDescriptor(%q) = %v, want %v", d, got, want)
		}
	}
}
