package model

import "time"

// Edit is one answer as someone left it outside assay (a filled-in
// workbook), with the revision the answer had when it was handed out.
type Edit struct {
	Answer        // Framework, QuestionID, Level, Note, Flagged
	Base   string // the answer's revision when exported; "" if it had none
}

// EditsBundle turns answers edited outside assay into a bundle that merges by
// the workshop rules, as if the editor had worked on a copy of local:
// for each answer that differs from where it started, the local changes that
// led to its base (so the merge finds the common point) and one new change
// on top, made by who, at, on host, with the revision revision(question)
// gives it: derive it from the file so that importing the same file again
// brings nothing new.
// An answer still equal to where it started is left out: nothing to merge.
//
// shown is how the edits show stored text (a workbook neutralises it and cuts
// it to a cell), so a note nobody touched is not mistaken for a change, and
// keeps its full stored text.
func EditsBundle(local *Bundle, edits []Edit, by, host string, at time.Time, shown func(string) string, revision func(Key) string) *Bundle {
	b := &Bundle{Format: BundleFormat, ExportedAt: at, ExportedBy: by, Host: host, Assessment: local.Assessment}
	rows := make(map[string]HistoryEntry, len(local.History))
	for _, h := range local.History {
		rows[h.Revision] = h
	}
	current := NewAnswers(local.Answers)
	for _, e := range edits {
		k := Key{e.Framework, e.QuestionID}
		start, parent := current.Get(k.Framework, k.Question), ""
		if h, ok := rows[e.Base]; ok && e.Base != "" && h.Framework == k.Framework && h.QuestionID == k.Question {
			start, parent = h.New, e.Base
		}
		if e.Level == start.Level && e.Note == shown(start.Note) && e.Flagged == start.Flagged {
			continue
		}
		next := Answer{Framework: k.Framework, QuestionID: k.Question, Level: e.Level, Note: e.Note, Flagged: e.Flagged,
			UpdatedAt: at, UpdatedBy: by, Revision: revision(k)}
		if e.Note == shown(start.Note) {
			next.Note = start.Note
		}
		b.History = append(b.History, ancestry(rows, parent)...)
		b.History = append(b.History, HistoryEntry{Framework: k.Framework, QuestionID: k.Question, Old: start, New: next,
			By: by, At: at, Host: host, Revision: next.Revision, Parent: parent})
		b.Answers = append(b.Answers, next)
	}
	return b
}

// ancestry is the change rev and the changes before it, oldest first.
func ancestry(rows map[string]HistoryEntry, rev string) []HistoryEntry {
	var chain []HistoryEntry
	seen := map[string]bool{}
	for rev != "" && !seen[rev] {
		h, ok := rows[rev]
		if !ok {
			break
		}
		seen[rev] = true
		chain = append(chain, h)
		rev = h.Parent
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	if len(chain) > 0 && rows[chain[0].Parent].Revision == "" {
		chain[0].Parent = "" // a broken chain starts here, as a bundle must
	}
	return chain
}
