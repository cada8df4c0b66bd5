package questionnaires

import (
	"bytes"
	"embed"
	"encoding/binary"
	"hash/crc32"
	"path"
	"reflect"
	"strings"

	"github.com/assaytui/assay/model"
)

// The embedded frameworks also ship compiled: parsed once, when the YAML
// changes, into the compact form of codec.go, which loads in a fraction of
// the time YAML parsing takes. The YAML stays the only thing anyone edits.
// Each compiled file starts with a key: the length and CRC-32C of its YAML
// file's bytes and of the model's shape (a checksum the processor computes in
// hardware: hashing the YAML on every start costs a few microseconds). A compiled file whose key does not match is ignored
// and the YAML parsed instead, so a stale one can slow a start but never
// change what loads; TestCompiledFrameworksAreCurrent fails until it is
// regenerated.
//
//go:generate go test -run ^TestCompiledFrameworksAreCurrent$ . -args -update

//go:embed compiled
var compiledFiles embed.FS

// compiledMagic starts every compiled file; change it when the form changes.
const compiledMagic = "assay compiled framework 1\n"

// compiledName is where the compiled form of an embedded YAML file lives.
func compiledName(yamlName string) string {
	return path.Join("compiled", strings.TrimSuffix(yamlName, ".yaml")+".bin")
}

// compiledKey identifies the YAML bytes and model shape a compiled file was
// made from.
func compiledKey(yamlData []byte) []byte {
	model := shape(reflect.TypeFor[model.Framework]())
	key := []byte(compiledMagic)
	key = binary.AppendUvarint(key, uint64(len(yamlData)))
	key = binary.LittleEndian.AppendUint32(key, crc32.Checksum(yamlData, castagnoli))
	key = binary.AppendUvarint(key, uint64(len(model)))
	return binary.LittleEndian.AppendUint32(key, crc32.ChecksumIEEE([]byte(model)))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// compileFramework is the compiled file for one framework's YAML.
func compileFramework(name string, yamlData []byte) ([]byte, error) {
	f, problems := ParseFramework("embedded "+name, yamlData)
	if problems != nil {
		return nil, problems
	}
	body, err := pack(f)
	if err != nil {
		return nil, err
	}
	return append(compiledKey(yamlData), body...), nil
}

// loadEmbeddedFramework loads one embedded framework: from its compiled file when
// that is current, else by parsing the YAML.
func loadEmbeddedFramework(name string, yamlData []byte) (*model.Framework, Problems) {
	if data, err := compiledFiles.ReadFile(compiledName(name)); err == nil {
		if body, ok := bytes.CutPrefix(data, compiledKey(yamlData)); ok {
			f := new(model.Framework)
			if unpack(body, f) == nil {
				f.Index()
				return f, nil
			}
		}
	}
	return ParseFramework("embedded "+name, yamlData)
}
