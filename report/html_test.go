package report

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

func renderHTML(t testing.TB, d Data) string {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, d); err != nil {
		t.Fatal(err)
	}
	if p := os.Getenv("ASSAY_HTML_OUT"); p != "" {
		os.WriteFile(p, b.Bytes(), 0o600)
	}
	return b.String()
}

// Nothing in the page is fetched or run: no scripts, no external references.
func TestHTMLIsSelfContained(t *testing.T) {
	out := renderHTML(t, realData(t))
	for _, bad := range []string{"<script", "<iframe", "<object", "<embed", "<link", "<img", "@import", "url(", "javascript:", " src=", " on"} {
		if i := strings.Index(strings.ToLower(out), bad); i >= 0 && !(bad == " on" && !onHandler.MatchString(out)) {
			t.Errorf("page contains %q: …%s…", bad, out[max(0, i-60):min(len(out), i+60)])
		}
	}
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(out, -1) {
		if !strings.HasPrefix(m[1], "#") {
			t.Errorf("external link %q", m[1])
		}
	}
	if !strings.Contains(out, "<svg") || !strings.Contains(out, "<style>") {
		t.Error("no inline SVG chart or inline style")
	}
}

var onHandler = regexp.MustCompile(`(?i)<[^>]+\son[a-z]+\s*=`)

// User text is escaped for HTML and stripped of control and bidi characters.
func TestHTMLEscapesUserText(t *testing.T) {
	out := renderHTML(t, realData(t))
	for _, bad := range []string{"<script>", "\x1b", "\u202e", "<draft>"} {
		if strings.Contains(out, bad) {
			t.Errorf("page contains %q raw", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; �[31mred", "FY2026 self-assessment &lt;draft&gt;", "Acme Bank &amp; Logistics"} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks escaped %q", want)
		}
	}
}

func TestHTMLParts(t *testing.T) {
	d := realData(t)
	out := renderHTML(t, d)
	for _, want := range []string{
		"Maturity self-assessment report", "Summary: ISO 28000:2022", "Differences: ", "Maturity by theme",
		`id="plan"`, "Action plan", "Appendix: answers, ", "Method", "How the figures are computed",
		"Write and approve a procedure for", "Bo Lim", "Not applicable:", "⚑ flagged",
		"ISO 28000 clause 8: 4", // a section target on the cover
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	total := 0
	for _, fw := range d.Assessment.FrameworkIDs() {
		f, _ := d.Catalog.Framework(fw)
		total += len(f.Questions())
		for _, s := range f.Sections {
			if !strings.Contains(out, safeHTML(s.Title)) {
				t.Errorf("page lacks section %s %q", s.Ref, s.Title)
			}
		}
	}
	// Every question of both frameworks has a row in the appendix.
	if got := len(appendixRow.FindAllString(out, -1)); got != total {
		t.Errorf("%d appendix rows, want %d", got, total)
	}
}

var appendixRow = regexp.MustCompile(`<td><span class="qid">[^ <]+</span>`)

// safeHTML is text as html/template escapes it.
func safeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&#39;", `"`, "&#34;").Replace(s)
}
