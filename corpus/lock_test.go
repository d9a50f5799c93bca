//go:build unix

package corpus

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLockExcludesWriters: a second writer fails at once with NoWait (naming the holder), and
// otherwise waits, told so, until the first lets go.
func TestLockExcludesWriters(t *testing.T) {
	dir := t.TempDir()
	first, _ := OpenLibrary(dir)
	second, _ := OpenLibrary(dir)
	wl, err := first.Lock(context.Background(), LockOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = second.Lock(context.Background(), LockOptions{NoWait: true})
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "pid") {
		t.Fatalf("second Lock with NoWait: %v, want ErrBusy naming the holder's pid", err)
	}
	waiting := make(chan string, 1)
	got := make(chan error, 1)
	go func() {
		wl2, err := second.Lock(context.Background(), LockOptions{Waiting: func(h string) { waiting <- h }})
		if err == nil {
			err = wl2.Unlock()
		}
		got <- err
	}()
	<-waiting
	select {
	case err := <-got:
		t.Fatalf("second writer went on while the first held the lock: %v", err)
	default:
	}
	if err := wl.Unlock(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Errorf("second writer after the first let go: %v", err)
	}
}

// TestLockWaitCancelled: Ctrl-C while waiting for the lock stops the wait.
func TestLockWaitCancelled(t *testing.T) {
	dir := t.TempDir()
	lib, _ := OpenLibrary(dir)
	wl, err := lib.Lock(context.Background(), LockOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer wl.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	other, _ := OpenLibrary(dir)
	_, err = other.Lock(ctx, LockOptions{Waiting: func(string) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Lock cancelled while waiting: %v, want context.Canceled", err)
	}
}

// TestLockRemovesStaleTemps: taking the lock removes every temporary file a killed writer left
// (edition and index temp files), and nothing else.
func TestLockRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	lib, _ := OpenLibrary(dir)
	stale := []string{
		filepath.Join(dir, "editions", tempPrefix+"abc.json-123"),
		filepath.Join(dir, "index.bin"+TempMark+"4567"),
		filepath.Join(dir, "index", "seg-1"+TempMark+"89"),
	}
	kept := []string{
		filepath.Join(dir, "index.bin"),
		filepath.Join(dir, ".telegram-1.journal.json.tmp123"), // the journal's own, not a library writer's
	}
	for _, f := range append(stale, kept...) {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got := lib.Temps(); len(got) != len(stale) {
		t.Errorf("Temps() = %v, want %v", got, stale)
	}
	wl, err := lib.Lock(context.Background(), LockOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer wl.Unlock()
	if len(wl.Removed) != len(stale) {
		t.Errorf("Lock removed %v, want %v", wl.Removed, stale)
	}
	for _, f := range stale {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stale %s still there (%v)", f, err)
		}
	}
	for _, f := range kept {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s removed: %v", f, err)
		}
	}
}

// TestOpenLibraryWritesNothing: a reader of a missing folder serves the built-in edition and
// creates nothing.
func TestOpenLibraryWritesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	arts, err := lib.Articles()
	if err != nil || len(arts) == 0 {
		t.Errorf("Articles() of a missing folder = %d, %v; want the built-in edition", len(arts), err)
	}
	if _, err := lib.Fingerprint(); err != nil {
		t.Errorf("Fingerprint() of a missing folder: %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("reading created %s (%v)", dir, err)
	}
}

// TestFilesRespectUmask: edition files and folders are created 0644/0755 less the umask
// (never 0600, which another user serving the library could not read).
func TestFilesRespectUmask(t *testing.T) {
	for _, tc := range []struct{ umask, file, folder os.FileMode }{
		{0o022, 0o644, 0o755},
		{0o027, 0o640, 0o750},
	} {
		old := syscall.Umask(int(tc.umask))
		lib := openTestLibrary(t)
		err := lib.Add(parseTestFile(t, "2024-11-08-multipage.txt", Meta{}))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		eds, _ := lib.Editions()
		fi, err := os.Stat(lib.editionPath(eds[0].ID))
		if err != nil || fi.Mode().Perm() != tc.file {
			t.Errorf("umask %o: edition file mode %v (%v), want %o", tc.umask, fi.Mode().Perm(), err, tc.file)
		}
		di, err := os.Stat(lib.editionsDir())
		if err != nil || di.Mode().Perm() != tc.folder {
			t.Errorf("umask %o: editions folder mode %v (%v), want %o", tc.umask, di.Mode().Perm(), err, tc.folder)
		}
	}
}

// TestAddDiskFull: a write that fails half way (a full disk) is reported with the file and the
// reason, and leaves the stored edition as it was and no temporary file.
func TestAddDiskFull(t *testing.T) {
	lib := openTestLibrary(t)
	ed := parseTestFile(t, "2024-11-08-multipage.txt", Meta{})
	if err := lib.Add(ed); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(lib.editionPath(ed.ID))
	saved := writeData
	writeData = func(f *os.File, data []byte) error {
		f.Write(data[:len(data)/2])
		return &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	defer func() { writeData = saved }()
	changed := *ed
	changed.Articles = changed.Articles[:1]
	err := lib.Add(&changed)
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), ed.ID) {
		t.Errorf("Add on a full disk: %v, want ENOSPC naming the edition", err)
	}
	after, _ := os.ReadFile(lib.editionPath(ed.ID))
	if string(after) != string(before) {
		t.Error("a failed write changed the stored edition")
	}
	assertNoTemps(t, lib)
}

// TestReadFileRefusesSpecialFiles: a named pipe (no writer) and a device are refused at once,
// naming the path and its kind, rather than blocking or reading without end.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for path, kind := range map[string]string{fifo: "named pipe", "/dev/zero": "character device"} {
		done := make(chan error, 1)
		go func() { _, err := ReadFile(path, 1<<20); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), kind) {
				t.Errorf("ReadFile(%s) = %v, want ErrNotRegular naming the path and %q", path, err, kind)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("ReadFile(%s) blocked", path)
		}
		rep, err := Ingest(context.Background(), openTestLibrary(t), []string{path}, Meta{}, nil)
		if err != nil || len(rep.Refused) != 1 || !errors.Is(rep.Refused[0].Err, ErrNotRegular) {
			t.Errorf("Ingest(%s) = %+v, %v; want it refused as not a regular file", path, rep, err)
		}
	}
}

// TestReadCappedStopsAtLimit: an endless stream stops at the cap, whatever size was reported.
func TestReadCappedStopsAtLimit(t *testing.T) {
	zero, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer zero.Close()
	counted := &countingReader{r: zero}
	_, err = readCapped(counted, "/dev/zero", 1<<20)
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("readCapped(/dev/zero) = %v, want ErrTooLarge", err)
	}
	if counted.n > 1<<20+1 {
		t.Errorf("read %d bytes of /dev/zero, want at most the cap+1", counted.n)
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// TestCapReaderStopsAtLimit: a stream read line by line fails once past its cap.
func TestCapReaderStopsAtLimit(t *testing.T) {
	zero, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer zero.Close()
	counted := &countingReader{r: zero}
	n, err := io.Copy(io.Discard, CapReader(counted, "/dev/zero", 1<<20))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "/dev/zero") || counted.n > 1<<20+1 || n > 1<<20+1 {
		t.Errorf("CapReader(/dev/zero): copied %d, read %d, %v; want ErrTooLarge at the cap", n, counted.n, err)
	}
}
