package room

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/serve"
)

// The load test: 30 participants on loopback SSH, each pressing rating keys
// in their own terminal while the others do. What is measured is the time
// from a key leaving the client to the first byte of the frame it causes
// (the app draws the new rating at once; the save follows), per participant,
// against one participant alone in the same run; and the CPU and memory of
// the process (server and clients together). Bounded: 30 people, 20 keys
// each, a minute at most. Figures are reported, not asserted; what is asserted is
// that every last vote is on disk.

const (
	loadPeople = 30
	loadKeys   = 20
)

// typist is one simulated participant: an SSH client with a terminal.
type typist struct {
	name   string
	client *gossh.Client
	in     io.Writer
	frames chan time.Time // when output arrived
	mu     sync.Mutex
	seen   strings.Builder
	lat    []time.Duration
	last   model.Level
}

func joinRoom(t *testing.T, addr, name string) *typist {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: name,
		Auth: []gossh.AuthMethod{gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
			if len(qs) == 0 {
				return nil, nil
			}
			return []string{"482913"}, nil
		})},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, _ := sess.StdinPipe()
	out, _ := sess.StdoutPipe()
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	ty := &typist{name: name, client: c, in: in, frames: make(chan time.Time, 256), last: model.Unanswered}
	go func() {
		buf := make([]byte, 32*1024)
		for {
			n, err := out.Read(buf)
			if n > 0 {
				at := time.Now()
				ty.mu.Lock()
				if ty.seen.Len() < 1<<20 {
					ty.seen.Write(buf[:n])
				}
				ty.mu.Unlock()
				select {
				case ty.frames <- at:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return ty
}

// waitText waits until the output so far holds s.
func (ty *typist) waitText(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ty.mu.Lock()
		ok := strings.Contains(ty.seen.String(), s)
		ty.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s never saw %q", ty.name, s)
}

// quiet waits until no output has come for a while (the save's frame has
// been drawn), so the next key's first frame is its own.
func (ty *typist) quiet() {
	for {
		select {
		case <-ty.frames:
		case <-time.After(40 * time.Millisecond):
			return
		}
	}
}

// press sends one rating key and times the first frame after it.
func (ty *typist) press(l model.Level) error {
	ty.quiet()
	t0 := time.Now()
	if _, err := ty.in.Write([]byte(l.String())); err != nil {
		return err
	}
	select {
	case at := <-ty.frames:
		ty.lat = append(ty.lat, at.Sub(t0))
		ty.last = l
		return nil
	case <-time.After(10 * time.Second):
		return fmt.Errorf("%s: no frame after key %s", ty.name, l)
	}
}

type latency struct{ median, p95, max time.Duration }

func summarise(ds []time.Duration) latency {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return latency{}
	}
	return latency{s[len(s)/2], s[(len(s)*95)/100], s[len(s)-1]}
}

func peakRSS() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func TestLoad30ParticipantsPressingKeys(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: 30 SSH participants; skipped with -short")
	}
	st, id := testWorkshop(t)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	w, err := Open(ctx, st, testCatalog(t), id, "fay", serve.Options{Listen: "127.0.0.1:0", Code: "482913"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	addr := w.Addr.String()

	// Baseline: one participant alone.
	alone := joinRoom(t, addr, "alone")
	alone.waitText(t, "follow me")
	for i := range loadKeys {
		if err := alone.press(model.Level(i%5 + 1)); err != nil {
			t.Fatal(err)
		}
	}
	base := summarise(alone.lat)

	// Thirty at once (the first one stays: 30 people in all).
	people := []*typist{alone}
	for i := 1; i < loadPeople; i++ {
		people = append(people, joinRoom(t, addr, fmt.Sprintf("p%02d", i)))
	}
	for _, p := range people {
		p.waitText(t, "follow me")
		p.lat = nil
	}
	cpu0, phase := cpuTime(), time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, len(people))
	deadline := time.Now().Add(time.Minute)
	for n, p := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < loadKeys && time.Now().Before(deadline); i++ {
				// A person thinks between keys; 50-250 ms is a fast room:
				// thirty people keep the server at about 150 keys a second.
				time.Sleep(time.Duration(50+rand.IntN(200)) * time.Millisecond)
				if err := p.press(model.Level((i + n) % 6)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	end := time.Now()
	cpu := cpuTime() - cpu0
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)

	var all []time.Duration
	var report strings.Builder
	for _, p := range people {
		s := summarise(p.lat)
		all = append(all, p.lat...)
		fmt.Fprintf(&report, "  %-6s %2d keys  median %6.2f ms  p95 %6.2f ms  max %6.2f ms\n", p.name, len(p.lat),
			ms(s.median), ms(s.p95), ms(s.max))
	}
	total := summarise(all)
	t.Logf("keystroke to first frame, %d participants × %d keys over loopback SSH:\n%s", len(people), loadKeys, report.String())
	t.Logf("all %d keys: median %.2f ms, p95 %.2f ms, max %.2f ms; one participant alone: median %.2f ms (ratio %.2f)",
		len(all), ms(total.median), ms(total.p95), ms(total.max), ms(base.median), float64(total.median)/float64(base.median))
	t.Logf("CPU (server and the 30 clients, in this process): %.2f ms a key, %.1f s for the %d keys in %.1f s",
		ms(cpu)/float64(len(all)), cpu.Seconds(), len(all), end.Sub(phase).Seconds())
	t.Logf("memory (server and clients): Go heap in use %.1f MB (%.1f MB before the room), from the OS %.1f MB; peak RSS %s",
		mb(after.HeapInuse), mb(before.HeapInuse), mb(after.Sys), peakRSS())
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		t.Logf("machine load (1, 5, 15 min): %s on %d CPUs", strings.Join(strings.Fields(string(load))[:3], ", "), runtime.NumCPU())
	}

	// Every participant's last vote reaches the disk (the saves queue
	// behind each other; the screens drew them first).
	wait := time.Now().Add(time.Minute)
	for {
		votes, err := st.Votes(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]model.Level{}
		for _, v := range votes {
			got[v.By] = v.Level
		}
		var behind []string
		for _, p := range people {
			if got[p.name] != p.last {
				behind = append(behind, fmt.Sprintf("%s has %v on disk, pressed %v", p.name, got[p.name], p.last))
			}
		}
		if len(behind) == 0 {
			break
		}
		if time.Now().After(wait) {
			t.Fatalf("last votes not on disk after a minute: %s", strings.Join(behind, "; "))
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("every last vote on disk %.1f s after the last key", time.Since(end).Seconds())
}

// cpuTime is the CPU this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
func mb(b uint64) float64        { return float64(b) / (1 << 20) }
