package telegram_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"newsbot/bot"
	"newsbot/bot/bottest"
	"newsbot/bot/telegram"
	"newsbot/bot/telegram/telegramtest"
	"newsbot/corpus"
)

// builtinEngine is the real engine over the built-in edition, shared with bot/web's tests.
var builtinEngine = bottest.BuiltinEngine

// The whole path over the built-in edition: the real engine behind the bot, the fake Bot API
// in front of it.
func TestBuiltinEditionEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the built-in index")
	}
	engine, err := builtinEngine()
	if err != nil {
		t.Fatalf("building the built-in engine: %v", err)
	}
	srv := telegramtest.New(telegramtest.Options{})
	defer srv.Close()
	b, err := telegram.New(context.Background(), telegram.Config{
		Token: srv.Token(), Endpoint: srv.Endpoint(), StateDir: t.TempDir(),
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		PollTimeout: time.Second, BackoffMin: 5 * time.Millisecond,
		Limits: telegram.Limits{PrivateWindow: time.Millisecond, GlobalWindow: time.Millisecond, GroupWindow: time.Millisecond},
	}, engine)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- b.Run(ctx) }()
	defer func() { cancel(); <-done }()
	wait, stop := context.WithTimeout(context.Background(), 20*time.Second)
	defer stop()
	reader := telegramtest.User{ID: 42, FirstName: "读者"}
	chat := telegramtest.Chat{ID: 42}
	sentTo := func(n int) []telegramtest.Sent {
		t.Helper()
		if err := srv.Wait(wait, func() bool { return len(srv.SentTo(chat.ID)) >= n }); err != nil {
			t.Fatalf("%d messages, want %d: %v", len(srv.SentTo(chat.ID)), n, err)
		}
		return srv.SentTo(chat.ID)
	}

	srv.Post(telegramtest.Incoming{Chat: chat, From: reader, Text: "达茂旗的总面积是多少？"})
	answer := sentTo(1)[0]
	for _, want := range []string{"18177", "来源", "[1] 武进与内蒙古达茂旗缔结友好城市", "记者 朱梦琪"} {
		if !strings.Contains(answer.Text, want) {
			t.Errorf("answer %q lacks %q", answer.Text, want)
		}
	}
	if len(answer.Buttons) == 0 || answer.Buttons[0][0].Text != "原文 [1]" {
		t.Fatalf("answer buttons = %v, want 原文 [1] first", answer.Buttons)
	}

	srv.Press(chat, reader, answer.MessageID, answer.Buttons[0][0].Data)
	article := sentTo(2)[1]
	if !strings.Contains(article.Text, "武进与内蒙古达茂旗缔结友好城市") || !strings.Contains(article.Text, "18177") {
		t.Errorf("the 原文 button sent %q, want the whole article", article.Text)
	}

	srv.Post(telegramtest.Incoming{Chat: chat, From: reader, Text: "/articles"})
	list := sentTo(3)[2]
	if len(list.Buttons) != 6 {
		t.Errorf("/articles shows %d buttons, want the built-in edition's 6 items", len(list.Buttons))
	}
	if errs := srv.Errors(); len(errs) > 0 {
		t.Errorf("the fake Bot API refused requests: %q", errs)
	}
}

// staticAsker answers every question the same way.
type staticAsker struct{}

func (staticAsker) Ask(_ context.Context, _, q string) (bot.Answer, error) {
	return bot.Answer{Question: q, Found: true, Answer: "达茂旗总面积18177平方千米。[1]",
		Citations: []bot.Citation{{N: 1, ArticleID: "a1", Title: "武进与内蒙古达茂旗缔结友好城市", Byline: "记者 朱梦琪"}}}, nil
}
func (staticAsker) Articles() []corpus.Article { return nil }
func (staticAsker) Article(string) (corpus.Article, bool) {
	return corpus.Article{}, false
}

// A bot in front of the fake Bot API server: post a reader's message, read the bot's answer.
func Example() {
	srv := telegramtest.New(telegramtest.Options{})
	defer srv.Close()
	dir, _ := os.MkdirTemp("", "newsbot-telegram")
	defer os.RemoveAll(dir)
	b, err := telegram.New(context.Background(), telegram.Config{
		Token:    srv.Token(),    // from TELEGRAM_BOT_TOKEN
		Endpoint: srv.Endpoint(), // from TELEGRAM_API_ENDPOINT
		StateDir: dir,            // the data folder
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	}, staticAsker{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- b.Run(ctx) }()

	srv.Post(telegramtest.Incoming{Chat: telegramtest.Chat{ID: 1}, From: telegramtest.User{ID: 1, FirstName: "读者"}, Text: "达茂旗有多大？"})
	_ = srv.Wait(context.Background(), func() bool { return srv.SentCount() == 1 })
	fmt.Println(srv.Sent()[0].Text)
	cancel()
	<-done
	// Output:
	// 达茂旗总面积18177平方千米。[1]
	//
	// 来源
	//
	// [1] 武进与内蒙古达茂旗缔结友好城市
	// 记者 朱梦琪
}
