package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/bot"
	"newsbot/store/postgres/pgtest"
)

// replica is one `newsbot serve` process.
type replica struct {
	cmd *exec.Cmd
	url string
	log *syncWriter
}

// startReplica starts `newsbot serve` on a free loopback port with the given environment and
// waits until it serves.
func startReplica(t *testing.T, e env, args ...string) *replica {
	t.Helper()
	cmd := exec.Command(testBinary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = os.Environ()
	for k, v := range e {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	r := &replica{cmd: cmd, log: &syncWriter{w: &bytes.Buffer{}}}
	cmd.Stderr = r.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("replica log:\n%s", r.log)
		}
	})
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if _, u, ok := strings.Cut(sc.Text(), " at "); ok && strings.HasPrefix(u, "http") {
				urls <- strings.TrimSpace(u)
			}
		}
	}()
	select {
	case r.url = <-urls:
	case <-time.After(90 * time.Second):
		t.Fatalf("replica did not start serving within 90 s; log:\n%s", r.log)
	}
	r.url = strings.TrimSuffix(r.url, "/")
	return r
}

type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// ask posts a question to a replica's API and returns the answer with the HTTP status.
func (r *replica) ask(t *testing.T, conversation, question string) (bot.Answer, int) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"question": question, "conversation": conversation})
	res, err := http.Post(r.url+"/api/ask", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("ask %s: %v", r.url, err)
	}
	defer res.Body.Close()
	var ans bot.Answer
	if res.StatusCode == http.StatusOK {
		if err := json.NewDecoder(res.Body).Decode(&ans); err != nil {
			t.Fatalf("ask %s: %v", r.url, err)
		}
	}
	return ans, res.StatusCode
}

// waitAnswer asks r question until it answers with want in the answer, failing after within.
func (r *replica) waitAnswer(t *testing.T, question, want string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		ans, status := r.ask(t, "", question)
		if status == 200 && ans.Found && strings.Contains(ans.Answer, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s does not answer %q with %q within %v: %d %+v", r.url, question, want, within, status, ans)
		}
		time.Sleep(100 * time.Millisecond) // polling an external process' state, with a deadline
	}
}

// TestReplicasShareLibraryAndConversations runs two `serve` processes on one database: a
// conversation begun on A continues on B, and an edition ingested (into the database) is answered
// by B within 10 s, found by polling with a deadline.
func TestReplicasShareLibraryAndConversations(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs two servers; skipped with -short")
	}
	db := pgtest.NewDatabase(t)
	a := startReplica(t, env{"NEWSBOT_DATA": t.TempDir(), "NEWSBOT_DATABASE_URL": db})
	b := startReplica(t, env{"NEWSBOT_DATA": t.TempDir(), "NEWSBOT_DATABASE_URL": db})

	first, status := a.ask(t, "", "达茂旗的总面积是多少？")
	if status != 200 || !first.Found || len(first.Citations) == 0 {
		t.Fatalf("A: %d %+v", status, first)
	}
	follow, status := b.ask(t, first.Conversation, "那人口呢？")
	if status != 200 || !follow.Found || len(follow.Citations) == 0 || follow.Citations[0].ArticleID != first.Citations[0].ArticleID {
		t.Fatalf("B did not continue A's conversation: %d %+v", status, follow)
	}
	fresh, _ := b.ask(t, "", "那人口呢？")
	if fresh.Found && fresh.Answer == follow.Answer {
		t.Fatalf("B answers the bare follow-up the same without the conversation: the check proves nothing")
	}

	// An edition only the ingest brings: B refuses its question before, answers it after.
	const q = "西太湖科技产业园已集聚多少家医疗器械相关企业？"
	if before, _ := b.ask(t, "", q); before.Found {
		t.Skipf("the built-in edition already answers %q: pick another question", q)
	}
	start := time.Now()
	if _, stderr, err := runCmd(t, env{"NEWSBOT_DATABASE_URL": db}, "", "ingest", "--paper", "测试日报",
		editionFile(t, t.TempDir(), "2024-11-08-multipage.txt")); err != nil {
		t.Fatalf("ingest into the database: %v\n%s", err, stderr)
	}
	b.waitAnswer(t, q, "400", 10*time.Second)
	t.Logf("B answered the edition ingested beside it %v after the ingest returned", time.Since(start).Round(time.Millisecond))
	a.waitAnswer(t, q, "400", 10*time.Second)

	// A second edition updates B's index by that edition (a new segment, no rebuild): B answers
	// from it and still from the first.
	const q2 = "西太湖冬泳队有多少名队员？"
	if _, stderr, err := runCmd(t, env{"NEWSBOT_DATABASE_URL": db}, "", "ingest",
		editionFile(t, t.TempDir(), "2024-11-15-styles.txt")); err != nil {
		t.Fatalf("second ingest: %v\n%s", err, stderr)
	}
	b.waitAnswer(t, q2, "120", 10*time.Second)
	if ans, _ := b.ask(t, "", q); !ans.Found {
		t.Errorf("B lost the first edition when adding the second: %+v", ans)
	}
	if !strings.Contains(b.log.String(), `editions_indexed=1`) || !strings.Contains(b.log.String(), `whole=false`) {
		t.Errorf("B did not update its index by the one new edition; log:\n%s", b.log)
	}
}

