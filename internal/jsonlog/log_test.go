package jsonlog

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type rec struct {
	N int `json:"n"`
}

// A log rewritten, appended to and read again holds the rewritten values then the appended ones;
// a torn last line reaches the reader as it is, to be skipped.
func TestRewriteAppendRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.jsonl")
	l := New(path)
	if err := l.Read(func([]byte) { t.Error("a missing log has lines") }); err != nil {
		t.Fatal(err)
	}
	if err := l.Append(rec{0}); err == nil {
		t.Error("appending before the log is opened succeeded")
	}
	if err := l.Rewrite([]any{rec{1}, rec{2}}); err != nil {
		t.Fatal(err)
	}
	if err := l.Append(rec{3}); err != nil {
		t.Fatal(err)
	}
	if l.Lines() != 3 {
		t.Errorf("lines = %d, want 3", l.Lines())
	}
	l.Close()
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"n":4`) // torn by a crash
	f.Close()
	var got []int
	torn := 0
	if err := New(path).Read(func(line []byte) {
		var r rec
		if json.Unmarshal(line, &r) != nil {
			torn++
			return
		}
		got = append(got, r.N)
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0] != 1 || got[2] != 3 || torn != 1 {
		t.Errorf("read %v and %d torn lines, want [1 2 3] and 1", got, torn)
	}
}

// A log in a folder that cannot be written names its file in the error.
func TestRewriteErrorNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing-folder", "x.jsonl")
	err := New(path).Rewrite([]any{rec{1}})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want one naming %s", err, path)
	}
}
