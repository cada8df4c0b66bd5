// Command assay runs maturity self-assessments against compliance frameworks in
// the terminal. See README.md; the commands live in package cli, the
// interactive app in package tui, live workshops in packages room and serve.
package main

import (
	"context"
	"os"

	"github.com/charmbracelet/x/term"

	"github.com/assaytui/assay/cli"
	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/room"
	"github.com/assaytui/assay/serve"
	"github.com/assaytui/assay/store"
	"github.com/assaytui/assay/tui"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
		IsTerminal: func() bool {
			return term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd())
		},
		PrepareTUI: tui.Prepare,
		RunTUI: func(st *store.Store, cat *model.Catalog, openID, actor string) error {
			return tui.Run(tui.Options{Store: st, Catalog: cat, OpenID: openID, Actor: actor, Version: cli.Version})
		},
		RunServe: func(ctx context.Context, st *store.Store, cat *model.Catalog, id, actor string, opts serve.Options) error {
			return room.Run(ctx, st, cat, id, actor, opts, os.Stdout)
		},
	}))
}
