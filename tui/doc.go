// Package tui is assay's terminal app, in Bubble Tea: the assessments list,
// the new-assessment form, the questionnaire, the dashboard, the
// differences between two frameworks, help, the conflict chooser and the
// room screen of a live workshop.
//
// # A map
//
//	app.go              the root Model: the stack of screens, the frame, the one status slot
//	quit.go             quitting: what was typed is saved and the write queue flushed first
//	screen.go           the screen contract, the messages screens send the root, common
//	db.go               the only file that talks to package store: every read and write, as a tea.Cmd
//	writer.go           the ordered write queue those commands run in, flushed before the app ends
//	session.go          the open assessment: answers, saves and their state, conflicts, positions
//	refresh.go          merging what another process wrote into the session
//	disputes.go         a workshop import's disagreements, as the session keeps them
//	analysis.go         the figures of the dashboard and differences (computed by package model)
//	keys.go             the KeyMap: one key group per screen, tab or modal; footers and help come from it
//	keygroups.go        the key groups themselves (HomeKeys, QuestionnaireKeys, ...)
//	home.go, form.go, questionnaire.go, dashboard.go, differences.go, help.go, conflict.go,
//	history.go, reconcile.go, compare.go
//	                    the screens (each with its View beside it or in *_view.go, drill.go, profile.go,
//	                    picker.go, fwview.go, home_workshop.go)
//	modal.go, note.go, finder.go, related.go, action.go, changes.go, target.go
//	                    the modals: prompt and confirm, the note editor and N/A reason, the finder,
//	                    related questions, the action form, what changed in the questionnaire, targets
//	lineinput.go, scroll.go, bars.go, styles.go
//	                    pieces screens share: a one-line input, scrolling, bars, styles
//	room.go, room_lead.go, room_view.go
//	                    a live workshop (assay serve): the Room the app is seated in, the room screen
//	                    that is then the first screen, a participant's keys and the facilitator's
//	cells/              drawing text in terminal cells: inert, width, fit, wrap
//	noteeditor/         the note editor (0.3 ms a key at 100 KB)
//
// # Where to look
//
// Where a key is handled: keygroups.go names it (say QuestionnaireKeys.Flag,
// bound in keys.go's DefaultKeyMap); the
// Update of the screen in front matches it (questionnaire.go, updateKey).
// The root sees every key first only to clear the status slot and to let
// nothing but quit act behind "Enlarge the window" (app.go, step).
//
// Where a figure on screen is computed: in package model (ScoreFramework,
// Gaps, BiggestGaps, CompareThemes, Score.Working, Differences.SortBySize).
// The session keeps each framework's score (session.rescore) and builds the
// analysis (analysis.go); screens only format what they are given.
//
// Where an answer is written: a screen builds a model.Change and calls
// session.save (session.go), which sets Seen to the answer as the screen
// shows it and records the save; db.save (db.go) queues store.Save on the
// write queue; its answerSavedMsg comes back to session.saved through the
// root (app.go). A store.ConflictError becomes a conflict: nothing was
// written, and conflict.go asks the user to keep theirs or use their own.
//
// # Adding a screen
//
// Write one file with a type that implements screen: Update(msg) (screen,
// tea.Cmd), View() page, Keys() help.KeyMap and Title(); add its key group
// to keygroups.go and a field for it to keys.go's KeyMap. Open it from
// another screen with one line:
//
//	return q, push(newHistoryScreen(q.c, q.s, v.key())) // over the current screen; esc comes back
//	return q, send(swapMsg{newDashboard(q.c, s)})       // or back to it if it is just below
//
// A screen gets the body's size as a tea.WindowSizeMsg, every message that
// is not a key, and a revealMsg when it comes on top (look for changes made
// elsewhere then: c.db.checkChanged). It says things with say and sayErr,
// goes back with send(popMsg{}), quits with send(quitMsg{}); it never draws
// the header line, the status line or the footer. Optional: Legend() for its
// help page, leave() to save what was typed when the app quits, and
// showsFigures() to have the session's analysis fresh before it draws. A
// screen that reads or writes the store adds a command to db.go, and its
// result message type there.
package tui
