package report

import (
	"fmt"
	"io"

	"github.com/assaytui/assay/model"
)

// Compare writes `assay compare`: per framework the overall maturity then and
// now with the signed change, each top-level section likewise, then every
// question whose level changed.
func Compare(w io.Writer, c model.Comparison) error {
	fmt.Fprintf(w, "%s (%s) → %s (%s)\n", clean(c.Old.Name), c.Old.ID, clean(c.New.Name), c.New.ID)
	for _, fd := range c.Frameworks {
		f := fd.Framework
		delta := deltaText(fd.Overall)
		if delta != "" {
			delta = "  " + delta
		}
		fmt.Fprintf(w, "\n%s — overall %s → %s%s; %s changed\n", f.Name(), deltaSide(fd.Overall.Old, fd.Overall.HasOld),
			deltaSide(fd.Overall.New, fd.Overall.HasNew), delta, plural(fd.ChangedAnswers, "answer"))
		tw := newTable(w)
		fmt.Fprintln(tw, "REF\tSECTION\tOLD\tNEW\tCHANGE")
		for _, s := range fd.Sections {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Section.Ref, truncate(clean(s.Section.Title), 40),
				deltaSide(s.Old, s.HasOld), deltaSide(s.New, s.HasNew), deltaText(s.Delta))
		}
		tw.Flush()
	}
	if len(c.Changed) == 0 {
		fmt.Fprintln(w, "\nno answer changed")
		return nil
	}
	fmt.Fprintf(w, "\nchanged answers (%d):\n", len(c.Changed))
	tw := newTable(w)
	for _, ch := range c.Changed {
		title := "(no longer in the questionnaire)"
		if ch.Question != nil {
			title = truncate(clean(questionTitle(ch.Question)), 50)
		}
		fmt.Fprintf(tw, "%s\t%s → %s\t%s\n", ch.Key.Qualified(), levelText(ch.Old), levelText(ch.New), title)
	}
	return tw.Flush()
}

func deltaSide(x float64, ok bool) string {
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.1f", round(x, 1))
}

// deltaText is the signed change with one decimal, "±0.0" for none, "" when
// a side has no figure.
func deltaText(d model.Delta) string {
	ch, ok := d.Change()
	switch {
	case !ok:
		return ""
	case round(ch, 1) == 0:
		return "±0.0"
	}
	return fmt.Sprintf("%+.1f", round(ch, 1))
}

// CompareJSON writes `assay compare --json`: levels as numbers, "na" or null;
// maturities rounded to 2 decimals, null without rated answers; the delta is
// new minus old, null unless both sides have a figure.
func CompareJSON(w io.Writer, c model.Comparison) error {
	type figures struct {
		Old   *float64 `json:"old"`
		New   *float64 `json:"new"`
		Delta *float64 `json:"delta"`
	}
	type section struct {
		Ref   string `json:"ref"`
		Title string `json:"title"`
		figures
	}
	type framework struct {
		Framework string    `json:"framework"`
		Overall   figures   `json:"overall"`
		Sections  []section `json:"sections"`
	}
	type changed struct {
		Framework  string `json:"framework"`
		QuestionID string `json:"question_id"`
		Old        any    `json:"old"`
		New        any    `json:"new"`
	}
	type side struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	fig := func(d model.Delta) figures {
		var f figures
		if d.HasOld {
			f.Old = ptr(round(d.Old, 2))
		}
		if d.HasNew {
			f.New = ptr(round(d.New, 2))
		}
		if ch, ok := d.Change(); ok {
			f.Delta = ptr(round(ch, 2))
		}
		return f
	}
	level := func(l model.Level) any {
		switch {
		case l == model.NotApplicable:
			return "na"
		case l.Rated():
			return int(l)
		}
		return nil
	}
	doc := struct {
		Old        side        `json:"old"`
		New        side        `json:"new"`
		Frameworks []framework `json:"frameworks"`
		Changed    []changed   `json:"changed"`
	}{side{c.Old.ID, c.Old.Name}, side{c.New.ID, c.New.Name}, []framework{}, []changed{}}
	for _, fd := range c.Frameworks {
		jf := framework{Framework: fd.Framework.ID, Overall: fig(fd.Overall), Sections: []section{}}
		for _, s := range fd.Sections {
			jf.Sections = append(jf.Sections, section{s.Section.Ref, s.Section.Title, fig(s.Delta)})
		}
		doc.Frameworks = append(doc.Frameworks, jf)
	}
	for _, ch := range c.Changed {
		doc.Changed = append(doc.Changed, changed{ch.Key.Framework, ch.Key.Question, level(ch.Old), level(ch.New)})
	}
	return writeJSON(w, doc)
}

func ptr[T any](v T) *T { return &v }
