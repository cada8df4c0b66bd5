package model

import (
	"fmt"
	"strings"
)

// ContentChanges is what changed in a framework's questions after a content
// revision an assessment last saw, up to the framework's current revision.
type ContentChanges struct {
	Since, Now int
	Added      []*Question // asked now, added after Since
	Reworded   []*Question // asked then and now, reworded after Since
	Retired    []*Question // asked then, retired after Since
	// Review is Added and Reworded together in outline order: the questions
	// worth walking again.
	Review []*Question
}

// added is the revision that added q; questions that do not say date from 1.
func (q *Question) added() int { return max(q.AddedIn, 1) }

// ChangesSince lists the questions added, reworded and retired after content
// revision since, in outline order. A question both added and retired after
// since was never seen, so it is not listed. Since at or above the current
// revision gives no changes; below 1 it counts as 1, the revision every file
// had before revisions were recorded.
func (f *Framework) ChangesSince(since int) ContentChanges {
	c := ContentChanges{Since: since, Now: f.Revision}
	since = max(since, 1)
	for _, q := range f.Outline() {
		seen := q.added() <= since
		switch {
		case q.Retired:
			if seen && q.RetiredIn > since {
				c.Retired = append(c.Retired, q)
			}
		case !seen:
			c.Added = append(c.Added, q)
			c.Review = append(c.Review, q)
		case q.RewordedIn > since:
			c.Reworded = append(c.Reworded, q)
			c.Review = append(c.Review, q)
		}
	}
	return c
}

// Outline lists every question, retired or not, in outline order: what the
// file holds, where Questions is what is asked.
func (f *Framework) Outline() []*Question {
	var out []*Question
	var walk func(ss []*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			out = append(out, s.Questions...)
			walk(s.Sections)
		}
	}
	walk(f.Sections)
	return out
}

// Empty reports whether nothing changed.
func (c ContentChanges) Empty() bool {
	return len(c.Added)+len(c.Reworded)+len(c.Retired) == 0
}

// String reads like "6 new questions, 4 reworded, 3 retired", leaving out
// what did not happen, or "no changes".
func (c ContentChanges) String() string {
	var parts []string
	if n := len(c.Added); n == 1 {
		parts = append(parts, "1 new question")
	} else if n > 1 {
		parts = append(parts, fmt.Sprintf("%d new questions", n))
	}
	if n := len(c.Reworded); n > 0 {
		parts = append(parts, fmt.Sprintf("%d reworded", n))
	}
	if n := len(c.Retired); n > 0 {
		parts = append(parts, fmt.Sprintf("%d retired", n))
	}
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, ", ")
}

// RetiredAnswer is an answer given to a question that has since been retired.
type RetiredAnswer struct {
	Question *Question
	Answer   Answer
}

// RetiredAnswers lists, in outline order, the retired questions of f that
// hold a level, N/A, a note or a flag in as, so nothing answered is hidden by
// retiring a question.
func RetiredAnswers(f *Framework, as Answers) []RetiredAnswer {
	var out []RetiredAnswer
	for _, q := range f.Retired() {
		a := as.Get(f.ID, q.ID)
		if a.Level.Given() || a.Note != "" || a.Flagged {
			out = append(out, RetiredAnswer{q, a})
		}
	}
	return out
}
