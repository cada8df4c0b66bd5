package questionnaires

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

func TestValidFixture(t *testing.T) {
	f, err := ReadFile("testdata/valid/demo.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != "demo-baseline" || f.Name() != "Demo" || len(f.Sections) != 3 {
		t.Fatalf("framework = %s %q, %d sections", f.ID, f.Name(), len(f.Sections))
	}
	if got := len(f.Questions()); got != 5 {
		t.Errorf("questions = %d, want 5", got)
	}
	q, ok := f.Question("1.1.q2")
	if !ok {
		t.Fatal("1.1.q2 missing")
	}
	if q.Ref != "1.1" || q.Weight != 2 || q.Title != "Ownership — deputies" || len(q.Evidence) != 2 {
		t.Errorf("1.1.q2 = %+v", q)
	}
	if q.Levels[3] != "A trained deputy is named and documented." {
		t.Errorf("level 3 descriptor = %q", q.Levels[3])
	}
	if q1, _ := f.Question("1.1.q1"); q1.Title != "Ownership" || q1.Weight != 1 {
		t.Errorf("title should default to the section's and weight to 1: %q %v", q1.Title, q1.Weight)
	}
	if s, _ := f.Section("A"); !s.Optional {
		t.Error("annex not optional")
	}
	if f.Scale != model.DefaultScale {
		t.Error("default scale not applied")
	}
	if f.Profile["scope"] != "Trying out assay." {
		t.Errorf("profile = %v", f.Profile)
	}
}

func TestInvalidFixtures(t *testing.T) {
	tests := map[string]string{
		"unknown-key.yaml":           `:14: unknown key "evidance" in a question in section 1`,
		"duplicate-id.yaml":          `:16: question id "1.q1" is already used on line 11`,
		"bad-id.yaml":                `:11: question id "2.q1" must be its section ref, ".q" and a number from 1 (like 1.q1)`,
		"missing-level.yaml":         `:16: question 1.q1 levels has no "4"`,
		"questions-on-non-leaf.yaml": `:20: section 1 has both sub-sections and questions`,
		"missing-notice.yaml":        `:1: the framework has no "notice"`,
		"malformed.yaml":             `:12: not valid YAML`,
		"bad-ref.yaml":               `:11: ref "2.1" is inside section 1, so it must start with "1."`,
	}
	for file, want := range tests {
		t.Run(file, func(t *testing.T) {
			path := filepath.Join("testdata/invalid", file)
			f, err := ReadFile(path)
			if f != nil || err == nil {
				t.Fatalf("accepted %s", file)
			}
			ps, ok := err.(Problems)
			if !ok {
				t.Fatalf("error %T: %v", err, err)
			}
			var found bool
			for _, p := range ps {
				if strings.Contains(p.String(), path+want) {
					found = true
				}
			}
			if !found {
				t.Errorf("problems:\n%v\nwant one containing %q", ps, path+want)
			}
		})
	}
}

func TestEveryProblemIsReported(t *testing.T) {
	data := []byte(`schema: 2
id: Bad_ID
title: ""
version: "1"
publisher: p
notice: n
colour: red
sections:
  - ref: "1"
    title: One
    questions:
      - id: 1.q0
        text: Q?
        guidance: G.
        evidence: []
        levels: {0: a, 1: b, 2: c, 3: d, 4: e, 5: ""}
        weight: -1
        themes: [governance, finance]
`)
	_, ps := ParseFramework("x.yaml", data)
	want := []string{
		`x.yaml:7: unknown key "colour"`,
		`x.yaml:1: schema "2" is not supported`,
		`x.yaml:3: title is empty`,
		`x.yaml:2: id "Bad_ID" must be lower-case`,
		`x.yaml:12: question id "1.q0" must be`,
		`x.yaml:15: question 1.q0 evidence is an empty list`,
		`x.yaml:16: question 1.q0 level 5 is empty`,
		`x.yaml:17: question 1.q0 weight "-1"`,
		`x.yaml:18: question 1.q0 theme "finance" is not one of`,
	}
	all := ""
	for _, p := range ps {
		all += p.String() + "\n"
	}
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("missing %q in:\n%s", w, all)
		}
	}
}

