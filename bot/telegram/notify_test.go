package telegram

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/bot"
	"newsbot/bot/telegram/telegramtest"
	"newsbot/corpus"
	"newsbot/internal/fakeclock"
)

// libraryAsker is a fakeAsker whose library the test changes, as a poll landing an edition does.
type libraryAsker struct {
	*fakeAsker
	mu   sync.Mutex
	arts []corpus.Article
}

func (l *libraryAsker) Articles() []corpus.Article {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.arts
}

func (l *libraryAsker) Article(id string) (corpus.Article, bool) {
	for _, a := range l.Articles() {
		if a.ID == id {
			return a, true
		}
	}
	return corpus.Article{}, false
}

func (l *libraryAsker) Ask(ctx context.Context, conversation, question string) (bot.Answer, error) {
	return l.fakeAsker.Ask(ctx, conversation, question)
}

// land adds an edition of n articles of date to the library.
func (l *libraryAsker) land(date string, n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range n {
		l.arts = append(l.arts, corpus.Article{ID: fmt.Sprintf("%s-%d", date, i+1), Paper: "青山日报", Date: date,
			Kind: corpus.KindNews, Title: fmt.Sprintf("%s 第%d条 新闻标题", date, i+1), Text: "正文。"})
	}
}

func newLibraryAsker() *libraryAsker {
	l := &libraryAsker{fakeAsker: newFakeAsker()}
	l.land("2026-12-06", 2)
	return l
}

// rounds returns a Notified hook and a channel of the messages each round sent.
func rounds() (func(int), chan int) {
	ch := make(chan int, 64)
	return func(n int) { ch <- n }, ch
}

func nextRound(t *testing.T, ch chan int) int {
	t.Helper()
	select {
	case n := <-ch:
		return n
	case <-waitCtx(t).Done():
		t.Fatal("no delivery round within a minute")
		return 0
	}
}

// notifying is a bot started over a libraryAsker whose delivery rounds are reported on done.
type notifying struct {
	srv  *telegramtest.Server
	cfg  Config
	logs *syncBuffer
	lib  *libraryAsker
	r    *running
	done chan int
}

// startNotifying starts a notifying bot and waits for its first delivery round.
func startNotifying(t *testing.T) notifying {
	t.Helper()
	n := notifying{srv: newServer(t), logs: &syncBuffer{}, lib: newLibraryAsker()}
	n.cfg = testConfig(t, n.srv, n.logs)
	var hook func(int)
	hook, n.done = rounds()
	n.cfg.Notified = hook
	n.r = start(t, n.cfg, n.lib)
	nextRound(t, n.done)
	return n
}

func subscribeChat(t *testing.T, srv *telegramtest.Server, chat telegramtest.Chat, user telegramtest.User, text string) string {
	t.Helper()
	before := len(srv.SentTo(chat.ID))
	srv.Post(telegramtest.Incoming{Chat: chat, From: user, Text: text})
	return waitSent(t, srv, chat.ID, before+1)[before].Text
}

