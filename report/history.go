package report

import (
	"fmt"
	"io"
	"strings"

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
	tw := newTable(w)
	fmt.Fprintln(tw, "WHEN\tWHO\tQUESTION\tCHANGE")
	for _, h := range entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s\n", h.At.Local().Format("2006-01-02 15:04:05"), truncate(clean(h.By), 40),
			model.Key{Framework: h.Framework, Question: h.QuestionID}.Qualified(), describeEntry(h), provenance(h))
	}
	return tw.Flush()
}

// DescribeChange says in a few words what a recorded change did, as
// `assay history` and the app's history show it: "– → 3, note added",
// "kept 2" (a resolution that kept the level).
func DescribeChange(h model.HistoryEntry) string { return describeEntry(h) }

// Provenance says where a change came from and what it settled, e.g.
// "from bob.json from bob on bob-laptop; settled 2 ratings"; "" for a change
// made here.
func Provenance(h model.HistoryEntry) string {
	return strings.TrimSuffix(strings.TrimPrefix(provenance(h), "  ("), ")")
}

// describeEntry is describeChange, except that a resolution keeping the
// level reads "kept 2".
func describeEntry(h model.HistoryEntry) string {
	if len(h.Settles) > 0 && h.Old.Same(h.New) {
		return "kept " + levelOrDash(h.New.Level)
	}
	return describeChange(h.Old, h.New)
}

// provenance says where a change came from and what it settled, e.g.
// "  (from bob.json from bob on bob-laptop)" or "  (settled 3 ratings)".
func provenance(h model.HistoryEntry) string {
	var parts []string
	if h.Origin != "" {
		parts = append(parts, "from "+clean(h.Origin))
	}
	if n := len(h.Settles); n > 0 {
		parts = append(parts, fmt.Sprintf("settled %d ratings", n))
	}
	if len(parts) == 0 {
		return ""
	}
	return "  (" + strings.Join(parts, "; ") + ")"
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

// HistoryJSON writes `assay history --json`: an array of changes, oldest
// first, each as the workshop bundle's history holds it (with where it came
// from and, for a resolution, the ratings it settled).
func HistoryJSON(w io.Writer, entries []model.HistoryEntry) error {
	out := []jsonChange{}
	for _, h := range entries {
		out = append(out, jsonChangeOf(h))
	}
	return writeJSON(w, out)
}
