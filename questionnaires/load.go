// Package questionnaires reads framework files: the ones embedded in assay and
// any the user keeps in a folder of their own.
package questionnaires

import (
	"embed"
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
		data, err := embedded.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, problems := loadEmbeddedFramework(name, data)
		if problems != nil {
			return nil, problems
		}
		fws = append(fws, f)
	}
	return fws, nil
}

// Load returns the embedded frameworks and crosswalks plus every file in dir
// (if dir is not empty): frameworks first, then the crosswalks between them. A
// user file that repeats a loaded framework ID is an error.
func Load(dir string) (*model.Catalog, error) {
	cat, crosswalks, err := loadFrameworks(dir)
	if err != nil {
		return nil, err
	}
	names, _ := fs.Glob(embedded, "crosswalk-*.yaml")
	for _, name := range names {
		data, _ := embedded.ReadFile(name)
		if err := addCrosswalk(cat, "embedded "+name, data); err != nil {
			return nil, fmt.Errorf("built-in crosswalk: %w", err)
		}
	}
	for _, path := range crosswalks {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, unwrapPathError(err)
		}
		if err := addCrosswalk(cat, path, data); err != nil {
			return nil, err
		}
	}
	return cat, nil
}

// LoadFrameworks is Load without the crosswalks: what a crosswalk file is
// checked against.
func LoadFrameworks(dir string) (*model.Catalog, error) {
	cat, _, err := loadFrameworks(dir)
	return cat, err
}

// loadFrameworks loads the embedded frameworks and the user's, and returns the
// user's crosswalk files for later.
func loadFrameworks(dir string) (cat *model.Catalog, crosswalks []string, err error) {
	fws, err := Embedded()
	if err != nil {
		return nil, nil, fmt.Errorf("built-in questionnaires: %w", err)
	}
	if cat, err = model.NewCatalog(fws...); err != nil {
		return nil, nil, err
	}
	if dir == "" {
		return cat, nil, nil
	}
	files, err := yamlFiles(dir)
	if err != nil {
		return nil, nil, err
	}
	for _, path := range files {
		if isCrosswalkFile(path) {
			crosswalks = append(crosswalks, path)
			continue
		}
		f, err := ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		if err := cat.Add(f); err != nil {
			return nil, nil, fmt.Errorf("%s: %w; give your framework an id of its own", path, err)
		}
	}
	return cat, crosswalks, nil
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
		return nil, fmt.Errorf("questionnaires folder: %w", unwrapPathError(err))
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
		return nil, unwrapPathError(err)
	}
	f, problems := ParseFramework(path, data)
	if problems != nil {
		return nil, problems
	}
	return f, nil
}

// unwrapPathError keeps "open X: no such file" readable without Go's "open" verb noise.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}
