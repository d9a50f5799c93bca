package telegram

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"newsbot/bot"
	"newsbot/bot/telegram/telegramtest"
)

func TestCommandsRegisteredInChinese(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	cfg.Admins = []int64{alice.ID}
	start(t, cfg, newFakeAsker())
	if err := srv.Wait(waitCtx(t), func() bool { return len(srv.Commands()) >= len(commands)+len(adminCommands) }); err != nil {
		t.Fatalf("commands not registered: %v (got %v)", err, srv.Commands())
	}
	scopes := map[string][]string{}
	for _, c := range srv.Commands() {
		scopes[c.Scope] = append(scopes[c.Scope], c.Command)
		if !strings.ContainsFunc(c.Description, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("/%s is described %q, want Chinese", c.Command, c.Description)
		}
	}
	if got := strings.Join(scopes["default"], " "); got != "start help articles article ask subscribe unsubscribe" {
		t.Errorf("default commands = %q", got)
	}
	if got := strings.Join(scopes["chat:101"], " "); !strings.Contains(got, "reload") || !strings.Contains(got, "stats") {
		t.Errorf("the admin's commands = %q, want reload and stats among them", got)
	}
}

func TestConversationCommands(t *testing.T) {
	srv, asker, _ := startFake(t)

	steps := []struct {
		name  string
		in    telegramtest.Incoming
		wants []string
	}{
		{"start", telegramtest.Incoming{Text: "/start"}, []string{"你好，Alice", "点下面的例子试试"}},
		{"help", telegramtest.Incoming{Text: "/help"}, []string{"/articles", "/article N", "@" + srv.Bot().Username}},
		{"articles", telegramtest.Incoming{Text: "/articles"}, []string{"共 4 篇", "1. 武进与内蒙古达茂旗缔结友好城市（记者 朱梦琪）", "3. 国家档案局调研<档案>&工作", "4. 重点项目进行时"}},
		{"article", telegramtest.Incoming{Text: "/article 2"}, []string{"我区启动“119”消防宣传月活动", "活动为期一个月。"}},
		{"article out of range", telegramtest.Incoming{Text: "/article 9"}, []string{"1 到 4"}},
		{"article with a full-width number", telegramtest.Incoming{Text: "/article ２"}, []string{"活动为期一个月。"}},
		{"article 第N篇", telegramtest.Incoming{Text: "/article 第4篇"}, []string{"项目正在建设中。"}},
		{"ask without question", telegramtest.Incoming{Text: "/ask"}, []string{"用法"}},
		{"unknown", telegramtest.Incoming{Text: "/frobnicate"}, []string{"不认识这个命令"}},
		{"sticker", telegramtest.Incoming{Kind: "sticker"}, []string{"文字"}},
		{"photo", telegramtest.Incoming{Kind: "photo"}, []string{"文字"}},
		{"voice", telegramtest.Incoming{Kind: "voice"}, []string{"文字"}},
		{"stats for a non-admin", telegramtest.Incoming{Text: "/stats"}, []string{"管理员"}},
		{"reload for a non-admin", telegramtest.Incoming{Text: "/reload"}, []string{"管理员"}},
	}
	for i, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.in.Chat, st.in.From = dm, alice
			srv.Post(st.in)
			got := waitSent(t, srv, dm.ID, i+1)[i]
			contains(t, "reply", got.Text, st.wants...)
		})
	}
	sent := srv.SentTo(dm.ID)
	if n := len(sent[0].Buttons); n != 3 {
		t.Errorf("/start shows %d example buttons, want 3", n)
	}
	if n := len(sent[2].Buttons); n != 4 {
		t.Errorf("/articles shows %d buttons, want one per article (4)", n)
	}
	if len(asker.questions()) != 0 {
		t.Errorf("commands reached the engine: %v", asker.questions())
	}

	// An example button asks its question; the answer shows the question.
	example := sent[0].Buttons[0][0]
	_, cb := srv.Press(dm, alice, sent[0].MessageID, example.Data)
	got := waitSent(t, srv, dm.ID, len(sent)+1)[len(sent)]
	contains(t, "example answer", got.Text, "问："+example.Text, "来源")
	// The callback is answered beside the answer, not before it (a slow answerCallbackQuery must
	// not hold the answer up): wait for it rather than race it.
	if err := srv.Wait(waitCtx(t), func() bool { return srv.CallbackAnswers(cb) >= 1 }); err != nil || srv.CallbackAnswers(cb) != 1 {
		t.Errorf("the example button's callback was answered %d times, want 1 (%v)", srv.CallbackAnswers(cb), err)
	}
	// A stale button gets an answer too.
	_, stale := srv.Press(dm, alice, sent[0].MessageID, "a:no-such-article")
	if err := srv.Wait(waitCtx(t), func() bool { return srv.CallbackAnswers(stale) == 1 }); err != nil {
		t.Errorf("a stale button was not answered: %v", err)
	}
	noProtocolErrors(t, srv)
}

