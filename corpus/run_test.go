package corpus

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
)

// TestRunReadsAsCommitted: a run's staged editions are not in the library until Commit, the run
// reads as the library will after it (editions, articles, stamps, the same file stored before
// under another date superseded), and Discard leaves the library as it was.
func TestRunReadsAsCommitted(t *testing.T) {
	lib := openTestLibrary(t)
	gbk := filepath.Join(editionsDir, "gbk-edition.txt")
	if _, err := Ingest(context.Background(), lib, []string{gbk}, Meta{Date: "2024-12-01"}, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := lib.Stamps()
	stage := func() *Run {
		run := lib.Begin()
		paths := []string{gbk, filepath.Join(editionsDir, "2024-11-08-multipage.txt")}
		if _, err := IngestRun(context.Background(), run, paths, IngestOptions{Meta: Meta{Date: "2024-12-02"}}); err != nil {
			t.Fatal(err)
		}
		return run
	}
	run := stage()
	if got, _ := lib.Stamps(); !reflect.DeepEqual(got, before) {
		t.Fatalf("staged editions are in the library before Commit: %v", got)
	}
	want, err := run.Stamps()
	if err != nil {
		t.Fatal(err)
	}
	eds, err := run.Editions()
	if err != nil || len(eds) != 2 || len(want) != 2 {
		t.Fatalf("run reads %d editions, %d stamps (%v); want 2 (the earlier copy of the file superseded)", len(eds), len(want), err)
	}
	for id := range before {
		if _, err := run.Edition(id); err == nil {
			t.Errorf("run still reads the superseded edition %s", id)
		}
	}
	arts, _ := run.Articles()
	run.Discard()
	if got, _ := lib.Stamps(); !reflect.DeepEqual(got, before) {
		t.Errorf("after Discard the library changed: %v", got)
	}
	assertNoTemps(t, lib)

	run = stage()
	want, _ = run.Stamps()
	if _, _, err := run.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := lib.Stamps(); !reflect.DeepEqual(got, want) {
		t.Errorf("stamps after Commit %v, the run said %v", got, want)
	}
	if got, _ := lib.Articles(); len(got) != len(arts) {
		t.Errorf("%d articles after Commit, the run read %d", len(got), len(arts))
	}
	assertNoTemps(t, lib)
}
