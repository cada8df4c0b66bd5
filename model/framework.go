package model

import (
	"fmt"
	"sort"
	"strings"
)

// Framework is one questionnaire: a tree of sections whose leaves hold questions.
type Framework struct {
	ID        string
	Title     string
	Short     string // short name for narrow screens
	Version   string
	Publisher string
	Notice    string
	// Revision numbers the file's content: it goes up by one whenever questions
	// are added, reworded or retired, so an assessment can say what changed
	// since it was last opened. Files that do not say are revision 1.
	Revision int
	Scale    Scale
	Profile  map[string]string // aspect key (see ProfileAspects) -> text
	// Sources are where the file's requirements come from (a binding notice,
	// guidelines, a standard's requirements); questions name them by ID.
	Sources  []RequirementSource
	Sections []*Section // top-level sections
	Source   string     // file it came from, for messages

	questions []*Question          // every question asked, in outline order
	retired   []*Question          // retired questions, in outline order
	byID      map[string]*Question // question ID -> question, retired ones too
	sections  map[string]*Section  // ref -> section
}

// Section is a clause or subsection. It holds sub-sections or questions, not both.
type Section struct {
	Ref       string
	Title     string
	Optional  bool // may not apply to every organisation
	Sections  []*Section
	Questions []*Question
	Parent    *Section
}

// Question is one assessable statement, rated on the framework's scale.
type Question struct {
	ID       string // "<ref>.q<n>", unique in the framework
	Ref      string // the section it belongs to
	Title    string
	Text     string
	Guidance string
	Evidence []string
	Levels   [6]string // descriptor of each level for this question
	Weight   float64
	Themes   []string
	Section  *Section
	// Sources are the IDs of the framework's RequirementSources this question
	// rests on; empty means the framework's default (its first source).
	Sources []string
	// AddedIn and RewordedIn are the content revisions that added the question
	// and last changed what it asks (0 when it dates from revision 1 and was
	// never reworded). RetiredIn is the revision that retired it.
	AddedIn, RewordedIn, RetiredIn int
	// Retired questions are not asked, completed or scored, but stay in the file
	// under their ID so answers given to them still show. ReplacedBy names the
	// questions that now ask what this one did.
	Retired    bool
	ReplacedBy []string
	// pos is the question's place in its framework's Questions(), -1 when
	// retired; set by Framework.Index, it lets a list score without a map.
	pos int
	// Cites are the places in the published text the question rests on: its
	// section's ref, or numbered paragraphs inside it ("11.2.7").
	Cites []string
}

// SourceKind says how binding a requirement source is.
type SourceKind string

// The kinds of requirement source, from most to least binding.
const (
	// SourceBinding is law or regulation the organisation must meet, such as a
	// regulator's notice.
	SourceBinding SourceKind = "binding"
	// SourceRequirement is a requirement of the standard itself: what an
	// auditor certifies against, but not law.
	SourceRequirement SourceKind = "requirement"
	// SourceGuidance is what the publisher expects or recommends without
	// requiring it, such as supervisory guidelines or a standard's principles.
	SourceGuidance SourceKind = "guidance"
	// SourcePractice is good practice that the file's authors add to help meet
	// the source; nothing published requires it as such.
	SourcePractice SourceKind = "practice"
)

// SourceKinds lists the kinds in order, most binding first.
var SourceKinds = []SourceKind{SourceBinding, SourceRequirement, SourceGuidance, SourcePractice}

// RequirementSource is one place a framework's requirements come from.
type RequirementSource struct {
	ID    string     // short ID questions use, e.g. "notice"
	Title string     // e.g. "MAS Notice 655 on Technology Risk Management"
	Kind  SourceKind // how binding it is
}

// Aspect is one row of the framework profile table.
type Aspect struct{ Key, Label string }

// ProfileAspects are the allowed profile keys, in the order the differences table shows them.
var ProfileAspects = []Aspect{
	{"scope", "Scope"},
	{"industry", "Industry"},
	{"nature", "Nature"},
	{"certification", "Certification"},
	{"testing", "Testing"},
	{"penalties", "Penalties"},
	{"structure", "Structure"},
	{"risk_approach", "Risk approach"},
	{"integration", "Integration"},
	{"typical_time", "Typical time"},
}

