package questionnaires

import (
	"strings"
	"testing"
)

// citeFixture is a framework whose questions cite their section and a
// paragraph inside it; each case below breaks one cite.
const citeFixture = `schema: 1
id: demo-cites
title: Demo Cites
version: "1"
publisher: assay project
notice: A small framework for the cite tests, in the project's own words.
sections:
  - ref: "4"
    title: Controls
    sections:
      - ref: "4.2"
        title: Network
        questions:
          - id: 4.2.q1
            text: How well is the network split into zones?
            guidance: Look for a zone model.
            evidence: [network diagram]
            levels: {0: None., 1: Flat., 2: Some zones., 3: Zoned., 4: Tested., 5: Improved.}
            cite: ["4.2", "4.2.7"]
`

func TestCites(t *testing.T) {
	f, ps := ParseFramework("c.yaml", []byte(citeFixture))
	if ps != nil {
		t.Fatalf("problems: %v", ps)
	}
	q, _ := f.Question("4.2.q1")
	if strings.Join(q.Cites, " ") != "4.2 4.2.7" {
		t.Errorf("cites = %q", q.Cites)
	}

	for _, tc := range []struct{ name, cite, want string }{
		{"another section", `["4.3.1"]`, `c.yaml:19: question 4.2.q1 cite "4.3.1" is outside its section 4.2`},
		{"a prefix that is not a parent", `["4.21"]`, `cite "4.21" is outside its section 4.2`},
		{"the parent section", `["4"]`, `cite "4" is outside its section 4.2`},
		{"not a ref", `["para 4.2.1"]`, `cite "para 4.2.1" must be a ref like 4.2 or 4.2.1`},
		{"named twice", `["4.2.7", "4.2.7"]`, `cite "4.2.7" is named twice`},
		{"empty list", `[]`, `question 4.2.q1 cite is an empty list`},
		{"not a list", `"4.2"`, `question 4.2.q1 cite`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			broken := strings.Replace(citeFixture, `cite: ["4.2", "4.2.7"]`, "cite: "+tc.cite, 1)
			f, ps := ParseFramework("c.yaml", []byte(broken))
			if f != nil {
				t.Fatalf("accepted cite %s", tc.cite)
			}
			all := ""
			for _, p := range ps {
				all += p.String() + "\n"
			}
			if !strings.Contains(all, tc.want) {
				t.Errorf("want a problem containing %q, got:\n%s", tc.want, all)
			}
		})
	}
}
