package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"newsbot/store/postgres/pgtest"
)

// BenchmarkServeAsk measures an answer through the serve path (POST /api/ask to `newsbot serve`
// running in this process, over loopback) with the embedded default (conversations in the data
// folder) and with --database-url (conversations in PostgreSQL: one round trip to read, one to
// append). Each question continues one of 50 conversations, so both read and write a history.
// Reports p50 and p99 in ms; the target is database p50 within 2 ms of embedded p50.
func BenchmarkServeAsk(b *testing.B) {
	b.Run("embedded", func(b *testing.B) {
		benchServeAsk(b, env{"NEWSBOT_DATA": b.TempDir()})
	})
	b.Run("database", func(b *testing.B) {
		benchServeAsk(b, env{"NEWSBOT_DATA": b.TempDir(), "NEWSBOT_DATABASE_URL": pgtest.NewDatabase(b)})
	})
}

func benchServeAsk(b *testing.B, e env) {
	url := serveInProcess(b, e)
	questions := []string{"达茂旗的总面积是多少？", "那人口呢？", "消防宣传月活动是哪天启动的？"}
	ask := func(i int) time.Duration {
		body, _ := json.Marshal(map[string]string{"question": questions[i%len(questions)],
			"conversation": fmt.Sprintf("bench-%d", i%50)})
		start := time.Now()
		res, err := http.Post(url+"/api/ask", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		took := time.Since(start)
		if res.StatusCode != http.StatusOK {
			b.Fatalf("ask: status %d", res.StatusCode)
		}
		return took
	}
	for i := range 30 { // warm up: connections, caches, the first conversations
		ask(i)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		lat = append(lat, ask(i))
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}

// serveInProcess runs `newsbot serve` in this process on a free loopback port, API rate limit
// off, until b ends, and returns its URL.
func serveInProcess(b *testing.B, e env) string {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--rate-limit", "0"}, e.get, strings.NewReader(""), w, io.Discard)
		w.Close()
	}()
	b.Cleanup(func() { cancel(); <-done })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if _, u, ok := strings.Cut(sc.Text(), " at "); ok && strings.HasPrefix(u, "http") {
			go func() { _, _ = io.Copy(io.Discard, out) }()
			return strings.TrimSuffix(strings.TrimSpace(u), "/")
		}
	}
	b.Fatalf("serve stopped before serving: %v", <-done)
	return ""
}