// TestMigrateDataFolder: a data folder's library is copied into an empty database at the first
// start with --database-url, and `newsbot migrate` run again changes nothing.
func TestMigrateDataFolder(t *testing.T) {
	db := pgtest.NewDatabase(t)
	data := t.TempDir()
	if _, stderr, err := runCmd(t, env{"NEWSBOT_DATA": data}, "", "ingest", "--paper", "测试日报",
		editionFile(t, t.TempDir(), "2024-11-08-multipage.txt")); err != nil {
		t.Fatalf("ingest into the data folder: %v\n%s", err, stderr)
	}
	want := articleCount(t, env{"NEWSBOT_DATA": data})
	e := env{"NEWSBOT_DATA": data, "NEWSBOT_DATABASE_URL": db}
	if got := articleCount(t, e); got != 6 {
		t.Fatalf("the empty database lists %d articles before any start, want the built-in 6", got)
	}
	// A start (here `ask`, which loads the index as serve does) migrates the empty database.
	ans, stderr, err := runCmd(t, e, "", "ask", "--json", "西太湖科技产业园已集聚多少家医疗器械相关企业？")
	if err != nil || !strings.Contains(ans, `"found":true`) {
		t.Fatalf("ask after the migration at start: %v %s\n%s", err, ans, stderr)
	}
	if got := articleCount(t, e); got != want {
		t.Fatalf("database lists %d articles after the start, want the data folder's %d", got, want)
	}
	for range 2 {
		out, stderr, err := runCmd(t, e, "", "migrate")
		if err != nil {
			t.Fatalf("migrate: %v\n%s", err, stderr)
		}
		if !strings.Contains(out, "library changed: false") {
			t.Errorf("migrating an already migrated library changed it: %s", out)
		}
	}
	if got := articleCount(t, e); got != want {
		t.Errorf("after migrating twice: %d articles, want %d", got, want)
	}
	if _, _, err := runCmd(t, env{"NEWSBOT_DATA": data}, "", "migrate"); exitCode(err) != 2 {
		t.Errorf("migrate without a database: exit %d, want 2", exitCode(err))
	}
}

// TestReplicasPollFeedOnce: two replicas started with the same --feed poll it once between them
// (the one holding the advisory lock), and both answer from what it brought.
func TestReplicasPollFeedOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs two servers; skipped with -short")
	}
	var mu sync.Mutex
	fetches := 0
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fetches++
		mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(bridgeFeed))
	}))
	defer feed.Close()
	db := pgtest.NewDatabase(t)
	args := []string{"--feed", feed.URL + "/feed.xml"}
	a := startReplica(t, env{"NEWSBOT_DATA": t.TempDir(), "NEWSBOT_DATABASE_URL": db}, args...)
	b := startReplica(t, env{"NEWSBOT_DATA": t.TempDir(), "NEWSBOT_DATABASE_URL": db}, args...)
	deadline := time.Now().Add(30 * time.Second)
	for _, r := range []*replica{a, b} {
		for {
			ans, status := r.ask(t, "", "青山湖大桥总投资多少？")
			if status == 200 && ans.Found && strings.Contains(ans.Answer, "12亿元") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s does not answer from the polled feed within 30 s: %d %+v", r.url, status, ans)
			}
			time.Sleep(100 * time.Millisecond) // polling other processes' state, with a deadline
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if fetches != 1 {
		t.Errorf("the feed was fetched %d times by two replicas in their first round, want once", fetches)
	}
}

// TestServeKeepsConversationsAcrossRestart: without a database, conversations are kept in the
// data folder, so a follow-up sent after a restart continues the conversation.
func TestServeKeepsConversationsAcrossRestart(t *testing.T) {
	e := env{"NEWSBOT_DATA": t.TempDir()}
	serve := func() (string, func()) {
		ctx, cancel := context.WithCancel(context.Background())
		out := &lineWriter{lines: make(chan string, 16)}
		done := make(chan error, 1)
		go func() {
			done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, e.get, strings.NewReader(""), out, io.Discard)
		}()
		select {
		case line := <-out.lines:
			return line[strings.Index(line, "http://"):], func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("serve: %v", err)
				}
			}
		case err := <-done:
			t.Fatalf("serve stopped early: %v", err)
		}
		return "", nil
	}
	url, stop := serve()
	first := (&replica{url: url}).mustAsk(t, "", "达茂旗的总面积是多少？")
	stop()
	url, stop = serve()
	defer stop()
	follow := (&replica{url: url}).mustAsk(t, first.Conversation, "那人口呢？")
	if !follow.Found || len(follow.Citations) == 0 || follow.Citations[0].ArticleID != first.Citations[0].ArticleID {
		t.Fatalf("the follow-up after a restart did not continue the conversation: %+v", follow)
	}
}

func (r *replica) mustAsk(t *testing.T, conversation, question string) bot.Answer {
	t.Helper()
	ans, status := r.ask(t, conversation, question)
	if status != http.StatusOK || !ans.Found || len(ans.Citations) == 0 {
		t.Fatalf("ask %q: %d %+v", question, status, ans)
	}
	return ans
}
