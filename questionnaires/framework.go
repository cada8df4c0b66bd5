package questionnaires

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/assaytui/assay/model"
)

// SchemaVersion is the questionnaire format version this build reads.
const SchemaVersion = 1

// The patterns are compiled when first used: most runs load the compiled
// form of the embedded files and parse no YAML, and every run pays for what
// a package compiles at start-up.
var (
	frameworkID = lazyRegexp(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	sectionRef  = lazyRegexp(`^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$`)
	questionNum = lazyRegexp(`^[1-9][0-9]*$`)
)

func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// ParseFramework reads one framework file. name is used in problem messages.
// On any problem it returns nil and every problem found.
func ParseFramework(name string, data []byte) (*model.Framework, Problems) {
	d := &decoder{file: name}
	root := d.parseYAML(data)
	if root == nil {
		return nil, d.problems
	}
	f := d.framework(root)
	if len(d.problems) > 0 {
		return nil, d.problems
	}
	f.Source = name
	f.Index()
	return f, nil
}

func (d *decoder) framework(n *yaml.Node) *model.Framework {
	m := d.fields(n, "the framework",
		[]string{"schema", "id", "title", "short", "version", "revision", "publisher", "notice", "sources", "scale", "profile", "sections"},
		[]string{"schema", "id", "title", "version", "publisher", "notice", "sections"})
	if m == nil {
		return nil
	}
	if s := m["schema"]; s != nil && s.Value != strconv.Itoa(SchemaVersion) {
		d.errf(s, "schema %q is not supported; this assay reads schema %d", s.Value, SchemaVersion)
	}
	f := &model.Framework{
		ID:        d.text(m["id"], "id"),
		Title:     d.text(m["title"], "title"),
		Short:     d.optionalText(m["short"], "short"),
		Version:   d.text(m["version"], "version"),
		Publisher: d.text(m["publisher"], "publisher"),
		Notice:    d.text(m["notice"], "notice"),
		Scale:     model.DefaultScale,
		Revision:  1,
	}
	if f.ID != "" && !frameworkID().MatchString(f.ID) {
		d.errf(m["id"], "id %q must be lower-case letters, digits and dashes", f.ID)
	}
	if n := m["scale"]; n != nil {
		f.Scale = d.scale(n)
	}
	if n := m["profile"]; n != nil {
		f.Profile = d.profile(n)
	}
	if n := m["revision"]; n != nil {
		if v, ok := d.integer(n, "revision", 1, maxRevision); ok {
			f.Revision = v
		} else {
			f.Revision = maxRevision // so questions' markers are not all reported too
		}
	}
	if n := m["sources"]; n != nil {
		f.Sources = d.sources(n)
	}
	d.fw = f
	refs := map[string]bool{}
	ids := map[string]int{}
	for _, sn := range d.list(m["sections"], "sections") {
		if s := d.section(sn, nil, refs, ids); s != nil {
			f.Sections = append(f.Sections, s)
		}
	}
	if m["sections"] != nil && len(f.Sections) == 0 && len(d.problems) == 0 {
		d.errf(m["sections"], "sections is empty: a framework needs at least one section")
	}
	d.checkReplacements(f)
	return f
}

func (d *decoder) scale(n *yaml.Node) model.Scale {
	var sc model.Scale
	items := d.list(n, "scale")
	if items != nil && len(items) != 6 {
		d.errf(n, "scale has %d levels; it needs exactly six, 0 to 5", len(items))
	}
	seen := map[int]bool{}
	for _, item := range items {
		m := d.fields(item, "a scale level", []string{"level", "name", "meaning"}, []string{"level", "name"})
		if m == nil || m["level"] == nil {
			continue
		}
		lv, err := strconv.Atoi(m["level"].Value)
		if err != nil || lv < 0 || lv > 5 {
			d.errf(m["level"], "scale level %q is not 0-5", m["level"].Value)
			continue
		}
		if seen[lv] {
			d.errf(m["level"], "scale level %d appears twice", lv)
		}
		seen[lv] = true
		sc[lv] = model.ScaleLevel{Level: model.Level(lv), Name: d.text(m["name"], "scale name"), Meaning: d.optionalText(m["meaning"], "scale meaning")}
	}
	return sc
}

func (d *decoder) profile(n *yaml.Node) map[string]string {
	var keys []string
	for _, a := range model.ProfileAspects {
		keys = append(keys, a.Key)
	}
	m := d.fields(n, "profile", keys, nil)
	out := map[string]string{}
	for k, v := range m {
		out[k] = d.text(v, "profile "+k)
	}
	return out
}

// section reads one section and, recursively, what it holds. refs and ids
// collect what the file has used so far, to catch duplicates.
func (d *decoder) section(n *yaml.Node, parent *model.Section, refs map[string]bool, ids map[string]int) *model.Section {
	m := d.fields(n, "a section", []string{"ref", "title", "optional", "sections", "questions"}, []string{"ref", "title"})
	if m == nil {
		return nil
	}
	s := &model.Section{
		Ref:      d.text(m["ref"], "section ref"),
		Title:    d.text(m["title"], "section title"),
		Optional: d.boolean(m["optional"], "optional"),
		Parent:   parent,
	}
	where := "section " + s.Ref
	switch {
	case s.Ref == "":
	case !sectionRef().MatchString(s.Ref):
		d.errf(m["ref"], "ref %q must be letters or digits separated by dots, like 4.2.1 or A.1", s.Ref)
	case parent != nil && !strings.HasPrefix(s.Ref, parent.Ref+"."):
		d.errf(m["ref"], "ref %q is inside section %s, so it must start with %q", s.Ref, parent.Ref, parent.Ref+".")
	case refs[s.Ref]:
		d.errf(m["ref"], "ref %q is used by another section", s.Ref)
	}
	refs[s.Ref] = true

	hasSections, hasQuestions := m["sections"] != nil, m["questions"] != nil
	switch {
	case hasSections && hasQuestions:
		d.errf(m["questions"], "%s has both sub-sections and questions; put the questions on the sub-sections", where)
	case !hasSections && !hasQuestions:
		d.errf(n, "%s has neither sub-sections nor questions", where)
	}
	for _, c := range d.list(m["sections"], where+" sections") {
		if cs := d.section(c, s, refs, ids); cs != nil {
			s.Sections = append(s.Sections, cs)
		}
	}
	asked := 0
	for _, qn := range d.list(m["questions"], where+" questions") {
		if q := d.question(qn, s, ids); q != nil {
			s.Questions = append(s.Questions, q)
			if !q.Retired {
				asked++
			}
		}
	}
	if len(s.Questions) > 0 && asked == 0 {
		d.errf(m["questions"], "%s has only retired questions; it must still ask at least one", where)
	}
	return s
}

func (d *decoder) question(n *yaml.Node, s *model.Section, ids map[string]int) *model.Question {
	m := d.fields(n, "a question in section "+s.Ref,
		[]string{"id", "title", "text", "guidance", "evidence", "levels", "weight", "themes",
			"source", "added_in", "reworded_in", "retired", "retired_in", "replaced_by", "cite"},
		[]string{"id", "text", "guidance", "evidence", "levels"})
	if m == nil {
		return nil
	}
	q := &model.Question{ID: d.text(m["id"], "question id"), Ref: s.Ref, Weight: 1}
	what := "question " + q.ID
	if q.ID != "" {
		num, ok := strings.CutPrefix(q.ID, s.Ref+".q")
		switch {
		case !ok || !questionNum().MatchString(num):
			d.errf(m["id"], "question id %q must be its section ref, \".q\" and a number from 1 (like %s.q1)", q.ID, s.Ref)
		case ids[q.ID] > 0:
			d.errf(m["id"], "question id %q is already used on line %d", q.ID, ids[q.ID])
		default:
			ids[q.ID] = m["id"].Line
		}
	}
	q.Title = d.optionalText(m["title"], what+" title")
	if q.Title == "" {
		q.Title = s.Title
	}
	q.Text = d.text(m["text"], what+" text")
	q.Guidance = d.text(m["guidance"], what+" guidance")
	q.Evidence = d.textList(m["evidence"], what+" evidence")
	if ln := m["levels"]; ln != nil {
		lm := d.fields(ln, what+" levels", []string{"0", "1", "2", "3", "4", "5"}, []string{"0", "1", "2", "3", "4", "5"})
		for k, v := range lm {
			i, _ := strconv.Atoi(k)
			q.Levels[i] = d.text(v, fmt.Sprintf("%s level %d", what, i))
		}
	}
	if wn := m["weight"]; wn != nil {
		w, err := strconv.ParseFloat(wn.Value, 64)
		if err != nil || !(w > 0) || w > 1000 {
			d.errf(wn, "%s weight %q must be a number above 0 and at most 1000", what, wn.Value)
		} else {
			q.Weight = w
		}
	}
	for _, th := range d.textList(m["themes"], what+" themes") {
		if !slices.Contains(model.Themes, th) {
			d.errf(m["themes"], "%s theme %q is not one of: %s", what, th, strings.Join(model.Themes, ", "))
			continue
		}
		q.Themes = append(q.Themes, th)
	}
	d.questionRevision(m, q)
	q.Cites = d.cites(m["cite"], s.Ref, what)
	return q
}