func TestProblemsAsOneLine(t *testing.T) {
	_, err := ReadFile("testdata/invalid/duplicate-id.yaml")
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error spans lines: %q", err)
	}
}

func TestAliasesRefused(t *testing.T) {
	data := []byte("schema: 1\nid: a\ntitle: &t T\nversion: '1'\npublisher: *t\nnotice: n\nsections: []\n")
	_, ps := ParseFramework("a.yaml", data)
	if len(ps) == 0 || !strings.Contains(ps[0].String(), "a.yaml:3: YAML anchors and aliases are not allowed") {
		t.Errorf("problems = %v", ps)
	}
}

func TestEmbeddedFrameworksPassTheValidator(t *testing.T) {
	fws, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if len(fws) == 0 {
		t.Fatal("no embedded frameworks")
	}
	for _, f := range fws {
		if len(f.Questions()) == 0 {
			t.Errorf("%s has no questions", f.ID)
		}
	}
}

func TestLoadUserFolder(t *testing.T) {
	cat, err := Load("testdata/valid")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cat.Framework("demo-baseline"); !ok {
		t.Error("user framework not loaded")
	}
	embedded, _ := Embedded()
	if got := len(cat.Frameworks()); got != len(embedded)+1 {
		t.Errorf("catalog has %d frameworks, want embedded %d + 1", got, len(embedded))
	}
}

func TestLoadRefusesClashingIDs(t *testing.T) {
	_, err := Load("testdata/clash")
	if err == nil || !strings.Contains(err.Error(), `framework id "demo-baseline" is already loaded from testdata/clash/demo-again.yaml`) {
		t.Errorf("err = %v", err)
	}
	dir := t.TempDir()
	embedded, _ := Embedded()
	data, _ := os.ReadFile("testdata/valid/demo.yaml")
	data = []byte(strings.Replace(string(data), "id: demo-baseline", "id: "+embedded[0].ID, 1))
	os.WriteFile(filepath.Join(dir, "mine.yaml"), data, 0o600)
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "already loaded from embedded") {
		t.Errorf("clash with embedded: %v", err)
	}
}

func TestLoadMissingFolder(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope"))
	if err == nil || !strings.Contains(err.Error(), "no such file or directory") {
		t.Errorf("err = %v", err)
	}
}

func FuzzParseFramework(f *testing.F) {
	for _, p := range []string{"testdata/valid/demo.yaml", "testdata/invalid/malformed.yaml", "testdata/invalid/duplicate-id.yaml", revisedFixture} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, ps := ParseFramework("fuzz.yaml", data)
		if (fw == nil) == (ps == nil) {
			t.Fatalf("want exactly one of framework and problems: %v %v", fw, ps)
		}
		for _, p := range ps {
			if p.Msg == "" {
				t.Fatal("problem without a message")
			}
		}
		if fw != nil {
			for _, q := range append(fw.Questions(), fw.Retired()...) {
				if q.Section == nil || !strings.HasPrefix(q.ID, q.Ref+".q") {
					t.Fatalf("question %q not linked to its section", q.ID)
				}
				if got, ok := fw.Question(q.ID); !ok || got != q {
					t.Fatalf("question %q does not resolve by ID", q.ID)
				}
			}
			for _, q := range fw.Retired() {
				for _, id := range q.ReplacedBy {
					if r, ok := fw.Question(id); !ok || r.Retired {
						t.Fatalf("%s replaced by %s, which is missing or retired", q.ID, id)
					}
				}
			}
			for _, q := range fw.Questions() {
				if q.Retired || q.AddedIn > fw.Revision || q.RewordedIn > fw.Revision {
					t.Fatalf("question %q: retired %v, added %d, reworded %d at revision %d", q.ID, q.Retired, q.AddedIn, q.RewordedIn, fw.Revision)
				}
			}
		}
	})
}
