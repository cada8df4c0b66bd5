package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/internal/textsafe"
	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
)

// Completion: the shell asks `assay __complete CMD ARGS... PARTIAL` and
// these functions answer with candidates (and descriptions after a tab).
// They never fail loudly: with no database or an unknown ID they offer less.

const noFiles = cobra.ShellCompDirectiveNoFileComp

// completeArgs completes each positional argument with its own function, in
// order; past the last one there is nothing to offer.
func (a *app) completeArgs(each ...cobra.CompletionFunc) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) < len(each) {
			return each[len(args)](cmd, args, toComplete)
		}
		return nil, noFiles
	}
}

// noMore is an argument that is typed freely (a name, a note).
func noMore(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, noFiles
}

// completeAssessment offers assessment IDs, most recently changed first, with
// their names.
func (a *app) completeAssessment(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	st, err := a.openStore()
	if err != nil {
		return nil, noFiles
	}
	defer st.Close()
	list, err := st.List(cmd.Context())
	if err != nil {
		return nil, noFiles
	}
	var out []cobra.Completion
	for _, as := range list {
		if strings.HasPrefix(as.ID, toComplete) {
			desc := as.Name
			if as.Organisation != "" {
				desc += " · " + as.Organisation
			}
			out = append(out, cobra.CompletionWithDesc(as.ID, textsafe.Clean(desc, false)))
		}
	}
	return out, noFiles | cobra.ShellCompDirectiveKeepOrder
}

// completeQuestion offers FRAMEWORK:QUESTION IDs of the assessment named by
// the first argument, with titles and the current level. Until a framework is
// chosen it offers "FRAMEWORK:" for each of the assessment's frameworks.
func (a *app) completeQuestion(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cat, err := a.loadCatalog()
	if err != nil {
		return nil, noFiles
	}
	fwIDs := cat.IDs()
	answers := model.Answers{}
	if st, as, err := a.loadAssessment(cmd.Context(), args[0]); err == nil {
		fwIDs = as.FrameworkIDs()
		if list, err := st.Answers(cmd.Context(), as.ID); err == nil {
			answers = model.NewAnswers(list)
		}
		st.Close()
	}
	typedFW, _, hasColon := strings.Cut(toComplete, ":")
	var fws []*model.Framework
	for _, id := range fwIDs {
		f, ok := cat.Framework(id)
		if ok && (hasColon && strings.EqualFold(id, typedFW) || !hasColon && strings.HasPrefix(id, strings.ToLower(toComplete))) {
			fws = append(fws, f)
		}
	}
	if len(fws) > 1 {
		var out []cobra.Completion
		for _, f := range fws {
			out = append(out, cobra.CompletionWithDesc(f.ID+":", f.Title))
		}
		return out, noFiles | cobra.ShellCompDirectiveNoSpace
	}
	var out []cobra.Completion
	for _, f := range fws {
		for _, q := range f.Questions() {
			// The level first: shells cut long descriptions at the end.
			desc := q.Title
			if l := answers.Get(f.ID, q.ID).Level; l.Given() {
				desc = "[" + l.String() + "] " + desc
			}
			out = append(out, cobra.CompletionWithDesc(f.ID+":"+q.ID, textsafe.Clean(desc, false)))
		}
	}
	return out, noFiles | cobra.ShellCompDirectiveKeepOrder
}

// completeLevelArg offers 0-5 and na for the question named by the argument
// before it, with what each level means for that question.
func (a *app) completeLevelArg(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	scale := model.DefaultScale
	var descriptors [6]string
	if cat, err := a.loadCatalog(); err == nil {
		if f, q, err := cat.ResolveQuestion(args[len(args)-1]); err == nil {
			scale = f.Scale
			copy(descriptors[:], q.Levels[:])
		}
	}
	out := levelCompletions(scale, descriptors)
	return append(out, cobra.CompletionWithDesc("na", "not applicable; needs --note with the reason")), noFiles | cobra.ShellCompDirectiveKeepOrder
}

// completeLevel offers the levels 0-5 (and na if allowed) of the default scale.
func (a *app) completeLevel(allowNA bool) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		out := levelCompletions(model.DefaultScale, [6]string{})
		if allowNA {
			out = append(out, cobra.CompletionWithDesc("na", "not applicable"))
		}
		return out, noFiles | cobra.ShellCompDirectiveKeepOrder
	}
}

func levelCompletions(scale model.Scale, descriptors [6]string) []cobra.Completion {
	var out []cobra.Completion
	for _, s := range scale {
		desc := s.Name + ": " + s.Meaning
		if d := descriptors[s.Level]; d != "" {
			desc = s.Name + ": " + d
		}
		out = append(out, cobra.CompletionWithDesc(s.Level.String(), textsafe.Clean(desc, false)))
	}
	return out
}

// completeFramework offers the loaded framework IDs with their titles.
func (a *app) completeFramework(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cat, err := a.loadCatalog()
	if err != nil {
		return nil, noFiles
	}
	var out []cobra.Completion
	for _, f := range cat.Frameworks() {
		out = append(out, cobra.CompletionWithDesc(f.ID, f.Title))
	}
	return out, noFiles
}

// formatHelp describes the export formats report knows; a new one
// completes without a description until it gets a line here.
var formatHelp = map[string]string{
	"json": "everything stored: the workshop bundle",
	"csv":  "one row per question, for a spreadsheet",
	"md":   "a Markdown report with the differences",
	"html": "a self-contained report with charts, printable",
	"xlsx": "a workbook: summary, answers, sections, plan",
}

func completeFormat(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, f := range report.Formats() {
		out = append(out, cobra.CompletionWithDesc(f, formatHelp[f]))
	}
	return out, noFiles | cobra.ShellCompDirectiveKeepOrder
}

// completeYAML offers questionnaire files (and folders to go into).
func completeYAML(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}

// setUpCompletionCommand adds cobra's `completion` command with assay's
// install notes and examples.
func (a *app) setUpCompletionCommand(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Short = "Shell completion scripts"
		c.Long = `Print a script that makes your shell complete assay's commands, flags,
assessment IDs (with their names), FRAMEWORK:QUESTION IDs, levels and formats.`
		c.Example = `  source <(assay completion bash)                                  # bash, this shell
  assay completion bash > ~/.local/share/bash-completion/completions/assay
  assay completion zsh > "${fpath[1]}/_assay"                      # zsh
  assay completion fish > ~/.config/fish/completions/assay.fish    # fish
  assay completion powershell | Out-String | Invoke-Expression`
		var shells []string
		for _, sh := range c.Commands() {
			sh.Example = "  assay completion " + sh.Name()
			sh.SetOut(a.Stdout) // a script goes out byte for byte
			shells = append(shells, sh.Name())
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usage(cmd, "no completion for %q; one of %s", args[0], strings.Join(shells, ", "))
			}
			return cmd.Help()
		}
	}
}
