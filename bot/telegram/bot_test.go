package telegram

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"time"

	"newsbot/corpus"
	"testing"

	"newsbot/bot/telegram/telegramtest"
)

func TestPrivateQuestionAnsweredWithSourcesAndButtons(t *testing.T) {
	srv := newServer(t)
	logs := &syncBuffer{}
	asker := newFakeAsker()
	start(t, testConfig(t, srv, logs), asker)

	_, msgID := srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "达茂旗的总面积是多少？<b>&"})
	got := waitSent(t, srv, dm.ID, 1)[0]

	if got.ReplyTo != msgID {
		t.Errorf("reply_to_message_id = %d, want %d (the question)", got.ReplyTo, msgID)
	}
	if got.ParseMode != "HTML" {
		t.Errorf("parse_mode = %q, want HTML", got.ParseMode)
	}
	contains(t, "answer text", got.Text, "达茂旗的总面积是多少？<b>&", "18177平方千米", "来源", "[1] 武进与内蒙古达茂旗缔结友好城市",
		"记者 朱梦琪", "武进日报 2024-11-08 第2版")
	if len(got.Buttons) != 1 || len(got.Buttons[0]) != 1 {
		t.Fatalf("buttons = %v, want one 原文 [1] button", got.Buttons)
	}
	if b := got.Buttons[0][0]; b.Text != "原文 [1]" || b.Data != "a:ed1-a1" {
		t.Errorf("button = %+v, want 原文 [1] → a:ed1-a1", b)
	}
	if err := srv.Wait(waitCtx(t), func() bool { return srv.ChatActions() >= 1 }); err != nil {
		t.Errorf("no typing action: %v", err)
	}
	noProtocolErrors(t, srv)
	contains(t, "log", logs.String(), "question answered", "latency=", "found=true", "channel=telegram")
	if strings.Contains(logs.String(), "达茂旗的总面积") {
		t.Errorf("the log holds the question text although LogQuestions is off")
	}
}

func TestArticleButtonSendsLongArticleInParts(t *testing.T) {
	srv := newServer(t)
	asker := newFakeAsker()
	var paras []string
	for i := range 40 {
		// 300 units a paragraph, with characters outside the BMP (2 UTF-16 units each) and
		// characters HTML must escape.
		paras = append(paras, fmt.Sprintf("第%02d段<&>", i)+strings.Repeat("长", 200)+strings.Repeat("😀", 40)+"。")
	}
	long := corpus.Article{ID: strings.Repeat("x", 70), Title: "一篇很长的文章", Byline: "记者 甲", Kind: corpus.KindNews,
		Text: strings.Join(paras, "\n")}
	asker.arts = append(asker.arts, long)
	start(t, testConfig(t, srv, &syncBuffer{}), asker)

	data := articleData(long.ID)
	if len(data) > 64 {
		t.Fatalf("callback data %q is %d bytes, over 64", data, len(data))
	}
	_, cb := srv.Press(dm, alice, 1, data)
	if err := srv.Wait(waitCtx(t), func() bool { return srv.CallbackAnswers(cb) == 1 }); err != nil {
		t.Fatalf("callback not answered: %v", err)
	}
	// 40 paragraphs of ~300 units: at least three parts.
	sent := waitSent(t, srv, dm.ID, 3)
	if err := srv.Wait(waitCtx(t), func() bool {
		s := srv.SentTo(dm.ID)
		return strings.Contains(s[len(s)-1].Text, "第39段")
	}); err != nil {
		t.Fatalf("the last paragraph never arrived: %v", err)
	}
	sent = srv.SentTo(dm.ID)
	var all strings.Builder
	for i, m := range sent {
		if n := telegramtest.UTF16Len(m.Text); n > 4096 {
			t.Errorf("part %d is %d UTF-16 units, over 4096", i+1, n)
		}
		if want := fmt.Sprintf("（%d/%d）", i+1, len(sent)); !strings.HasSuffix(m.Text, want) {
			t.Errorf("part %d ends %q, want the mark %q", i+1, m.Text[max(0, len(m.Text)-20):], want)
		}
		all.WriteString(m.Text)
	}
	pos := -1
	for i, p := range paras {
		at := strings.Index(all.String(), p)
		if at < 0 {
			t.Fatalf("paragraph %d is missing or split across parts", i)
		}
		if at < pos {
			t.Errorf("paragraph %d is out of order", i)
		}
		pos = at
	}
	contains(t, "first part", sent[0].Text, "一篇很长的文章", "记者 甲")
	noProtocolErrors(t, srv)
}

