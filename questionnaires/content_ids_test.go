package questionnaires

// Answers are stored by question ID, so no published ID may disappear, be
// reused for a new question, or change what it asks without saying so.
// testdata/published-ids.txt lists every published ID with a fingerprint of
// what it asked when published.

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

const publishedIDsFile = "testdata/published-ids.txt"

// published is one line of published-ids.txt.
type published struct {
	Framework, ID string
	Fingerprint   string // askedFingerprint when published
	Revision      int    // the content revision it was published in (default 1)
}

func readPublished(path string) ([]published, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var out []published
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cells := strings.Split(line, "\t")
		fw, id, ok := strings.Cut(cells[0], ":")
		if !ok || len(cells) < 2 || len(cells) > 3 {
			return nil, fmt.Errorf("%s:%d: want FRAMEWORK:ID, a tab, a fingerprint and optionally a tab and a revision", path, n)
		}
		p := published{Framework: fw, ID: id, Fingerprint: cells[1], Revision: 1}
		if len(cells) == 3 {
			if p.Revision, err = strconv.Atoi(cells[2]); err != nil || p.Revision < 1 {
				return nil, fmt.Errorf("%s:%d: revision %q is not a number from 1", path, n, cells[2])
			}
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

// askedFingerprint identifies what a question asks: its text and its six level
// descriptors with spaces collapsed. Guidance and evidence may improve freely.
func askedFingerprint(q *model.Question) string {
	var b strings.Builder
	b.WriteString(strings.Join(strings.Fields(q.Text), " "))
	for _, d := range q.Levels {
		b.WriteString("\x00")
		b.WriteString(strings.Join(strings.Fields(d), " "))
	}
	return fmt.Sprintf("%x", sha256.Sum256([]byte(b.String())))[:16]
}

// checkPublishedIDs: every published ID is still in its framework (asked or
// retired); none is reused for a question added later; a question that asks
// something other than what was published says reworded_in after that
// revision, and one that says reworded_in really changed; a question that
// claims to date from revision 1 is in the list.
func checkPublishedIDs(fws []*model.Framework, list []published) []string {
	var out []string
	byID := map[string]*model.Framework{}
	for _, f := range fws {
		byID[f.ID] = f
	}
	listed := map[string]bool{}
	for _, p := range list {
		f, ok := byID[p.Framework]
		if !ok {
			continue // a framework these tests do not load
		}
		listed[p.Framework+":"+p.ID] = true
		q, ok := f.Question(p.ID)
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s:%s was published and is gone; retire it instead (retired: true, replaced_by)", p.Framework, p.ID))
		case q.AddedIn > p.Revision:
			out = append(out, fmt.Sprintf("%s:%s was published at revision %d but says added_in %d: an ID is never reused", p.Framework, p.ID, p.Revision, q.AddedIn))
		case q.Retired:
		case askedFingerprint(q) != p.Fingerprint && q.RewordedIn <= p.Revision:
			out = append(out, fmt.Sprintf("%s:%s asks something other than at revision %d (text or levels changed) but has no reworded_in after it", p.Framework, p.ID, p.Revision))
		case askedFingerprint(q) == p.Fingerprint && q.RewordedIn > p.Revision && p.Revision == 1:
			out = append(out, fmt.Sprintf("%s:%s says reworded_in %d but asks exactly what it did at revision 1", p.Framework, p.ID, q.RewordedIn))
		}
	}
	for _, f := range fws {
		if !publishedFramework(list, f.ID) {
			continue
		}
		for _, q := range append(f.Questions(), f.Retired()...) {
			if q.AddedIn <= 1 && !listed[f.ID+":"+q.ID] {
				out = append(out, fmt.Sprintf("%s:%s is not in %s, so it is new: give it added_in", f.ID, q.ID, publishedIDsFile))
			}
		}
	}
	return out
}

func publishedFramework(list []published, fw string) bool {
	for _, p := range list {
		if p.Framework == fw {
			return true
		}
	}
	return false
}

func publishedList(t *testing.T) []published {
	t.Helper()
	list, err := readPublished(publishedIDsFile)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestNoQuestionIDLost(t *testing.T) {
	fws, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	list := publishedList(t)
	if len(list) < 165 {
		t.Errorf("%s has %d IDs; the 165 of revision 1 must all stay", publishedIDsFile, len(list))
	}
	for _, p := range checkPublishedIDs(fws, list) {
		t.Error(p)
	}
}

// TestPublishedIDChecksCatchBadContent breaks a fresh copy of the embedded
// frameworks one way per case and expects the matching problem.
func TestPublishedIDChecksCatchBadContent(t *testing.T) {
	const iso = "iso28000-2022"
	tests := []struct {
		name   string
		breakF func(f *model.Framework)
		want   string
	}{
		{"a published question deleted", func(f *model.Framework) {
			s, _ := f.Section("7.3")
			s.Questions = nil
		}, "iso28000-2022:7.3.q1 was published and is gone"},
		{"a published ID reused for a new question", func(f *model.Framework) {
			q, _ := f.Question("8.2.q1")
			q.AddedIn = 2
		}, "iso28000-2022:8.2.q1 was published at revision 1 but says added_in 2"},
		{"text changed without reworded_in", func(f *model.Framework) {
			q, _ := f.Question("9.1.q1")
			q.Text += " Really?"
			q.RewordedIn = 0
		}, "iso28000-2022:9.1.q1 asks something other than at revision 1"},
		{"a level changed without reworded_in", func(f *model.Framework) {
			q, _ := f.Question("9.1.q1")
			q.Levels[5] = "Something else."
			q.RewordedIn = 0
		}, "iso28000-2022:9.1.q1 asks something other than at revision 1"},
		{"a new question without added_in", func(f *model.Framework) {
			s, _ := f.Section("7.3")
			s.Questions = append(s.Questions, &model.Question{ID: "7.3.q99"})
		}, "iso28000-2022:7.3.q99 is not in testdata/published-ids.txt, so it is new: give it added_in"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := embeddedFramework(t, iso)
			tc.breakF(f)
			f.Index()
			got := checkPublishedIDs([]*model.Framework{f}, publishedList(t))
			for _, p := range got {
				if strings.Contains(p, tc.want) {
					return
				}
			}
			t.Errorf("want a problem containing\n  %s\ngot:\n  %s", tc.want, strings.Join(got, "\n  "))
		})
	}

	t.Run("reworded_in on an unchanged question", func(t *testing.T) {
		f := embeddedFramework(t, iso)
		list := publishedList(t)
		for i, p := range list {
			if p.Framework == iso && p.ID == "4.3.q1" {
				q, _ := f.Question("4.3.q1")
				list[i].Fingerprint = askedFingerprint(q)
				q.RewordedIn = 2
			}
		}
		want := "iso28000-2022:4.3.q1 says reworded_in 2 but asks exactly what it did at revision 1"
		got := checkPublishedIDs([]*model.Framework{f}, list)
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("want %q in:\n%s", want, strings.Join(got, "\n"))
		}
	})

	t.Run("a malformed line", func(t *testing.T) {
		path := t.TempDir() + "/ids.txt"
		os.WriteFile(path, []byte("# comment\niso28000-2022 4.1.q1\n"), 0o600)
		if _, err := readPublished(path); err == nil || !strings.Contains(err.Error(), "ids.txt:2: want FRAMEWORK:ID") {
			t.Errorf("err = %v", err)
		}
	})
}
