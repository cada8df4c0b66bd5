// Package questionnaires reads framework files: the ones embedded in assay and
// any the user keeps in a folder of their own.
package questionnaires

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/assaytui/assay/model"
)

//go:embed *.yaml
var embedded embed.FS

// isCrosswalkFile tells crosswalk files from the framework files beside them.
func isCrosswalkFile(name string) bool {
	return strings.HasPrefix(filepath.Base(name), "crosswalk-")
}

// Embedded parses the frameworks shipped inside the binary.
func Embedded() ([]*model.Framework, error) {
	names, err := fs.Glob(embedded, "*.yaml")
	if err != nil {
		return nil, err
	}
	var fws []*model.Framework
	for _, name := range names {
		if isCrosswalkFile(name) {
			continue
		}
		f, err := loadEmbeddedFramework(name)
		if err != nil {
			return nil, err
		}
		fws = append(fws, f)
	}
	return fws, nil
}

// Load returns the embedded frameworks and crosswalks plus every file in dir
// (if dir is not empty): frameworks first, then the crosswalks between them. A
// user file that is broken, or repeats a loaded framework ID, is an error.
func Load(dir string) (*model.Catalog, error) {
	cat, broken, err := LoadAll(dir)
	if err != nil {
		return nil, err
	}
	if len(broken) > 0 {
		return nil, broken[0].Err
	}
	return cat, nil
}

// Broken is a file in the user's folder that could not be loaded.
type Broken struct {
	Path string
	// Framework is the id the file declares, if that much could be read: which
	// framework is missing because of it. "" for a crosswalk or an unreadable id.
	Framework string
	Err       error // Problems (file:line) where the file itself is at fault
}

// LoadAll is Load that goes on past broken files in dir: they are left out
// of the catalog and listed, so commands that do not need them still run.
// A folder that cannot be read, or broken embedded files, are still errors.
func LoadAll(dir string) (*model.Catalog, []Broken, error) {
	cat, crosswalks, broken, err := loadFrameworks(dir)
	if err != nil {
		return nil, nil, err
	}
	names, _ := fs.Glob(embedded, "crosswalk-*.yaml")
	for _, name := range names {
		if err := addEmbeddedCrosswalk(cat, name); err != nil {
			return nil, nil, fmt.Errorf("built-in crosswalk: %w", err)
		}
	}
	for _, path := range crosswalks {
		data, err := os.ReadFile(path)
		if err == nil {
			err = addCrosswalk(cat, path, data)
		}
		if err != nil {
			broken = append(broken, Broken{Path: path, Err: plainPath(err)})
		}
	}
	return cat, broken, nil
}

// LoadFrameworks is Load without the crosswalks: what a crosswalk file is
// checked against.
func LoadFrameworks(dir string) (*model.Catalog, error) {
	cat, _, broken, err := loadFrameworks(dir)
	if err == nil && len(broken) > 0 {
		err = broken[0].Err
	}
	return cat, err
}

// loadFrameworks loads the embedded frameworks and the user's, and returns the
// user's crosswalk files for later and the framework files it could not load.
func loadFrameworks(dir string) (cat *model.Catalog, crosswalks []string, broken []Broken, err error) {
	fws, err := Embedded()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("built-in questionnaires: %w", err)
	}
	if cat, err = model.NewCatalog(fws...); err != nil {
		return nil, nil, nil, err
	}
	if dir == "" {
		return cat, nil, nil, nil
	}
	files, err := yamlFiles(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, path := range files {
		if isCrosswalkFile(path) {
			crosswalks = append(crosswalks, path)
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			broken = append(broken, Broken{Path: path, Err: plainPath(err)})
			continue
		}
		id, line := declaredID(data)
		f, problems := ParseFramework(path, data)
		if problems != nil {
			broken = append(broken, Broken{Path: path, Framework: id, Err: problems})
			continue
		}
		if err := cat.Add(f); err != nil {
			broken = append(broken, Broken{Path: path, Framework: id,
				Err: Problems{{File: path, Line: line, Msg: err.Error() + "; give your framework an id of its own"}}})
		}
	}
	return cat, crosswalks, broken, nil
}

// declaredID finds the top-level "id:" line of a framework file without
// parsing it, so even a file with broken YAML says which framework it meant.
func declaredID(data []byte) (id string, line int) {
	for i, l := range strings.Split(string(data), "\n") {
		v, ok := strings.CutPrefix(l, "id:")
		if !ok {
			continue
		}
		v, _, _ = strings.Cut(v, " #")
		return strings.Trim(strings.TrimSpace(v), `"'`), i + 1
	}
	return "", 0
}

func addCrosswalk(cat *model.Catalog, name string, data []byte) error {
	cw, problems := ParseCrosswalk(name, data, cat)
	if problems != nil {
		return problems
	}
	if err := cat.AddCrosswalk(cw); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// yamlFiles lists the *.yaml files in a user's folder, sorted.
func yamlFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("questionnaires folder: %w", plainPath(err))
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".yaml") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}

// ReadFile reads and parses one framework file from disk.
func ReadFile(path string) (*model.Framework, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, plainPath(err)
	}
	f, problems := ParseFramework(path, data)
	if problems != nil {
		return nil, problems
	}
	return f, nil
}

// plainPath turns Go's "open PATH: CAUSE" into "PATH: CAUSE", the one line a
// user reads; other errors pass unchanged.
func plainPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}
