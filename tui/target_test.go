package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

func TestDashboardSetsTargets(t *testing.T) {
	m, a := openTest(t, 120, 40)
	m = press(t, m, "3", "l", "1") // ISO 4.1.q1 = 3, 4.1.q2 = 1
	m = press(t, m, "d", "t")
	mustContain(t, shot(m), "Set a target: LEVEL for the assessment", "Target:")
	m = typeText(t, m, "iso 4 9")
	m = press(t, m, "enter")
	mustContain(t, shot(m), `target "9" is not a level 0-5`)
	m = press(t, m, "esc", "t")
	m = typeText(t, m, "iso 4 5")
	m = press(t, m, "enter")
	v := shot(m)
	mustContain(t, v, "target of iso28000-2022 clause 4 = 5", "target level 3, 1 set per framework or clause", "┃ = the target that applies")
	if l := line(v, "Biggest gaps"); strings.Contains(l, "target 3") {
		t.Errorf("gaps title names one target: %q", l)
	}
	// Both questions of clause 4 are now below 5: 4.1.q2 by 4, 4.1.q1 by 2.
	if l := line(v, "4.1.q2"); !strings.HasSuffix(strings.TrimRight(l, " "), "1      5   4") {
		t.Errorf("gap row: %q", l)
	}
	if l := line(v, "4.1.q1"); !strings.HasSuffix(strings.TrimRight(l, " "), "3      5   2") {
		t.Errorf("gap row: %q", l)
	}
	got, err := m.c.db.st.Get(context.Background(), a.ID)
	if err != nil || len(got.TargetOverrides) != 1 || got.TargetOverrides[0] != (model.TargetOverride{Framework: iso, Section: "4", Level: 5}) {
		t.Fatalf("stored targets %+v, %v", got.TargetOverrides, err)
	}

	m = press(t, m, "t")
	m = typeText(t, m, "mas 4")
	m = press(t, m, "enter", "t")
	m = typeText(t, m, "iso 4 -")
	m = press(t, m, "enter")
	mustContain(t, shot(m), "removed the own target of iso28000-2022 clause 4", "target level 3, 1 set per framework or clause")
	got, _ = m.c.db.st.Get(context.Background(), a.ID)
	if len(got.TargetOverrides) != 1 || got.TargetOverrides[0] != (model.TargetOverride{Framework: "mas-trm-2021", Level: 4}) {
		t.Errorf("stored targets %+v", got.TargetOverrides)
	}
}

func TestParseTarget(t *testing.T) {
	c := testCatalog(t)
	a := model.Assessment{ID: "x", Target: 3, Frameworks: []model.AssessedFramework{{ID: iso}, {ID: "mas-trm-2021"}}}
	for typed, want := range map[string]string{
		"4":                   "/ 4",
		"ISO 5":               "iso28000-2022/ 5",
		"mas-trm 8 2":         "mas-trm-2021/8 2",
		"iso28000-2022 8.1 -": "iso28000-2022/8.1 clear",
		"":                    "error: type LEVEL",
		"-":                   "error: the assessment always has a target",
		"nist 3":              `error: no framework "nist"`,
		"iso 99 3":            "error: iso28000-2022 has no clause 99",
		"iso 8 six":           `error: target "six" is not a level 0-5`,
	} {
		o, clear, err := parseTarget(typed, a, c)
		got := o.Framework + "/" + o.Section + " " + o.Level.String()
		if clear {
			got = o.Framework + "/" + o.Section + " clear"
		}
		if err != nil {
			got = "error: " + err.Error()
		}
		if !strings.HasPrefix(got, want) {
			t.Errorf("parseTarget(%q) = %q, want %q", typed, got, want)
		}
	}
}

// At 80 columns the target prompt's help wraps instead of being cut: the
// last way to type a target ("- for LEVEL clears") is still readable.
func TestTargetPromptHelpWrapsAtEighty(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	m = press(t, m, "d", "t")
	v := shot(m)
	mustContain(t, v, "Set a target: LEVEL for the assessment", "- for LEVEL clears", "Target:")
	mustNotContain(t, v, "LEV…")
	checkFrame(t, m, 80, 24)
}
