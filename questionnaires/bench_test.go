package questionnaires

import (
	"io/fs"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
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
		parseEmbeddedYAML(b)
		yamlTime += time.Since(start)
		n++
	}
	b.ReportMetric(float64(loadTime.Microseconds())/float64(n)/1000, "load-ms")
	b.ReportMetric(float64(yamlTime.Microseconds())/float64(n)/1000, "yaml-ms")
	b.ReportMetric(float64(loadTime)/float64(yamlTime), "load/yaml")
}

// parseEmbeddedYAML loads the embedded frameworks and crosswalks by parsing
// every YAML file.
func parseEmbeddedYAML(b *testing.B) {
	names, _ := fs.Glob(embedded, "*.yaml")
	cat, _ := model.NewCatalog()
	var crosswalks []string
	for _, name := range names {
		if isCrosswalkFile(name) {
			crosswalks = append(crosswalks, name)
			continue
		}
		data, _ := embedded.ReadFile(name)
		f, problems := ParseFramework("embedded "+name, data)
		if problems != nil {
			b.Fatal(problems)
		}
		if err := cat.Add(f); err != nil {
			b.Fatal(err)
		}
	}
	for _, name := range crosswalks {
		data, _ := embedded.ReadFile(name)
		if err := addCrosswalk(cat, "embedded "+name, data); err != nil {
			b.Fatal(err)
		}
	}
}
