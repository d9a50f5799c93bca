package telegram

import (
	"testing"

	"newsbot/bot/metrics"
	"newsbot/bot/telegram/telegramtest"
)

func TestMetrics(t *testing.T) {
	srv := newServer(t)
	m := metrics.New()
	cfg := testConfig(t, srv, &syncBuffer{})
	cfg.Metrics = m
	srv.Fail("sendMessage", telegramtest.Fault{Code: 502, HTML: true})
	r := start(t, cfg, newFakeAsker())
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "问题"})
	waitSent(t, srv, dm.ID, 1)
	r.stop(t)

	families, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range families {
		for _, mt := range f.GetMetric() {
			key := f.GetName()
			for _, l := range mt.GetLabel() {
				key += " " + l.GetName() + "=" + l.GetValue()
			}
			if c := mt.GetCounter(); c != nil {
				got[key] = c.GetValue()
			}
		}
	}
	for key, want := range map[string]float64{
		"newsbot_questions_total channel=telegram found=true": 1,
		"newsbot_telegram_updates_total type=message":         1,
		"newsbot_telegram_send_errors_total code=502":         1,
	} {
		if got[key] != want {
			t.Errorf("%s = %v, want %v", key, got[key], want)
		}
	}
}
