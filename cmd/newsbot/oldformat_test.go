package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/retrieval"
)

// TestOldFormatIndexRebuilt: an index saved by an older newsbot (index format 1) is never read
// as the current format: a reader answers from the library indexed in memory, saying why, and
// the next writer rebuilds and saves it.
func TestOldFormatIndexRebuilt(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	if _, stderr, err := runCmd(t, e, "", "ingest", "--paper", "武进日报", builtinEditionFile(t, in, "2024-11-01.txt", 0)); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	index := filepath.Join(data, "index.bin")
	old := "NEWSBOT-INDEX 1\n" + `{"version":1,"embedder":"local-hash-v1/512","dim":512,"articles":1,"chunks":1}` + "\n\x00\x01\x02\x03NBIXEND\n"
	if err := os.WriteFile(index, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runCmd(t, e, "", "ask", "达茂旗的总面积是多少？")
	if err != nil || !strings.Contains(out, "18177") || !strings.Contains(stderr, "older newsbot") {
		t.Fatalf("ask over an old-format index: %v %q\n%s", err, out, stderr)
	}
	if b, _ := os.ReadFile(index); string(b) != old {
		t.Fatal("a reader changed the old-format index")
	}
	if _, stderr, err := runCmd(t, e, "", "ingest", "--paper", "武进日报", builtinEditionFile(t, in, "2024-11-02.txt", 1)); err != nil || !strings.Contains(stderr, "rebuilding") {
		t.Fatalf("ingest over an old-format index: %v\n%s", err, stderr)
	}
	if h, err := retrieval.ReadHeader(index); err != nil || h.Articles == 0 {
		t.Fatalf("index after the next writer: %+v, %v", h, err)
	}
	if out, stderr, err := runCmd(t, e, "", "check"); err != nil || !strings.Contains(out, "sound") {
		t.Errorf("check after the rebuild: %v\n%s%s", err, out, stderr)
	}
}
