package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"
)

// Bounds on what a workbook may make the reader do, so that a hostile or
// damaged file is refused rather than filling memory: a zip bomb stops at
// maxPart decompressed bytes of one part, maxRead over all; a sheet that
// claims far-away cells stops at maxCells cells (counting the gaps), and a
// table of shared strings at maxCells strings. Variables for the tests.
var (
	maxFile  = 256 << 20
	maxPart  = int64(64 << 20)
	maxRead  = int64(256 << 20)
	maxCells = 1 << 20
)

// Book is a workbook opened for reading.
type Book struct {
	Sheets  []string // names, in order
	Props   Props
	files   map[string]*zip.File // by lower-case name: part names ignore case
	parts   map[string]string    // sheet name -> part name
	sst     string               // shared strings part, "" if none
	strs    []string             // shared strings, once read
	strsErr error
	read    int64 // decompressed bytes so far
}

// ErrTooLarge is a workbook beyond the reader's bounds.
var ErrTooLarge = errors.New("too large")

// Read reads an .xlsx file, as Open.
func Read(r io.Reader) (*Book, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(maxFile)+1))
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return Open(data)
}

// Open reads the workbook's sheet list and document properties from the
// bytes of an .xlsx file; sheets are read when asked for.
func Open(data []byte) (*Book, error) {
	if len(data) > maxFile {
		return nil, fmt.Errorf("xlsx: the file is %w (over %d MiB)", ErrTooLarge, maxFile>>20)
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	b := &Book{files: map[string]*zip.File{}, parts: map[string]string{}}
	for _, f := range z.File {
		if name := strings.ToLower(f.Name); b.files[name] == nil {
			b.files[name] = f
		}
	}
	root, err := b.rels("")
	if err != nil {
		return nil, err
	}
	wbPart := root.target("/officeDocument", "xl/workbook.xml")
	if b.files[strings.ToLower(wbPart)] == nil {
		return nil, fmt.Errorf("xlsx: no workbook part (%s) in the zip file", cut(wbPart, 60))
	}
	wbRels, err := b.rels(wbPart)
	if err != nil {
		return nil, err
	}
	b.sst = wbRels.target("/sharedStrings", "")
	if err := b.sheetList(wbPart, wbRels); err != nil {
		return nil, err
	}
	if core := root.target("/core-properties", "docProps/core.xml"); b.files[strings.ToLower(core)] != nil {
		if err := b.props(core); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// part opens a part of the zip file as XML, counting what it decompresses.
func (b *Book) part(name string) (*decoder, func(), error) {
	f := b.files[strings.ToLower(name)]
	if f == nil {
		return nil, nil, fmt.Errorf("xlsx: %s is missing", cut(name, 60))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, fmt.Errorf("xlsx: %s: %w", cut(name, 60), err)
	}
	d := &decoder{d: xml.NewDecoder(&bounded{r: rc, name: name, partLeft: maxPart, b: b})}
	return d, func() { rc.Close() }, nil
}

// maxDepth bounds how deep elements nest: SpreadsheetML needs a handful of
// levels, and each costs the XML decoder memory.
const maxDepth = 64

// decoder reads XML tokens, refusing to nest deeper than maxDepth.
type decoder struct {
	d     *xml.Decoder
	depth int
}

func (d *decoder) token() (xml.Token, error) {
	tok, err := d.d.Token()
	switch tok.(type) {
	case xml.StartElement:
		if d.depth++; d.depth > maxDepth {
			return nil, fmt.Errorf("xlsx: elements nest more than %d deep", maxDepth)
		}
	case xml.EndElement:
		d.depth--
	}
	return tok, err
}

// chars reads the text of the element just started, up to its end; the
// text of elements inside it is included.
func (d *decoder) chars() (string, error) {
	var b strings.Builder
	for depth := d.depth; ; {
		tok, err := d.token()
		if err != nil {
			return "", err
		}
		if c, ok := tok.(xml.CharData); ok {
			b.Write(c)
		}
		if d.depth < depth {
			return b.String(), nil
		}
	}
}

// skip reads past the end of the element just started.
func (d *decoder) skip() error {
	for depth := d.depth; d.depth >= depth; {
		if _, err := d.token(); err != nil {
			return err
		}
	}
	return nil
}

// bounded stops reading a part at maxPart bytes, and the book at maxRead.
type bounded struct {
	r        io.Reader
	name     string
	partLeft int64
	b        *Book
}

func (r *bounded) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.partLeft -= int64(n)
	r.b.read += int64(n)
	switch {
	case r.partLeft < 0:
		return n, fmt.Errorf("xlsx: %s is %w (over %s unpacked)", cut(r.name, 60), ErrTooLarge, size(maxPart))
	case r.b.read > maxRead:
		return n, fmt.Errorf("xlsx: the workbook is %w (over %s unpacked)", ErrTooLarge, size(maxRead))
	}
	return n, err
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// relations are a part's relationships: type suffix and target part.
type relations struct{ ids, types, targets []string }

// rels reads the relationships of part ("" for the package's own).
func (b *Book) rels(part string) (relations, error) {
	dir, file := path.Split(part)
	name := path.Join(dir, "_rels", file+".rels")
	var rs relations
	if b.files[strings.ToLower(name)] == nil {
		return rs, nil
	}
	err := b.each(name, func(d *decoder, e xml.StartElement) error {
		if e.Name.Local == "Relationship" && attr(e, "TargetMode") != "External" {
			target := attr(e, "Target")
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join(dir, target)
			}
			rs.ids = append(rs.ids, attr(e, "Id"))
			rs.types = append(rs.types, attr(e, "Type"))
			rs.targets = append(rs.targets, target)
		}
		return nil
	})
	return rs, err
}

// target is the first relationship whose type ends in suffix (transitional
// and strict OOXML name types differently, with the same last segment).
func (rs relations) target(suffix, otherwise string) string {
	for i, t := range rs.types {
		if strings.HasSuffix(t, suffix) {
			return rs.targets[i]
		}
	}
	return otherwise
}

// sheetList reads the sheets' names and parts from the workbook part.
func (b *Book) sheetList(wbPart string, rs relations) error {
	return b.each(wbPart, func(d *decoder, e xml.StartElement) error {
		if e.Name.Local != "sheet" {
			return nil
		}
		name, id := attr(e, "name"), ""
		for _, a := range e.Attr {
			if a.Name.Local == "id" && a.Name.Space != "" {
				id = a.Value
			}
		}
		b.Sheets = append(b.Sheets, name)
		for i := range rs.ids {
			if rs.ids[i] == id && strings.HasSuffix(rs.types[i], "/worksheet") {
				b.parts[name] = rs.targets[i]
			}
		}
		return nil
	})
}

func (b *Book) props(part string) error {
	return b.each(part, func(d *decoder, e xml.StartElement) error {
		var s string
		switch e.Name.Local {
		case "title", "subject", "creator", "description", "lastModifiedBy", "created", "modified":
			var err error
			if s, err = d.chars(); err != nil {
				return err
			}
		}
		p := &b.Props
		switch e.Name.Local {
		case "title":
			p.Title = s
		case "subject":
			p.Subject = s
		case "creator":
			p.Creator = s
		case "description":
			p.Description = s
		case "lastModifiedBy":
			p.LastModifiedBy = s
		case "created":
			p.Created, _ = time.Parse(time.RFC3339, strings.TrimSpace(s))
		case "modified":
			p.Modified, _ = time.Parse(time.RFC3339, strings.TrimSpace(s))
		}
		return nil
	})
}

// each calls fn with every start element of a part, in order; fn may read
// the element's content from d.
func (b *Book) each(part string, fn func(d *decoder, e xml.StartElement) error) error {
	d, done, err := b.part(part)
	if err != nil {
		return err
	}
	defer done()
	for {
		tok, err := d.token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return xmlError(part, err)
		}
		if e, ok := tok.(xml.StartElement); ok {
			if err := fn(d, e); err != nil {
				return xmlError(part, err)
			}
		}
	}
}

func xmlError(part string, err error) error {
	if errors.Is(err, ErrTooLarge) || strings.HasPrefix(err.Error(), "xlsx: ") {
		return err
	}
	return fmt.Errorf("xlsx: %s: %w", cut(part, 60), err)
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// text reads the text of an element: a shared string or an inline one,
// plain (<t>) or rich (<r><t>), leaving out phonetic guides (<rPh>).
func text(d *decoder) (string, error) {
	var b strings.Builder
	depth, inT, skip := d.depth, false, 0
	for {
		tok, err := d.token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case skip > 0 || t.Name.Local == "rPh":
				skip++
			case t.Name.Local == "t":
				inT = true
			}
		case xml.EndElement:
			switch {
			case d.depth < depth:
				return unescape(b.String()), nil
			case skip > 0:
				skip--
			case t.Name.Local == "t":
				inT = false
			}
		case xml.CharData:
			if inT && skip == 0 {
				b.Write(t)
			}
		}
	}
}

// unescape reads escaped characters (_x000D_) as the characters they stand for.
func unescape(s string) string {
	if !strings.Contains(s, "_x") && !strings.Contains(s, "_X") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if r, ok := escapeAt(s, i); ok {
			b.WriteRune(r)
			i += 6
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// number writes a stored number as a spreadsheet shows it in General
// format: at most 15 significant digits, no exponent for everyday sizes.
func number(v string) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return v
	}
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if a := max(f, -f); a != 0 && (a >= 1e21 || a < 1e-9) {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
