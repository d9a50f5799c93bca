package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"newsbot/corpus"
)

// The binary the process tests run, built once into a folder every user may read.
var (
	binOnce sync.Once
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	if os.Getenv(heldAtIndexSaveEnv) != "" {
		os.Exit(newsbotHeldAtIndexSave())
	}
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// testBinary builds newsbot once for the tests that need real processes (locks, signals, another
// user); they are skipped with -short.
func testBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	binOnce.Do(func() {
		dir, err := sharedTempDir()
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "newsbot")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// sharedTempDir makes a folder that another user (nobody) may enter and read.
func sharedTempDir() (string, error) {
	dir, err := os.MkdirTemp("", "newsbot-test-")
	if err != nil {
		return "", err
	}
	return dir, os.Chmod(dir, 0o755)
}

// proc is how a test runs the binary: as this user, or as nobody (for a read-only library when
// the tests run as root, as CI does).
type proc struct {
	bin  string
	data string
	cred *syscall.Credential
	env  []string
}

func (p proc) command(stdin string, args ...string) *exec.Cmd {
	cmd := exec.Command(p.bin, append([]string{"--data", p.data}, args...)...)
	cmd.Env = append(os.Environ(), "NEWSBOT_DATA="+p.data, "HOME="+p.data)
	cmd.Env = append(cmd.Env, p.env...)
	cmd.Stdin = strings.NewReader(stdin)
	if p.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: p.cred}
	}
	return cmd
}

// run runs the binary to its end and returns its output and exit status.
func (p proc) run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := p.command(stdin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatalf("run %v: %v", args, err)
	}
	return out.String(), errb.String(), code
}

