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

// isFrameworkFile tells framework files from the crosswalk files beside them.
func isFrameworkFile(name string) bool {
	return strings.HasSuffix(name, ".yaml") && !strings.HasPrefix(filepath.Base(name), "crosswalk-")
}

// Embedded parses the frameworks shipped inside the binary.
func Embedded() ([]*model.Framework, error) {
	names, err := fs.Glob(embedded, "*.yaml")
	if err != nil {
		return nil, err
	}
	var fws []*model.Framework
	for _, name := range names {
		if !isFrameworkFile(name) {
			continue
		}
		data, err := embedded.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, problems := ParseFramework("embedded "+name, data)
		if problems != nil {
			return nil, problems
		}
		fws = append(fws, f)
	}
	return fws, nil
}

// Load returns the embedded frameworks plus every framework file in dir (if dir
// is not empty). A user file that repeats a loaded framework ID is an error.
func Load(dir string) (*model.Catalog, error) {
	fws, err := Embedded()
	if err != nil {
		return nil, fmt.Errorf("built-in questionnaires: %w", err)
	}
	cat, err := model.NewCatalog(fws...)
	if err != nil {
		return nil, err
	}
	if dir == "" {
		return cat, nil
	}
	files, err := frameworkFiles(dir)
	if err != nil {
		return nil, err
	}
	for _, path := range files {
		f, err := ReadFile(path)
		if err != nil {
			return nil, err
		}
		if err := cat.Add(f); err != nil {
			return nil, fmt.Errorf("%s: %w; give your framework an id of its own", path, err)
		}
	}
	return cat, nil
}

// frameworkFiles lists the framework files in a user's folder, sorted.
func frameworkFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("questionnaires folder: %w", unwrapPathError(err))
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && isFrameworkFile(e.Name()) {
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