func TestSubscribersGetEachEditionOnce(t *testing.T) {
	nb := startNotifying(t)
	srv, cfg, lib, r, done := nb.srv, nb.cfg, nb.lib, nb.r, nb.done

	if got := subscribeChat(t, srv, dm, alice, "/subscribe"); !strings.Contains(got, "已订阅") {
		t.Fatalf("/subscribe answered %q", got)
	}
	// The edition current at subscription is not sent; the next one is, once.
	r.bot.EditionsChanged()
	if n := nextRound(t, done); n != 0 {
		t.Fatalf("the edition current at /subscribe was sent (%d messages)", n)
	}
	lib.land("2026-12-07", 3)
	r.bot.EditionsChanged()
	if n := nextRound(t, done); n != 1 {
		t.Fatalf("a new edition: %d messages, want 1", n)
	}
	msg := srv.SentTo(dm.ID)[1]
	for _, want := range []string{"青山日报 2026-12-07", "（3 篇）", "2026-12-07 第1条 新闻标题", "2026-12-07 第3条 新闻标题"} {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("edition message lacks %q:\n%s", want, msg.Text)
		}
	}
	if len(msg.Buttons) != 3 || msg.Buttons[0][0].Data != "s:2026-12-07-1" {
		t.Fatalf("edition buttons %+v", msg.Buttons)
	}
	r.bot.EditionsChanged()
	if n := nextRound(t, done); n != 0 {
		t.Fatalf("the same edition sent again (%d messages)", n)
	}

	// A headline's button asks about that article.
	srv.Press(dm, alice, msg.MessageID, msg.Buttons[1][0].Data)
	waitSent(t, srv, dm.ID, 3)
	if qs := lib.questions(); len(qs) != 1 || qs[0].question != "“2026-12-07 第2条 新闻标题”讲了什么？" {
		t.Errorf("the button asked %+v", qs)
	}

	// A restart sends nothing again.
	r.stop(t)
	r2 := start(t, cfg, lib)
	if n := nextRound(t, done); n != 0 {
		t.Fatalf("after a restart the edition went out again (%d messages)", n)
	}
	if got := subscribeChat(t, srv, dm, alice, "/unsubscribe"); !strings.Contains(got, "已退订") {
		t.Fatalf("/unsubscribe answered %q", got)
	}
	lib.land("2026-12-08", 1)
	r2.bot.EditionsChanged()
	for nextRound(t, done) != 0 {
		t.Fatal("an edition went to a chat that unsubscribed")
	}
	noProtocolErrors(t, srv)
}

func TestDailySubscriptionWaitsForItsTime(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	hook, done := rounds()
	cfg.Notified = hook
	shanghai := time.FixedZone("CST", 8*3600)
	cfg.TimeZone = shanghai
	clock := fakeclock.New(time.Date(2026, 12, 7, 10, 0, 0, 0, shanghai))
	cfg.Clock = clock
	lib := newLibraryAsker()
	r := start(t, cfg, lib)
	nextRound(t, done)
	<-clock.Waiting

	for _, bad := range []string{"/subscribe 25:00", "/subscribe 7点"} {
		if got := subscribeChat(t, srv, dm, alice, bad); !strings.Contains(got, "用法") {
			t.Errorf("%s answered %q, want the usage", bad, got)
		}
	}
	if got := subscribeChat(t, srv, dm, alice, "/subscribe ０７：３０"); !strings.Contains(got, "每天 07:30（北京时间）") {
		t.Fatalf("/subscribe 07:30 answered %q", got)
	}
	lib.land("2026-12-07", 2) // lands at 10:00: the next 07:30 is tomorrow's
	r.bot.EditionsChanged()
	if n := nextRound(t, done); n != 0 {
		t.Fatalf("sent %d messages at 10:00 to a 07:30 subscriber", n)
	}
	<-clock.Waiting
	clock.Advance(21*time.Hour + 29*time.Minute) // 07:29 the next day
	if n := nextRound(t, done); n != 0 {
		t.Fatalf("sent %d messages at 07:29", n)
	}
	<-clock.Waiting
	clock.Advance(time.Minute)
	if n := nextRound(t, done); n != 1 {
		t.Fatalf("sent %d messages at 07:30, want 1", n)
	}
	if got := srv.SentTo(dm.ID); !strings.Contains(got[len(got)-1].Text, "青山日报 2026-12-07") {
		t.Errorf("07:30 message %q", got[len(got)-1].Text)
	}
}

