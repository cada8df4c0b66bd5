package questionnaires

// Content rules of issue 16, checked on every asked question of the embedded
// frameworks (see FORMAT.md, "What the levels mean"): level 3 joins at most
// three conditions and says "all in-scope X, with justified exceptions" rather
// than "every X"; a question that may not apply says when N/A is right and what
// the reason must state; sources are declared and binding duties are tagged;
// a retired question names what replaced it.

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

const maxLevel3Conditions = 3

var (
	parenthetical       = regexp.MustCompile(`\([^)]*\)`)
	justifiedExceptions = regexp.MustCompile(`(?i),?\s*with justified exceptions\s*,?`)
	// Conditions are the parts a descriptor joins with commas, semicolons,
	// "and" or "as well as". A list of nouns counts item by item, which is
	// deliberate: a level that needs many things met is several questions.
	conditionSep = regexp.MustCompile(`(?i)\s*(?:[,;]|\band\b|\bas well as\b)\s*`)
	everyWord    = regexp.MustCompile(`(?i)\bevery\b`)
	// "N/A ... reason" or "N/A ... note" within one sentence.
	naGuidance = regexp.MustCompile(`\bN/A\b[^.]*\b(reason|note)\b`)
	// A MAS notice, as opposed to the guidelines ("Notice 644", "the Notice").
	noticeMention = regexp.MustCompile(`\bNotice\b`)
)

// level3Conditions counts the conditions a level-3 descriptor joins, leaving
// out examples in parentheses and the "with justified exceptions" qualifier.
func level3Conditions(d string) int {
	d = parenthetical.ReplaceAllString(d, " ")
	d = justifiedExceptions.ReplaceAllString(d, " ")
	d = strings.TrimSuffix(strings.TrimSpace(d), ".")
	n := 0
	for _, part := range conditionSep.Split(d, -1) {
		if strings.TrimSpace(part) != "" {
			n++
		}
	}
	return n
}

// checkLevelRules applies issue 16's content rules to the asked questions.
func checkLevelRules(f *model.Framework, rules contentRules, asked []placedQuestion) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, f.ID+": "+fmt.Sprintf(format, args...)) }
	mayNotApply := map[string]bool{}
	for _, id := range rules.mayNotApply {
		mayNotApply[id] = true
	}
	if len(f.Sources) == 0 {
		add("declares no sources; say where its requirements come from (FORMAT.md, Sources)")
	}
	for _, pq := range asked {
		q := pq.q
		l3 := strings.TrimSpace(q.Levels[3])
		if n := level3Conditions(l3); n > maxLevel3Conditions {
			add("%s: level 3 descriptor joins %d conditions; keep it to %d and split the question if it needs more", q.ID, n, maxLevel3Conditions)
		}
		if everyWord.MatchString(l3) && !justifiedExceptions.MatchString(l3) {
			add("%s: level 3 descriptor says \"every\"; write \"all in-scope …, with justified exceptions\"", q.ID)
		}
		if (mayNotApply[q.ID] || pq.top.Optional) && !naGuidance.MatchString(q.Guidance) {
			add("%s: may not apply, so its guidance must say when N/A is right and what the reason must state (\"N/A … reason …\")", q.ID)
		}
		if noticeMention.MatchString(q.Text+" "+q.Guidance) && !f.Binding(q) {
			add("%s: mentions a Notice but rests on no binding source; tag it with source:", q.ID)
		}
	}
	for id := range mayNotApply {
		if q, ok := f.Question(id); !ok || q.Retired {
			out = append(out, fmt.Sprintf("%s: %s is listed as may-not-apply but is not an asked question", f.ID, id))
		}
	}
	for _, q := range f.Retired() {
		if len(q.ReplacedBy) == 0 {
			out = append(out, fmt.Sprintf("%s: %s is retired without replaced_by; name the questions that ask it now", f.ID, q.ID))
		}
	}
	return out
}

func TestLevel3Conditions(t *testing.T) {
	for d, want := range map[string]int{
		"An approved policy is reviewed every year.":                                             1,
		"Roles are documented, communicated and understood.":                                     3,
		"Roles, responsibilities and authorities are documented, communicated and understood.":   5,
		"All in-scope sites, with justified exceptions, have tested plans.":                      1,
		"Plans cover the main scenarios (theft, tampering, intrusion and fraud) and are tested.": 2,
		"Inventory; need-based grants; MFA as well as vaulting.":                                 4,
	} {
		if got := level3Conditions(d); got != want {
			t.Errorf("level3Conditions(%q) = %d, want %d", d, got, want)
		}
	}
}