// Themes are the crosswalk themes a question may be tagged with.
var Themes = []string{
	"governance", "risk", "context", "third-parties", "people",
	"documentation-change", "operations", "incident-resilience",
	"monitoring-testing", "audit", "improvement",
}

// Index builds the lookup tables and parent links. Call it once after the tree is
// built; the loader does.
func (f *Framework) Index() {
	f.questions, f.retired = nil, nil
	f.byID = map[string]*Question{}
	f.sections = map[string]*Section{}
	var walk func(parent *Section, ss []*Section)
	walk = func(parent *Section, ss []*Section) {
		for _, s := range ss {
			s.Parent = parent
			f.sections[s.Ref] = s
			for _, q := range s.Questions {
				q.Section = s
				q.Ref = s.Ref
				if q.Retired {
					q.pos = -1
					f.retired = append(f.retired, q)
				} else {
					q.pos = len(f.questions)
					f.questions = append(f.questions, q)
				}
				f.byID[q.ID] = q
			}
			walk(s, s.Sections)
		}
	}
	walk(nil, f.Sections)
}

// Name is the short name if there is one, else the ID.
func (f *Framework) Name() string {
	if f.Short != "" {
		return f.Short
	}
	return f.ID
}

// Questions lists every question asked, in outline order: retired questions
// are left out, as they are of completion and scores.
func (f *Framework) Questions() []*Question { return f.questions }

// Retired lists the retired questions in outline order.
func (f *Framework) Retired() []*Question { return f.retired }

// Question finds a question by ID, retired or not, so answers given to a
// question before it was retired can still be shown.
func (f *Framework) Question(id string) (*Question, bool) {
	q, ok := f.byID[id]
	return q, ok
}

// SourcesOf resolves the sources a question rests on: the ones it names, or
// the framework's first source when it names none. A framework without
// sources gives none.
func (f *Framework) SourcesOf(q *Question) []RequirementSource {
	if len(q.Sources) == 0 {
		if len(f.Sources) == 0 {
			return nil
		}
		return f.Sources[:1:1]
	}
	var out []RequirementSource
	for _, id := range q.Sources {
		for _, s := range f.Sources {
			if s.ID == id {
				out = append(out, s)
			}
		}
	}
	return out
}

// Binding reports whether any source of q is binding law or regulation.
func (f *Framework) Binding(q *Question) bool {
	for _, s := range f.SourcesOf(q) {
		if s.Kind == SourceBinding {
			return true
		}
	}
	return false
}

// Section finds a section by ref.
func (f *Framework) Section(ref string) (*Section, bool) {
	s, ok := f.sections[ref]
	return s, ok
}

// QuestionIndex is the position of a question among those asked, or -1.
func (f *Framework) QuestionIndex(id string) int {
	for i, q := range f.questions {
		if q.ID == id {
			return i
		}
	}
	return -1
}

// AllQuestions lists the questions asked in a section and all its
// sub-sections; retired ones are left out.
func (s *Section) AllQuestions() []*Question {
	var qs []*Question
	for _, q := range s.Questions {
		if !q.Retired {
			qs = append(qs, q)
		}
	}
	for _, c := range s.Sections {
		qs = append(qs, c.AllQuestions()...)
	}
	return qs
}

// Top is the top-level section this section belongs to.
func (s *Section) Top() *Section {
	for s.Parent != nil {
		s = s.Parent
	}
	return s
}

// Catalog is every loaded framework, by ID, and the crosswalks between them.
type Catalog struct {
	frameworks map[string]*Framework
	crosswalks []*Crosswalk
}

