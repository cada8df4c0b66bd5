package questionnaires

import (
	"os"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

func TestLoadUserCrosswalk(t *testing.T) {
	cat, err := Load("testdata/crosswalk")
	if err != nil {
		t.Fatal(err)
	}
	cw, ok := cat.Crosswalk("demo-other", "demo-baseline")
	if !ok {
		t.Fatal("crosswalk not loaded")
	}
	if len(cw.Themes) != 2 || len(cw.OnlyIn) != 2 || cw.Frameworks != [2]string{"demo-baseline", "demo-other"} {
		t.Errorf("crosswalk = %+v", cw)
	}
	if cw.Themes[1].Strength != model.NoMatch || len(cw.Themes[1].Refs["demo-other"]) != 0 {
		t.Errorf("theme 2 = %+v", cw.Themes[1])
	}
}

func TestBrokenCrosswalk(t *testing.T) {
	_, err := Load("testdata/crosswalk-broken")
	ps, ok := err.(Problems)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	all := ""
	for _, p := range ps {
		all += p.String() + "\n"
	}
	for _, want := range []string{
		`crosswalk-broken.yaml:11: theme governance strength "strong" must be equivalent, partial or none`,
		`crosswalk-broken.yaml:14: theme governance refs of demo-baseline: demo-baseline has no section "1.9"`,
		`crosswalk-broken.yaml:16: theme "governance" appears twice`,
		`crosswalk-broken.yaml:23: theme governance has no demo-other refs, so its strength must be none`,
		`crosswalk-broken.yaml:24: theme "finance" is not one of`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
	if strings.Contains(all, "has no demo-baseline refs") {
		t.Errorf("an invalid ref also reported as an empty side:\n%s", all)
	}
}

func TestCrosswalkMustCoverEverySection(t *testing.T) {
	cat, err := LoadFrameworks("testdata/crosswalk")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile("testdata/crosswalk/crosswalk-demo.yaml")
	// Drop the only_in entries: Keys (K) and the annex (A) are then uncovered.
	cut := string(data[:strings.Index(string(data), "only_in:")])
	_, ps := ParseCrosswalk("cut.yaml", []byte(cut), cat)
	all := ""
	for _, p := range ps {
		all += p.String() + "\n"
	}
	for _, want := range []string{
		"cut.yaml:8: demo-baseline section A (Annex A: Optional extras) is in no theme and no only_in entry",
		"cut.yaml:8: demo-other section K (Keys) is in no theme and no only_in entry",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
	if len(ps) != 2 {
		t.Errorf("%d problems, want 2:\n%s", len(ps), all)
	}
}

func TestCrosswalkNeedsLoadedFrameworks(t *testing.T) {
	cat, _ := LoadFrameworks("")
	data, _ := os.ReadFile("testdata/crosswalk/crosswalk-demo.yaml")
	_, ps := ParseCrosswalk("x.yaml", data, cat)
	if len(ps) != 1 || !strings.Contains(ps[0].String(), `x.yaml:5: framework "demo-baseline" is not loaded`) {
		t.Errorf("problems = %v", ps)
	}
}

func TestIsCrosswalk(t *testing.T) {
	for data, want := range map[string]bool{"kind: crosswalk\n": true, "schema: 1\nid: x\n": false, "[not yaml": false} {
		if IsCrosswalk([]byte(data)) != want {
			t.Errorf("IsCrosswalk(%q) != %v", data, want)
		}
	}
}

// TestEmbeddedCrosswalk checks the shipped crosswalk against the shipped
// frameworks: with every ISO answer 4 and every MAS answer 2, every theme with
// questions on both sides differs by exactly +2.0, and N/A changes nothing.
func TestEmbeddedCrosswalk(t *testing.T) {
	cat, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	cw, ok := cat.Crosswalk("iso28000-2022", "mas-trm-2021")
	if !ok {
		t.Fatal("no embedded crosswalk")
	}
	if cw.Frameworks[0] != "iso28000-2022" || len(cw.Themes) < 8 || len(cw.OnlyIn) == 0 {
		t.Fatalf("crosswalk = %s, %d themes, %d only-in", cw.Frameworks, len(cw.Themes), len(cw.OnlyIn))
	}
	as := model.Answers{}
	for _, f := range cat.Frameworks() {
		l := model.Level(4)
		if f.ID == "mas-trm-2021" {
			l = 2
		}
		for i, q := range f.Questions() {
			if i%7 == 3 {
				as[model.Key{Framework: f.ID, Question: q.ID}] = model.Answer{Level: model.NotApplicable}
				continue
			}
			as[model.Key{Framework: f.ID, Question: q.ID}] = model.Answer{Level: l}
		}
	}
	both := 0
	for _, ts := range model.CompareThemes(cw, cat, as).Themes {
		diff, ok := ts.Difference()
		if len(ts.Sides[0].Questions) > 0 && len(ts.Sides[1].Questions) > 0 {
			both++
			if !ok || diff != 2 {
				t.Errorf("%s: difference %v %v, want +2.0", ts.Theme.ID, diff, ok)
			}
		}
	}
	if both < 8 {
		t.Errorf("only %d themes have questions on both sides", both)
	}
}

func FuzzParseCrosswalk(f *testing.F) {
	cat, err := LoadFrameworks("testdata/crosswalk")
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range []string{"testdata/crosswalk/crosswalk-demo.yaml", "testdata/crosswalk-broken/crosswalk-broken.yaml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cw, ps := ParseCrosswalk("fuzz.yaml", data, cat)
		if (cw == nil) == (ps == nil) {
			t.Fatalf("want exactly one of crosswalk and problems: %v %v", cw, ps)
		}
		if cw == nil {
			return
		}
		// A crosswalk that passed covers every question of both frameworks.
		for _, id := range cw.Frameworks {
			f, _ := cat.Framework(id)
			for _, q := range f.Questions() {
				covered := false
				for _, th := range cw.Themes {
					covered = covered || anyCovers(th.Refs[id], q.Ref)
				}
				for _, o := range cw.OnlyIn {
					covered = covered || (o.Framework == id && anyCovers(o.Refs, q.Ref))
				}
				if !covered {
					t.Fatalf("accepted crosswalk leaves %s %s uncovered", id, q.ID)
				}
			}
		}
	})
}