func TestBlockedSubscriberDroppedAndSendsPaced(t *testing.T) {
	nb := startNotifying(t)
	srv, cfg, lib, r, done, logs := nb.srv, nb.cfg, nb.lib, nb.r, nb.done, nb.logs
	const readers = 40
	for i := range readers {
		u := telegramtest.User{ID: int64(1000 + i), FirstName: "读者" + strconv.Itoa(i)}
		subscribeChat(t, srv, telegramtest.Chat{ID: u.ID, Type: telegramtest.Private}, u, "/subscribe")
	}
	srv.Fail("sendMessage", telegramtest.Fault{Code: 403, Description: "Forbidden: bot was blocked by the user"})
	lib.land("2026-12-07", 2)
	r.bot.EditionsChanged()
	if n := nextRound(t, done); n != readers-1 {
		t.Fatalf("%d messages, want %d (one reader blocked the bot)", n, readers-1)
	}
	subs, err := OpenFileSubscriptions(filepath.Join(cfg.StateDir, "telegram-"+strconv.FormatInt(srv.Bot().ID, 10)+".subscriptions.json"))
	if err != nil {
		t.Fatal(err)
	}
	list, _ := subs.Subscribers(context.Background())
	if len(list) != readers-1 {
		t.Errorf("%d subscribers after the 403, want the blocked reader dropped", len(list))
	}
	for _, s := range list { // each reader left got the edition; the one dropped did not
		if got := srv.SentTo(s.Chat); len(got) != 2 || !strings.Contains(got[1].Text, "2026-12-07") {
			t.Errorf("subscriber %d got %d messages", s.Chat, len(got))
		}
	}
	if !strings.Contains(logs.String(), "subscriber dropped") {
		t.Error("the dropped subscriber is not logged")
	}
	if n := srv.TooManyRequests(); n != 0 {
		t.Errorf("%d sends refused with 429: not paced", n)
	}
	noProtocolErrors(t, srv)
}

// TestDailySubscriberAfterRestart: an edition that landed while the bot was down goes to a
// daily subscriber at start when the subscriber's time passed meanwhile, and waits for it when
// it is still to come.
func TestDailySubscriberAfterRestart(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	for _, tc := range []struct {
		name  string
		start time.Time
		wait  time.Duration // until 07:30, or 0 when it passed
	}{
		{"time passed while down", time.Date(2026, 12, 7, 9, 0, 0, 0, shanghai), 0},
		{"time still to come", time.Date(2026, 12, 7, 3, 0, 0, 0, shanghai), 4*time.Hour + 30*time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t)
			cfg := testConfig(t, srv, &syncBuffer{})
			hook, done := rounds()
			clock := fakeclock.New(tc.start)
			cfg.Notified, cfg.TimeZone, cfg.Clock = hook, shanghai, clock
			lib := &libraryAsker{fakeAsker: newFakeAsker()}
			r := start(t, cfg, lib)
			nextRound(t, done)
			subscribeChat(t, srv, dm, alice, "/subscribe 07:30")
			r.stop(t)
			for len(clock.Waiting) > 0 { // the stopped bot's waits
				<-clock.Waiting
			}

			lib.land("2026-12-07", 2)
			start(t, cfg, lib)
			n := nextRound(t, done)
			if tc.wait == 0 {
				if n != 1 {
					t.Fatalf("at start: %d messages, want the edition", n)
				}
				return
			}
			if n != 0 {
				t.Fatalf("at 03:00: %d messages to a 07:30 subscriber", n)
			}
			<-clock.Waiting
			clock.Advance(tc.wait)
			if n := nextRound(t, done); n != 1 {
				t.Fatalf("at 07:30: %d messages, want 1", n)
			}
		})
	}
}

// TestShutdownCutsOffAStuckEditionSend: an edition message stuck on a server that never answers
// holds a shutdown no longer than Config.ShutdownTimeout, and is not sent again at the next
// start (it may have gone out).
func TestShutdownCutsOffAStuckEditionSend(t *testing.T) {
	nb := startNotifying(t)
	srv, cfg, lib, r, done, logs := nb.srv, nb.cfg, nb.lib, nb.r, nb.done, nb.logs
	subscribeChat(t, srv, dm, alice, "/subscribe")
	stuck := make(chan struct{})
	srv.Fail("sendMessage", telegramtest.Fault{Hang: true, Started: stuck})
	lib.land("2026-12-07", 1)
	r.bot.EditionsChanged()
	<-stuck
	began := time.Now()
	r.stop(t) // fails the test if Run takes over 10 s
	if took := time.Since(began); took > cfg.ShutdownTimeout+5*time.Second {
		t.Errorf("shutdown took %v with a stuck edition send", took)
	}
	if !strings.Contains(logs.String(), "may not have reached") {
		t.Error("the cut-off send is not logged")
	}
	if n := nextRound(t, done); n != 0 { // the cut-off round ended before Run returned
		t.Fatalf("the cut-off round sent %d", n)
	}
	start(t, cfg, lib)
	if n := nextRound(t, done); n != 0 {
		t.Errorf("the cut-off edition was sent again after the restart (%d messages)", n)
	}
}
