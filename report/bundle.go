package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/assaytui/assay/model"
)

// The bundle parts of the JSON export (questionnaires/FORMAT.md, "Workshop
// bundles"): who exported it, every change with its revision, and the
// disagreements. The same types are read back by ReadBundle.

type jsonBundleMeta struct {
	Format       int     `json:"format"`
	ExportedAt   *string `json:"exported_at"`
	ExportedBy   string  `json:"exported_by"`
	Host         string  `json:"host"`
	AssayVersion string  `json:"assay_version"`
	Checksum     string  `json:"checksum"`
}

// jsonValue is an answer's value: level (null when N/A or not rated), na,
// note and flag.
type jsonValue struct {
	Level   *int   `json:"level"`
	NA      bool   `json:"na"`
	Note    string `json:"note"`
	Flagged bool   `json:"flagged"`
}

// jsonChangeMeta is what every recorded change says of itself, to an answer
// or an action: where, its revision and the one it replaced, who, when, on
// which computer, and which import brought it.
type jsonChangeMeta struct {
	Framework  string  `json:"framework"`
	QuestionID string  `json:"question_id"`
	Revision   string  `json:"revision"`
	Parent     string  `json:"parent"`
	By         string  `json:"by"`
	At         *string `json:"at"`
	Host       string  `json:"host"`
	Origin     string  `json:"origin"`
}

type jsonChange struct {
	jsonChangeMeta
	Old     jsonValue `json:"old"`
	New     jsonValue `json:"new"`
	Settles []string  `json:"settles"`
}

type jsonRating struct {
	Revision string  `json:"revision"`
	By       string  `json:"by"`
	Level    *int    `json:"level"`
	NA       bool    `json:"na"`
	Note     string  `json:"note"`
	Flagged  bool    `json:"flagged"`
	At       *string `json:"at"`
	Host     string  `json:"host"`
	Origin   string  `json:"origin"`
	Replaced string  `json:"replaced_by"`
}

type jsonResolution struct {
	Revision string  `json:"revision"`
	By       string  `json:"by"`
	At       *string `json:"at"`
}

type jsonDisagreement struct {
	Framework  string          `json:"framework"`
	QuestionID string          `json:"question_id"`
	AroseAt    *string         `json:"arose_at"`
	Ratings    []jsonRating    `json:"ratings"`
	Resolved   *jsonResolution `json:"resolved"`
}

func valueOf(l model.Level, note string, flagged bool) jsonValue {
	v := jsonValue{NA: l == model.NotApplicable, Note: note, Flagged: flagged}
	if l.Rated() {
		n := int(l)
		v.Level = &n
	}
	return v
}

func jsonChangeOf(h model.HistoryEntry) jsonChange {
	return jsonChange{jsonChangeMeta: jsonChangeMeta{Framework: h.Framework, QuestionID: h.QuestionID, Revision: h.Revision,
		Parent: h.Parent, By: h.By, At: jsonTime(h.At), Host: h.Host, Origin: h.Origin},
		Old: valueOf(h.Old.Level, h.Old.Note, h.Old.Flagged), New: valueOf(h.New.Level, h.New.Note, h.New.Flagged),
		Settles: append([]string{}, h.Settles...)}
}

func jsonRatingOf(r model.Rating) jsonRating {
	v := valueOf(r.Level, r.Note, r.Flagged)
	return jsonRating{Revision: r.Revision, By: r.By, Level: v.Level, NA: v.NA, Note: r.Note, Flagged: r.Flagged,
		At: jsonTime(r.At), Host: r.Host, Origin: r.Origin, Replaced: r.ReplacedBy}
}

func jsonDisagreementOf(d model.Disagreement) jsonDisagreement {
	jd := jsonDisagreement{Framework: d.Framework, QuestionID: d.Question, AroseAt: jsonTime(d.AroseAt), Ratings: []jsonRating{}}
	for _, r := range d.Ratings {
		jd.Ratings = append(jd.Ratings, jsonRatingOf(r))
	}
	if d.Resolved != nil {
		jd.Resolved = &jsonResolution{d.Resolved.Revision, d.Resolved.By, jsonTime(d.Resolved.At)}
	}
	return jd
}

// jsonOpenDisagreement is a disputed question as `show --json` lists it: the
// answer as it stands and every rating standing against it.
type jsonOpenDisagreement struct {
	Framework  string       `json:"framework"`
	QuestionID string       `json:"question_id"`
	Spread     string       `json:"spread"`
	AroseAt    *string      `json:"arose_at"`
	Current    jsonCurrent  `json:"current"`
	Ratings    []jsonRating `json:"ratings"`
}

