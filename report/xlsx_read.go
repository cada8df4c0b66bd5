package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/assaytui/assay/internal/textsafe"
	xl "github.com/assaytui/assay/internal/xlsx"
	"github.com/assaytui/assay/model"
)

// Workbook is the Answers sheet of a workbook assay exported, as someone
// filled it in elsewhere (Excel, LibreOffice), in model values.
type Workbook struct {
	AssessmentID string // from the Summary sheet; "" if it is not there
	// Author is who last saved the file, when the program that saved it says
	// so (the document's last-modified-by, if it differs from its creator);
	// "" when unknown.
	Author  string
	Answers []WorkbookAnswer // one per question row, in sheet order
}

// WorkbookAnswer is one row of the Answers sheet.
type WorkbookAnswer struct {
	model.Answer        // Framework, QuestionID, Level, Note (the N/A reason for na), Flagged
	Base         string // the answer's revision when the workbook was exported
	Row          int    // the sheet row, for messages
	col          map[string]int
}

// ChangedCell names the row's cell that no longer holds what was there,
// for messages: Level, else Flagged, else the note (N/A reason for na).
func (a WorkbookAnswer) ChangedCell(was model.Answer) string {
	switch {
	case a.Level != was.Level:
		return cellName(a.col["Level"], a.Row)
	case a.Flagged != was.Flagged:
		return cellName(a.col["Flagged"], a.Row)
	case a.Level == model.NotApplicable && a.col["N/A reason"] > 0:
		return cellName(a.col["N/A reason"], a.Row)
	}
	return cellName(a.col["Note"], a.Row)
}

// ErrNotWorkbook is a file that is not a workbook assay wrote.
var ErrNotWorkbook = errors.New("not an assay workbook")

// IsXLSX reports whether data looks like an XLSX file (a ZIP archive).
func IsXLSX(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// ReadWorkbook reads the Answers sheet of a workbook exported by assay and
// filled in elsewhere. Every question must be one of the loaded frameworks',
// every level 0-5, na or empty; an N/A needs its reason. The first problem is
// one error naming the file, the sheet and the cell.
func ReadWorkbook(name string, r io.Reader, c *model.Catalog) (*Workbook, error) {
	wb, err := readWorkbook(r, c)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return wb, nil
}

func readWorkbook(r io.Reader, c *model.Catalog) (*Workbook, error) {
	f, err := xl.Read(r)
	if err != nil {
		return nil, fmt.Errorf("%w: it is not an XLSX workbook (%s)", ErrNotWorkbook, oneLine(err))
	}
	if !slices.Contains(f.Sheets, SheetAnswers) {
		return nil, fmt.Errorf("%w: it has no sheet named %s (sheets: %s); export one with assay export ID --format xlsx",
			ErrNotWorkbook, SheetAnswers, oneLine(errors.New(strings.Join(f.Sheets, ", "))))
	}
	wb := &Workbook{}
	if f.Props.LastModifiedBy != f.Props.Creator {
		wb.Author = strings.TrimSpace(f.Props.LastModifiedBy)
	}
	if rows, err := f.Rows(SheetSummary); err == nil {
		for _, row := range rows {
			if len(row) >= 2 && strings.TrimSpace(row[0]) == assessmentIDLabel {
				wb.AssessmentID = strings.TrimSpace(row[1])
				break
			}
		}
	}
	rows, err := f.Rows(SheetAnswers)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", SheetAnswers, oneLine(err))
	}
	col, err := answerColumns(rows)
	if err != nil {
		return nil, err
	}
	seen := map[model.Key]int{}
	for i, row := range rows[1:] {
		n := i + 2
		if blank(row) {
			continue
		}
		a, err := readAnswerRow(row, n, col, c)
		if err != nil {
			return nil, err
		}
		k := model.Key{Framework: a.Framework, Question: a.QuestionID}
		if first, ok := seen[k]; ok {
			return nil, fmt.Errorf("%s: %s is on rows %d and %d; keep one", cellName(col["Question"], n), k.Qualified(), first, n)
		}
		seen[k] = n
		wb.Answers = append(wb.Answers, a)
	}
	return wb, nil
}

