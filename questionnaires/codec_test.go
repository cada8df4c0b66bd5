package questionnaires

import (
	"reflect"
	"strings"
	"testing"
)

type codecNode struct {
	Name     string
	Count    int8
	Big      uint64
	Ratio    float64
	On       bool
	Fixed    [2]string
	List     []string
	Empty    []string
	Table    map[string][]int
	Children []*codecNode
	Parent   *codecNode
	hidden   string
}

func TestCodecRoundTrip(t *testing.T) {
	root := &codecNode{Name: "root ü", Count: -3, Big: 1 << 60, Ratio: 0.1, On: true, Fixed: [2]string{"a", ""},
		List: []string{"x", "", "y"}, Empty: []string{}, Table: map[string][]int{"b": {1, -2}, "a": nil}}
	child := &codecNode{Name: "child", Parent: root}
	root.Children = []*codecNode{child, nil}
	data, err := pack(root)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := pack(root)
	if string(again) != string(data) {
		t.Error("packing twice gives different bytes (map order?)")
	}
	got := new(codecNode)
	if err := unpack(string(data), got); err != nil {
		t.Fatal(err)
	}
	// The link back to the parent is dropped (the loader rebuilds such links).
	child.Parent = nil
	if !reflect.DeepEqual(got, root) {
		t.Errorf("got %+v\nwant %+v", got, root)
	}
	if got.Empty == nil || got.Table["a"] != nil {
		t.Error("nil and empty are not kept apart")
	}
}

func TestCodecRefusesSharedPointers(t *testing.T) {
	shared := &codecNode{Name: "shared"}
	if _, err := pack(&codecNode{Children: []*codecNode{shared, shared}}); err == nil || !strings.Contains(err.Error(), "pointed to twice") {
		t.Errorf("shared pointer: %v", err)
	}
}

func TestShapeChangesWithFields(t *testing.T) {
	type a struct{ X, Y string }
	type b struct{ X, Z string }
	if shape(reflect.TypeFor[a]()) == shape(reflect.TypeFor[b]()) {
		t.Error("a renamed field leaves the shape unchanged")
	}
	if s := shape(reflect.TypeFor[codecNode]()); strings.Contains(s, "hidden") || !strings.Contains(s, "Children []*") {
		t.Errorf("shape %s", s)
	}
}

// FuzzUnpack feeds damaged compact forms to the reader: errors, never a panic.
func FuzzUnpack(f *testing.F) {
	good, _ := pack(&codecNode{Name: "n", List: []string{"a"}, Table: map[string][]int{"k": {1}}, Children: []*codecNode{{Name: "c"}}})
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = unpack(string(data), new(codecNode))
	})
}
