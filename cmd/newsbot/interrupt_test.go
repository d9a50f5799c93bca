package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestIngestInterrupted: Ctrl-C (SIGINT) or SIGTERM in the middle of a large ingest stops it
// promptly with exit 130, and the library is as it was: the same articles, no temporary file,
// its saved index still matching it.
func TestIngestInterrupted(t *testing.T) {
	bin := testBinary(t)
	in := t.TempDir()
	for i := range 300 {
		builtinEditionFile(t, in, fmt.Sprintf("2023-%02d-%02d-%03d.txt", i%12+1, i%28+1, i), i+1)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			data := t.TempDir()
			p := proc{bin: bin, data: data}
			first := builtinEditionFile(t, t.TempDir(), "2024-11-01.txt", 0)
			if _, errText, code := p.run(t, "", "ingest", "--paper", "武进日报", first); code != 0 {
				t.Fatalf("first ingest: exit %d\n%s", code, errText)
			}
			before := articleCount(t, env{"NEWSBOT_DATA": data})
			cmd := p.command("", "ingest", "--paper", "武进日报", in)
			if !startUntil(t, cmd, "file ingested") {
				t.Fatal("ingest ended before reading a file")
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case <-exited:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("ingest still running 20 s after %v", sig)
			}
			if code := cmd.ProcessState.ExitCode(); code != 130 {
				t.Errorf("exit status after %v: %d, want 130", sig, code)
			}
			if got := articleCount(t, env{"NEWSBOT_DATA": data}); got != before {
				t.Errorf("after %v the library holds %d articles, want the %d of before", sig, got, before)
			}
			if out, errText, code := p.run(t, "", "check"); code != 0 {
				t.Errorf("check after %v: exit %d\n%s%s", sig, code, out, errText)
			}
		})
	}
}

// TestIngestSpecialFiles: a named pipe (which would block a reader forever) and a device
// (which never ends) are refused at once, exit 2, naming the path and what it is.
func TestIngestSpecialFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "edition.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for path, kind := range map[string]string{fifo: "named pipe", "/dev/zero": "character device"} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, stderr, err := runCmd(t, nil, "", "ingest", path)
			if exitCode(err) != 2 || !strings.Contains(stderr, path) || !strings.Contains(stderr, kind) {
				t.Errorf("ingest %s: exit %d, stderr %q; want 2 naming the path as a %s", path, exitCode(err), stderr, kind)
			}
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("ingest %s still running after 20 s", path)
		}
	}
	if _, stderr, err := runCmd(t, nil, "", "--dict", fifo, "ask", "达茂旗面积"); exitCode(err) != 2 || !strings.Contains(err.Error()+stderr, "named pipe") {
		t.Errorf("--dict naming a named pipe: exit %d (%v)", exitCode(err), err)
	}
}

// TestTelegramInterruptedAtStart: Ctrl-C while the bot still retries getMe against a Bot API
// that fails ends it with exit 130.
func TestTelegramInterruptedAtStart(t *testing.T) {
	asked := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case asked <- struct{}{}:
		default:
		}
		http.Error(w, "bad gateway", http.StatusBadGateway)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	e := env{"TELEGRAM_BOT_TOKEN": "123456:AAE-token", "TELEGRAM_API_ENDPOINT": srv.URL + "/bot%s/%s", "NEWSBOT_DATA": t.TempDir()}
	go func() { done <- run(ctx, []string{"telegram"}, e.get, strings.NewReader(""), io.Discard, io.Discard) }()
	<-asked
	cancel()
	select {
	case err := <-done:
		if exitCode(err) != 130 {
			t.Errorf("telegram interrupted at start: exit %d (%v), want 130", exitCode(err), err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("telegram still starting 20 s after Ctrl-C")
	}
}

// heldAtIndexSaveEnv makes the test binary run as newsbot (see TestMain), holding a writer at
// the moment it is about to save the search index until it is interrupted.
const heldAtIndexSaveEnv = "NEWSBOT_TEST_HELD_AT_INDEX_SAVE"

const heldLine = "test: held before saving the search index"

// newsbotHeldAtIndexSave is main with a hook at the index save: it says it is there and waits for
// Ctrl-C or SIGTERM, so a test signals it at exactly that moment.
func newsbotHeldAtIndexSave() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx = context.WithValue(ctx, indexSaveHookKey{}, func(ctx context.Context) {
		fmt.Fprintln(os.Stderr, heldLine)
		<-ctx.Done()
	})
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	if err != nil && !errors.Is(err, errReported) {
		fmt.Fprintln(os.Stderr, "newsbot:", err)
	}
	return exitCode(err)
}

// TestIngestInterruptedAtIndexSave: Ctrl-C or SIGTERM once an ingest has read every file and
// indexed the new editions, at the moment it saves the index (a segment, or the whole index
// with --reindex), leaves the library as it was: the same edition and index files, byte for
// byte, no temporary file, check clean, exit 130.
func TestIngestInterruptedAtIndexSave(t *testing.T) {
	if testing.Short() {
		t.Skip("runs newsbot in a subprocess; skipped with -short")
	}
	in := t.TempDir()
	for i := range 5 {
		builtinEditionFile(t, in, fmt.Sprintf("2023-05-%02d.txt", i+1), i+1)
	}
	for _, tc := range []struct {
		name  string
		sig   syscall.Signal
		flags []string
	}{
		{"segment, SIGINT", syscall.SIGINT, nil},
		{"segment, SIGTERM", syscall.SIGTERM, nil},
		{"reindex, SIGINT", syscall.SIGINT, []string{"--reindex"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := t.TempDir()
			e := env{"NEWSBOT_DATA": data}
			first := builtinEditionFile(t, t.TempDir(), "2024-11-01.txt", 0)
			if _, errText, err := runCmd(t, e, "", "ingest", "--paper", "武进日报", first); err != nil {
				t.Fatalf("first ingest: %v\n%s", err, errText)
			}
			before := libraryFiles(t, data)
			args := append([]string{"--data", data, "ingest", "--paper", "武进日报"}, tc.flags...)
			cmd := exec.Command(os.Args[0], append(args, in)...)
			cmd.Env = append(os.Environ(), heldAtIndexSaveEnv+"=1", "NEWSBOT_DATA="+data)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(stderr)
			for sc.Scan() && !strings.Contains(sc.Text(), heldLine) {
			}
			rest := make(chan string, 1)
			go func() {
				var b strings.Builder
				for sc.Scan() {
					b.WriteString(sc.Text() + "\n")
				}
				rest <- b.String()
			}()
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			var said string
			select {
			case said = <-rest:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("ingest still running 20 s after %v", tc.sig)
			}
			cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != 130 || !strings.Contains(said, "nothing was stored") {
				t.Errorf("exit status %d, stderr %q; want 130 saying nothing was stored", code, said)
			}
			if after := libraryFiles(t, data); !reflect.DeepEqual(after, before) {
				t.Errorf("the library changed:\nbefore %v\nafter  %v", before, after)
			}
			if out, errText, err := runCmd(t, e, "", "check"); err != nil {
				t.Errorf("check: %v\n%s%s", err, out, errText)
			}
		})
	}
}

// libraryFiles lists the data folder's files (the writers' lock aside) with a hash of each.
func libraryFiles(t *testing.T, data string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(data, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "library.lock" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(data, path)
		out[rel] = fmt.Sprintf("%x", sha256.Sum256(b))[:12]
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
