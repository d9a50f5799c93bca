package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"newsbot/bot"
)

// loadQuestions mix answerable questions about the built-in edition, follow-ups and refusals.
var loadQuestions = []string{
	"达茂旗的总面积是多少？",
	"那人口呢？",
	"全国人大办公厅信访局来武进调研了什么？",
	"119消防宣传月活动是怎么启动的？",
	"国家档案局调研了什么工作？",
	"“青锐共创”项目展演有多少个村参加？",
	"武进的常住人口是多少？",
	"明天会下雨吗？",
	"安康医疗高端手术器械项目是什么？",
	"记者史莲寅写了哪些报道？",
}

const (
	loadClients            = 50
	loadQuestionsPerClient = 20
)

// BenchmarkAskLoad runs 50 concurrent clients asking 20 questions each (each client one
// conversation, over HTTP, rate limit off) per iteration, fails on any error, and reports the
// latency percentiles of single questions. "server" isolates the HTTP layer with a fake engine;
// "builtin" is the real engine over the built-in edition.
func BenchmarkAskLoad(b *testing.B) {
	b.Run("server", func(b *testing.B) { benchmarkLoad(b, newFakeAsker()) })
	b.Run("builtin", func(b *testing.B) { benchmarkLoad(b, newBuiltinEngine(b)) })
}

func benchmarkLoad(b *testing.B, asker Asker) {
	s, err := New(Options{Asker: asker, RateLimit: RateLimit{PerMinute: -1}})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	client := &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: loadClients}}
	defer client.CloseIdleConnections()

	var latencies []time.Duration
	start := time.Now()
	for b.Loop() {
		lat, err := runLoad(client, srv.URL+"/api/ask")
		if err != nil {
			b.Fatal(err)
		}
		latencies = append(latencies, lat...)
	}
	elapsed := time.Since(start)
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[int(p*float64(len(latencies)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(pct(1), "max-ms")
	b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "questions/s")
}

// runLoad runs one round of the load and returns every question's latency, or the first error.
func runLoad(client *http.Client, url string) ([]time.Duration, error) {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		all      []time.Duration
		firstErr error
	)
	for c := range loadClients {
		wg.Go(func() {
			lat, err := runClient(client, url, c)
			mu.Lock()
			defer mu.Unlock()
			all = append(all, lat...)
			if err != nil && firstErr == nil {
				firstErr = err
			}
		})
	}
	wg.Wait()
	return all, firstErr
}

func runClient(client *http.Client, url string, c int) ([]time.Duration, error) {
	lat := make([]time.Duration, 0, loadQuestionsPerClient)
	conversation := ""
	for i := range loadQuestionsPerClient {
		q := loadQuestions[(c+i)%len(loadQuestions)]
		body, _ := json.Marshal(AskRequest{Question: q, Conversation: conversation})
		t0 := time.Now()
		res, err := client.Post(url, "application/json", bytes.NewReader(body))
		if err != nil {
			return lat, fmt.Errorf("client %d question %d: %w", c, i, err)
		}
		data, err := io.ReadAll(res.Body)
		res.Body.Close()
		lat = append(lat, time.Since(t0))
		if err != nil || res.StatusCode != http.StatusOK {
			return lat, fmt.Errorf("client %d question %q: status %d, %v: %s", c, q, res.StatusCode, err, data)
		}
		var ans bot.Answer
		if err := json.Unmarshal(data, &ans); err != nil {
			return lat, fmt.Errorf("client %d question %q: answer %s: %w", c, q, data, err)
		}
		conversation = ans.Conversation
	}
	return lat, nil
}