// nobody returns the credentials of the unprivileged user nobody.
func nobody(t *testing.T) *syscall.Credential {
	t.Helper()
	u, err := user.Lookup("nobody")
	if err != nil {
		t.Skipf("no user nobody to run as: %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
}

// builtinEditionFile writes the built-in edition's text as an edition file to ingest.
func builtinEditionFile(t *testing.T, dir, name string, variant int) string {
	t.Helper()
	text := corpus.BuiltinText()
	if variant > 0 {
		text = bytes.ReplaceAll(text, []byte("昨天"), fmt.Appendf(nil, "第%d天", variant))
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// startUntil starts cmd and reads its stderr until a line holds want; false if it ended first.
func startUntil(t *testing.T, cmd *exec.Cmd, want string) bool {
	t.Helper()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return waitForLine(stderr, want)
}

// waitForLine reads r until a line holds want, and returns whether one did.
func waitForLine(r io.Reader, want string) bool {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if strings.Contains(sc.Text(), want) {
			go io.Copy(io.Discard, r) // keep the process from blocking on a full pipe
			return true
		}
	}
	return false
}

// TestConcurrentWriters runs writers in separate processes on one library: while one ingests,
// a second with --no-wait fails at once (exit 2, saying why), a third waits with a message and
// then goes on; in the end the saved index covers every edition (no writer overwrote a newer
// index with an older view), so a reader loads it without re-indexing.
func TestConcurrentWriters(t *testing.T) {
	bin := testBinary(t)
	data, in := t.TempDir(), t.TempDir()
	p := proc{bin: bin, data: data}
	for i := range 40 {
		builtinEditionFile(t, in, fmt.Sprintf("2023-%02d-%02d.txt", i%12+1, i%28+1), i+1)
	}
	first := p.command("", "ingest", "--paper", "武进日报", in)
	if !startUntil(t, first, "file ingested") {
		t.Fatal("the first writer ended before ingesting a file")
	}
	defer first.Process.Kill()

	late := builtinEditionFile(t, t.TempDir(), "2024-11-01.txt", 0)
	_, errText, code := p.run(t, "", "ingest", "--no-wait", "--paper", "武进日报", late)
	if code != 2 || !strings.Contains(errText, "another process is writing") {
		t.Errorf("second writer with --no-wait: exit %d, stderr %q; want exit 2 saying another process is writing", code, errText)
	}

	third := p.command("", "ingest", "--paper", "武进日报", late)
	if !startUntil(t, third, "waiting for it") {
		t.Error("the third writer did not say it waits for the lock")
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("first writer: %v", err)
	}
	if err := third.Wait(); err != nil {
		t.Fatalf("third writer: %v", err)
	}
	out, errText, code := p.run(t, "", "check")
	if code != 0 || !strings.Contains(out, "41 editions") {
		t.Errorf("check after the writers: exit %d\n%s%s\nwant 41 editions and an index matching them", code, out, errText)
	}
}

// TestReadOnlyLibrary serves a library its user may not write (run as nobody when the tests run
// as root, chmod otherwise): ask, articles, chat and serve work, also with the saved index
// missing (indexed in memory, nothing written), and an empty read-only folder serves the
// built-in edition; ingest is refused with exit 2.
func TestReadOnlyLibrary(t *testing.T) {
	bin := testBinary(t)
	root, err := sharedTempDir()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	lib, noIndex, empty := filepath.Join(root, "lib"), filepath.Join(root, "noindex"), filepath.Join(root, "empty")
	edition := builtinEditionFile(t, root, "2024-11-01.txt", 0)
	for _, d := range []string{lib, noIndex} {
		if _, errText, code := (proc{bin: bin, data: d}).run(t, "", "ingest", "--paper", "武进日报", edition); code != 0 {
			t.Fatalf("ingest: exit %d\n%s", code, errText)
		}
	}
	if err := os.Remove(filepath.Join(noIndex, indexFile)); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	old := syscall.Umask(0)
	syscall.Umask(old)
	if fi, err := os.Stat(filepath.Join(lib, indexFile)); err != nil || fi.Mode().Perm() != 0o644&^os.FileMode(old) {
		t.Errorf("index file mode %v (%v), want 0644 less the umask %03o", fi.Mode().Perm(), err, old)
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		cred = nobody(t)
	} else {
		readOnly(t, root)
	}
	const q = "达茂旗的总面积是多少？"
	for _, d := range []string{lib, noIndex, empty} {
		p := proc{bin: bin, data: d, cred: cred}
		name := filepath.Base(d)
		if out, errText, code := p.run(t, "", "ask", q); code != 0 || !strings.Contains(out, "18177") {
			t.Errorf("%s: ask: exit %d, out %q\n%s", name, code, out, errText)
		}
		if out, errText, code := p.run(t, "", "articles"); code != 0 || !strings.Contains(out, "达茂旗") {
			t.Errorf("%s: articles: exit %d\n%s", name, code, errText)
		}
		if d == lib { // chat and serve load the index as ask does: once is enough
			if out, errText, code := p.run(t, q+"\n", "chat"); code != 0 || !strings.Contains(out, "18177") {
				t.Errorf("%s: chat: exit %d, out %q\n%s", name, code, out, errText)
			}
			checkServes(t, p, q, "18177")
		}
		if _, errText, code := p.run(t, "", "ingest", edition); code != 2 || !strings.Contains(errText, d) {
			t.Errorf("%s: ingest into a read-only library: exit %d, stderr %q; want 2 naming the folder", name, code, errText)
		}
	}
	if _, err := os.Stat(filepath.Join(noIndex, indexFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a reader wrote the index of the read-only library (%v)", err)
	}
}

// readOnly takes write permission off everything under root (given back when the test ends).
func readOnly(t *testing.T, root string) {
	t.Helper()
	var dirs []string
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, path)
		} else if err == nil {
			os.Chmod(path, 0o444)
		}
		return nil
	})
	for _, d := range dirs {
		os.Chmod(d, 0o555)
	}
	t.Cleanup(func() {
		for _, d := range dirs {
			os.Chmod(d, 0o755)
		}
	})
}

// checkServes starts `serve` on a free port, asks q over HTTP, and stops it with SIGTERM.
func checkServes(t *testing.T, p proc, q, want string) {
	t.Helper()
	cmd := p.command("", "serve", "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	sc := bufio.NewScanner(stdout)
	var base string
	for sc.Scan() {
		if i := strings.Index(sc.Text(), "http://"); i >= 0 {
			base = strings.TrimRight(sc.Text()[i:], "/")
			break
		}
	}
	if base == "" {
		cmd.Wait()
		t.Errorf("serve %s did not start:\n%s", p.data, errb.String())
		return
	}
	resp, err := http.Post(base+"/api/ask", "application/json", strings.NewReader(`{"question":"`+q+`"}`))
	if err != nil {
		t.Errorf("serve %s: %v", p.data, err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
		t.Errorf("serve %s: GET /api/ask: %d %s", p.data, resp.StatusCode, body)
	}
}
