package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"newsbot/store/postgres/pgtest"
)

// tally counts the answers of the load by HTTP status, and tells waiters of every change.
type tally struct {
	mu       sync.Mutex
	byStatus map[int]int
	answered map[string]bool // conversations answered 200
	bad503   string          // a 503 without Retry-After or a JSON error, if any
	changed  chan struct{}
}

func newTally() *tally {
	return &tally{byStatus: map[int]int{}, answered: map[string]bool{}, changed: make(chan struct{})}
}

func (c *tally) add(status int, conv string, problem string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byStatus[status]++
	if status == http.StatusOK {
		c.answered[conv] = true
	}
	if problem != "" && c.bad503 == "" {
		c.bad503 = problem
	}
	close(c.changed)
	c.changed = make(chan struct{})
}

func (c *tally) count(status int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byStatus[status]
}

func (c *tally) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprint(c.byStatus)
}

// waitFor blocks until cond holds, woken by each answer of the load; it fails t after 60 s.
func (c *tally) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(60 * time.Second)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		changed := c.changed
		c.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("%s: not within 60 s (answers by status: %s)", what, c)
		}
	}
}

// askOnce asks r one question in a conversation of its own and reports the status, and what is
// wrong with a 503 (it must say to retry, in the API's JSON error form).
func askOnce(r *replica, conv string) (int, string) {
	body, _ := json.Marshal(map[string]string{"question": "达茂旗的总面积是多少？", "conversation": conv})
	res, err := http.Post(r.url+"/api/ask", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		return res.StatusCode, ""
	}
	var e struct{ Error string }
	if res.Header.Get("Retry-After") == "" || json.NewDecoder(res.Body).Decode(&e) != nil || e.Error == "" {
		return res.StatusCode, fmt.Sprintf("503 without Retry-After or a JSON error: %v", res.Header)
	}
	return res.StatusCode, ""
}

// TestReplicaSurvivesDatabaseRestart restarts the PostgreSQL server (pg_ctl stop -m fast, then
// start, on a cluster of this test's own) under a load of 4 clients: questions asked while it is
// down get a clear 503 with Retry-After (never a 500), the replica answers again by itself once it
// is back, every question answered 200 has its conversation turn in the database, and the
// replica still follows the library (an edition ingested after the restart is answered).
func TestReplicaSurvivesDatabaseRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and restarts a PostgreSQL server; skipped with -short")
	}
	cluster := pgtest.NewCluster(t)
	r := startReplica(t, env{"NEWSBOT_DATA": t.TempDir(), "NEWSBOT_DATABASE_URL": cluster.URL}, "--rate-limit", "0")

	load := newTally()
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				conv := fmt.Sprintf("load-%d-%d", w, i)
				status, problem := askOnce(r, conv)
				load.add(status, conv, problem)
			}
		}()
	}
	load.waitFor(t, "answers before the restart", func() bool { return load.count(200) >= 20 })
	cluster.Stop(t) // returns once the server is down
	downAt := load.count(200)
	load.waitFor(t, "503s while the database is down", func() bool { return load.count(503) >= 10 })
	during := load.count(200) - downAt
	cluster.Start(t) // returns once the server accepts connections
	back, start := load.count(200), time.Now()
	load.waitFor(t, "answers after the database is back", func() bool { return load.count(200) >= back+20 })
	recovery := time.Since(start)
	stop()
	wg.Wait()

	if other := load.String(); strings.Count(other, ":") != 2 {
		t.Errorf("answers by status %s: want only 200 and 503", other)
	}
	if load.bad503 != "" {
		t.Errorf("an unclear 503: %s", load.bad503)
	}
	if during > 4 { // requests in flight as the server went down may still have been answered
		t.Errorf("%d questions answered 200 while the database was down", during)
	}
	conn, err := pgx.Connect(context.Background(), cluster.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	stored := map[string]bool{}
	rows, err := conn.Query(context.Background(), "SELECT DISTINCT conversation FROM conversation_turns")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		_ = rows.Scan(&c)
		stored[c] = true
	}
	lost := 0
	for c := range load.answered {
		if !stored[c] {
			lost++
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d questions answered 200 have no stored turn", lost, len(load.answered))
	}

	// The replica's LISTEN connection came back too: an edition ingested now is answered.
	const q = "西太湖科技产业园已集聚多少家医疗器械相关企业？"
	if _, stderr, err := runCmd(t, env{"NEWSBOT_DATABASE_URL": cluster.URL}, "", "ingest", "--paper", "测试日报",
		editionFile(t, t.TempDir(), "2024-11-08-multipage.txt")); err != nil {
		t.Fatalf("ingest after the restart: %v\n%s", err, stderr)
	}
	r.waitAnswer(t, q, "400", 15*time.Second)
	t.Logf("database restarted under load: %d answered 200, %d clear 503s, none other; answering again %v after it accepted connections; no turn lost; an edition ingested after is followed",
		load.count(200), load.count(503), recovery.Round(time.Millisecond))
}