type jsonCurrent struct {
	jsonValue
	By       string  `json:"by"`
	At       *string `json:"at"`
	Revision string  `json:"revision"`
}

// openDisagreements lists the open disagreements with the current answers.
func openDisagreements(d Data) []jsonOpenDisagreement {
	out := []jsonOpenDisagreement{}
	as := model.NewAnswers(d.Answers)
	for _, dis := range d.Disagreements {
		if !dis.Open() {
			continue
		}
		cur := as.Get(dis.Framework, dis.Question)
		jd := jsonOpenDisagreement{Framework: dis.Framework, QuestionID: dis.Question, Spread: dis.Spread().String(),
			AroseAt: jsonTime(dis.AroseAt), Ratings: []jsonRating{},
			Current: jsonCurrent{valueOf(cur.Level, cur.Note, cur.Flagged), cur.UpdatedBy, jsonTime(cur.UpdatedAt), cur.Revision}}
		for _, r := range dis.Standing() {
			jd.Ratings = append(jd.Ratings, jsonRatingOf(r))
		}
		out = append(out, jd)
	}
	return out
}

// checksum is the SHA-256 of what a merge reads from a bundle, encoded
// compactly: whitespace does not count, any changed value does.
func checksum(a jsonAssessment, answers []jsonAnswer, history []jsonChange, ds []jsonDisagreement,
	actions []jsonAction, actionHistory []jsonActionChange) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode([]any{a, answers, history, ds, actions, actionHistory})
	sum := sha256.Sum256(b.Bytes())
	return "sha256:" + hex.EncodeToString(sum[:])
}

// bundleDoc is the bundle as ReadBundle decodes it: every key the export
// writes, the figures kept as they are (a merge does not read them).
type bundleDoc struct {
	FormatVersion     int                `json:"format_version"`
	Bundle            *jsonBundleMeta    `json:"bundle"`
	GeneratedAt       *string            `json:"generated_at"`
	Assessment        jsonAssessment     `json:"assessment"`
	Scores            json.RawMessage    `json:"scores"`
	MissingFrameworks json.RawMessage    `json:"missing_frameworks"`
	Gaps              json.RawMessage    `json:"gaps"`
	Themes            json.RawMessage    `json:"themes"`
	OnlyIn            json.RawMessage    `json:"only_in"`
	Plan              json.RawMessage    `json:"plan"`
	Answers           []jsonAnswer       `json:"answers"`
	History           []jsonChange       `json:"history"`
	Disagreements     []jsonDisagreement `json:"disagreements"`
	Actions           []jsonAction       `json:"actions"`
	ActionHistory     []jsonActionChange `json:"action_history"`
}

