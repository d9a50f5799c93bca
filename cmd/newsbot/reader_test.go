package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/corpus"
)

// TestReaderNeverWrites: a reader that finds the saved index missing indexes the library in
// memory, saying so with its progress, and answers; it saves nothing (that is for writers).
func TestReaderNeverWrites(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	if _, stderr, err := runCmd(t, e, "", "ingest", builtinEditionFile(t, in, "2024-11-01.txt", 0)); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	index := filepath.Join(data, indexFile)
	if err := os.Remove(index); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runCmd(t, e, "", "ask", "达茂旗的总面积是多少？")
	if err != nil || !strings.Contains(out, "18177") {
		t.Fatalf("ask without a saved index: %v %q\n%s", err, out, stderr)
	}
	if !strings.Contains(stderr, "in memory") || !strings.Contains(stderr, "stage=") {
		t.Errorf("stderr %q: want the in-memory indexing told, with its stages", stderr)
	}
	if _, err := os.Stat(index); !os.IsNotExist(err) {
		t.Errorf("a reader saved the index (%v)", err)
	}
}

// TestServerReloadsCommittedIndex: while a writer has stored editions but not yet committed
// their index, a server reloading on the index file's change serves the committed index (a
// whole version), not a build of the half-written library; a forced reload (SIGHUP, /reload)
// indexes what the library holds.
func TestServerReloadsCommittedIndex(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	if _, stderr, err := runCmd(t, e, "", "ingest", builtinEditionFile(t, in, "2024-11-01.txt", 0)); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	committed := articleCount(t, e)
	// A writer mid-run: one more edition stored, its index not saved yet.
	lib, _ := corpus.OpenLibrary(data)
	ed, err := corpus.Parse(filepath.Join(in, "2024-11-02.txt"),
		bytes.ReplaceAll(corpus.BuiltinText(), []byte("昨天"), []byte("前天")), corpus.Meta{Paper: "武进日报"})
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.Add(ed); err != nil {
		t.Fatal(err)
	}
	a := &app{g: newGlobals(e.get, nil), getenv: e.get, stderr: io.Discard}
	log := slog.New(slog.DiscardHandler)
	ix, err := a.loadIndex(context.Background(), log, true, nil)
	if err != nil || len(ix.Articles()) != committed {
		t.Errorf("reload on a committed index: %v, %d articles; want the committed %d", err, len(ix.Articles()), committed)
	}
	ix, err = a.loadIndex(context.Background(), log, false, nil)
	if err != nil || len(ix.Articles()) != 2*committed {
		t.Errorf("forced reload: %v, %d articles; want all %d the library holds", err, len(ix.Articles()), 2*committed)
	}
}
