package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

func exportCSV(t *testing.T, d Data) (string, [][]string) {
	t.Helper()
	var b bytes.Buffer
	if err := CSV(&b, d); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(b.String()))
	r.FieldsPerRecord = len(csvHeader) // every row has the header's columns
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("export does not parse as CSV: %v\n%s", err, b.String())
	}
	return b.String(), recs
}

func TestCSVRows(t *testing.T) {
	raw, recs := exportCSV(t, fixture())
	if strings.HasPrefix(raw, "\uFEFF") {
		t.Error("CSV starts with a byte order mark")
	}
	if got := strings.Join(recs[0], ","); got != "framework,question_id,ref,title,level,na,note,flagged,updated_at" {
		t.Fatalf("header = %s", got)
	}
	// Every question of the loaded framework, answered or not (2.1.q3 and A.q1 are not), then
	// its removed questions; the unloaded framework's stored answers; the stray one.
	want := [][]string{
		{"demo-baseline", "1.1.q1", "1.1", "Ownership", "2", "false", "'" + formulaNote, "false", "2025-03-07T01:30:00Z"},
		{"demo-baseline", "1.1.q2", "1.1", "Ownership — deputies", "4", "false", csvNote, "true", "2025-03-06T01:30:00Z"},
		{"demo-baseline", "1.2.q1", "1.2", "Policy", "na", "true", pipeNote, "false", "2025-03-05T01:30:00Z"},
		{"demo-baseline", "2.1.q1", "2.1", "Access", "", "false", "check leaver list", "true", "2025-03-04T01:30:00Z"},
		{"demo-baseline", "2.1.q2", "2.1", "Access reviews", "1", "false", "", "false", "2025-03-03T01:30:00.123456789Z"},
		{"demo-baseline", "2.1.q3", "2.1", "Access logs", "", "false", "", "false", ""},
		{"demo-baseline", "A.q1", "A", "Optional extras", "", "false", "", "false", ""},
		{"demo-baseline", "1.3.q2", "1.3", "", "3", "false", "old question", "false", "2025-03-02T01:30:00Z"},
		{"demo-baseline", "1.3.q10", "1.3", "", "0", "false", "", "false", "2025-03-02T01:30:00Z"},
		{"gone", "5.1.q2", "5.1", "", "3", "false", "", "false", "2025-03-02T01:30:00Z"},
		{"gone", "5.1.q10", "5.1", "", "na", "true", "not our business", "false", "2025-03-02T01:30:00Z"},
		{"zz-old", "1.q1", "1", "", "5", "false", "framework no longer in the assessment", "false", "2025-03-01T01:30:00Z"},
	}
	got := recs[1:]
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d:\n%s", len(got), len(want), raw)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("row %d =\n%q\nwant\n%q", i+1, got[i], want[i])
		}
	}
}

func TestSpreadsheetSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=SUM(A1)", "'=SUM(A1)"},
		{"+1 555 0100", "'+1 555 0100"},
		{"-2+3", "'-2+3"},
		{"@cmd", "'@cmd"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"a=b", "a=b"},
		{"", ""},
		{"'quoted", "'quoted"},
		{" =1", " =1"},
	}
	for _, tt := range tests {
		if got := spreadsheetSafe(tt.in); got != tt.want {
			t.Errorf("spreadsheetSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Every cell goes through spreadsheetSafe, not only notes.
func TestCSVNeutralisesEveryColumn(t *testing.T) {
	d := fixture()
	d.Catalog.Frameworks()[0].Sections[0].Sections[0].Questions[1].Title = "@risk owner"
	_, recs := exportCSV(t, d)
	if recs[2][3] != "'@risk owner" {
		t.Errorf("title cell = %q, want it neutralised", recs[2][3])
	}
}