// ReadBundle reads a workshop bundle strictly and checks it against the
// loaded frameworks. Any problem is one error naming the file and what is
// wrong; nothing is returned half-read.
func ReadBundle(name string, data []byte, c *model.Catalog) (*model.Bundle, error) {
	b, err := readBundle(data, c)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// ErrNotBundle is a file that is not a workshop bundle at all.
var ErrNotBundle = errors.New("not an assay workshop bundle")

func readBundle(data []byte, c *model.Catalog) (*model.Bundle, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrNotBundle)
	}
	if trimmed[0] != '{' {
		return nil, fmt.Errorf("%w: it is not a JSON object", ErrNotBundle)
	}
	// First only the format, leniently: a newer bundle may have keys this
	// reader does not know, and deserves "upgrade" rather than "unknown key".
	var probe struct {
		Bundle *struct {
			Format int `json:"format"`
		} `json:"bundle"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, damaged(data, err)
	}
	switch {
	case probe.Bundle == nil:
		return nil, fmt.Errorf("%w: it has no \"bundle\" key (an export from an assay before workshops, or another program's JSON); export it again with assay export ID --format json", ErrNotBundle)
	case probe.Bundle.Format > model.BundleFormat:
		return nil, fmt.Errorf("bundle format %d is newer than this assay reads (%d); upgrade assay to import it", probe.Bundle.Format, model.BundleFormat)
	case probe.Bundle.Format < 1:
		return nil, fmt.Errorf("bundle format %d is not a format assay has written", probe.Bundle.Format)
	}
	var doc bundleDoc
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, damaged(data, err)
	}
	if doc.Answers == nil || doc.History == nil || doc.Disagreements == nil || doc.Actions == nil || doc.ActionHistory == nil {
		return nil, errors.New("damaged: answers, history, disagreements, actions or action_history is missing")
	}
	if sum := checksum(doc.Assessment, doc.Answers, doc.History, doc.Disagreements, doc.Actions, doc.ActionHistory); sum != doc.Bundle.Checksum {
		return nil, errors.New("damaged: its contents do not match its checksum (edited by hand, or changed on the way); export it again")
	}
	b, err := doc.model()
	if err != nil {
		return nil, err
	}
	// Every answer, change and rating is on a question of the framework,
	// except the answers the export marked removed, with their history.
	removed := map[model.Key]bool{}
	for _, a := range doc.Answers {
		if a.Removed {
			removed[model.Key{Framework: a.Framework, Question: a.QuestionID}] = true
		}
	}
	unknown := func(k model.Key, what string) error {
		f, ok := c.Framework(k.Framework)
		if !ok || removed[k] {
			return nil
		}
		if _, known := f.Question(k.Question); known {
			return nil
		}
		return fmt.Errorf("%s%s is not a question of %s %s", what, k.Question, f.ID, f.Version)
	}
	for _, a := range doc.Answers {
		if err := unknown(model.Key{Framework: a.Framework, Question: a.QuestionID}, a.Framework+":"); err != nil {
			return nil, err
		}
	}
	for i, h := range b.History {
		k := model.Key{Framework: h.Framework, Question: h.QuestionID}
		if err := unknown(k, fmt.Sprintf("history entry %d (%s): ", i+1, k.Qualified())); err != nil {
			return nil, err
		}
	}
	for _, d := range b.Disagreements {
		if err := unknown(d.Key, "the disagreement on "+d.Key.Qualified()+": "); err != nil {
			return nil, err
		}
	}
	for _, a := range b.Actions {
		if f, ok := c.Framework(a.Framework); ok {
			if _, known := f.Question(a.QuestionID); !known {
				return nil, fmt.Errorf("the action on %s:%s is on no question of %s %s", a.Framework, a.QuestionID, f.ID, f.Version)
			}
		}
	}
	if err := b.Check(c); err != nil {
		return nil, err
	}
	// A bundle does not say which questionnaire content its author saw. An
	// assessment created from it here starts at the content loaded here, so it
	// does not open with a list of changes its new owner never had to catch up on.
	for i, af := range b.Assessment.Frameworks {
		if f, ok := c.Framework(af.ID); ok {
			b.Assessment.Frameworks[i].ContentRevision = f.Revision
		}
	}
	return b, nil
}

// damaged explains a decoding error in a user's words, with where it is.
func damaged(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || err.Error() == "unexpected end of JSON input",
		// A cut inside true, false or null reads as a bad character at the end.
		errors.As(err, &syn) && syn.Offset >= int64(len(bytes.TrimRight(data, " \t\r\n"))):
		return errors.New("damaged: the file is cut short (truncated?)")
	case errors.As(err, &syn):
		line := 1 + bytes.Count(data[:min(int(syn.Offset), len(data))], []byte("\n"))
		return fmt.Errorf("damaged at line %d: %v", line, syn)
	case errors.As(err, &typ):
		return fmt.Errorf("damaged: %s holds a %s where it needs a %s", typ.Field, typ.Value, typ.Type)
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return fmt.Errorf("damaged: %s is not a key of bundle format %d", strings.TrimPrefix(err.Error(), "json: unknown field "), model.BundleFormat)
	}
	return fmt.Errorf("damaged: %v", err)
}

// model turns the decoded document into model values.
func (doc *bundleDoc) model() (*model.Bundle, error) {
	var bad error
	at := func(s *string, what string) time.Time {
		if s == nil {
			return time.Time{}
		}
		t, err := time.Parse(time.RFC3339Nano, *s)
		if err != nil && bad == nil {
			bad = fmt.Errorf("%s: %q is not a time", what, *s)
		}
		return t
	}
	level := func(l *int, na bool, what string) model.Level {
		switch {
		case na && l != nil:
			if bad == nil {
				bad = fmt.Errorf("%s is both N/A and level %d", what, *l)
			}
			return model.Unanswered
		case na:
			return model.NotApplicable
		case l == nil:
			return model.Unanswered
		case *l < 0 || *l > 5:
			if bad == nil {
				bad = fmt.Errorf("%s has level %d, not 0-5 or na", what, *l)
			}
			return model.Unanswered
		}
		return model.Level(*l)
	}
	m, ja := doc.Bundle, doc.Assessment
	b := &model.Bundle{Format: m.Format, ExportedAt: at(m.ExportedAt, "bundle.exported_at"), ExportedBy: m.ExportedBy,
		Host: m.Host, AssayVersion: m.AssayVersion}
	b.Assessment = model.Assessment{ID: ja.ID, Name: ja.Name, Organisation: ja.Organisation, Assessor: ja.Assessor,
		Target: model.Level(ja.Target), TargetOverrides: ja.overrides(), ResumeFramework: ja.ResumeFramework, CopiedFrom: ja.CopiedFrom,
		CreatedAt: at(ja.CreatedAt, "assessment.created_at"), UpdatedAt: at(ja.UpdatedAt, "assessment.updated_at")}
	for _, f := range ja.Frameworks {
		b.Assessment.Frameworks = append(b.Assessment.Frameworks, model.AssessedFramework{ID: f.ID, Version: f.Version, Position: f.Position})
	}
	for _, a := range doc.Answers {
		what := a.Framework + ":" + a.QuestionID
		b.Answers = append(b.Answers, model.Answer{Framework: a.Framework, QuestionID: a.QuestionID,
			Level: level(a.Level, a.NA, what), Note: a.Note, Flagged: a.Flagged,
			UpdatedAt: at(a.UpdatedAt, what+" updated_at"), UpdatedBy: a.UpdatedBy, Revision: a.Revision})
	}
	for _, h := range doc.History {
		what := "the change " + h.Revision + " to " + h.Framework + ":" + h.QuestionID
		e := model.HistoryEntry{Framework: h.Framework, QuestionID: h.QuestionID, By: h.By, At: at(h.At, what),
			Host: h.Host, Revision: h.Revision, Parent: h.Parent, Origin: h.Origin, Settles: h.Settles}
		e.Old = model.Answer{Framework: h.Framework, QuestionID: h.QuestionID, Level: level(h.Old.Level, h.Old.NA, what),
			Note: h.Old.Note, Flagged: h.Old.Flagged, Revision: h.Parent}
		e.New = model.Answer{Framework: h.Framework, QuestionID: h.QuestionID, Level: level(h.New.Level, h.New.NA, what),
			Note: h.New.Note, Flagged: h.New.Flagged, UpdatedAt: e.At, UpdatedBy: h.By, Revision: h.Revision}
		b.History = append(b.History, e)
	}
	for _, jd := range doc.Disagreements {
		what := "the disagreement on " + jd.Framework + ":" + jd.QuestionID
		d := model.Disagreement{Key: model.Key{Framework: jd.Framework, Question: jd.QuestionID}, AroseAt: at(jd.AroseAt, what)}
		for _, r := range jd.Ratings {
			d.Ratings = append(d.Ratings, model.Rating{Revision: r.Revision, Level: level(r.Level, r.NA, what), Note: r.Note,
				Flagged: r.Flagged, By: r.By, At: at(r.At, what), Host: r.Host, Origin: r.Origin, ReplacedBy: r.Replaced})
		}
		if jd.Resolved != nil {
			d.Resolved = &model.Resolution{Revision: jd.Resolved.Revision, By: jd.Resolved.By, At: at(jd.Resolved.At, what)}
		}
		b.Disagreements = append(b.Disagreements, d)
	}
	for _, ja := range doc.Actions {
		what := "the action on " + ja.Framework + ":" + ja.QuestionID
		a := ja.value().action(ja.Framework, ja.QuestionID)
		a.UpdatedAt, a.UpdatedBy, a.Revision = at(ja.UpdatedAt, what), ja.UpdatedBy, ja.Revision
		b.Actions = append(b.Actions, a)
	}
	for _, h := range doc.ActionHistory {
		what := "the change " + h.Revision + " to the action on " + h.Framework + ":" + h.QuestionID
		e := model.ActionEntry{Framework: h.Framework, QuestionID: h.QuestionID, Revision: h.Revision, Parent: h.Parent,
			By: h.By, At: at(h.At, what), Host: h.Host, Origin: h.Origin, Applied: h.Applied,
			Old: h.Old.action(h.Framework, h.QuestionID), New: h.New.action(h.Framework, h.QuestionID)}
		e.Old.Revision = h.Parent
		e.New.UpdatedAt, e.New.UpdatedBy, e.New.Revision = e.At, h.By, h.Revision
		b.ActionHistory = append(b.ActionHistory, e)
	}
	return b, bad
}