func TestGroupAnswersOnlyWhenAddressed(t *testing.T) {
	srv, asker, _ := startFake(t)
	botName := "@" + srv.Bot().Username

	srv.Post(telegramtest.Incoming{Chat: group, From: alice, Text: "大家早上好，今天天气不错"})
	srv.Post(telegramtest.Incoming{Chat: group, From: bob, Text: "/help@some_other_bot"})
	srv.Post(telegramtest.Incoming{Chat: group, From: bob, Kind: "sticker"})
	_, mentionID := srv.Post(telegramtest.Incoming{Chat: group, From: alice, Text: botName + " 达茂旗面积多大？"})
	first := waitSent(t, srv, group.ID, 1)[0]
	if first.ReplyTo != mentionID {
		t.Errorf("the first group message replies to %d, want the mention %d", first.ReplyTo, mentionID)
	}
	srv.Post(telegramtest.Incoming{Chat: group, From: bob, Text: "那人口呢？", ReplyTo: first.MessageID})
	srv.Post(telegramtest.Incoming{Chat: group, From: bob, Text: "/ask 活动持续多久？"})
	srv.Post(telegramtest.Incoming{Chat: group, From: bob, Text: "/ask@" + srv.Bot().Username + " 谁写的报道？"})
	waitSent(t, srv, group.ID, 4)

	var got []string
	for _, a := range asker.questions() {
		got = append(got, a.question)
	}
	want := []string{"达茂旗面积多大？", "那人口呢？", "活动持续多久？", "谁写的报道？"}
	if !slices.Equal(got, want) {
		t.Errorf("questions asked = %q, want %q (chatter ignored, mention stripped)", got, want)
	}
	if a := asker.questions(); a[1].conversation != "conv-1" {
		t.Errorf("the follow-up was asked in conversation %q, want conv-1 from the first answer", a[1].conversation)
	}
	if n := len(srv.SentTo(group.ID)); n != 4 {
		t.Errorf("group got %d messages, want 4", n)
	}
	noProtocolErrors(t, srv)
}

func TestFloodControlWaitsRetryAfter(t *testing.T) {
	srv := newServer(t)
	start(t, testConfig(t, srv, &syncBuffer{}), newFakeAsker())
	started := make(chan struct{})
	srv.Fail("sendMessage", telegramtest.Fault{Code: 429, RetryAfter: 1, Started: started})

	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "问题"})
	<-started
	refused := time.Now()
	got := waitSent(t, srv, dm.ID, 1)
	if gap := got[0].At.Sub(refused); gap < 900*time.Millisecond {
		t.Errorf("the retry came %v after the 429, want at least retry_after = 1 s", gap)
	}
	if n := srv.Calls("sendMessage"); n != 2 {
		t.Errorf("sendMessage called %d times, want 2 (the 429, then the retry)", n)
	}
}

func TestSurvivesHTMLErrorPages(t *testing.T) {
	srv := newServer(t)
	logs := &syncBuffer{}
	srv.Fail("getUpdates", telegramtest.Fault{Code: 502, HTML: true})
	srv.Fail("getUpdates", telegramtest.Fault{Code: 500})
	srv.Fail("sendMessage", telegramtest.Fault{Code: 502, HTML: true})
	srv.Fail("sendMessage", telegramtest.Fault{Code: 503, HTML: true})
	start(t, testConfig(t, srv, logs), newFakeAsker())

	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "问题"})
	waitSent(t, srv, dm.ID, 1)
	if n := srv.Calls("sendMessage"); n != 3 {
		t.Errorf("sendMessage called %d times, want 3 (two error pages, then success)", n)
	}
	contains(t, "log", logs.String(), "HTTP 502", "getUpdates failed")
	if strings.Contains(logs.String(), srv.Token()) {
		t.Errorf("the log holds the token")
	}
}

