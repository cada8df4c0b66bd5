package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

func exportMarkdown(t *testing.T, d Data) string {
	t.Helper()
	var b bytes.Buffer
	if err := Markdown(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestMarkdownContents(t *testing.T) {
	out := exportMarkdown(t, fixture())
	tests := []struct{ name, want string }{
		{"title", "# Acme 2025 baseline\n"},
		{"organisation", "- Organisation: Acme Pte Ltd\n"},
		{"assessor", "- Assessor: Jo Tan\n"},
		{"frameworks", "- Frameworks: Demo Security Baseline 0.9; gone 2021\n"},
		{"target", "- Target level: 4\n"},
		{"dates in UTC", "- Started: 2025-03-01 01:30 UTC\n- Last change: 2025-03-07 01:30 UTC\n- Report generated: 2025-03-08 10:00 UTC\n"},
		{"framework heading", "\n## Demo Security Baseline\n"},
		{"version drift", "Assessed on version 0.9; scored against version 1.0, the one loaded now."},
		{"overall", "Overall maturity: **2.2** of 5 against a target of 4 (gap 1.8). Completion: **57.1%** (4 of 7 questions answered, 1 of them N/A)."},
		{"section table header", "| Ref | Section | Maturity | Completion | Target | Gap to target |\n|---|---|---|---|---|---|\n"},
		// (1*2 + 2*4) / 3 = 3.33; gap 4 - 3.33 = 0.67
		{"section 1 row", "| 1 | Governance | 3.3 | 100.0% | 4 | 0.7 |\n"},
		{"section 2 row", "| 2 | Operations | 1.0 | 33.3% | 4 | 3.0 |\n"},
		{"unrated section row", "| A | Annex A: Optional extras | — | 0.0% | 4 | — |\n"},
		{"gaps, biggest first", "| Question | Title | Level | Target | Gap |\n|---|---|---|---|---|\n| 2.1.q2 | Access reviews | 1 | 4 | 3 |\n| 1.1.q1 | Ownership | 2 | 4 | 2 |\n\n"},
		{"flagged", "### Flagged for review\n\n| Question | Title | Level | Note |\n|---|---|---|---|\n| 1.1.q2 | Ownership — deputies | 4 | Deputy \"Sam\", trained<br>see handover notes |\n| 2.1.q1 | Access | not rated | check leaver list |\n\n"},
		{"pipe escaped", "| 1.2.q1 | Policy | N/A | Group policy \\| not ours |\n"},
		{"formula kept as text", "| 1.1.q1 | Ownership | 2 | =SUM(A1) |\n"},
		{"removed answer", "| 1.3.q2 | (no longer in the framework) | 3 | old question |\n"},
		{"unloaded framework", "## gone\n\nThe framework gone is not loaded, so it cannot be scored."},
		{"unloaded answers", "| 5.1.q10 |  | N/A | not our business |\n"},
		{"action plan", "## Action plan\n\n| Framework | Question | Title | Level | Target | Gap | Action | Owner | Due | Status |\n|---|---|---|---|---|---|---|---|---|---|\n" +
			"| Demo | 2.1.q2 | Access reviews | 1 | 4 | 3 | Review access quarterly | Sam Lee | 2025-06-30 | doing |\n" +
			"| Demo | 1.1.q1 | Ownership | 2 | 4 | 2 |  |  |  |  |\n" +
			"| Demo | A.q1 | Optional extras | not rated | 4 |  | Decide whether annex A applies |  |  | open |\n\n"},
	}
	for _, tt := range tests {
		if !strings.Contains(out, tt.want) {
			t.Errorf("%s: report lacks %q", tt.name, tt.want)
		}
	}
	if strings.Contains(out, "zz-old") {
		t.Error("answers to a framework outside the assessment belong in the data exports only")
	}
	if t.Failed() {
		t.Logf("report:\n%s", out)
	}
}

// Every table row has as many unescaped pipes as its header, whatever the text.
func TestMarkdownTablesHoldTogether(t *testing.T) {
	d := fixture()
	d.Answers = append(d.Answers, model.Answer{
		Framework: "demo-baseline", QuestionID: "A.q1", Level: model.NotApplicable, Flagged: true,
		Note: "ends in a backslash \\\r\nand has || pipes |",
	})
	out := exportMarkdown(t, d)
	cols := 0
	for i, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = 0
			continue
		}
		n := unescapedPipes(line)
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("line %d has %d cell borders, its table %d: %q", i+1, n, cols, line)
		}
	}
	if !strings.Contains(out, `| A.q1 | Optional extras | N/A | ends in a backslash \\<br>and has \|\| pipes \| |`) {
		t.Errorf("escaped row missing:\n%s", out)
	}
}

func unescapedPipes(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // skip the escaped character
		case '|':
			n++
		}
	}
	return n
}

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a | b", `a \| b`},
		{"line 1\nline 2", "line 1<br>line 2"},
		{"crlf\r\nand cr\rend", "crlf<br>and cr<br>end"},
		{`C:\`, `C:\\`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := cell(tt.in); got != tt.want {
			t.Errorf("cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkdownListsTenBiggestGaps(t *testing.T) {
	var qs []*model.Question
	as := []model.Answer{}
	for i := 1; i <= 12; i++ {
		id := fmt.Sprintf("1.q%d", i)
		qs = append(qs, &model.Question{ID: id, Title: "Q" + id})
		// Levels 0,1,2,3,4,0,... against target 5: gaps 5,4,3,2,1,5,...
		as = append(as, model.Answer{Framework: "f", QuestionID: id, Level: model.Level((i - 1) % 5)})
	}
	f := &model.Framework{ID: "f", Title: "F", Sections: []*model.Section{{Ref: "1", Title: "One", Questions: qs}}}
	f.Index()
	c, _ := model.NewCatalog(f)
	out := exportMarkdown(t, Data{
		Assessment: model.Assessment{Name: "N", Target: 5, Frameworks: []model.AssessedFramework{{ID: "f"}}},
		Answers:    as,
		Catalog:    c,
	})
	gaps := out[strings.Index(out, "### Biggest gaps"):strings.Index(out, "### Flagged")]
	rows := strings.Count(gaps, "\n| 1.q")
	if rows != 10 {
		t.Errorf("%d gap rows, want 10:\n%s", rows, gaps)
	}
	if !strings.Contains(gaps, "| 1.q1 | Q1.q1 | 0 | 5 | 5 |\n| 1.q6 | Q1.q6 | 0 | 5 | 5 |\n| 1.q11 |") {
		t.Errorf("gaps not biggest first in outline order:\n%s", gaps)
	}
	if !strings.Contains(gaps, "2 more questions are below the target") {
		t.Errorf("no note of the gaps left out:\n%s", gaps)
	}
}
