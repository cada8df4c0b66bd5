package questionnaires

// Citations (issue 16): a MAS question cites its subsection, or a numbered
// paragraph only where a public source confirms what that paragraph says. The
// confirmed paragraphs, with their topic and source, are listed in a TSV in
// testdata; guidance prose names no paragraphs, so citations live in one place.

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// "paragraph 4.2.1" or "paragraphs 3.1.1–3.1.4" (en dash or hyphen).
var paragraphRef = regexp.MustCompile(`\bparagraphs?\s+(\d+(?:\.\d+)+)(?:\s*[–-]\s*(\d+(?:\.\d+)+))?`)

// readConfirmedParagraphs reads the confirmed-paragraph TSV: '#' lines are
// comments, then a header "paragraph topic source" and one row a paragraph.
func readConfirmedParagraphs(path string) (map[string]bool, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	out := map[string]bool{}
	header := false
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cells := strings.Split(line, "\t")
		if !header {
			if strings.Join(cells, " ") != "paragraph topic source" {
				return nil, fmt.Errorf("%s:%d: header must be paragraph, topic, source", path, n)
			}
			header = true
			continue
		}
		if len(cells) != 3 || strings.TrimSpace(cells[1]) == "" || strings.TrimSpace(cells[2]) == "" {
			return nil, fmt.Errorf("%s:%d: want a paragraph, its topic and the source that confirms it", path, n)
		}
		if out[cells[0]] {
			return nil, fmt.Errorf("%s:%d: paragraph %s listed twice", path, n, cells[0])
		}
		out[cells[0]] = true
	}
	return out, sc.Err()
}

// checkCites: every asked question outside the annexes cites something; a
// cited paragraph exists in its subsection and is confirmed; guidance names
// no paragraphs.
func checkCites(fw string, rows []refRow, confirmedFile string, qs []placedQuestion, annexes map[string]bool) []string {
	confirmed, err := readConfirmedParagraphs(confirmedFile)
	if err != nil {
		return []string{fw + ": " + err.Error()}
	}
	var out []string
	add := func(format string, args ...any) { out = append(out, fw+": "+fmt.Sprintf(format, args...)) }
	count := map[string]int{}
	for _, r := range rows {
		count[r.Ref] = r.Paragraphs
	}
	for p := range confirmed {
		i := strings.LastIndex(p, ".")
		if n, err := strconv.Atoi(p[i+1:]); i < 0 || err != nil || n < 1 || count[p[:i]] == 0 || n > count[p[:i]] {
			add("%s lists paragraph %s, which is not in the reference list", confirmedFile, p)
		}
	}
	for _, pq := range qs {
		q, ref := pq.q, pq.sec.Ref
		if m := paragraphRef.FindString(q.Guidance); m != "" {
			add("%s: guidance names %q; put citations in cite", q.ID, m)
		}
		if annexes[pq.top.Ref] {
			continue
		}
		if len(q.Cites) == 0 {
			add("%s: cites nothing; cite its subsection %s", q.ID, ref)
		}
		for _, c := range q.Cites {
			if c == ref {
				continue
			}
			n, err := strconv.Atoi(strings.TrimPrefix(c, ref+"."))
			switch {
			case err != nil || n < 1:
				add("%s: cite %q is neither subsection %s nor a paragraph of it", q.ID, c, ref)
			case count[ref] > 0 && n > count[ref]:
				add("%s: cites paragraph %s, but subsection %s has paragraphs %s.1 to %s.%d", q.ID, c, ref, ref, ref, count[ref])
			case !confirmed[c]:
				add("%s: cites paragraph %s, which no public source in %s confirms; cite subsection %s", q.ID, c, confirmedFile, ref)
			}
		}
	}
	return out
}

func TestConfirmedParagraphsFile(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct{ body, want string }{
		"no source":  {"paragraph\ttopic\tsource\n9.1.1\tnever alone\t\n", "want a paragraph, its topic and the source"},
		"twice":      {"paragraph\ttopic\tsource\n9.1.1\ta\ts\n9.1.1\tb\ts\n", "paragraph 9.1.1 listed twice"},
		"bad header": {"ref\ttopic\tsource\n", "header must be paragraph, topic, source"},
	} {
		t.Run(name, func(t *testing.T) {
			path := dir + "/" + strings.ReplaceAll(name, " ", "-") + ".tsv"
			if err := os.WriteFile(path, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := readConfirmedParagraphs(path)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
	t.Run("a listed paragraph the reference does not have", func(t *testing.T) {
		path := dir + "/extra.tsv"
		if err := os.WriteFile(path, []byte("paragraph\ttopic\tsource\n11.2.9\tmade up\ts\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		got := checkCites("mas-trm-2021", referenceRows(t, "mas-trm-2021"), path, nil, nil)
		if len(got) != 1 || !strings.Contains(got[0], "lists paragraph 11.2.9, which is not in the reference list") {
			t.Errorf("got %q", got)
		}
	})
}
