package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
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