// answerColumns finds each header of answersHeader in row 1, wherever it is;
// Framework, Question, Level and Note must be there.
func answerColumns(rows [][]string) (map[string]int, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("%w: %s is empty", ErrNotWorkbook, cellName(1, 1))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		h = strings.TrimSpace(h)
		for _, want := range answersHeader {
			if strings.EqualFold(h, want) {
				col[want] = i + 1
			}
		}
	}
	for _, need := range []string{"Framework", "Question", "Level", "Note"} {
		if col[need] == 0 {
			return nil, fmt.Errorf("%w: %s: the header row has no %s column (it has: %s)", ErrNotWorkbook, cellName(1, 1), need, oneLine(errors.New(strings.Join(rows[0], ", "))))
		}
	}
	return col, nil
}

func readAnswerRow(row []string, n int, col map[string]int, c *model.Catalog) (WorkbookAnswer, error) {
	get := func(name string) string {
		if i := col[name]; i > 0 && i <= len(row) {
			return row[i-1]
		}
		return ""
	}
	fw, qid := strings.TrimSpace(get("Framework")), strings.TrimSpace(get("Question"))
	a := WorkbookAnswer{Row: n, Base: strings.TrimSpace(get("Revision")), col: col}
	a.Framework, a.QuestionID = fw, qid
	f, ok := c.Framework(fw)
	if !ok {
		return a, fmt.Errorf("%s: unknown framework %q (loaded: %s)", cellName(col["Framework"], n), fw, strings.Join(c.IDs(), ", "))
	}
	if _, ok := f.Question(qid); !ok {
		return a, fmt.Errorf("%s: %s has no question %q", cellName(col["Question"], n), fw, qid)
	}
	level := strings.TrimSpace(get("Level"))
	a.Level = model.Unanswered
	if level != "" {
		l, err := model.ParseLevel(level)
		if err != nil {
			return a, fmt.Errorf("%s: %v", cellName(col["Level"], n), err)
		}
		a.Level = l
	}
	reason, note := normalise(get("N/A reason")), normalise(get("Note"))
	switch {
	case a.Level == model.NotApplicable && strings.TrimSpace(reason) != "" && strings.TrimSpace(note) != "":
		return a, fmt.Errorf("%s: an N/A question's note is its reason; put it under N/A reason (%s) only",
			cellName(col["Note"], n), cellName(col["N/A reason"], n))
	case a.Level == model.NotApplicable && strings.TrimSpace(reason+note) == "":
		return a, fmt.Errorf("%s: na needs a reason under N/A reason", cellName(max(col["N/A reason"], col["Note"]), n))
	case a.Level == model.NotApplicable && strings.TrimSpace(reason) != "":
		a.Note = reason
	case strings.TrimSpace(reason) != "":
		return a, fmt.Errorf("%s: an N/A reason on a question rated %s; clear it, or set Level to na",
			cellName(col["N/A reason"], n), orText(a.Level.String(), "nothing"))
	default:
		a.Note = note
	}
	switch flag := strings.ToLower(strings.TrimSpace(get("Flagged"))); flag {
	case "", "no", "n", "false", "0":
	case "yes", "y", "true", "1", "x":
		a.Flagged = true
	default:
		return a, fmt.Errorf("%s: flagged %q is not yes or no", cellName(col["Flagged"], n), flag)
	}
	return a, nil
}

// normalise turns the line breaks spreadsheets write (\r\n, or _x000D_ kept
// as \r) into \n, as notes are stored.
func normalise(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// cellName is a cell of the Answers sheet as a user finds it: Answers!F7.
func cellName(col, row int) string {
	return SheetAnswers + "!" + xl.CellName(max(col, 1), row)
}

// oneLine is an error from inside a file as one harmless line: the file
// chose the sheet names and XML that it may quote.
func oneLine(err error) string {
	return textsafe.Clean(strings.TrimPrefix(err.Error(), "xlsx: "), false)
}

func orText(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
