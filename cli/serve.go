package cli

import (
	"net"
	"time"

	"github.com/spf13/cobra"

	"github.com/assaytui/assay/serve"
)

func (a *app) cmdServe() *cobra.Command {
	var opts serve.Options
	var code, keys string
	cmd := &cobra.Command{
		Use:   "serve ID",
		Short: "Run a live workshop over SSH",
		Long: `Serve an assessment to the room over SSH and lead it from this terminal.
Participants join with any SSH client under their own name and the workshop
code; each rates the question you show privately, you reveal every rating at
once, and record the level the room agrees on (each rating is kept with it).

It listens on this computer only unless you say --listen 0.0.0.0:2222. The
host key is made once, beside the database; compare its fingerprint with the
one ssh shows. Stop with q or ctrl+c: every participant's work is saved.`,
		Example: `  assay serve k3v9qx2m --listen 0.0.0.0:2222
  assay serve k3v9qx2m --listen 0.0.0.0:2222 --code harbourlight
  assay serve k3v9qx2m --listen 0.0.0.0:2222 --allow-keys team.pub
  ssh -p 2222 ann@192.168.1.20      # a participant joining as ann`,
		Args:              needArgs(1, 1, "one assessment ID (assay list shows them)"),
		ValidArgsFunction: a.completeArgs(a.completeAssessment),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, _, err := net.SplitHostPort(opts.Listen); err != nil {
				return usage(cmd, "--listen %q is not HOST:PORT (e.g. 0.0.0.0:2222)", opts.Listen)
			}
			if code != "" {
				c, err := serve.CheckCode(code)
				if err != nil {
					return badInput("%v", err)
				}
				opts.Code = c
			}
			if keys != "" {
				list, err := serve.ReadAllowedKeys(keys)
				if err != nil {
					return badInput("%v", err)
				}
				opts.AllowedKeys = list
			}
			if opts.Max < 1 {
				return usage(cmd, "--max must be at least 1")
			}
			if opts.Idle < time.Minute {
				return usage(cmd, "--idle must be at least 1m")
			}
			st, as, err := a.loadAssessment(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			st.Close()
			if !a.IsTerminal() {
				return usage(cmd, "no terminal: assay serve runs the facilitator's screen here, in a terminal")
			}
			cat, err := a.loadCatalog(as.FrameworkIDs()...)
			if err != nil {
				return err
			}
			if st, err = a.openStore(); err != nil {
				return err
			}
			defer st.Close()
			if err := st.QuickCheck(cmd.Context()); err != nil {
				return err
			}
			return a.RunServe(cmd.Context(), st, cat, as.ID, a.actor(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Listen, "listen", serve.DefaultListen, "HOST:PORT; 0.0.0.0:2222 lets the room in")
	f.StringVar(&code, "code", "", "the code to join (default: 6 random digits)")
	f.StringVar(&keys, "allow-keys", "", "FILE of public keys let in without the code")
	f.IntVar(&opts.Max, "max", serve.DefaultMax, "most participants at once")
	f.DurationVar(&opts.Idle, "idle", serve.DefaultIdle, "disconnect after this long without a key")
	for _, name := range []string{"listen", "code", "max", "idle"} {
		cmd.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions)
	}
	return cmd
}
