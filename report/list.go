package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/assaytui/assay/model"
)

// List writes what `assay list` prints: a line per assessment, most recently
// changed first, with completion and each framework's maturity.
func List(w io.Writer, sums []model.Summary) error {
	if len(sums) == 0 {
		_, err := fmt.Fprintln(w, "No assessments yet. Start one with: assay new --name \"FY2026 self-assessment\"")
		return err
	}
	// The table holds the rows and writes them in one go when flushed: 200
	// assessments are one write to the terminal, not 2,400.
	tw := newTable(w)
	fmt.Fprintln(tw, "ID\tNAME\tORGANISATION\tDONE\tMATURITY\tCHANGED")
	for _, s := range sums {
		var mats []string
		for _, fs := range s.Scores {
			mats = append(mats, fs.Framework.Name()+" "+fs.Score.Figure("-"))
		}
		for _, id := range s.Missing {
			mats = append(mats, id+" (not loaded)")
		}
		a := s.Assessment
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", a.ID, clean(a.Name), clean(a.Organisation),
			percent(s.Completion()), strings.Join(mats, ", "), a.UpdatedAt.Local().Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

// ListJSON writes `assay list --json`: an array, one object per assessment.
func ListJSON(w io.Writer, sums []model.Summary) error {
	out := []listJSON{}
	for _, s := range sums {
		out = append(out, newListJSON(s))
	}
	return writeJSON(w, out)
}

type listJSON struct {
	ID           string          `json:"id"`
	Name         string          `json:"name"`
	Organisation string          `json:"organisation"`
	Assessor     string          `json:"assessor"`
	Target       int             `json:"target"`
	Completion   float64         `json:"completion"`
	Frameworks   []listFramework `json:"frameworks"`
	CreatedAt    string          `json:"created_at"`
	UpdatedAt    string          `json:"updated_at"`
}

type listFramework struct {
	ID         string   `json:"id"`
	Loaded     bool     `json:"loaded"`
	Maturity   *float64 `json:"maturity"`
	Completion float64  `json:"completion"`
	Answered   int      `json:"answered"`
	Total      int      `json:"total"`
}

func newListJSON(s model.Summary) listJSON {
	a := s.Assessment
	out := listJSON{ID: a.ID, Name: a.Name, Organisation: a.Organisation, Assessor: a.Assessor, Target: int(a.Target),
		Completion: round(s.Completion(), 3), Frameworks: []listFramework{},
		CreatedAt: a.CreatedAt.UTC().Format(time.RFC3339), UpdatedAt: a.UpdatedAt.UTC().Format(time.RFC3339)}
	for _, fs := range s.Scores {
		out.Frameworks = append(out.Frameworks, listFramework{ID: fs.Framework.ID, Loaded: true, Maturity: maturity(fs.Score),
			Completion: round(fs.Completion(), 3), Answered: fs.Answered(), Total: fs.Total})
	}
	for _, id := range s.Missing {
		out.Frameworks = append(out.Frameworks, listFramework{ID: id})
	}
	return out
}
