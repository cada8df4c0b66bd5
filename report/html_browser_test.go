package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// needTools skips a test when a program it drives is missing, unless
// ASSAY_E2E_REQUIRED=1 (CI), where a missing tool is a failure.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("ASSAY_E2E_REQUIRED") == "1" {
				t.Fatalf("%s is missing and ASSAY_E2E_REQUIRED=1", tool)
			}
			t.Skipf("%s is missing (apt-get install chromium poppler-utils libreoffice-calc-nogui); skipping", tool)
		}
	}
}

// chromium runs headless Chromium on a local file with one more flag
// (--print-to-pdf=... or --screenshot=...), offline and with a throwaway profile.
func chromium(t *testing.T, page, flag string, extra ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--no-pdf-header-footer", flag}, extra...)
	cmd := exec.CommandContext(ctx, "chromium", append(args, "file://"+page)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", flag, err, out)
	}
}

// The report prints from a real browser to PDF on Letter and A4: the text has
// the assessment, every top-level section of both frameworks and the action
// plan, and nothing runs off the right edge of the page.
func TestHTMLPrintsInChromium(t *testing.T) {
	needTools(t, "chromium", "pdftotext", "pdfinfo")
	d := realData(t)
	dir := t.TempDir()
	page := renderHTML(t, d)
	for _, paper := range []struct{ name, css, size string }{
		{"letter", "", "(letter)"},
		{"a4", "@page { size: A4; }", "(A4)"},
	} {
		t.Run(paper.name, func(t *testing.T) {
			html := filepath.Join(dir, paper.name+".html")
			pdf := filepath.Join(dir, paper.name+".pdf")
			src := strings.Replace(page, "</head>", "<style>"+paper.css+"</style></head>", 1)
			if err := os.WriteFile(html, []byte(src), 0o600); err != nil {
				t.Fatal(err)
			}
			chromium(t, html, "--print-to-pdf="+pdf)
			info := run(t, "pdfinfo", pdf)
			if !strings.Contains(info, paper.size) {
				t.Errorf("page size: %s", info)
			}
			text := strings.Join(strings.Fields(run(t, "pdftotext", pdf, "-")), " ")
			want := []string{d.Assessment.Name, d.Assessment.Organisation, "Action plan", "Write and approve a procedure for", "Method"}
			for _, fw := range d.Assessment.FrameworkIDs() {
				f, _ := d.Catalog.Framework(fw)
				for _, s := range f.Sections {
					want = append(want, strings.Join(strings.Fields(s.Title), " "))
				}
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("PDF text lacks %q", w)
				}
			}
			checkInsidePages(t, run(t, "pdftotext", "-bbox", pdf, "-"))
			if t.Failed() {
				keep(t, pdf)
			}
		})
	}
	png := filepath.Join(dir, "first-page.png")
	chromium(t, filepath.Join(dir, "letter.html"), "--screenshot="+png, "--window-size=900,1200")
	if st, err := os.Stat(png); err != nil || st.Size() < 10_000 {
		t.Errorf("screenshot: %v", err)
	}
	keep(t, png)
}

// checkInsidePages fails for any word that reaches beyond the right or bottom
// edge of its page (a table too wide for the paper would).
func checkInsidePages(t *testing.T, bbox string) {
	t.Helper()
	pageRe := regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	wordRe := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
	var width, height float64
	bad := 0
	for _, line := range strings.Split(bbox, "\n") {
		if m := pageRe.FindStringSubmatch(line); m != nil {
			width, _ = strconv.ParseFloat(m[1], 64)
			height, _ = strconv.ParseFloat(m[2], 64)
			continue
		}
		if m := wordRe.FindStringSubmatch(line); m != nil {
			xMax, _ := strconv.ParseFloat(m[3], 64)
			yMax, _ := strconv.ParseFloat(m[4], 64)
			// 20 pt is about 7 mm: no word may sit in the outer margin.
			if xMax > width-20 || yMax > height-20 {
				if bad++; bad <= 5 {
					t.Errorf("word %q ends at (%.0f, %.0f) on a %.0f × %.0f page", m[5], xMax, yMax, width, height)
				}
			}
		}
	}
	if width == 0 {
		t.Error("no pages in the PDF")
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, errb.String())
	}
	return out.String()
}

// keep copies a file into ASSAY_KEEP_DIR, when set, to look at after the run.
func keep(t *testing.T, path string) {
	dir := os.Getenv("ASSAY_KEEP_DIR")
	if dir == "" {
		return
	}
	if data, err := os.ReadFile(path); err == nil {
		os.WriteFile(filepath.Join(dir, filepath.Base(path)), data, 0o600)
	}
}
