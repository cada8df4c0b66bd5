package report

import (
	"fmt"
	"io"

	"github.com/assaytui/assay/model"
)

// PlanText writes what `assay plan ID` prints: the action plan as a table,
// highest gap × weight first, then questions with an action but no gap.
func PlanText(w io.Writer, d Data) error {
	v := newView(d)
	a := d.Assessment
	fmt.Fprintf(w, "%s (%s): action plan\n", clean(a.Name), a.ID)
	if len(v.plan) == 0 {
		_, err := fmt.Fprintln(w, "No rated question is below its target and no action is planned.")
		return err
	}
	tw := newTable(w)
	fmt.Fprintln(tw, "#\tQUESTION\tTITLE\tLEVEL\tTARGET\tGAP\tACTION\tOWNER\tDUE\tSTATUS")
	for i, it := range v.plan {
		c := planCells(v, it)
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, it.Key.Qualified(), truncate(clean(c[2]), 34),
			c[3], c[4], orDash(c[5]), truncate(clean(orDash(c[6])), 40), truncate(clean(orDash(c[7])), 16), orDash(c[8]), orDash(c[9]))
	}
	return tw.Flush()
}

// PlanJSON writes `assay plan ID --json`: who and what, and the plan.
func PlanJSON(w io.Writer, d Data) error {
	v := newView(d)
	plan := []jsonPlanItem{}
	for _, it := range v.plan {
		plan = append(plan, jsonPlanItemOf(it))
	}
	return writeJSON(w, struct {
		Assessment jsonIdentity   `json:"assessment"`
		Plan       []jsonPlanItem `json:"plan"`
	}{jsonIdentityOf(d.Assessment), plan})
}

// ActionJSON writes one saved action, as `assay plan ID Q --json` prints it.
func ActionJSON(w io.Writer, a model.Action) error { return writeJSON(w, jsonActionOf(a)) }
