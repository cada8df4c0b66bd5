package report

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// A question resting on a binding MAS Notice says so in the appendix, with
// the sources it rests on; one resting on the framework's main source alone
// says nothing more (issue 16: sources shown in reports).
func TestHTMLAppendixNamesBindingSources(t *testing.T) {
	out := renderHTML(t, realData(t))
	row := func(id string) string {
		i := strings.Index(out, `<span class="qid">`+id+`</span>`)
		if i < 0 {
			t.Fatalf("no appendix row for %s", id)
		}
		end := strings.Index(out[i:], "</tr>")
		return out[i : i+end]
	}
	r := row("7.7.q5") // notifying MAS within one hour
	for _, want := range []string{`class="source binding"`, "Binding. Rests on:", "MAS Notice on Technology Risk Management", "(binding)", "(guidance)"} {
		if !strings.Contains(r, want) {
			t.Errorf("7.7.q5 row lacks %q:\n%s", want, r)
		}
	}
	if r := row("3.2.q1"); strings.Contains(r, "Rests on") {
		t.Errorf("a guidelines-only question names its source:\n%s", r)
	}
	if r := row("4.1.q1"); strings.Contains(r, "Rests on") {
		t.Errorf("an ISO question resting on the requirements names its source:\n%s", r)
	}
}

// The action plan is ordered by gap × weight, and shows that figure, so a
// gap of 3 on a binding (double-weight) question above a gap of 5 reads
// as intended.
func TestHTMLPlanShowsGapTimesWeight(t *testing.T) {
	out := renderHTML(t, realData(t))
	i := strings.Index(out, `id="plan"`)
	plan := out[i : i+strings.Index(out[i:], "</section>")]
	if !strings.Contains(plan, "Gap × weight</th>") {
		t.Fatal("the plan has no gap × weight column")
	}
	cells := regexp.MustCompile(`<td class="num">([^<]*)</td><td class="num">([^<]*)</td>`).FindAllStringSubmatch(plan, -1)
	if len(cells) == 0 {
		t.Fatal("no plan rows")
	}
	prev := 1e9
	for _, c := range cells {
		if c[2] == "—" {
			continue // an action without a gap, listed last
		}
		var p float64
		if _, err := fmt.Sscan(c[2], &p); err != nil {
			t.Fatalf("priority %q: %v", c[2], err)
		}
		if p > prev {
			t.Errorf("priority %v after %v: the plan is not ordered by gap × weight", p, prev)
		}
		prev = p
	}
}
