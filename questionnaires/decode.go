package questionnaires

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/assaytui/assay/model"
)

// Problem is one thing wrong in a questionnaire file, at a line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is every problem found in one or more files. As an error it reads as
// the first problem and a count of the rest, so it fits on one line.
type Problems []Problem

func (ps Problems) Error() string {
	switch len(ps) {
	case 0:
		return "no problems"
	case 1:
		return ps[0].String()
	default:
		return fmt.Sprintf("%s (and %d more problems; run assay validate on the file)", ps[0].String(), len(ps)-1)
	}
}

// decoder walks a YAML node tree strictly, collecting problems instead of
// stopping at the first, so `assay validate` can list them all.
type decoder struct {
	file     string
	problems Problems
	fw       *model.Framework // the framework being read, for its revision and sources
	replaced []replacedByNode // replaced_by lists, checked once every ID is known
}

func (d *decoder) errf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.problems = append(d.problems, Problem{d.file, line, fmt.Sprintf(format, args...)})
}

// parseYAML reads one YAML document into a node tree, turning a syntax error
// into a problem with its line.
func (d *decoder) parseYAML(data []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		d.problems = append(d.problems, syntaxProblem(d.file, err))
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		d.errf(nil, "the file is empty")
		return nil
	}
	if a := findAlias(&doc); a != nil {
		// Aliases could multiply a small file into a huge tree; plain files need none.
		d.errf(a, "YAML anchors and aliases are not allowed; write the value out")
		return nil
	}
	return doc.Content[0]
}

func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if a := findAlias(c); a != nil {
			return a
		}
	}
	return nil
}

var yamlLine = lazyRegexp(`^yaml: line (\d+): (.*)$`)

func syntaxProblem(file string, err error) Problem {
	msg := strings.TrimSpace(err.Error())
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return Problem{file, line, "not valid YAML: " + m[2]}
	}
	return Problem{file, 0, "not valid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

// fields checks that n is a mapping with only the allowed keys, each once, and
// the required ones present. It returns the value node of every key found.
func (d *decoder) fields(n *yaml.Node, what string, allowed, required []string) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		d.errf(n, "%s must be a mapping of keys to values", what)
		return nil
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(allowed, k.Value):
			d.errf(k, "unknown key %q in %s (allowed: %s)", k.Value, what, strings.Join(allowed, ", "))
		case out[k.Value] != nil:
			d.errf(k, "key %q appears twice in %s", k.Value, what)
		default:
			out[k.Value] = v
		}
	}
	for _, r := range required {
		if out[r] == nil {
			d.errf(n, "%s has no %q", what, r)
		}
	}
	return out
}

// text reads a non-empty scalar; a missing node is reported by fields already.
func (d *decoder) text(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.errf(n, "%s must be text", what)
		return ""
	}
	s := strings.TrimSpace(n.Value)
	if s == "" || n.Tag == "!!null" {
		d.errf(n, "%s is empty", what)
		return ""
	}
	return s
}

// optionalText reads a scalar that may be absent.
func (d *decoder) optionalText(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	return d.text(n, what)
}

func (d *decoder) textList(n *yaml.Node, what string) []string {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errf(n, "%s must be a list", what)
		return nil
	}
	if len(n.Content) == 0 {
		d.errf(n, "%s is an empty list", what)
	}
	var out []string
	for i, item := range n.Content {
		if s := d.text(item, fmt.Sprintf("%s item %d", what, i+1)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (d *decoder) list(n *yaml.Node, what string) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errf(n, "%s must be a list", what)
		return nil
	}
	return n.Content
}

func (d *decoder) boolean(n *yaml.Node, what string) bool {
	if n == nil {
		return false
	}
	switch n.Value {
	case "true":
		return true
	case "false":
		return false
	}
	d.errf(n, "%s must be true or false, not %q", what, n.Value)
	return false
}

// integer reads a whole number between lo and hi.
func (d *decoder) integer(n *yaml.Node, what string, lo, hi int) (int, bool) {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil || v < lo || v > hi {
		d.errf(n, "%s %q must be a whole number from %d to %d", what, n.Value, lo, hi)
		return 0, false
	}
	return v, true
}
