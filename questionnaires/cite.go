package questionnaires

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// cites reads a question's cite list: where in the published text it rests.
// Each entry is the question's own section ref or a paragraph under it, so a
// citation can never point into another clause by mistake.
func (d *decoder) cites(n *yaml.Node, section, what string) []string {
	if n == nil {
		return nil
	}
	list := d.textList(n, what+" cite")
	if len(list) == 0 {
		d.errf(n, "%s cite is an empty list; leave it out or name at least one place", what)
	}
	for i, c := range list {
		switch {
		case c == "":
		case !sectionRef().MatchString(c):
			d.errf(n, "%s cite %q must be a ref like %s or %s.1", what, c, section, section)
		case c != section && !strings.HasPrefix(c, section+"."):
			d.errf(n, "%s cite %q is outside its section %s", what, c, section)
		case slices.Contains(list[:i], c):
			d.errf(n, "%s cite %q is named twice", what, c)
		}
	}
	return list
}
