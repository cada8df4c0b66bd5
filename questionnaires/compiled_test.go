package questionnaires

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/assaytui/assay/model"
)

var update = flag.Bool("update", false, "rewrite compiled/embedded.bin from the YAML (go generate ./questionnaires)")

// TestCompiledFileIsCurrent checks that compiled/embedded.bin is what the
// embedded YAML compiles to now, by this code. With -update it writes it.
func TestCompiledFileIsCurrent(t *testing.T) {
	want, err := compileEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("compiled", "embedded.bin")
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s is out of date with the YAML files beside it: run go generate ./questionnaires", path)
	}
}

// TestCompiledLoadsAsParsed loads every embedded file both ways, from the
// compiled file and from the YAML, and compares them field by field.
func TestCompiledLoadsAsParsed(t *testing.T) {
	names, _ := fs.Glob(embedded, "*.yaml")
	seen := 0
	_, err := parseEmbeddedYAML(names, func(name, key string, parsed any) error {
		seen++
		body, ok := compiled(name, key)
		if !ok {
			t.Fatalf("%s: no current compiled entry (run go generate ./questionnaires)", name)
		}
		switch parsed := parsed.(type) {
		case *model.Framework:
			loaded := new(model.Framework)
			if err := unpack(body, loaded); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			loaded.Index()
			if !reflect.DeepEqual(parsed, loaded) {
				t.Errorf("%s: the compiled form loads differently from the YAML", name)
			}
			if q := loaded.Questions()[0]; q.Section == nil || q.Section.Parent == nil && len(loaded.Sections[0].Sections) > 0 {
				t.Errorf("%s: links from questions to sections not rebuilt", name)
			}
		case *model.Crosswalk:
			loaded := new(model.Crosswalk)
			if err := unpack(body, loaded); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !reflect.DeepEqual(parsed, loaded) {
				t.Errorf("%s: the compiled form loads differently from the YAML", name)
			}
		default:
			t.Fatalf("%s: parsed into %T", name, parsed)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != len(names) {
		t.Errorf("compared %d of %d embedded files", seen, len(names))
	}
}

// TestStaleEntriesAreNotUsed: an entry whose key does not match the YAML (it
// was edited after the last go generate) is passed over, so the YAML is parsed.
func TestStaleEntriesAreNotUsed(t *testing.T) {
	name := "iso28000-2022.yaml"
	if _, ok := compiled(name, frameworkKey(name)); !ok {
		t.Fatal("no current entry to start from")
	}
	if _, ok := compiled(name, frameworkKey(name)+"x"); ok {
		t.Error("an entry was used with another key")
	}
	if _, ok := compiled(name, ""); ok {
		t.Error("an entry was used for a file that could not be read")
	}
	if a, b := compiledKey(reflect.TypeFor[model.Framework](), name), compiledKey(reflect.TypeFor[model.Crosswalk](), name); a == b {
		t.Error("the model's shape is not part of the key")
	}
}
