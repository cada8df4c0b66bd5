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

// History writes `assay history`: one line per change to an answer, oldest
// first: when, who, which question, and what changed (old → new); then the
// changes to actions.
func History(w io.Writer, entries []model.HistoryEntry, actions []model.ActionEntry) error {
	if len(entries) == 0 && len(actions) == 0 {
		_, err := fmt.Fprintln(w, "no changes recorded")
		return err
	}
	if len(entries) == 0 {
		return actionHistory(w, actions)
	}
	tw := newTable(w)
	fmt.Fprintln(tw, "WHEN\tWHO\tQUESTION\tCHANGE")
	for _, h := range entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s\n", h.At.Local().Format("2006-01-02 15:04:05"), truncate(clean(h.By), 40),
			model.Key{Framework: h.Framework, Question: h.QuestionID}.Qualified(), describeEntry(h), provenance(h))
	}
	if err := tw.Flush(); err != nil || len(actions) == 0 {
		return err
	}
	fmt.Fprintln(w)
	return actionHistory(w, actions)
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
		p := fmt.Sprintf("settled %d ratings", n)
		if len(h.Settled) == n {
			who := make([]string, n)
			for i, r := range h.Settled {
				who[i] = truncate(clean(r.By), 40) + " " + levelOrDash(r.Level)
			}
			p += ": " + strings.Join(who, ", ")
		}
		parts = append(parts, p)
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

// actionHistory writes the changes to actions: when, who, which question,
// what changed, where it came from and, for a change an import brought that
// did not become the action here, why.
func actionHistory(w io.Writer, entries []model.ActionEntry) error {
	tw := newTable(w)
	fmt.Fprintln(tw, "WHEN\tWHO\tACTION ON\tCHANGE")
	for _, h := range entries {
		var notes []string
		if h.Origin != "" {
			notes = append(notes, "from "+clean(h.Origin))
		}
		switch {
		case h.Applied:
		case h.AgreesWith != "":
			notes = append(notes, "the same as the action here")
		default:
			notes = append(notes, "not applied: a newer change here stayed")
		}
		more := ""
		if len(notes) > 0 {
			more = "  (" + strings.Join(notes, "; ") + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s\n", h.At.Local().Format("2006-01-02 15:04:05"), truncate(clean(h.By), 40),
			h.Key().Qualified(), describeAction(h.Old, h.New), more)
	}
	return tw.Flush()
}

// describeAction says in a few words how an action changed: `set "Test the
// plan" (Bo Lim, due 2027-03-31, open)`, "open → done, owner now Bo Lim",
// "removed".
func describeAction(old, new model.Action) string {
	switch {
	case new.Empty():
		return "removed"
	case old.Empty():
		parts := []string{}
		if new.Owner != "" {
			parts = append(parts, truncate(clean(new.Owner), 24))
		}
		if new.Due != "" {
			parts = append(parts, "due "+string(new.Due))
		}
		parts = append(parts, string(new.Status))
		return fmt.Sprintf("set %q (%s)", truncate(clean(new.Text), 40), strings.Join(parts, ", "))
	}
	var parts []string
	if old.Text != new.Text {
		parts = append(parts, fmt.Sprintf("text now %q", truncate(clean(new.Text), 40)))
	}
	if old.Owner != new.Owner {
		parts = append(parts, fmt.Sprintf("owner now %q", truncate(clean(new.Owner), 24)))
	}
	if old.Due != new.Due {
		parts = append(parts, "due now "+orText(string(new.Due), "none"))
	}
	if old.Status != new.Status {
		parts = append(parts, string(old.Status)+" → "+string(new.Status))
	}
	if len(parts) == 0 {
		return "no change"
	}
	return strings.Join(parts, ", ")
}
