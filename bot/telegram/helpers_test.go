package telegram

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/bot"
	"newsbot/bot/telegram/telegramtest"
	"newsbot/corpus"
)

// fakeAsker answers every question with an answer that echoes it and cites the first
// article; block, when set, holds Ask until it is closed or ctx ends.
type fakeAsker struct {
	arts    []corpus.Article
	block   chan struct{}
	entered chan string // receives each question as Ask starts, when not nil

	mu    sync.Mutex
	asked []asked
}

type asked struct{ conversation, question string }

func newFakeAsker() *fakeAsker {
	return &fakeAsker{arts: []corpus.Article{
		{ID: "ed1-a1", Paper: "武进日报", Date: "2024-11-08", Page: "第2版", Kind: corpus.KindNews,
			Kicker: "共赴“新”征程", Title: "武进与内蒙古达茂旗缔结友好城市", Byline: "记者 朱梦琪",
			Text: "达茂旗总面积18177平方千米。\n两地将在新能源领域合作。"},
		{ID: "ed1-a2", Paper: "武进日报", Date: "2024-11-08", Kind: corpus.KindNews,
			Title: "我区启动“119”消防宣传月活动", Byline: "记者 万峰鸣", Text: "活动为期一个月。"},
		{ID: "ed1-a3", Kind: corpus.KindNews, Title: "国家档案局调研<档案>&工作", Byline: "记者 陈寒秋", Text: "调研组一行来到我区。"},
		{ID: "ed1-a4", Kind: corpus.KindPhoto, Column: "重点项目进行时", Byline: "徐芊卉 摄", Text: "项目正在建设中。"},
	}}
}

func (f *fakeAsker) Ask(ctx context.Context, conversation, question string) (bot.Answer, error) {
	if f.entered != nil {
		select {
		case f.entered <- question:
		case <-ctx.Done():
			return bot.Answer{}, ctx.Err()
		}
	}
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			return bot.Answer{}, ctx.Err()
		}
	}
	f.mu.Lock()
	f.asked = append(f.asked, asked{conversation, question})
	n := len(f.asked)
	f.mu.Unlock()
	a := f.arts[0]
	return bot.Answer{
		Question: question, Found: true,
		Answer: "关于「" + question + "」：达茂旗总面积18177平方千米。[1]",
		Citations: []bot.Citation{{N: 1, ArticleID: a.ID, Title: a.Title, Byline: a.Byline,
			Edition: a.EditionLabel(), Quote: "达茂旗总面积18177平方千米"}},
		Conversation: fmt.Sprintf("conv-%d", n),
	}, nil
}

func (f *fakeAsker) Articles() []corpus.Article { return f.arts }

func (f *fakeAsker) Article(id string) (corpus.Article, bool) {
	for _, a := range f.arts {
		if a.ID == id {
			return a, true
		}
	}
	return corpus.Article{}, false
}

func (f *fakeAsker) questions() []asked {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]asked(nil), f.asked...)
}

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// fastLimits scale Telegram's limits down so that tests run fast; the fake server enforces
// the same numbers.
var fastLimits = Limits{GlobalMessages: 30, GlobalWindow: 40 * time.Millisecond,
	PrivateMessages: 1, PrivateWindow: 10 * time.Millisecond,
	GroupMessages: 20, GroupWindow: 100 * time.Millisecond, Headroom: 0.25}

func serverLimits(l Limits) telegramtest.Limits {
	return telegramtest.Limits{GlobalMessages: l.GlobalMessages, GlobalWindow: l.GlobalWindow,
		PrivateMessages: l.PrivateMessages, PrivateWindow: l.PrivateWindow,
		GroupMessages: l.GroupMessages, GroupWindow: l.GroupWindow, Slack: 3 * time.Millisecond}
}

func newServer(t testing.TB) *telegramtest.Server {
	t.Helper()
	srv := telegramtest.New(telegramtest.Options{Limits: serverLimits(fastLimits)})
	t.Cleanup(srv.Close)
	return srv
}

func testConfig(t testing.TB, srv *telegramtest.Server, logs *syncBuffer) Config {
	t.Helper()
	return Config{
		Token: srv.Token(), Endpoint: srv.Endpoint(), StateDir: t.TempDir(),
		Logger:      slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Limits:      fastLimits,
		PollTimeout: time.Second, BackoffMin: 5 * time.Millisecond, BackoffMax: 40 * time.Millisecond,
		ShutdownTimeout: 2 * time.Second, Workers: 8,
	}
}

// startFake starts a bot over a fakeAsker on a fresh fake Bot API server.
func startFake(t testing.TB) (*telegramtest.Server, *fakeAsker, *running) {
	t.Helper()
	srv := newServer(t)
	asker := newFakeAsker()
	return srv, asker, start(t, testConfig(t, srv, &syncBuffer{}), asker)
}

// running is a Bot in a goroutine.
type running struct {
	bot    *Bot
	cancel context.CancelFunc
	done   chan error
}

func start(t testing.TB, cfg Config, asker Asker) *running {
	t.Helper()
	b, err := New(context.Background(), cfg, asker)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{bot: b, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- b.Run(ctx) }()
	t.Cleanup(func() { r.stop(t) })
	return r
}

// stop cancels Run and waits for it to return (once).
func (r *running) stop(t testing.TB) {
	t.Helper()
	r.cancel()
	select {
	case err, ok := <-r.done:
		if ok && err != nil {
			t.Errorf("Run returned %v", err)
		}
		if ok {
			close(r.done)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("Run did not return 10 s after its context ended")
	}
}

func waitCtx(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// waitSent waits until chat got n messages and returns them.
func waitSent(t testing.TB, srv *telegramtest.Server, chat int64, n int) []telegramtest.Sent {
	t.Helper()
	if err := srv.Wait(waitCtx(t), func() bool { return len(srv.SentTo(chat)) >= n }); err != nil {
		t.Fatalf("chat %d got %d messages, want %d: %v\n%v", chat, len(srv.SentTo(chat)), n, err, srv.SentTo(chat))
	}
	return srv.SentTo(chat)
}

func noProtocolErrors(t testing.TB, srv *telegramtest.Server) {
	t.Helper()
	if errs := srv.Errors(); len(errs) > 0 {
		t.Errorf("the fake Bot API refused requests: %q", errs)
	}
}

var (
	alice = telegramtest.User{ID: 101, FirstName: "Alice", Username: "alice"}
	bob   = telegramtest.User{ID: 102, FirstName: "Bob"}
	dm    = telegramtest.Chat{ID: 101, Type: telegramtest.Private}
	group = telegramtest.Chat{ID: -500, Type: telegramtest.Supergroup, Title: "读报群"}
)

func contains(t testing.TB, what, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("%s = %q, want it to contain %q", what, s, w)
		}
	}
}
