package questionnaires

import (
	"io/fs"
	"testing"
	"time"
)

// BenchmarkLoadQuestionnaires is what every command pays to know the embedded
// frameworks: Load with no folder of the user's, from the compiled files.
// Each round also parses the same YAML files the way Load did before they
// were compiled (the baseline); it reports both and load/yaml.
func BenchmarkLoadQuestionnaires(b *testing.B) {
	var loadTime, yamlTime time.Duration
	n := 0
	for b.Loop() {
		start := time.Now()
		if _, err := Load(""); err != nil {
			b.Fatal(err)
		}
		loadTime += time.Since(start)
		start = time.Now()
		parseAllYAML(b)
		yamlTime += time.Since(start)
		n++
	}
	b.ReportMetric(float64(loadTime.Microseconds())/float64(n)/1000, "load-ms")
	b.ReportMetric(float64(yamlTime.Microseconds())/float64(n)/1000, "yaml-ms")
	b.ReportMetric(float64(loadTime)/float64(yamlTime), "load/yaml")
}

// parseAllYAML loads the embedded frameworks and crosswalks by parsing
// every YAML file, as if nothing were compiled.
func parseAllYAML(b *testing.B) {
	names, _ := fs.Glob(embedded, "*.yaml")
	if _, err := parseEmbeddedYAML(names, nil); err != nil {
		b.Fatal(err)
	}
}