func TestRestartBetweenGetUpdatesAndAnswer(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	cfg.ShutdownTimeout = 50 * time.Millisecond

	// The first run receives the updates but every answer blocks, until the "crash".
	blocked := newFakeAsker()
	blocked.block = make(chan struct{})
	blocked.entered = make(chan string, 10)
	first := start(t, cfg, blocked)
	chatB := telegramtest.Chat{ID: 202, Type: telegramtest.Private}
	var ids []int
	for _, q := range []string{"A1", "A2", "A3"} {
		id, _ := srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: q})
		ids = append(ids, id)
	}
	id, _ := srv.Post(telegramtest.Incoming{Chat: chatB, From: bob, Text: "B1"})
	ids = append(ids, id)
	<-blocked.entered // A1 is being answered
	<-blocked.entered // B1 too
	first.stop(t)
	if n := len(srv.Sent()); n != 0 {
		t.Fatalf("%d answers went out before the crash, want 0", n)
	}

	// The second run, on the same state, answers everything exactly once and in order.
	asker := newFakeAsker()
	second := start(t, cfg, asker)
	gotA := waitSent(t, srv, dm.ID, 3)
	waitSent(t, srv, chatB.ID, 1)
	for i, q := range []string{"A1", "A2", "A3"} {
		if !strings.Contains(gotA[i].Text, "「"+q+"」") {
			t.Errorf("answer %d in chat A is %q, want the answer to %s", i, gotA[i].Text, q)
		}
	}
	second.stop(t)

	// Telegram delivering the same updates again (its offset was not confirmed) repeats nothing.
	srv.Redeliver(ids...)
	third := start(t, cfg, asker)
	if err := srv.Wait(waitCtx(t), func() bool { return srv.Confirmed() > ids[len(ids)-1] }); err != nil {
		t.Fatalf("the redelivered updates were never confirmed: %v", err)
	}
	third.stop(t)
	if n := len(srv.Sent()); n != 4 {
		t.Errorf("%d answers in all, want 4: %v", n, srv.Sent())
	}
	if n := len(asker.questions()); n != 4 {
		t.Errorf("%d questions asked after the restart, want 4", n)
	}
}

func TestRestartWhileSendMessageHangs(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	cfg.ShutdownTimeout = 50 * time.Millisecond
	hung := make(chan struct{})
	srv.Fail("sendMessage", telegramtest.Fault{Hang: true, Started: hung})
	first := start(t, cfg, newFakeAsker())
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "Q1"})
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "Q2"})
	<-hung
	first.stop(t)

	start(t, cfg, newFakeAsker())
	got := waitSent(t, srv, dm.ID, 2)
	for i, q := range []string{"Q1", "Q2"} {
		if !strings.Contains(got[i].Text, "「"+q+"」") {
			t.Errorf("answer %d is %q, want the answer to %s", i, got[i].Text, q)
		}
	}
}