func TestArticleListPages(t *testing.T) {
	srv := newServer(t)
	asker := newFakeAsker()
	base := asker.arts[1]
	for i := range 23 {
		a := base
		a.ID = "many-" + string(rune('a'+i))
		asker.arts = append(asker.arts, a)
	}
	start(t, testConfig(t, srv, &syncBuffer{}), asker)
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "/articles"})
	list := waitSent(t, srv, dm.ID, 1)[0]
	contains(t, "page 1", list.Text, "共 27 篇", "第 1/3 页")
	nav := list.Buttons[len(list.Buttons)-1]
	if len(nav) != 1 || nav[0].Data != "p:1" {
		t.Fatalf("paging row = %v, want a next-page button", nav)
	}
	_, cb := srv.Press(dm, alice, list.MessageID, "p:1")
	if err := srv.Wait(waitCtx(t), func() bool { return srv.SentTo(dm.ID)[0].Edits == 1 }); err != nil {
		t.Fatalf("the list was not turned to page 2: %v", err)
	}
	contains(t, "page 2", srv.SentTo(dm.ID)[0].Text, "第 2/3 页", "11. ")
	if err := srv.Wait(waitCtx(t), func() bool { return srv.CallbackAnswers(cb) >= 1 }); err != nil || srv.CallbackAnswers(cb) != 1 {
		t.Errorf("paging callback answered %d times (%v)", srv.CallbackAnswers(cb), err)
	}
	noProtocolErrors(t, srv)
}

func TestUserRateLimit(t *testing.T) {
	srv := newServer(t)
	asker := newFakeAsker()
	cfg := testConfig(t, srv, &syncBuffer{})
	cfg.UserBurst = 2
	cfg.UserInterval = time.Hour
	start(t, cfg, asker)
	for _, q := range []string{"一", "二", "三", "四"} {
		srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: q})
	}
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "/help"}) // marks the end
	got := waitSent(t, srv, dm.ID, 4)
	contains(t, "third reply", got[2].Text, "问得有点快", "秒后再问")
	contains(t, "last reply", got[3].Text, "/articles")
	if n := len(asker.questions()); n != 2 {
		t.Errorf("%d questions reached the engine, want 2", n)
	}
}

func TestAccessAndAdmin(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	cfg.AllowUsers = []int64{bob.ID}
	cfg.Admins = []int64{alice.ID}
	var reloads atomic.Int32
	cfg.Reload = func(ctx context.Context) error {
		if reloads.Add(1) == 2 {
			return errors.New("edition folder unreadable")
		}
		return nil
	}
	cfg.Stats = func() string { return "索引 4 篇" }
	start(t, cfg, newFakeAsker())

	stranger := telegramtest.User{ID: 999, FirstName: "Eve"}
	strangerChat := telegramtest.Chat{ID: 999}
	srv.Post(telegramtest.Incoming{Chat: strangerChat, From: stranger, Text: "问题"})
	contains(t, "stranger's reply", waitSent(t, srv, strangerChat.ID, 1)[0].Text, "授权")
	srv.Post(telegramtest.Incoming{Chat: group, From: stranger, Text: "@" + srv.Bot().Username + " 问题"})

	bobChat := telegramtest.Chat{ID: bob.ID}
	srv.Post(telegramtest.Incoming{Chat: bobChat, From: bob, Text: "问题"})
	contains(t, "allowed user's reply", waitSent(t, srv, bobChat.ID, 1)[0].Text, "来源")

	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "/stats"})
	contains(t, "/stats", waitSent(t, srv, dm.ID, 1)[0].Text, "回答问题", "索引 4 篇")
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "/reload"})
	got := waitSent(t, srv, dm.ID, 3)
	contains(t, "/reload", got[1].Text+got[2].Text, "正在重新载入", "已重新载入")
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "/reload"})
	got = waitSent(t, srv, dm.ID, 5)
	contains(t, "failed /reload", got[4].Text, "重新载入失败", "edition folder unreadable")
	if n := len(srv.SentTo(group.ID)); n != 0 {
		t.Errorf("a stranger got %d answers in a group, want none", n)
	}
}

func TestParseIDs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int64
		bad  bool
	}{
		{"", nil, false},
		{"12345", []int64{12345}, false},
		{"1, -1002003004005 ,7", []int64{1, -1002003004005, 7}, false},
		{"1;2", nil, true},
		{"0", nil, true},
		{"@alice", nil, true},
	} {
		got, err := ParseIDs(tc.in)
		if (err != nil) != tc.bad || !slices.Equal(got, tc.want) {
			t.Errorf("ParseIDs(%q) = %v, %v; want %v (error: %v)", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

// An Asker that panics costs one answer, not the bot.
func TestPanicInAskerIsContained(t *testing.T) {
	srv := newServer(t)
	start(t, testConfig(t, srv, &syncBuffer{}), panicAsker{newFakeAsker()})
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "boom"})
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "/help"})
	got := waitSent(t, srv, dm.ID, 2)
	contains(t, "reply to the panic", got[0].Text, "抱歉")
	contains(t, "reply after the panic", got[1].Text, "/articles")
}

type panicAsker struct{ *fakeAsker }

func (panicAsker) Ask(context.Context, string, string) (bot.Answer, error) { panic("engine bug") }
