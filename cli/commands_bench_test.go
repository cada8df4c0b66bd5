package cli_test

import (
	"io"
	"os"
	"testing"
	"time"

	"github.com/assaytui/assay/cli"
)

// BenchmarkFrameworksOverVersion runs `assay frameworks` (which loads the
// embedded questionnaires) and `assay version` (which loads nothing) in
// turn, in this process, and reports frameworks/version: what knowing the
// frameworks adds to a command, process start aside (scripts/perf measures
// whole processes).
func BenchmarkFrameworksOverVersion(b *testing.B) {
	env := cli.Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" },
		IsTerminal: func() bool { return false }, Stdin: os.Stdin}
	var fwTime, versionTime time.Duration
	n := 0
	for b.Loop() {
		start := time.Now()
		if code := cli.Main([]string{"frameworks"}, env); code != 0 {
			b.Fatalf("frameworks: exit %d", code)
		}
		fwTime += time.Since(start)
		start = time.Now()
		if code := cli.Main([]string{"version"}, env); code != 0 {
			b.Fatalf("version: exit %d", code)
		}
		versionTime += time.Since(start)
		n++
	}
	b.ReportMetric(float64(fwTime.Microseconds())/float64(n)/1000, "frameworks-ms")
	b.ReportMetric(float64(versionTime.Microseconds())/float64(n)/1000, "version-ms")
	b.ReportMetric(float64(fwTime)/float64(versionTime), "frameworks/version")
}