func TestWebhook(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	cfg.WebhookURL = "https://bot.example.com/telegram/hook"
	cfg.WebhookSecret = "s3cret-token_1"
	cfg.WebhookMaxBody = 4096
	r := start(t, cfg, newFakeAsker())
	if err := srv.Wait(waitCtx(t), func() bool { u, _ := srv.Webhook(); return u != "" }); err != nil {
		t.Fatalf("setWebhook never called: %v", err)
	}
	if u, secret := srv.Webhook(); u != cfg.WebhookURL || secret != cfg.WebhookSecret {
		t.Errorf("webhook = %q with secret %q, want %q with %q", u, secret, cfg.WebhookURL, cfg.WebhookSecret)
	}
	hook := httptest.NewServer(r.bot.WebhookHandler())
	defer hook.Close()
	id, _ := srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "网络钩子"})
	body := srv.UpdateJSON(id)

	for _, tc := range []struct {
		name, secret string
		body         []byte
		want         int
	}{
		{"no secret", "", body, http.StatusUnauthorized},
		{"wrong secret", "guess", body, http.StatusUnauthorized},
		{"too large", cfg.WebhookSecret, []byte(`{"update_id":1,"message":{"text":"` + strings.Repeat("x", 5000) + `"}}`), http.StatusRequestEntityTooLarge},
		{"not JSON", cfg.WebhookSecret, []byte("<html>"), http.StatusBadRequest},
		// Acknowledged, or Telegram would redeliver it forever ahead of the updates behind it.
		{"an update the library cannot decode", cfg.WebhookSecret, []byte(`{"update_id":77,"message":{"message_id":"x"}}`), http.StatusOK},
		{"right secret", cfg.WebhookSecret, body, http.StatusOK},
		{"delivered twice", cfg.WebhookSecret, body, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, hook.URL, bytes.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			if tc.secret != "" {
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", tc.secret)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("status = %d, want %d", resp.StatusCode, tc.want)
			}
		})
	}
	waitSent(t, srv, dm.ID, 1)
	r.stop(t)
	if n := len(srv.SentTo(dm.ID)); n != 1 {
		t.Errorf("%d answers, want 1 (a redelivered update is answered once)", n)
	}
	if n := srv.Calls("getUpdates"); n != 0 {
		t.Errorf("getUpdates called %d times in webhook mode", n)
	}

	// Polling again deletes the webhook first.
	cfg.WebhookURL = ""
	start(t, cfg, newFakeAsker())
	if err := srv.Wait(waitCtx(t), func() bool { u, _ := srv.Webhook(); return u == "" && srv.Calls("getUpdates") > 0 }); err != nil {
		t.Errorf("polling did not delete the webhook: %v", err)
	}
}

// Stopping lets an answer in progress finish and records it, so the next start repeats nothing.
func TestShutdownFinishesInFlightAnswers(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	asker := newFakeAsker()
	asker.block = make(chan struct{})
	asker.entered = make(chan string, 1)
	r := start(t, cfg, asker)
	id, _ := srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "慢问题"})
	<-asker.entered
	r.cancel()         // the stop begins…
	close(asker.block) // …and only then does the engine answer
	r.stop(t)
	if n := len(srv.SentTo(dm.ID)); n != 1 {
		t.Fatalf("%d answers sent during the shutdown, want 1", n)
	}
	j, err := openJournal(r.bot.journal.(*journal).path)
	if err != nil {
		t.Fatal(err)
	}
	if pending, _ := j.pendingUpdates(); len(pending) != 0 || !j.isHandled(id) {
		t.Errorf("after the stop, pending = %d updates and update %d handled = %v; want it answered and recorded",
			len(pending), id, j.isHandled(id))
	}
}

// An update the webhook took before Run started is answered once, although Run's replay of
// the journal queues it again.
func TestWebhookBeforeRunAnswersOnce(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	cfg.WebhookURL = "https://bot.example.com/hook"
	b, err := New(context.Background(), cfg, newFakeAsker())
	if err != nil {
		t.Fatal(err)
	}
	deliver := func(text string) {
		t.Helper()
		id, _ := srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: text})
		req := httptest.NewRequest(http.MethodPost, "/hook", bytes.NewReader(srv.UpdateJSON(id)))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", b.secret)
		rec := httptest.NewRecorder()
		b.WebhookHandler().ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("webhook status %d", rec.Code)
		}
	}
	deliver("早到的问题")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- b.Run(ctx) }()
	defer func() { cancel(); <-done }()
	waitSent(t, srv, dm.ID, 1)
	deliver("/help") // queued behind any second copy of the first update, in the same chat
	got := waitSent(t, srv, dm.ID, 2)
	contains(t, "second reply", got[1].Text, "/articles")
	if len(got) != 2 {
		t.Errorf("%d replies, want 2 (the question answered once, then /help)", len(got))
	}
}
