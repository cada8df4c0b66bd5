package questionnaires

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
)

// A compact binary form of a parsed framework, so the embedded frameworks
// load without parsing YAML on every start (see compiled.go). It walks the
// exported fields by reflection, so a field added to the model is carried
// with no change here; its shape is part of each compiled file's key.
//
// Pointers are written as the value they point to. A pointer back to a value
// being written (Section.Parent, Question.Section) is written as nil: Index
// rebuilds those links. Any other pointer seen twice is refused, because
// reading it back would make two values of one.

// pack writes v, a pointer to a struct, in the compact form.
func pack(v any) ([]byte, error) {
	p := reflect.ValueOf(v)
	e := &packer{seen: map[uintptr]bool{p.Pointer(): true}, open: map[uintptr]bool{p.Pointer(): true}}
	if err := e.value(p.Elem()); err != nil {
		return nil, err
	}
	return e.buf, nil
}

type packer struct {
	buf  []byte
	seen map[uintptr]bool // pointers written so far
	open map[uintptr]bool // pointers being written now: their targets hold the current value
}

func (e *packer) uint(n uint64) { e.buf = binary.AppendUvarint(e.buf, n) }

func (e *packer) value(v reflect.Value) error {
	switch v.Kind() {
	case reflect.String:
		e.uint(uint64(v.Len()))
		e.buf = append(e.buf, v.String()...)
	case reflect.Bool:
		b := byte(0)
		if v.Bool() {
			b = 1
		}
		e.buf = append(e.buf, b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = binary.AppendVarint(e.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.uint(v.Uint())
	case reflect.Float32, reflect.Float64:
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(v.Float()))
	case reflect.Array:
		for i := range v.Len() {
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			e.uint(0)
			return nil
		}
		e.uint(uint64(v.Len()) + 1)
		for i := range v.Len() {
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.IsNil() {
			e.uint(0)
			return nil
		}
		e.uint(uint64(v.Len()) + 1)
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			if err := e.value(k); err != nil {
				return err
			}
			if err := e.value(v.MapIndex(k)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		p := v.Pointer()
		if v.IsNil() || e.open[p] {
			e.uint(0)
			return nil
		}
		if e.seen[p] {
			return fmt.Errorf("a %s is pointed to twice; the compact form cannot keep that", v.Type().Elem())
		}
		e.seen[p], e.open[p] = true, true
		e.uint(1)
		err := e.value(v.Elem())
		delete(e.open, p)
		return err
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				if err := e.value(v.Field(i)); err != nil {
					return err
				}
			}
		}
	default:
		return fmt.Errorf("the compact form cannot hold a %s", v.Type())
	}
	return nil
}

var errShort = errors.New("compact form cut short")

// unpack reads what pack wrote into v, a pointer of the same type. Strings
// are cut from data, not copied: data is embedded in the binary and never
// changes.
func unpack(data string, v any) error {
	d := &unpacker{data: data}
	d.value(reflect.ValueOf(v).Elem())
	if d.err == nil && len(d.data) > 0 {
		d.err = fmt.Errorf("%d bytes left over after the compact form", len(d.data))
	}
	return d.err
}

// unpacker reads the compact form; after the first error it reads nothing more.
type unpacker struct {
	data   string
	err    error
	fields map[reflect.Type][]int // the exported fields of each struct type met
}

func (d *unpacker) uint() uint64 {
	var n uint64
	for i := 0; i < len(d.data) && i < binary.MaxVarintLen64; i++ {
		b := d.data[i]
		n |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				break // more than 64 bits
			}
			d.data = d.data[i+1:]
			return n
		}
	}
	d.fail(errShort)
	return 0
}

// count reads a length that must fit in what is left, each item at least min bytes.
func (d *unpacker) count(min int) int {
	n := d.uint()
	if n > uint64(len(d.data)/max(min, 1)) {
		d.fail(errShort)
		return 0
	}
	return int(n)
}

func (d *unpacker) fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.data = ""
}

func (d *unpacker) value(v reflect.Value) {
	if d.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.String:
		n := d.count(1)
		v.SetString(d.data[:n])
		d.data = d.data[n:]
	case reflect.Bool:
		if len(d.data) == 0 || d.data[0] > 1 {
			d.fail(errShort)
			return
		}
		v.SetBool(d.data[0] == 1)
		d.data = d.data[1:]
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		u := d.uint()
		n := int64(u >> 1) // zig-zag, as binary.AppendVarint writes it
		if u&1 != 0 {
			n = ^n
		}
		if v.OverflowInt(n) {
			d.fail(errShort)
			return
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n := d.uint()
		if v.OverflowUint(n) {
			d.fail(errShort)
			return
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		if len(d.data) < 8 {
			d.fail(errShort)
			return
		}
		var bits uint64
		for i := 7; i >= 0; i-- {
			bits = bits<<8 | uint64(d.data[i])
		}
		v.SetFloat(math.Float64frombits(bits))
		d.data = d.data[8:]
	case reflect.Array:
		for i := range v.Len() {
			d.value(v.Index(i))
		}
	case reflect.Slice:
		n := d.count(1)
		if n == 0 {
			return
		}
		s := reflect.MakeSlice(v.Type(), n-1, n-1)
		for i := range n - 1 {
			d.value(s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		n := d.count(2)
		if n == 0 {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), n-1)
		for range n - 1 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			d.value(k)
			d.value(e)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Pointer:
		switch d.uint() {
		case 0:
		case 1:
			p := reflect.New(v.Type().Elem())
			d.value(p.Elem())
			v.Set(p)
		default:
			d.fail(errors.New("compact form: bad pointer mark"))
		}
	case reflect.Struct:
		fields, ok := d.fields[v.Type()]
		if !ok {
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					fields = append(fields, i)
				}
			}
			if d.fields == nil {
				d.fields = map[reflect.Type][]int{}
			}
			d.fields[v.Type()] = fields
		}
		for _, i := range fields {
			d.value(v.Field(i))
		}
	default:
		d.fail(fmt.Errorf("the compact form cannot hold a %s", v.Type()))
	}
}

// shape describes a type as the compact form sees it: every exported field's
// name and type, recursively. Compiled files record it, so a change to the
// model's fields makes them out of date rather than misread.
func shape(t reflect.Type) string {
	var b strings.Builder
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if t.Name() != "" {
			b.WriteString(t.PkgPath() + "." + t.Name() + "=")
			if seen[t] {
				return
			}
			seen[t] = true
		}
		switch t.Kind() {
		case reflect.Array:
			fmt.Fprintf(&b, "[%d]", t.Len())
			walk(t.Elem())
		case reflect.Slice:
			b.WriteString("[]")
			walk(t.Elem())
		case reflect.Pointer:
			b.WriteString("*")
			walk(t.Elem())
		case reflect.Map:
			b.WriteString("map[")
			walk(t.Key())
			b.WriteString("]")
			walk(t.Elem())
		case reflect.Struct:
			b.WriteString("{")
			for i := range t.NumField() {
				if f := t.Field(i); f.IsExported() {
					b.WriteString(f.Name + " ")
					walk(f.Type)
					b.WriteString(";")
				}
			}
			b.WriteString("}")
		default:
			b.WriteString(t.Kind().String())
		}
	}
	walk(t)
	return b.String()
}
