package questionnaires

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"reflect"
	"sort"
	"sync"

	_ "embed"

	"github.com/assaytui/assay/model"
)

// The embedded questionnaires also ship compiled: parsed and checked once,
// when the YAML changes, into the compact form of codec.go, which loads in a
// fraction of the time YAML parsing takes. The YAML stays the only thing
// anyone edits: go generate ./questionnaires writes compiled/embedded.bin.
//
// Each file's entry starts with a key: the length and CRC-32C of the YAML it
// was made from (for a crosswalk, of every embedded file, since it is checked
// against the frameworks) and of the model's shape. An entry whose key does
// not match is ignored and the YAML parsed instead, so a stale file can slow
// a start but never change what loads; TestCompiledFileIsCurrent fails until
// it is regenerated.
//
//go:generate go test -run ^TestCompiledFileIsCurrent$ . -args -update

//go:embed compiled/embedded.bin
var compiledFile string

// compiledMagic starts the compiled file; change it when the form changes.
const compiledMagic = "assay compiled questionnaires 1\n"

// compiledEntry is one embedded YAML file, compiled.
type compiledEntry struct{ key, body string }

// compiledEntries reads the compiled file's table of entries, by YAML file
// name; a damaged file reads as no entries.
var compiledEntries = sync.OnceValue(func() map[string]compiledEntry {
	out := map[string]compiledEntry{}
	if len(compiledFile) < len(compiledMagic) || compiledFile[:len(compiledMagic)] != compiledMagic {
		return out
	}
	d := &unpacker{data: compiledFile[len(compiledMagic):]}
	for d.err == nil && d.data != "" {
		var name string
		var e compiledEntry
		for _, s := range []*string{&name, &e.key, &e.body} {
			n := d.count(1)
			*s, d.data = d.data[:n], d.data[n:]
		}
		out[name] = e
	}
	if d.err != nil {
		return map[string]compiledEntry{}
	}
	return out
})

// compiledKey is the key of an embedded file: its own bytes' sum, then those
// of the files it is checked against, then the shape of what it compiles to.
func compiledKey(shapeOf reflect.Type, names ...string) string {
	var key []byte
	for _, name := range names {
		sum, ok := embeddedSums()[name]
		if !ok {
			return ""
		}
		key = append(key, sum...)
	}
	s := shape(shapeOf)
	key = binary.AppendUvarint(key, uint64(len(s)))
	return string(binary.LittleEndian.AppendUint32(key, crc32.ChecksumIEEE([]byte(s))))
}

// embeddedSums is the length and CRC-32C of every embedded YAML file, worked
// out once.
var embeddedSums = sync.OnceValue(func() map[string]string {
	sums := map[string]string{}
	names, _ := fs.Glob(embedded, "*.yaml")
	buf := make([]byte, 32<<10)
	castagnoli := crc32.MakeTable(crc32.Castagnoli) // here, not at start-up: 0.2 ms
	for _, name := range names {
		f, err := embedded.Open(name)
		if err != nil {
			continue
		}
		h := crc32.New(castagnoli)
		n, err := io.CopyBuffer(h, f, buf)
		f.Close()
		if err == nil {
			sums[name] = string(binary.LittleEndian.AppendUint32(binary.AppendUvarint(nil, uint64(n)), h.Sum32()))
		}
	}
	return sums
})

func frameworkKey(name string) string {
	return compiledKey(reflect.TypeFor[model.Framework](), name)
}

// crosswalkKey covers the crosswalk and every embedded framework, which the
// crosswalk is checked against.
func crosswalkKey(name string) string {
	names := []string{name}
	all, _ := fs.Glob(embedded, "*.yaml")
	for _, n := range all {
		if !isCrosswalkFile(n) {
			names = append(names, n)
		}
	}
	return compiledKey(reflect.TypeFor[model.Crosswalk](), names...)
}

// compiled finds the entry of an embedded file whose key matches.
func compiled(name, key string) (string, bool) {
	e, ok := compiledEntries()[name]
	if !ok || key == "" || e.key != key {
		return "", false
	}
	return e.body, true
}

// loadEmbeddedFramework loads one embedded framework: from its compiled entry
// when that is current, else by parsing the YAML.
func loadEmbeddedFramework(name string) (*model.Framework, error) {
	if body, ok := compiled(name, frameworkKey(name)); ok {
		f := new(model.Framework)
		if unpack(body, f) == nil {
			f.Index()
			return f, nil
		}
	}
	data, err := embedded.ReadFile(name)
	if err != nil {
		return nil, err
	}
	f, problems := ParseFramework("embedded "+name, data)
	if problems != nil {
		return nil, problems
	}
	return f, nil
}

// addEmbeddedCrosswalk adds one embedded crosswalk to a catalog holding the
// embedded frameworks: from its compiled entry when that is current, else by
// parsing and checking the YAML.
func addEmbeddedCrosswalk(cat *model.Catalog, name string) error {
	if body, ok := compiled(name, crosswalkKey(name)); ok {
		cw := new(model.Crosswalk)
		if unpack(body, cw) == nil {
			return cat.AddCrosswalk(cw)
		}
	}
	data, err := embedded.ReadFile(name)
	if err != nil {
		return err
	}
	return addCrosswalk(cat, "embedded "+name, data)
}

// compileEmbedded is the compiled file for the embedded YAML as it is now.
func compileEmbedded() ([]byte, error) {
	names, err := fs.Glob(embedded, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := []byte(compiledMagic)
	add := func(name, key string, v any) error {
		body, err := pack(v)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		for _, s := range []string{name, key, string(body)} {
			out = binary.AppendUvarint(out, uint64(len(s)))
			out = append(out, s...)
		}
		return nil
	}
	if _, err := parseEmbeddedYAML(names, add); err != nil {
		return nil, err
	}
	return out, nil
}

// parseEmbeddedYAML parses the named embedded files into a catalog the slow
// way, frameworks first; visit, if not nil, sees each framework and crosswalk
// with the key its compiled entry gets.
func parseEmbeddedYAML(names []string, visit func(name, key string, v any) error) (*model.Catalog, error) {
	cat, _ := model.NewCatalog()
	var crosswalks []string
	for _, name := range names {
		if isCrosswalkFile(name) {
			crosswalks = append(crosswalks, name)
			continue
		}
		data, _ := embedded.ReadFile(name)
		f, problems := ParseFramework("embedded "+name, data)
		if problems != nil {
			return nil, problems
		}
		if err := cat.Add(f); err != nil {
			return nil, err
		}
		if visit != nil {
			if err := visit(name, frameworkKey(name), f); err != nil {
				return nil, err
			}
		}
	}
	for _, name := range crosswalks {
		data, _ := embedded.ReadFile(name)
		cw, problems := ParseCrosswalk("embedded "+name, data, cat)
		if problems != nil {
			return nil, problems
		}
		if err := cat.AddCrosswalk(cw); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if visit != nil {
			if err := visit(name, crosswalkKey(name), cw); err != nil {
				return nil, err
			}
		}
	}
	return cat, nil
}
