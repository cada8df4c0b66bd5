package questionnaires

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/assaytui/assay/model"
)

// IsCrosswalk reports whether a file is a crosswalk: its top level says
// `kind: crosswalk`. Anything else is read as a framework.
func IsCrosswalk(data []byte) bool {
	var head struct {
		Kind string `yaml:"kind"`
	}
	_ = yaml.Unmarshal(data, &head)
	return head.Kind == "crosswalk"
}

// ParseCrosswalk reads a crosswalk file and checks it against the loaded
// frameworks: every ref exists, and every section holding questions in either
// framework is in a theme or an only_in entry.
func ParseCrosswalk(name string, data []byte, c *model.Catalog) (*model.Crosswalk, Problems) {
	d := &decoder{file: name}
	root := d.parseYAML(data)
	if root == nil {
		return nil, d.problems
	}
	cw := d.crosswalk(root, c)
	if len(d.problems) > 0 {
		return nil, d.problems
	}
	cw.Source = name
	return cw, nil
}

func (d *decoder) crosswalk(n *yaml.Node, c *model.Catalog) *model.Crosswalk {
	m := d.fields(n, "the crosswalk",
		[]string{"schema", "kind", "id", "title", "frameworks", "notice", "themes", "only_in"},
		[]string{"schema", "kind", "id", "title", "frameworks", "notice", "themes"})
	if m == nil {
		return nil
	}
	if s := m["schema"]; s != nil && s.Value != "1" {
		d.errf(s, "schema %q is not supported; this assay reads schema 1", s.Value)
	}
	cw := &model.Crosswalk{
		ID:     d.text(m["id"], "id"),
		Title:  d.text(m["title"], "title"),
		Notice: d.text(m["notice"], "notice"),
	}
	fws := map[string]*model.Framework{}
	if fn := m["frameworks"]; fn != nil {
		ids := d.textList(fn, "frameworks")
		if len(ids) != 2 || ids[0] == ids[1] {
			d.errf(fn, "frameworks must name two different frameworks")
			return cw
		}
		for i, id := range ids {
			f, ok := c.Framework(id)
			if !ok {
				d.errf(fn, "framework %q is not loaded (loaded: %s)", id, strings.Join(c.IDs(), ", "))
				return cw
			}
			cw.Frameworks[i] = id
			fws[id] = f
		}
	}
	if len(fws) != 2 {
		return cw
	}
	covered := map[string][]string{} // framework -> refs in themes or only_in
	seen := map[string]bool{}
	for _, tn := range d.list(m["themes"], "themes") {
		t, ok := d.theme(tn, cw, fws)
		if !ok {
			continue
		}
		if seen[t.ID] {
			d.errf(tn, "theme %q appears twice", t.ID)
		}
		seen[t.ID] = true
		for fw, refs := range t.Refs {
			covered[fw] = append(covered[fw], refs...)
		}
		cw.Themes = append(cw.Themes, t)
	}
	for _, on := range d.list(m["only_in"], "only_in") {
		if o, ok := d.onlyIn(on, cw, fws); ok {
			covered[o.Framework] = append(covered[o.Framework], o.Refs...)
			cw.OnlyIn = append(cw.OnlyIn, o)
		}
	}
	if len(d.problems) > 0 {
		return cw
	}
	for _, id := range cw.Frameworks {
		for _, q := range fws[id].Questions() {
			if !anyCovers(covered[id], q.Ref) {
				sec := q.Section
				d.errf(m["themes"], "%s section %s (%s) is in no theme and no only_in entry", id, sec.Ref, sec.Title)
				covered[id] = append(covered[id], sec.Ref) // report each section once
			}
		}
	}
	return cw
}

func (d *decoder) theme(n *yaml.Node, cw *model.Crosswalk, fws map[string]*model.Framework) (model.Theme, bool) {
	m := d.fields(n, "a theme", []string{"id", "title", "covers", "strength", "rationale", "refs"},
		[]string{"id", "title", "covers", "strength", "rationale", "refs"})
	if m == nil {
		return model.Theme{}, false
	}
	t := model.Theme{
		ID:        d.text(m["id"], "theme id"),
		Title:     d.text(m["title"], "theme title"),
		Covers:    d.text(m["covers"], "theme covers"),
		Rationale: d.text(m["rationale"], "theme rationale"),
		Strength:  model.Strength(d.text(m["strength"], "theme strength")),
		Refs:      map[string][]string{},
	}
	what := "theme " + t.ID
	if t.ID != "" && !slices.Contains(model.Themes, t.ID) {
		d.errf(m["id"], "theme %q is not one of: %s", t.ID, strings.Join(model.Themes, ", "))
	}
	switch t.Strength {
	case model.Equivalent, model.Partial, model.NoMatch, "":
	default:
		d.errf(m["strength"], "%s strength %q must be equivalent, partial or none", what, t.Strength)
	}
	if m["refs"] == nil {
		return t, false
	}
	rm := d.fields(m["refs"], what+" refs", cw.Frameworks[:], cw.Frameworks[:])
	for fw, rn := range rm {
		t.Refs[fw] = d.refs(rn, what+" refs of "+fw, fws[fw], true)
		if len(rn.Content) == 0 && t.Strength != model.NoMatch {
			d.errf(rn, "%s has no %s refs, so its strength must be none", what, fw)
		}
	}
	return t, true
}

func (d *decoder) onlyIn(n *yaml.Node, cw *model.Crosswalk, fws map[string]*model.Framework) (model.OnlyIn, bool) {
	m := d.fields(n, "an only_in entry", []string{"framework", "title", "refs", "rationale"},
		[]string{"framework", "title", "refs", "rationale"})
	if m == nil {
		return model.OnlyIn{}, false
	}
	o := model.OnlyIn{
		Framework: d.text(m["framework"], "only_in framework"),
		Title:     d.text(m["title"], "only_in title"),
		Rationale: d.text(m["rationale"], "only_in rationale"),
	}
	f, ok := fws[o.Framework]
	if !ok {
		if o.Framework != "" {
			d.errf(m["framework"], "only_in framework %q must be %s or %s", o.Framework, cw.Frameworks[0], cw.Frameworks[1])
		}
		return o, false
	}
	o.Refs = d.refs(m["refs"], "only_in "+o.Title+" refs", f, false)
	return o, true
}

// refs reads a list of section refs and checks each exists in f.
func (d *decoder) refs(n *yaml.Node, what string, f *model.Framework, emptyOK bool) []string {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errf(n, "%s must be a list", what)
		return nil
	}
	if len(n.Content) == 0 && !emptyOK {
		d.errf(n, "%s is an empty list", what)
	}
	var out []string
	for _, rn := range n.Content {
		ref := d.text(rn, what)
		if ref == "" {
			continue
		}
		if _, ok := f.Section(ref); !ok {
			d.errf(rn, "%s: %s has no section %q", what, f.ID, ref)
			continue
		}
		out = append(out, ref)
	}
	return out
}

func anyCovers(refs []string, section string) bool {
	for _, r := range refs {
		if model.Covers(r, section) {
			return true
		}
	}
	return false
}