// NewCatalog collects frameworks; an ID used twice is an error.
func NewCatalog(fws ...*Framework) (*Catalog, error) {
	c := &Catalog{frameworks: map[string]*Framework{}}
	for _, f := range fws {
		if err := c.Add(f); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Add puts one more framework in the catalog.
func (c *Catalog) Add(f *Framework) error {
	if old, ok := c.frameworks[f.ID]; ok {
		return fmt.Errorf("framework id %q is already loaded from %s", f.ID, old.Source)
	}
	c.frameworks[f.ID] = f
	return nil
}

// AddCrosswalk adds a crosswalk; one between the same two frameworks is an error.
func (c *Catalog) AddCrosswalk(cw *Crosswalk) error {
	if old, ok := c.Crosswalk(cw.Frameworks[0], cw.Frameworks[1]); ok {
		return fmt.Errorf("a crosswalk between %s and %s is already loaded from %s", cw.Frameworks[0], cw.Frameworks[1], old.Source)
	}
	c.crosswalks = append(c.crosswalks, cw)
	return nil
}

// Crosswalk finds the crosswalk between two frameworks, in either order.
func (c *Catalog) Crosswalk(a, b string) (*Crosswalk, bool) {
	for _, cw := range c.crosswalks {
		if cw.Has(a, b) {
			return cw, true
		}
	}
	return nil, false
}

// Framework finds a framework by ID.
func (c *Catalog) Framework(id string) (*Framework, bool) {
	f, ok := c.frameworks[id]
	return f, ok
}

// Frameworks lists every framework sorted by ID.
func (c *Catalog) Frameworks() []*Framework {
	out := make([]*Framework, 0, len(c.frameworks))
	for _, f := range c.frameworks {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// IDs lists the framework IDs, sorted.
func (c *Catalog) IDs() []string {
	var ids []string
	for _, f := range c.Frameworks() {
		ids = append(ids, f.ID)
	}
	return ids
}

// ResolveQuestion looks up a qualified question ID "framework:question",
// ignoring case (3.1.Q1 is 3.1.q1). The error says which part is unknown, in
// words a user can act on, with the closest IDs that do exist.
func (c *Catalog) ResolveQuestion(qualified string) (*Framework, *Question, error) {
	fwID, qID, ok := strings.Cut(qualified, ":")
	if !ok || fwID == "" || qID == "" {
		var in []string
		for _, f := range c.Frameworks() {
			if q := f.lookup(qualified); q != nil {
				in = append(in, Key{f.ID, q.ID}.Qualified())
			}
		}
		if len(in) > 0 {
			return nil, nil, fmt.Errorf("question %q is not qualified; write it as FRAMEWORK:QUESTION, e.g. %s", qualified, strings.Join(in, " or "))
		}
		return nil, nil, fmt.Errorf("question %q is not qualified; write it as FRAMEWORK:QUESTION, e.g. mas-trm-2021:3.4.q1", qualified)
	}
	f, ok := c.Framework(fwID)
	if !ok {
		for _, cand := range c.frameworks {
			if strings.EqualFold(cand.ID, fwID) {
				f, ok = cand, true
			}
		}
	}
	if !ok {
		return nil, nil, fmt.Errorf("unknown framework %q in %q (%sloaded: %s)", fwID, qualified, didYouMeanThen(fwID, c.IDs()), strings.Join(c.IDs(), ", "))
	}
	q := f.lookup(qID)
	if q == nil {
		return f, nil, fmt.Errorf("unknown question %q (%s)", qualified, f.whyNoQuestion(qID))
	}
	return f, q, nil
}

// lookup finds a question by ID, exactly or else ignoring case.
func (f *Framework) lookup(id string) *Question {
	if q, ok := f.Question(id); ok {
		return q
	}
	for _, q := range f.questions {
		if strings.EqualFold(q.ID, id) {
			return q
		}
	}
	return nil
}

// whyNoQuestion explains a missing question ID: no such clause, or no such number.
func (f *Framework) whyNoQuestion(qID string) string {
	ref := qID
	// Search the ID itself: lowering it first can change its length in bytes.
	for i := len(qID) - 2; i >= 0; i-- {
		if qID[i] == '.' && (qID[i+1] == 'q' || qID[i+1] == 'Q') {
			ref = qID[:i]
			break
		}
	}
	s, ok := f.Section(ref)
	switch {
	case !ok:
		ids := make([]string, len(f.questions))
		for i, q := range f.questions {
			ids[i] = q.ID
		}
		if near := Closest(qID, ids, 3); len(near) > 0 {
			return fmt.Sprintf("%s has no clause %s; did you mean %s?", f.ID, ref, orList(near))
		}
		return fmt.Sprintf("%s has no clause %s", f.ID, ref)
	case len(s.Questions) == 0:
		return fmt.Sprintf("%s clause %s has sub-clauses; questions sit on those", f.ID, ref)
	default:
		var ids []string
		for _, q := range s.AllQuestions() {
			ids = append(ids, q.ID)
		}
		return fmt.Sprintf("%s clause %s has %s", f.ID, ref, strings.Join(ids, ", "))
	}
}
