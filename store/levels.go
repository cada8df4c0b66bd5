package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/assaytui/assay/model"
)

// sqlLevels gathers, per assessment and framework, every answer's question
// ID (concatenated) and a number that packs the ID's length in bytes, its
// level and its flag. A list of 200 assessments then crosses from SQLite into
// Go as 400 rows instead of 30,000: each row costs about as much as SQLite's
// whole work on it. The answers_levels index holds every column read here, so
// the notes' pages are never touched.
const sqlLevels = `SELECT assessment_id, framework,
		group_concat(question_id, ''),
		group_concat(octet_length(question_id) * 16 + coalesce(level, 6 + na) + 8 * flagged, ' ')
	FROM answers GROUP BY assessment_id, framework`

// Level codes in the low three bits of a packed rating.
const (
	codeUnrated = 6 // a row with a note or flag but no level
	codeNA      = 7
	codeFlagged = 8
)

// Levels loads the level and flag of every stored answer of every
// assessment, by assessment ID: what summaries of many assessments need,
// without notes or times.
func (s *Store) Levels(ctx context.Context) (map[string][]model.AnswerLevel, error) {
	rows, err := s.db.QueryContext(ctx, sqlLevels)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	out := map[string][]model.AnswerLevel{}
	for rows.Next() {
		var id, framework, ids, codes string
		if err := rows.Scan(&id, &framework, &ids, &codes); err != nil {
			return nil, classify(s.path, err)
		}
		rs, err := unpackLevels(out[id], framework, ids, codes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.path, err)
		}
		out[id] = rs
	}
	return out, classify(s.path, rows.Err())
}

// unpackLevels appends the answer levels that one row of sqlLevels packs.
func unpackLevels(rs []model.AnswerLevel, framework, ids, codes string) ([]model.AnswerLevel, error) {
	for codes != "" {
		var field string
		field, codes, _ = strings.Cut(codes, " ")
		packed, err := strconv.Atoi(field)
		n := packed >> 4
		if err != nil || packed < 0 || n > len(ids) {
			return nil, fmt.Errorf("answer levels of framework %s do not add up", framework)
		}
		r := model.AnswerLevel{Framework: framework, QuestionID: ids[:n], Flagged: packed&codeFlagged != 0}
		ids = ids[n:]
		switch code := packed & 7; code {
		case codeUnrated:
			r.Level = model.Unanswered
		case codeNA:
			r.Level = model.NotApplicable
		default:
			r.Level = model.Level(code)
		}
		rs = append(rs, r)
	}
	if ids != "" {
		return nil, fmt.Errorf("answer levels of framework %s do not add up", framework)
	}
	return rs, nil
}
