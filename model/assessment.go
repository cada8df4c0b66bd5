package model

import (
	"fmt"
	"strings"
	"time"
)

// DefaultTarget is the maturity level an assessment aims for unless told otherwise.
const DefaultTarget Level = 3

// Assessment is one self-assessment of an organisation against one or more frameworks.
type Assessment struct {
	ID           string
	Name         string
	Organisation string
	Assessor     string
	Target       Level // the assessment's own target; see Targets for overrides
	// TargetOverrides are targets set per framework or section, sorted by
	// framework and ref (SortOverrides).
	TargetOverrides []TargetOverride
	Frameworks      []AssessedFramework
	// ResumeFramework is the framework the user last worked in; with that
	// framework's Position it is the exact point to resume at.
	ResumeFramework string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	// CopiedFrom is the assessment this one was copied from ("" if none), the
	// one compare sets it against unless told otherwise.
	CopiedFrom string
}

// AssessedFramework is a framework taken into an assessment, with the version it
// was started on and the question last shown in it.
type AssessedFramework struct {
	ID       string
	Version  string
	Position string // question ID, "" before the first visit
	// ContentRevision is the questionnaire content revision the assessment was
	// last opened with (see Framework.ChangesSince); 1 for assessments older
	// than content revisions.
	ContentRevision int
}

// FrameworkIDs lists the IDs of the assessment's frameworks in their order.
func (a Assessment) FrameworkIDs() []string {
	ids := make([]string, len(a.Frameworks))
	for i, f := range a.Frameworks {
		ids[i] = f.ID
	}
	return ids
}

// Has reports whether the assessment covers framework id.
func (a Assessment) Has(id string) bool {
	for _, f := range a.Frameworks {
		if f.ID == id {
			return true
		}
	}
	return false
}

// Resume is where to pick up: the framework last worked in and its last question.
// With no saved point it is the first framework and no question.
func (a Assessment) Resume() (framework, question string) {
	for _, f := range a.Frameworks {
		if f.ID == a.ResumeFramework {
			return f.ID, f.Position
		}
	}
	if len(a.Frameworks) > 0 {
		return a.Frameworks[0].ID, a.Frameworks[0].Position
	}
	return "", ""
}

// NewAssessment is what a user gives to start an assessment.
type NewAssessment struct {
	Name         string
	Organisation string
	Assessor     string
	Frameworks   []string
	Target       Level
	// Revisions is each chosen framework's content revision, filled by Check,
	// so a new assessment starts having seen the content it was created with.
	Revisions map[string]int
}

// Check validates the input against the loaded frameworks and returns it cleaned:
// names trimmed, frameworks de-duplicated.
func (n NewAssessment) Check(c *Catalog) (NewAssessment, error) {
	n.Name = strings.TrimSpace(n.Name)
	n.Organisation = strings.TrimSpace(n.Organisation)
	n.Assessor = strings.TrimSpace(n.Assessor)
	if n.Name == "" {
		return n, fmt.Errorf("the assessment needs a name")
	}
	if !n.Target.Rated() {
		return n, fmt.Errorf("target level %d is not 0-5", n.Target)
	}
	if len(n.Frameworks) == 0 {
		return n, fmt.Errorf("choose at least one framework (loaded: %s)", strings.Join(c.IDs(), ", "))
	}
	seen := map[string]bool{}
	var fws []string
	for _, id := range n.Frameworks {
		if _, ok := c.Framework(id); !ok {
			return n, fmt.Errorf("unknown framework %q (loaded: %s)", id, strings.Join(c.IDs(), ", "))
		}
		if !seen[id] {
			seen[id] = true
			fws = append(fws, id)
		}
	}
	n.Frameworks = fws
	n.Revisions = map[string]int{}
	for _, id := range fws {
		f, _ := c.Framework(id)
		n.Revisions[id] = f.Revision
	}
	return n, nil
}

// Answer is the state of one question in one assessment.
type Answer struct {
	Framework  string
	QuestionID string
	Level      Level
	Note       string
	Flagged    bool
	UpdatedAt  time.Time
	UpdatedBy  string // who made the current value
	// Revision names the change that made the current value: a random ID,
	// "" for a question never answered.
	Revision string
}

// Key identifies a question across frameworks.
type Key struct{ Framework, Question string }

// Qualified is the "framework:question" form users type.
func (k Key) Qualified() string { return k.Framework + ":" + k.Question }

// Answers holds an assessment's answers by question. The zero Answer of a
// question that has none is Unanswered.
type Answers map[Key]Answer

// NewAnswers indexes a list of answers.
func NewAnswers(list []Answer) Answers {
	as := make(Answers, len(list))
	for _, a := range list {
		as[Key{a.Framework, a.QuestionID}] = a
	}
	return as
}

// Get returns the answer to a question, or an Unanswered one.
func (as Answers) Get(framework, question string) Answer {
	if a, ok := as[Key{framework, question}]; ok {
		return a
	}
	return Answer{Framework: framework, QuestionID: question, Level: Unanswered}
}
