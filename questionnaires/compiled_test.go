package questionnaires

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

var update = flag.Bool("update", false, "rewrite the compiled frameworks from the YAML (go generate ./questionnaires)")

// TestCompiledFrameworksAreCurrent checks that every embedded framework has a
// compiled file made from its YAML as it is now, by this code, and no other
// compiled files exist. With -update it writes them.
func TestCompiledFrameworksAreCurrent(t *testing.T) {
	names, err := fs.Glob(embedded, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, name := range names {
		if isCrosswalkFile(name) {
			continue
		}
		data, _ := embedded.ReadFile(name)
		c, err := compileFramework(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want[filepath.FromSlash(compiledName(name))] = c
	}
	have, _ := filepath.Glob(filepath.Join("compiled", "*.bin"))
	if *update {
		for _, p := range have {
			if want[p] == nil {
				os.Remove(p)
			}
		}
		for p, data := range want {
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for _, p := range have {
		if want[p] == nil {
			t.Errorf("%s has no YAML file beside it any more: run go generate ./questionnaires", p)
		}
	}
	for p, data := range want {
		if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s is out of date with its YAML file: run go generate ./questionnaires", p)
		}
	}
}

// TestCompiledFrameworksLoadAsParsed reads every embedded framework both ways
// and compares them field by field.
func TestCompiledFrameworksLoadAsParsed(t *testing.T) {
	names, _ := fs.Glob(embedded, "*.yaml")
	for _, name := range names {
		if isCrosswalkFile(name) {
			continue
		}
		data, _ := embedded.ReadFile(name)
		parsed, problems := ParseFramework("embedded "+name, data)
		if problems != nil {
			t.Fatal(problems)
		}
		c, err := compileFramework(name, data)
		if err != nil {
			t.Fatal(err)
		}
		loaded := new(model.Framework)
		if err := unpack(bytes.TrimPrefix(c, compiledKey(data)), loaded); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		loaded.Index()
		if !reflect.DeepEqual(parsed, loaded) {
			t.Errorf("%s: compiled form loads differently from the YAML", name)
		}
		if q := loaded.Questions()[0]; q.Section == nil || q.Section.Parent == nil && len(loaded.Sections[0].Sections) > 0 {
			t.Errorf("%s: links from questions to sections not rebuilt", name)
		}
	}
}

// TestStaleCompiledFileFallsBackToYAML changes one byte of the YAML: the key
// no longer matches, so the framework is parsed, with the change.
func TestStaleCompiledFileFallsBackToYAML(t *testing.T) {
	data, _ := embedded.ReadFile("iso28000-2022.yaml")
	edited := bytes.Replace(data, []byte("title: "), []byte("title: Edited "), 1)
	f, problems := loadEmbeddedFramework("iso28000-2022.yaml", edited)
	if problems != nil {
		t.Fatal(problems)
	}
	if !strings.HasPrefix(f.Title, "Edited ") {
		t.Errorf("title %q: the stale compiled file was used", f.Title)
	}
}
