package questionnaires

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A broken or clashing file in the user's folder is left out and named, with
// the framework it meant; the good files beside it still load.
func TestLoadAllSkipsBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	demo, _ := os.ReadFile("testdata/valid/demo.yaml")
	os.WriteFile(filepath.Join(dir, "good.yaml"), demo, 0o600)
	os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("schema: 1\nid: mine # ours\ntitle: [oops\n"), 0o600)
	clash := strings.Replace(string(demo), "id: demo-baseline", "id: mas-trm-2021", 1)
	os.WriteFile(filepath.Join(dir, "clash.yaml"), []byte(clash), 0o600)

	cat, broken, err := LoadAll(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cat.Framework("demo-baseline"); !ok {
		t.Error("the good file was not loaded")
	}
	if len(broken) != 2 {
		t.Fatalf("broken = %+v", broken)
	}
	if b := broken[0]; b.Framework != "mine" || !strings.HasPrefix(b.Err.Error(), filepath.Join(dir, "broken.yaml")+":2: not valid YAML") {
		t.Errorf("broken file: %+v", b)
	}
	want := filepath.Join(dir, "clash.yaml") + `:2: framework id "mas-trm-2021" is already loaded from embedded mas-trm-2021.yaml`
	if b := broken[1]; b.Framework != "mas-trm-2021" || !strings.HasPrefix(b.Err.Error(), want) {
		t.Errorf("clash: %+v\nwant %s", b, want)
	}
	if f, _ := cat.Framework("mas-trm-2021"); !strings.HasPrefix(f.Source, "embedded") {
		t.Errorf("the clash replaced the embedded framework: %s", f.Source)
	}
	// Load, for callers that want all or nothing, stops at the first.
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "broken.yaml:2: not valid YAML") {
		t.Errorf("Load = %v", err)
	}
}

// A questionnaire file or folder that cannot be read is one plain line, the
// path and the cause, without Go's "open" or "lstat" in front.
func TestUnreadableFilesArePlainLines(t *testing.T) {
	dir := t.TempDir()
	gone := filepath.Join(dir, "gone.yaml")
	goneCW := filepath.Join(dir, "crosswalk-gone.yaml")
	os.Symlink(filepath.Join(dir, "nowhere"), gone)
	os.Symlink(filepath.Join(dir, "nowhere"), goneCW)

	_, broken, err := LoadAll(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, b := range broken {
		got = append(got, b.Err.Error())
	}
	want := []string{gone + ": no such file or directory", goneCW + ": no such file or directory"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("broken:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	missing := filepath.Join(dir, "missing.yaml")
	if _, err := ReadFile(missing); err == nil || err.Error() != missing+": no such file or directory" {
		t.Errorf("ReadFile = %v", err)
	}
	nope := filepath.Join(dir, "nope")
	if _, err := Load(nope); err == nil || err.Error() != "questionnaires folder: "+nope+": no such file or directory" {
		t.Errorf("Load = %v", err)
	}
}
