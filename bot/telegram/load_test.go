package telegram

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"newsbot/bot/telegram/telegramtest"
)

// flood posts perChat questions in each of chats private chats, interleaved, and waits until
// every one is answered. It checks that each is answered exactly once and in order per chat,
// and returns each question's handling latency (posted → answer received by the server).
func flood(tb testing.TB, srv *telegramtest.Server, cfg Config, chats, perChat int) ([]time.Duration, time.Duration) {
	return floodChats(tb, srv, cfg, telegramtest.Private, chats, perChat)
}

// floodChats is flood in chats of a type; in groups every question mentions the bot.
func floodChats(tb testing.TB, srv *telegramtest.Server, cfg Config, kind string, chats, perChat int) ([]time.Duration, time.Duration) {
	tb.Helper()
	r := start(tb, cfg, newFakeAsker())
	began := time.Now()
	type question struct {
		update, message int
		text            string
	}
	asked := map[int64][]question{}
	for q := range perChat {
		for c := range chats {
			chat := telegramtest.Chat{ID: int64(10_000 + c), Type: kind}
			user := telegramtest.User{ID: chat.ID, FirstName: "读者"}
			text := fmt.Sprintf("第%d位读者的第%d个问题", c, q)
			sent := text
			if kind != telegramtest.Private {
				chat.ID = -chat.ID
				user.ID = int64(20_000 + q) // several readers in one group
				sent = "@" + srv.Bot().Username + " " + text
			}
			u, m := srv.Post(telegramtest.Incoming{Chat: chat, From: user, Text: sent})
			asked[chat.ID] = append(asked[chat.ID], question{u, m, text})
		}
	}
	total := chats * perChat
	if err := srv.Wait(waitCtx(tb), func() bool { return srv.SentCount() >= total }); err != nil {
		tb.Fatalf("%d of %d questions answered: %v", srv.SentCount(), total, err)
	}
	elapsed := time.Since(began)
	r.stop(tb)

	sent := srv.Sent()
	if len(sent) != total {
		tb.Errorf("%d answers for %d questions, want exactly one each", len(sent), total)
	}
	byChat := map[int64][]telegramtest.Sent{}
	for _, m := range sent {
		byChat[m.ChatID] = append(byChat[m.ChatID], m)
	}
	var lat []time.Duration
	for chat, qs := range asked {
		got := byChat[chat]
		if len(got) != len(qs) {
			tb.Errorf("chat %d: %d answers, want %d", chat, len(got), len(qs))
			continue
		}
		for i, q := range qs {
			if got[i].ReplyTo != q.message || !strings.Contains(got[i].Text, q.text) {
				tb.Errorf("chat %d answer %d replies to %d with %.40q, want the answer to %q (message %d)",
					chat, i, got[i].ReplyTo, got[i].Text, q.text, q.message)
			}
			lat = append(lat, got[i].At.Sub(srv.PostedAt(q.update)))
		}
	}
	if n := srv.TooManyRequests(); n != 0 {
		tb.Errorf("the flood provoked %d 429s, want none: %q", n, srv.Throttled())
	}
	noProtocolErrors(tb, srv)
	slices.Sort(lat)
	return lat, elapsed
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]
}

// TestLoad: 200 chats × 5 questions, all answered exactly once, in order per chat, without a
// single 429 from a server that enforces the same (scaled-down) limits the bot paces to.
func TestLoad(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	cfg.UserBurst = 10
	lat, elapsed := flood(t, srv, cfg, 200, 5)
	t.Logf("1000 questions in %v (global limit %d per %v): latency p50 %v, p99 %v, max %v",
		elapsed.Round(time.Millisecond), fastLimits.GlobalMessages, fastLimits.GlobalWindow,
		percentile(lat, .5), percentile(lat, .99), lat[len(lat)-1])
}

// TestLoadGroups: groups get more questions than their per-minute allowance (scaled down), so
// answers must wait for the group window, still in order and without a 429.
func TestLoadGroups(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	cfg.UserBurst = 100
	lat, elapsed := floodChats(t, srv, cfg, telegramtest.Supergroup, 10, 45)
	t.Logf("450 group questions in %v (group limit %d per %v): latency p50 %v, p99 %v",
		elapsed.Round(time.Millisecond), fastLimits.GroupMessages, fastLimits.GroupWindow,
		percentile(lat, .5), percentile(lat, .99))
}

// BenchmarkFlood reports handling latency (update posted → answer at the server) percentiles
// for a 200 chats × 5 questions flood: "paced" under the scaled-down limits the load test uses,
// "unpaced" with limits too high to matter, which shows the bot's own overhead.
func BenchmarkFlood(b *testing.B) {
	for _, tc := range []struct {
		name   string
		limits Limits
	}{
		{"paced", fastLimits},
		{"unpaced", Limits{GlobalMessages: 1 << 20, GlobalWindow: time.Millisecond, PrivateMessages: 1 << 20,
			PrivateWindow: time.Millisecond, GroupMessages: 1 << 20, GroupWindow: time.Millisecond}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var all []time.Duration
			for b.Loop() {
				srv := telegramtest.New(telegramtest.Options{Limits: serverLimits(tc.limits)})
				cfg := testConfig(b, srv, &syncBuffer{})
				cfg.Limits, cfg.UserBurst = tc.limits, 10
				lat, _ := flood(b, srv, cfg, 200, 5)
				all = append(all, lat...)
				srv.Close()
			}
			slices.Sort(all)
			b.ReportMetric(float64(percentile(all, .5).Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(percentile(all, .99).Microseconds())/1000, "p99-ms")
		})
	}
}

// BenchmarkQuestion reports the bot's handling latency for one question at a time (posted →
// answer at the server): the bot's own overhead (long poll wake-up, journal writes, typing
// action, HTTP) with an instant engine and no pacing.
func BenchmarkQuestion(b *testing.B) {
	srv := telegramtest.New(telegramtest.Options{})
	defer srv.Close()
	cfg := testConfig(b, srv, &syncBuffer{})
	cfg.Limits = Limits{GlobalMessages: 1 << 20, GlobalWindow: time.Millisecond, PrivateMessages: 1 << 20,
		PrivateWindow: time.Millisecond, GroupMessages: 1 << 20, GroupWindow: time.Millisecond}
	cfg.UserBurst = 1 << 30
	start(b, cfg, newFakeAsker())
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		chat := telegramtest.Chat{ID: int64(1 + i%50)}
		id, _ := srv.Post(telegramtest.Incoming{Chat: chat, From: telegramtest.User{ID: chat.ID, FirstName: "读者"}, Text: "问题"})
		if err := srv.Wait(waitCtx(b), func() bool { return srv.SentCount() > i }); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, srv.Sent()[i].At.Sub(srv.PostedAt(id)))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(percentile(lat, .5).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(percentile(lat, .99).Microseconds())/1000, "p99-ms")
}
