package questionnaires

import (
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/assaytui/assay/model"
)

// maxRevision bounds content revisions so a typo cannot make one absurd.
const maxRevision = 10000

// replacedByNode is a retired question's replaced_by list, kept until the whole
// file is read so the IDs it names can be checked.
type replacedByNode struct {
	q    *model.Question
	node *yaml.Node
}

// sources reads the file's list of requirement sources.
func (d *decoder) sources(n *yaml.Node) []model.RequirementSource {
	items := d.list(n, "sources")
	if items != nil && len(items) == 0 {
		d.errf(n, "sources is an empty list; leave it out or name at least one source")
	}
	kinds := make([]string, len(model.SourceKinds))
	for i, k := range model.SourceKinds {
		kinds[i] = string(k)
	}
	var out []model.RequirementSource
	seen := map[string]bool{}
	for _, item := range items {
		m := d.fields(item, "a source", []string{"id", "title", "kind"}, []string{"id", "title", "kind"})
		if m == nil {
			continue
		}
		s := model.RequirementSource{
			ID:    d.text(m["id"], "source id"),
			Title: d.text(m["title"], "source title"),
			Kind:  model.SourceKind(d.text(m["kind"], "source kind")),
		}
		switch {
		case s.ID == "":
		case !frameworkID().MatchString(s.ID):
			d.errf(m["id"], "source id %q must be lower-case letters, digits and dashes", s.ID)
		case seen[s.ID]:
			d.errf(m["id"], "source id %q appears twice", s.ID)
		}
		seen[s.ID] = true
		if s.Kind != "" && !slices.Contains(kinds, string(s.Kind)) {
			d.errf(m["kind"], "source kind %q is not one of: %s", s.Kind, strings.Join(kinds, ", "))
		}
		out = append(out, s)
	}
	return out
}

// questionRevision reads a question's source tags and its revision markers:
// when it was added, reworded or retired, and what replaced it.
func (d *decoder) questionRevision(m map[string]*yaml.Node, q *model.Question) {
	what := "question " + q.ID
	if n := m["source"]; n != nil {
		q.Sources = d.sourceIDs(n, what)
	}
	rev := d.fw.Revision
	at := func(key string) int {
		n := m[key]
		if n == nil {
			return 0
		}
		v, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil || v < 1 || v > rev {
			d.errf(n, "%s %s %q must be a content revision from 1 to the file's revision, %d", what, key, n.Value, rev)
			return 0
		}
		return v
	}
	q.AddedIn, q.RewordedIn, q.RetiredIn = at("added_in"), at("reworded_in"), at("retired_in")
	q.Retired = d.boolean(m["retired"], what+" retired")
	added := max(q.AddedIn, 1)
	if q.RewordedIn > 0 && q.RewordedIn <= added {
		d.errf(m["reworded_in"], "%s reworded_in %d must come after the revision that added it (%d)", what, q.RewordedIn, added)
	}
	switch {
	case q.Retired && m["retired_in"] == nil:
		d.errf(m["retired"], "%s is retired but has no retired_in: say which content revision retired it", what)
	case !q.Retired && m["retired_in"] != nil:
		d.errf(m["retired_in"], "%s has retired_in but not retired: true", what)
	case q.RetiredIn > 0 && q.RetiredIn <= added:
		d.errf(m["retired_in"], "%s retired_in %d must come after the revision that added it (%d)", what, q.RetiredIn, added)
	case q.RetiredIn > 0 && q.RewordedIn >= q.RetiredIn:
		d.errf(m["reworded_in"], "%s reworded_in %d must come before retired_in %d", what, q.RewordedIn, q.RetiredIn)
	}
	if n := m["replaced_by"]; n != nil {
		if !q.Retired {
			d.errf(n, "%s has replaced_by but is not retired; only a retired question is replaced", what)
		}
		q.ReplacedBy = d.textList(n, what+" replaced_by")
		d.replaced = append(d.replaced, replacedByNode{q, n})
	}
}

// sourceIDs reads one source ID or a list of them; each must be declared in
// the file's sources.
func (d *decoder) sourceIDs(n *yaml.Node, what string) []string {
	var ids []string
	if n.Kind == yaml.ScalarNode {
		if s := d.text(n, what+" source"); s != "" {
			ids = []string{s}
		}
	} else {
		ids = d.textList(n, what+" source")
	}
	var declared []string
	for _, s := range d.fw.Sources {
		declared = append(declared, s.ID)
	}
	for i, id := range ids {
		switch {
		case len(declared) == 0:
			d.errf(n, "%s source %q: the file declares no sources; add a top-level sources list", what, id)
			return nil
		case !slices.Contains(declared, id):
			d.errf(n, "%s source %q is not one of the file's sources: %s", what, id, strings.Join(declared, ", "))
		case slices.Contains(ids[:i], id):
			d.errf(n, "%s source %q is named twice", what, id)
		}
	}
	return ids
}

// checkReplacements runs once the whole file is read: every ID in a
// replaced_by list exists, is not retired and is not the question itself.
func (d *decoder) checkReplacements(f *model.Framework) {
	byID := map[string]*model.Question{}
	var walk func(ss []*model.Section)
	walk = func(ss []*model.Section) {
		for _, s := range ss {
			for _, q := range s.Questions {
				byID[q.ID] = q
			}
			walk(s.Sections)
		}
	}
	walk(f.Sections)
	for _, r := range d.replaced {
		for _, id := range r.q.ReplacedBy {
			other, ok := byID[id]
			switch {
			case id == r.q.ID:
				d.errf(r.node, "question %s is replaced by itself", id)
			case !ok:
				d.errf(r.node, "question %s is replaced by %s, which is not in the file", r.q.ID, id)
			case other.Retired:
				d.errf(r.node, "question %s is replaced by %s, which is retired too; name the questions that ask it now", r.q.ID, id)
			}
		}
	}
}
