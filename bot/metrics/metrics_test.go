package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestMetricsExposition(t *testing.T) {
	m := New()
	m.ObserveQuestion("web", true, 20*time.Millisecond)
	m.ObserveQuestion("telegram", false, time.Second)
	m.ObserveRetrieval(3 * time.Millisecond)
	m.TelegramUpdate("message")
	m.TelegramSendError(429)
	m.SetIndexSize(6, 17)

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`newsbot_questions_total{channel="web",found="true"} 1`,
		`newsbot_questions_total{channel="telegram",found="false"} 1`,
		`newsbot_answer_duration_seconds_count{channel="web"} 1`,
		`newsbot_retrieval_duration_seconds_count 1`,
		`newsbot_telegram_updates_total{type="message"} 1`,
		`newsbot_telegram_send_errors_total{code="429"} 1`,
		`newsbot_index_articles 6`,
		`newsbot_index_chunks 17`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("exposition lacks %q", want)
		}
	}
}

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *Metrics
	m.ObserveQuestion("web", true, time.Millisecond)
	m.ObserveRetrieval(time.Millisecond)
	m.TelegramUpdate("message")
	m.TelegramSendError(500)
	m.SetIndexSize(1, 1)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 404 {
		t.Errorf("nil metrics handler status = %d, want 404", rec.Code)
	}
	if m.Registry() != nil {
		t.Error("nil metrics has a registry")
	}
}
