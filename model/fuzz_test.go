package model

import (
	"strings"
	"testing"
)

// FuzzParseLevel: any input either parses to a level 0-5 or N/A that prints
// back to an equivalent input, or is an error; never anything else.
func FuzzParseLevel(f *testing.F) {
	for _, s := range []string{"0", "5", "na", "N/A", " 3 ", "7", "-1", "abc", "", "3.0", "+3", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLevel(s)
		if err != nil {
			if l != Unanswered {
				t.Fatalf("error with level %d", l)
			}
			if !strings.Contains(err.Error(), "is not 0-5 or na") {
				t.Fatalf("unclear error %q", err)
			}
			return
		}
		if !l.Given() {
			t.Fatalf("ParseLevel(%q) = %d without error", s, l)
		}
		back, err := ParseLevel(l.String())
		if err != nil || back != l {
			t.Fatalf("round trip of %q: %d -> %q -> %d, %v", s, l, l.String(), back, err)
		}
	})
}

// FuzzResolveQuestion: any qualified ID resolves to a question whose ID it
// names (ignoring case), or gives a one-line error; never a panic.
func FuzzResolveQuestion(f *testing.F) {
	c, _ := NewCatalog(testFramework())
	for _, s := range []string{"fw:1.1.q1", "fw:1.q1", "fw:", ":1.1.q1", "x:y", "1.1.q1", "fw:9.9.q9", "fw:1.1.q", "fw:.q1", "fw:a:b", "fw:\xff\xff.q", "fw:İ.Q1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fw, q, err := c.ResolveQuestion(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") && !strings.Contains(s, "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		if fw == nil || q == nil || !strings.EqualFold(fw.ID+":"+q.ID, s) {
			t.Fatalf("ResolveQuestion(%q) = %v %v", s, fw, q)
		}
	})
}
