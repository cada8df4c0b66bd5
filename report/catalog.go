package report

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/assaytui/assay/model"
)

// Frameworks writes `assay frameworks`: one line per loaded framework.
func Frameworks(w io.Writer, fws []*model.Framework) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tVERSION\tQUESTIONS\tTITLE")
	for _, f := range fws {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", f.ID, f.Version, len(f.Questions()), clean(f.Title))
	}
	return tw.Flush()
}

// FrameworksJSON writes `assay frameworks --json`: an array, one object per framework.
func FrameworksJSON(w io.Writer, fws []*model.Framework) error {
	type framework struct {
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
	list := []framework{}
	for _, f := range fws {
		list = append(list, framework{f.ID, f.Title, f.Name(), f.Version, f.Publisher, len(f.Sections), len(f.Questions()), f.Source, f.Notice})
	}
	return writeJSON(w, list)
}

// Questions writes `assay questions FRAMEWORK`: each question's ID, title and text.
func Questions(w io.Writer, f *model.Framework) error {
	for _, q := range f.Questions() {
		if _, err := fmt.Fprintf(w, "%-10s %s\n           %s\n", q.ID, clean(q.Title), clean(q.Text)); err != nil {
			return err
		}
	}
	return nil
}

// QuestionsJSON writes `assay questions FRAMEWORK --json`: every question with
// its guidance, evidence and level descriptors.
func QuestionsJSON(w io.Writer, f *model.Framework) error {
	type question struct {
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
	list := []question{}
	for _, q := range f.Questions() {
		levels := map[string]string{}
		for i, d := range q.Levels {
			levels[strconv.Itoa(i)] = d
		}
		themes := q.Themes
		if themes == nil {
			themes = []string{}
		}
		list = append(list, question{q.ID, q.Ref, q.Section.Title, q.Title, q.Text, q.Guidance, q.Evidence, levels, q.Weight, themes, q.Section.Top().Optional})
	}
	return writeJSON(w, list)
}
