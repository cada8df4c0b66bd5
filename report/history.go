package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/assaytui/assay/model"
)

// AnswerJSON writes one answer as `assay answer --json` prints it after
// saving: the same object as an export's answers, with its new revision.
func AnswerJSON(w io.Writer, a model.Answer, q *model.Question) error {
	return writeJSON(w, jsonAnswerOf(questionRow(a, q)))
}

// History writes `assay history`: one line per change, oldest first: when,
// who, which question, and what changed (old → new).
func History(w io.Writer, entries []model.HistoryEntry) error {
	if len(entries) == 0 {
		_, err := fmt.Fprintln(w, "no changes recorded")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tWHO\tQUESTION\tCHANGE")
	for _, h := range entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", h.At.Local().Format("2006-01-02 15:04:05"), truncate(clean(h.By), 30),
			model.Key{Framework: h.Framework, Question: h.QuestionID}.Qualified(), describeChange(h.Old, h.New))
	}
	return tw.Flush()
}

// describeChange says in a few words how an answer changed: "– → 3, note
// added", "3 → na", "flagged".
func describeChange(old, new model.Answer) string {
	var parts []string
	if old.Level != new.Level {
		parts = append(parts, levelOrDash(old.Level)+" → "+levelOrDash(new.Level))
	}
	switch {
	case old.Note == new.Note:
	case old.Note == "":
		parts = append(parts, fmt.Sprintf("note added: %q", truncate(clean(new.Note), 40)))
	case new.Note == "":
		parts = append(parts, "note removed")
	default:
		parts = append(parts, fmt.Sprintf("note now: %q", truncate(clean(new.Note), 40)))
	}
	if old.Flagged != new.Flagged {
		if new.Flagged {
			parts = append(parts, "flagged")
		} else {
			parts = append(parts, "unflagged")
		}
	}
	if len(parts) == 0 {
		return "no change"
	}
	return strings.Join(parts, ", ")
}

func levelOrDash(l model.Level) string {
	if s := l.String(); s != "" {
		return s
	}
	return "–"
}

// HistoryJSON writes `assay history --json`: an array of changes, oldest first.
func HistoryJSON(w io.Writer, entries []model.HistoryEntry) error {
	type value struct {
		Level   *int   `json:"level"` // null when N/A or unanswered
		NA      bool   `json:"na"`
		Note    string `json:"note"`
		Flagged bool   `json:"flagged"`
	}
	type change struct {
		Framework  string  `json:"framework"`
		QuestionID string  `json:"question_id"`
		At         *string `json:"at"`
		By         string  `json:"by"`
		Host       string  `json:"host"`
		Revision   string  `json:"revision"`
		Parent     string  `json:"parent"` // the revision this change replaced, "" for the first
		Old        value   `json:"old"`
		New        value   `json:"new"`
	}
	valueOf := func(a model.Answer) value {
		v := value{NA: a.Level == model.NotApplicable, Note: a.Note, Flagged: a.Flagged}
		if a.Level.Rated() {
			l := int(a.Level)
			v.Level = &l
		}
		return v
	}
	out := []change{}
	for _, h := range entries {
		out = append(out, change{h.Framework, h.QuestionID, jsonTime(h.At), h.By, h.Host,
			h.Revision, h.Parent, valueOf(h.Old), valueOf(h.New)})
	}
	return writeJSON(w, out)
}
