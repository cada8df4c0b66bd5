package tui

import (
	"context"
	"sync"

	tea "charm.land/bubbletea/v2"
)

// writer runs the store writes of the TUI one at a time, in the order the user
// made them, off the UI goroutine. Update enqueues a job and returns the
// writer's step as a tea.Cmd; each step runs the oldest queued job. Jobs with
// the same coalescing key replace each other while still queued, so holding an
// arrow key queues one resume-point write, not hundreds.
//
// flush runs everything still queued, synchronously: the quit path and Run
// call it, so a change the user made is on disk before the program ends.
type writer struct {
	mu    sync.Mutex // guards the fields below
	queue []job
	seq   uint64
	// failures are the result messages of failed jobs since the last flush,
	// kept so that the quit path can learn about a failure whose message has
	// not arrived yet; flush hands them over and forgets them.
	failures []tea.Msg

	run sync.Mutex // held while a job runs: jobs never overlap
}

// job is one queued write.
type job struct {
	seq uint64
	key string // coalescing key; "" never coalesces
	do  func(ctx context.Context, seq uint64) tea.Msg
}

// failer is a result message that can report a failed write.
type failer interface{ failed() error }

// enqueue queues a write and returns its sequence number and the command
// that runs it. A queued job with the same non-empty key is dropped.
func (w *writer) enqueue(key string, do func(ctx context.Context, seq uint64) tea.Msg) (uint64, tea.Cmd) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if key != "" {
		kept := w.queue[:0]
		for _, j := range w.queue {
			if j.key != key {
				kept = append(kept, j)
			}
		}
		clear(w.queue[len(kept):])
		w.queue = kept
	}
	w.seq++
	w.queue = append(w.queue, job{w.seq, key, do})
	return w.seq, w.step
}

// pending is the number of queued writes (not counting one running now).
func (w *writer) pending() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.queue)
}

func (w *writer) pop() (job, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.queue) == 0 {
		return job{}, false
	}
	j := w.queue[0]
	w.queue[0] = job{}
	w.queue = w.queue[1:]
	return j, true
}

// step runs the oldest queued job, if any; it is the tea.Cmd enqueue returns.
func (w *writer) step() tea.Msg {
	w.run.Lock()
	defer w.run.Unlock()
	j, ok := w.pop()
	if !ok {
		return nil
	}
	return w.exec(j)
}

func (w *writer) exec(j job) tea.Msg {
	msg := j.do(context.Background(), j.seq)
	if f, ok := msg.(failer); ok && f.failed() != nil {
		w.mu.Lock()
		w.failures = append(w.failures, msg)
		w.mu.Unlock()
	}
	return msg
}

// flush runs every queued job now, in order, after any job already running.
// It returns their results and every failure recorded since the last flush
// (including failures of jobs that ran earlier, whose messages may still be
// on the way; result handlers are idempotent, so seeing one twice is
// harmless).
func (w *writer) flush() (results, failures []tea.Msg) {
	w.run.Lock()
	defer w.run.Unlock()
	for {
		j, ok := w.pop()
		if !ok {
			break
		}
		results = append(results, w.exec(j))
	}
	w.mu.Lock()
	failures, w.failures = w.failures, nil
	w.mu.Unlock()
	return results, failures
}
