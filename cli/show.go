package cli

import (
	"github.com/assaytui/assay/report"
)

func (a *app) cmdShow(args []string) error {
	fs := a.flags("show", "ID [--json]")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("show needs one assessment ID (assay list shows them)")
	}
	d, err := a.reportData(pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return report.FiguresJSON(a.Stdout, d)
	}
	return report.Text(a.Stdout, d)
}
