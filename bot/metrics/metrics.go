// Package metrics holds the Prometheus metrics every channel reports: questions by channel and
// outcome, answer and retrieval latency, Telegram updates and send errors, index size. All methods
// are safe on a nil *Metrics, which records nothing.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is one process's set of metrics on its own registry.
type Metrics struct {
	registry           *prometheus.Registry
	questions          *prometheus.CounterVec
	answerLatency      *prometheus.HistogramVec
	retrievalLatency   prometheus.Histogram
	telegramUpdates    *prometheus.CounterVec
	telegramSendErrors *prometheus.CounterVec
	indexArticles      prometheus.Gauge
	indexChunks        prometheus.Gauge
}

// New registers the metrics on a fresh registry (with Go and process collectors).
func New() *Metrics {
	buckets := []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsbot_questions_total", Help: "Questions answered, by channel and whether the library held the answer.",
		}, []string{"channel", "found"}),
		answerLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "newsbot_answer_duration_seconds", Help: "Time to answer a question, by channel.", Buckets: buckets,
		}, []string{"channel"}),
		retrievalLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "newsbot_retrieval_duration_seconds", Help: "Time to search the index for one question.", Buckets: buckets,
		}),
		telegramUpdates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsbot_telegram_updates_total", Help: "Telegram updates received, by type.",
		}, []string{"type"}),
		telegramSendErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsbot_telegram_send_errors_total", Help: "Telegram API calls that failed, by error code (0: network or unparseable).",
		}, []string{"code"}),
		indexArticles: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "newsbot_index_articles", Help: "Articles in the loaded index.",
		}),
		indexChunks: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "newsbot_index_chunks", Help: "Chunks in the loaded index.",
		}),
	}
	m.registry.MustRegister(m.questions, m.answerLatency, m.retrievalLatency, m.telegramUpdates,
		m.telegramSendErrors, m.indexArticles, m.indexChunks,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// Registry exposes the registry, for tests and extra collectors.
func (m *Metrics) Registry() *prometheus.Registry {
	if m == nil {
		return nil
	}
	return m.registry
}

// ObserveQuestion records one answered question on channel ("web", "api", "telegram", "cli").
func (m *Metrics) ObserveQuestion(channel string, found bool, d time.Duration) {
	if m == nil {
		return
	}
	m.questions.WithLabelValues(channel, strconv.FormatBool(found)).Inc()
	m.answerLatency.WithLabelValues(channel).Observe(d.Seconds())
}

// ObserveRetrieval records one index search.
func (m *Metrics) ObserveRetrieval(d time.Duration) {
	if m == nil {
		return
	}
	m.retrievalLatency.Observe(d.Seconds())
}

// TelegramUpdate counts one received update of the given type ("message", "callback_query", …).
func (m *Metrics) TelegramUpdate(kind string) {
	if m == nil {
		return
	}
	m.telegramUpdates.WithLabelValues(kind).Inc()
}

// TelegramSendError counts one failed Bot API call; code is Telegram's error_code or 0.
func (m *Metrics) TelegramSendError(code int) {
	if m == nil {
		return
	}
	m.telegramSendErrors.WithLabelValues(strconv.Itoa(code)).Inc()
}

// SetIndexSize records the loaded index's size.
func (m *Metrics) SetIndexSize(articles, chunks int) {
	if m == nil {
		return
	}
	m.indexArticles.Set(float64(articles))
	m.indexChunks.Set(float64(chunks))
}
