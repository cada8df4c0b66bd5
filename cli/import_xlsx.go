package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
	"github.com/assaytui/assay/store"
)

// importFile is one file given to import: a bundle, or a workbook that
// becomes one (workbookBundle) once the store is open.
type importFile struct {
	name, sum string
	bundle    *model.Bundle
	workbook  *report.Workbook
}

// workbookBundle turns a filled-in workbook into a bundle of the changes made
// in it, against the assessment it came from (or into), checked like any
// bundle. Its revisions derive from the file's contents, so importing the
// same file again brings nothing new.
func (a *app) workbookBundle(ctx context.Context, st *store.Store, cat *model.Catalog, f importFile, into string) (*model.Bundle, error) {
	wb := f.workbook
	id := wb.AssessmentID
	if into != "" {
		id = into
	}
	if id == "" {
		return nil, badInput("%s: the workbook names no assessment (Summary, Assessment ID); give --into ID", f.name)
	}
	local, err := st.Bundle(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, badInput("%s: assessment %q is not in %s; import its JSON bundle first, or give --into ID", f.name, id, st.Path())
	}
	if err != nil {
		return nil, err
	}
	by := wb.Author
	if by == "" {
		by = a.actor()
	}
	edits := make([]model.Edit, len(wb.Answers))
	for i, r := range wb.Answers {
		edits[i] = model.Edit{Answer: r.Answer, Base: r.Base}
	}
	revision := func(k model.Key) string {
		sum := sha256.Sum256([]byte(f.sum + " " + k.Qualified()))
		return hex.EncodeToString(sum[:8])
	}
	b := model.EditsBundle(local, edits, by, "", time.Now().UTC(), report.CellText, revision)
	// A retired question is no longer answered: its row must stay as exported.
	for _, h := range b.History {
		k := model.Key{Framework: h.Framework, Question: h.QuestionID}
		if h.Revision != revision(k) {
			continue // the local changes the edit builds on
		}
		if fw, ok := cat.Framework(k.Framework); ok {
			if q, _ := fw.Question(k.Question); q != nil && q.Retired {
				return nil, badInput("%s: %s: %s", f.name, rowOf(wb, k).ChangedCell(h.Old), retiredQuestion(k, q))
			}
		}
	}
	if err := b.Check(cat); err != nil {
		return nil, badInput("%s: %v", f.name, err)
	}
	return b, nil
}

// rowOf is the workbook's row for a question.
func rowOf(wb *report.Workbook, k model.Key) report.WorkbookAnswer {
	for _, r := range wb.Answers {
		if r.Framework == k.Framework && r.QuestionID == k.Question {
			return r
		}
	}
	return report.WorkbookAnswer{}
}
