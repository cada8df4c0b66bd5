package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/assaytui/assay/model"
)

// Frameworks writes `assay frameworks`: one line per loaded framework.
func Frameworks(w io.Writer, fws []*model.Framework) error {
	tw := newTable(w)
	fmt.Fprintln(tw, "ID\tVERSION\tQUESTIONS\tTITLE")
	for _, f := range fws {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", f.ID, f.Version, len(f.Questions()), clean(f.Title))
	}
	return tw.Flush()
}

// FrameworksJSON writes `assay frameworks --json`: an array, one object per
// framework. questions counts the questions asked; retired ones are counted
// apart.
func FrameworksJSON(w io.Writer, fws []*model.Framework) error {
	type framework struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		Short     string `json:"short"`
		Version   string `json:"version"`
		Revision  int    `json:"revision"`
		Publisher string `json:"publisher"`
		Sections  int    `json:"sections"`
		Questions int    `json:"questions"`
		Retired   int    `json:"retired"`
		Source    string `json:"source"`
		Notice    string `json:"notice"`
	}
	list := []framework{}
	for _, f := range fws {
		list = append(list, framework{f.ID, f.Title, f.Name(), f.Version, f.Revision, f.Publisher, len(f.Sections),
			len(f.Questions()), len(f.Retired()), f.Source, f.Notice})
	}
	return writeJSON(w, list)
}

// Questions writes `assay questions FRAMEWORK`: each question's ID, title and
// text, then, indented, the retired questions and what replaced them.
func Questions(w io.Writer, f *model.Framework) error {
	for _, q := range f.Questions() {
		if _, err := fmt.Fprintf(w, "%-10s %s\n           %s\n", q.ID, clean(q.Title), clean(q.Text)); err != nil {
			return err
		}
	}
	if len(f.Retired()) == 0 {
		return nil
	}
	if _, err := fmt.Fprintf(w, "\nRetired, no longer asked (answers given to them are kept):\n"); err != nil {
		return err
	}
	for _, q := range f.Retired() {
		by := "nothing"
		if len(q.ReplacedBy) > 0 {
			by = strings.Join(q.ReplacedBy, ", ")
		}
		// Indented, so the first column stays the IDs of questions asked.
		if _, err := fmt.Fprintf(w, "  retired %s in revision %d, replaced by %s\n", q.ID, q.RetiredIn, clean(by)); err != nil {
			return err
		}
	}
	return nil
}

// QuestionsJSON writes `assay questions FRAMEWORK --json`: every question,
// retired ones included in their place, with its guidance, evidence, level
// descriptors, sources, citations and revision markers. added_in is the
// content revision that added it; reworded_in and retired_in are 0 when it
// never was.
func QuestionsJSON(w io.Writer, f *model.Framework) error {
	type source struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Kind  string `json:"kind"`
	}
	type question struct {
		ID         string            `json:"id"`
		Ref        string            `json:"ref"`
		Section    string            `json:"section"`
		Title      string            `json:"title"`
		Text       string            `json:"text"`
		Guidance   string            `json:"guidance"`
		Evidence   []string          `json:"evidence"`
		Levels     map[string]string `json:"levels"`
		Weight     float64           `json:"weight"`
		Themes     []string          `json:"themes"`
		Optional   bool              `json:"optional"`
		Sources    []source          `json:"sources"`
		Cites      []string          `json:"cites"`
		AddedIn    int               `json:"added_in"`
		RewordedIn int               `json:"reworded_in"`
		Retired    bool              `json:"retired"`
		RetiredIn  int               `json:"retired_in"`
		ReplacedBy []string          `json:"replaced_by"`
	}
	orEmpty := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	list := []question{}
	for _, q := range f.Outline() {
		levels := map[string]string{}
		for i, d := range q.Levels {
			levels[strconv.Itoa(i)] = d
		}
		sources := []source{}
		for _, s := range f.SourcesOf(q) {
			sources = append(sources, source{s.ID, s.Title, string(s.Kind)})
		}
		list = append(list, question{q.ID, q.Ref, q.Section.Title, q.Title, q.Text, q.Guidance, q.Evidence, levels, q.Weight,
			orEmpty(q.Themes), q.Section.Top().Optional, sources, orEmpty(q.Cites), max(q.AddedIn, 1), q.RewordedIn,
			q.Retired, q.RetiredIn, orEmpty(q.ReplacedBy)})
	}
	return writeJSON(w, list)
}
