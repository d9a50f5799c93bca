//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFullDisk writes a library on a small tmpfs filled up (skipped where mounting is not
// allowed): a write that does not fit fails with exit 1 and a message naming what and why, and
// leaves the library as it was: no temporary file, the saved index byte for byte, the editions
// unchanged when the edition itself did not fit; readers go on answering, from memory when the
// index is stale, since they never write.
func TestFullDisk(t *testing.T) {
	data := filepath.Join(t.TempDir(), "lib")
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", data).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here: %v %s", err, out)
	}
	// Lazily: the in-process commands' index mappings (retrieval reads the index in place) last
	// until the garbage collector drops them, and they keep the file system busy until then.
	t.Cleanup(func() { exec.Command("umount", "-l", data).Run() })
	e := env{"NEWSBOT_DATA": data}
	in := t.TempDir()
	if _, stderr, err := runCmd(t, e, "", "ingest", builtinEditionFile(t, in, "2024-11-01.txt", 0)); err != nil {
		t.Fatalf("first ingest: %v\n%s", err, stderr)
	}
	index := filepath.Join(data, indexFile)
	savedIndex, _ := os.ReadFile(index)
	before := articleCount(t, e)
	filler := filepath.Join(data, "filler")
	fill := func(leave int64) {
		t.Helper()
		os.Remove(filler)
		var st syscall.Statfs_t
		if err := syscall.Statfs(data, &st); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filler, make([]byte, int64(st.Bavail)*st.Bsize-leave), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	unchangedIndex := func(when string) {
		t.Helper()
		if now, _ := os.ReadFile(index); !bytes.Equal(now, savedIndex) {
			t.Errorf("%s: the saved index changed", when)
		}
		matches, _ := filepath.Glob(filepath.Join(data, "*"+".tmp-*"))
		more, _ := filepath.Glob(filepath.Join(data, "editions", ".tmp-*"))
		if len(matches)+len(more) > 0 {
			t.Errorf("%s: temporary files left: %v %v", when, matches, more)
		}
	}

	fill(4 << 10) // not even room for the edition
	_, stderr, err := runCmd(t, e, "", "ingest", builtinEditionFile(t, in, "2024-11-02.txt", 2))
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), "edition") {
		t.Errorf("ingest on a full disk: exit %d (%v)\n%s; want 1 naming the edition and the full disk", exitCode(err), err, stderr)
	}
	t.Logf("edition did not fit: %v", err)
	unchangedIndex("edition did not fit")
	if got := articleCount(t, e); got != before {
		t.Errorf("edition did not fit: the library holds %d articles, want the %d of before", got, before)
	}

	fill(64 << 10) // room for the edition, not for the index
	_, stderr, err = runCmd(t, e, "", "ingest", builtinEditionFile(t, in, "2024-11-03.txt", 3))
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "save search index") || !strings.Contains(err.Error(), "no space left on device") {
		t.Errorf("ingest with no room for the index: exit %d (%v)\n%s; want 1 naming the index and the full disk", exitCode(err), err, stderr)
	}
	t.Logf("index did not fit: %v", err)
	unchangedIndex("index did not fit")
	// The disk still full and the index now stale: a reader answers from memory.
	if out, stderr, err := runCmd(t, e, "", "ask", "达茂旗的总面积是多少？"); err != nil || !strings.Contains(out, "18177") {
		t.Errorf("ask on a full disk with a stale index: %v %q\n%s", err, out, stderr)
	}

	os.Remove(filler)
	if _, stderr, err := runCmd(t, e, "", "ingest", "--reindex"); err != nil {
		t.Fatalf("reindex with room again: %v\n%s", err, stderr)
	}
	if out, stderr, err := runCmd(t, e, "", "check"); err != nil {
		t.Errorf("check after the disk was freed: %v\n%s%s", err, out, stderr)
	}
}
