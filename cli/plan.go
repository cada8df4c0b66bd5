package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
)

func (a *app) cmdTarget() *cobra.Command {
	var framework, section string
	var clear bool
	cmd := &cobra.Command{
		Use:   "target ID LEVEL",
		Short: "Set target levels",
		Long: `Set the maturity level an assessment aims for (0-5). With --framework it is
that framework's target; with --section too, that clause's (and its
sub-clauses'). A clause's own target wins over its framework's, which wins
over the assessment's. Gaps, bars, the action plan and every report use the
target that applies. --clear removes a framework's or clause's own target, so
it follows the one above it again.`,
		Example: `  assay target k3v9qx2m 3
  assay target k3v9qx2m 4 --framework mas-trm-2021
  assay target k3v9qx2m 5 --framework iso28000-2022 --section 8
  assay target k3v9qx2m --framework iso28000-2022 --section 8 --clear`,
		Args:              needArgs(1, 2, "an assessment ID and a LEVEL 0-5"),
		ValidArgsFunction: a.completeArgs(a.completeAssessment, a.completeLevel(false)),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case section != "" && framework == "":
				return usage(cmd, "--section needs --framework")
			case clear && len(args) == 2:
				return usage(cmd, "--clear takes no LEVEL")
			case clear && framework == "":
				return usage(cmd, "--clear needs --framework (the assessment always has a target)")
			case !clear && len(args) == 1:
				return usage(cmd, "target needs a LEVEL 0-5 (or --clear)")
			}
			st, as, err := a.loadAssessment(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer st.Close()
			cat, err := a.loadCatalog(as.FrameworkIDs()...)
			if err != nil {
				return err
			}
			o := model.TargetOverride{Framework: strings.ToLower(framework), Section: section, Level: model.DefaultTarget}
			if !clear {
				if o.Level, err = model.ParseLevel(args[1]); err != nil || !o.Level.Rated() {
					return badInput("target level %q is not 0-5", args[1])
				}
			}
			if o, err = o.Check(as, cat); err != nil {
				return inputError{err}
			}
			where := o.Place()
			if clear {
				if err := st.ClearTarget(cmd.Context(), as.ID, o.Framework, o.Section); err != nil {
					return err
				}
				as, _ = st.Get(cmd.Context(), as.ID)
				fmt.Fprintf(a.Stdout, "cleared the target of %s; it follows %d now\n", where, targetOf(as, cat, o))
				return nil
			}
			if err := st.SetTarget(cmd.Context(), as.ID, o, a.actor()); err != nil {
				return err
			}
			fmt.Fprintf(a.Stdout, "target of %s = %d\n", where, o.Level)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&framework, "framework", "", "set the target of this framework of the assessment")
	f.StringVar(&section, "section", "", "with --framework: this clause's target (e.g. 8 or 8.1)")
	f.BoolVar(&clear, "clear", false, "remove the framework's or clause's own target")
	cmd.RegisterFlagCompletionFunc("framework", a.completeFramework)
	cmd.RegisterFlagCompletionFunc("section", cobra.NoFileCompletions)
	return cmd
}

// targetOf is the effective target of a framework or clause.
func targetOf(as model.Assessment, cat *model.Catalog, o model.TargetOverride) model.Level {
	ts := as.Targets()
	if f, ok := cat.Framework(o.Framework); ok && o.Section != "" {
		if s, ok := f.Section(o.Section); ok {
			return ts.Section(f.ID, s)
		}
	}
	return ts.Framework(o.Framework)
}

func (a *app) cmdPlan() *cobra.Command {
	var text, owner, due, status string
	var clear, asJSON bool
	cmd := &cobra.Command{
		Use:   "plan ID [FRAMEWORK:QUESTION]",
		Short: "Plan actions; print the plan",
		Long: `With a question, record what will be done about it: --action (what), --owner
(who), --due (YYYY-MM-DD) and --status (open, doing or done; a new action is
open). Give only what changes; "" empties a field; --clear removes the action.
Each change is saved at once with a history row (who, when, old and new).

With only the ID, print the action plan: every rated question below its
target, the largest gap × weight first, then the questions that have an
action but no gap.`,
		Example: `  assay plan k3v9qx2m
  assay plan k3v9qx2m iso28000-2022:8.3.q1 --action "Reassess threats"
  assay plan k3v9qx2m iso28000-2022:8.3.q1 --owner Bo --due 2027-03-31
  assay plan k3v9qx2m iso28000-2022:8.3.q1 --status done`,
		Args:              needArgs(1, 2, "an assessment ID, and a FRAMEWORK:QUESTION to plan an action on"),
		ValidArgsFunction: a.completeArgs(a.completeAssessment, a.completeQuestion),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				d, err := a.reportData(cmd.Context(), args[0], false)
				if err != nil {
					return err
				}
				if asJSON {
					return report.PlanJSON(a.Stdout, d)
				}
				return report.PlanText(a.Stdout, d)
			}
			var ch model.ActionChange
			fl := cmd.Flags()
			if fl.Changed("action") {
				ch.Text = &text
			}
			if fl.Changed("owner") {
				ch.Owner = &owner
			}
			if fl.Changed("due") {
				d, err := model.ParseDate(due)
				if err != nil {
					return inputError{err}
				}
				ch.Due = &d
			}
			if fl.Changed("status") {
				s, err := model.ParseActionStatus(status)
				if err != nil {
					return inputError{err}
				}
				ch.Status = &s
			}
			switch {
			case clear && (ch.Text != nil || ch.Owner != nil || ch.Due != nil || ch.Status != nil):
				return usage(cmd, "--clear removes the whole action; give it no other flag")
			case clear:
				ch = model.ClearAction()
			case ch.Text == nil && ch.Owner == nil && ch.Due == nil && ch.Status == nil:
				return usage(cmd, "plan needs --action, --owner, --due, --status or --clear with a question")
			}
			st, as, err := a.loadAssessment(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer st.Close()
			_, k, err := a.question(as, args[1])
			if err != nil {
				return err
			}
			saved, err := st.SaveAction(cmd.Context(), as.ID, k.Framework, k.Question, ch, a.actor())
			if err != nil {
				return err
			}
			if asJSON {
				return report.ActionJSON(a.Stdout, saved)
			}
			fmt.Fprintln(a.Stdout, actionLine(k, saved))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&text, "action", "", "what will be done")
	f.StringVar(&owner, "owner", "", "who does it")
	f.StringVar(&due, "due", "", "by when, YYYY-MM-DD")
	f.StringVar(&status, "status", "", "open, doing or done")
	f.BoolVar(&clear, "clear", false, "remove the action")
	f.BoolVar(&asJSON, "json", false, "print JSON: the saved action, or the whole plan")
	for _, name := range []string{"action", "owner", "due"} {
		cmd.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions)
	}
	cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions([]cobra.Completion{"open", "doing", "done"}, noFiles))
	return cmd
}

// actionLine is what plan prints after saving.
func actionLine(k model.Key, act model.Action) string {
	if act.Empty() {
		return "removed the action on " + k.Qualified()
	}
	var parts []string
	if act.Owner != "" {
		parts = append(parts, "owner "+act.Owner)
	}
	if act.Due != "" {
		parts = append(parts, "due "+string(act.Due))
	}
	parts = append(parts, string(act.Status))
	text := act.Text
	if text == "" {
		text = "(no text yet)"
	}
	return fmt.Sprintf("saved action on %s: %s (%s)", k.Qualified(), oneLine(text), strings.Join(parts, ", "))
}
