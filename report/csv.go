package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/assaytui/assay/internal/textsafe"

	"github.com/assaytui/assay/model"
)

// csvHeader is the CSV contract; scripts read columns by these names.
var csvHeader = []string{"framework", "question_id", "ref", "title", "level", "na", "note", "flagged", "updated_at"}

// CSV writes one row per question of every framework of the assessment, answered
// or not, in outline order; after each framework's questions come the stored
// answers to questions it no longer has (and for a framework that is not loaded,
// its stored answers only). level is 0-5, "na" or empty.
//
// The file is plain UTF-8 without a byte order mark: a BOM helps old Excel guess
// the encoding but breaks scripts and tools that read the first column name.
func CSV(w io.Writer, d Data) error {
	v := newView(d)
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, g := range v.groups {
		for _, r := range g.everyRow(v.answers) {
			rec := []string{
				r.Framework,
				r.QuestionID,
				r.ref,
				r.title,
				r.Level.String(),
				strconv.FormatBool(r.Level == model.NotApplicable),
				r.Note,
				strconv.FormatBool(r.Flagged),
				timestamp(r.UpdatedAt),
			}
			for i := range rec {
				rec[i] = spreadsheetSafe(textsafe.Clean(rec[i], true))
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// spreadsheetSafe defuses formula injection. Spreadsheets run a cell that starts
// with = + - or @ as a formula (tab and carriage return can hide such a start),
// so a note like "=HYPERLINK(...)" typed in a workshop would run on the manager's
// machine. A leading apostrophe makes the cell text; it is what spreadsheets
// themselves use, and a reader can strip it back off.
func spreadsheetSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
