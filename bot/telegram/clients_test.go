package telegram

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/bot"
	"newsbot/bot/telegram/telegramtest"
)

// questionsAsked lists the questions the asker got, in order.
func questionsAsked(a *fakeAsker) []string {
	var out []string
	for _, q := range a.questions() {
		out = append(out, q.question)
	}
	return out
}

// TestUnusualSenders covers messages real clients send besides plain text from a user: a photo
// whose caption is the question, an anonymous group admin, a channel speaking in its discussion
// group, a forwarded question, and another bot (never answered, so two bots cannot loop).
func TestUnusualSenders(t *testing.T) {
	srv, asker, r := startFake(t)
	botName := "@" + srv.Bot().Username
	channel := telegramtest.Chat{ID: -100777, Type: "channel", Title: "武进日报频道"}
	otherBot := telegramtest.User{ID: 555, FirstName: "Other", Username: "other_bot", IsBot: true}

	steps := []struct {
		name string
		in   telegramtest.Incoming
		want string // question asked, "" when the message must be ignored
	}{
		{"private photo with a caption", telegramtest.Incoming{Chat: dm, From: alice, Kind: "photo", Caption: "这张照片是哪个项目？"}, "这张照片是哪个项目？"},
		{"group photo with a caption that mentions the bot", telegramtest.Incoming{Chat: group, From: bob, Kind: "photo", Caption: botName + " 这是哪个项目？"}, "这是哪个项目？"},
		{"group photo with a caption not for the bot", telegramtest.Incoming{Chat: group, From: bob, Kind: "photo", Caption: "看看这个"}, ""},
		{"group photo with an /ask caption", telegramtest.Incoming{Chat: group, From: bob, Kind: "photo", Caption: "/ask@" + srv.Bot().Username + " 项目投资多少？"}, "项目投资多少？"},
		{"anonymous admin", telegramtest.Incoming{Chat: group, From: telegramtest.GroupAnonymousBot, SenderChat: &group, Text: "/ask 达茂旗面积多大？"}, "达茂旗面积多大？"},
		{"channel in its discussion group", telegramtest.Incoming{Chat: group, From: telegramtest.User{ID: 136817688, FirstName: "Channel", Username: "Channel_Bot", IsBot: true},
			SenderChat: &channel, Text: botName + " 活动持续多久？"}, "活动持续多久？"},
		{"forwarded question", telegramtest.Incoming{Chat: dm, From: alice, ForwardFrom: &bob, Text: "谁写的报道？"}, "谁写的报道？"},
		{"another bot", telegramtest.Incoming{Chat: group, From: otherBot, Text: botName + " 你好吗？"}, ""},
	}
	var want []string
	last := 0
	for _, st := range steps {
		last, _ = srv.Post(st.in)
		if st.want != "" {
			want = append(want, st.want)
		}
	}
	waitHandled(t, r.bot, last)
	got := questionsAsked(asker)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("questions asked = %q, want %q", got, want)
	}
	for _, m := range srv.SentTo(dm.ID) {
		if strings.Contains(m.Text, "文字问题") {
			t.Errorf("a captioned photo got the text-only note: %q", m.Text)
		}
	}
	noProtocolErrors(t, srv)
}

// TestReplyFollowsTheRepliedAnswer: in a group where two people ask in turn, a reply to the
// first answer continues the first answer's conversation, not the latest one.
func TestReplyFollowsTheRepliedAnswer(t *testing.T) {
	srv, asker, _ := startFake(t)
	botName := "@" + srv.Bot().Username

	srv.Post(telegramtest.Incoming{Chat: group, From: alice, Text: botName + " 达茂旗面积多大？"})
	first := waitSent(t, srv, group.ID, 1)[0]
	srv.Post(telegramtest.Incoming{Chat: group, From: bob, Text: botName + " 消防宣传月什么时候开始？"})
	waitSent(t, srv, group.ID, 2)
	srv.Post(telegramtest.Incoming{Chat: group, From: alice, Text: "那人口呢？", ReplyTo: first.MessageID})
	waitSent(t, srv, group.ID, 3)
	// A plain mention still continues the chat's latest conversation.
	srv.Post(telegramtest.Incoming{Chat: group, From: bob, Text: botName + " 那结束呢？"})
	waitSent(t, srv, group.ID, 4)

	qs := asker.questions()
	if len(qs) != 4 {
		t.Fatalf("asked %d questions, want 4: %+v", len(qs), qs)
	}
	if qs[2].conversation != "conv-1" {
		t.Errorf("the reply to the first answer was asked in conversation %q, want conv-1", qs[2].conversation)
	}
	if qs[3].conversation != "conv-3" {
		t.Errorf("a mention after the reply was asked in conversation %q, want the latest, conv-3", qs[3].conversation)
	}
}

// turnFakeAsker is fakeAsker giving each answer a turn and continuing from one (bot.Engine's
// AskFrom), recording which turn a question was asked after.
type turnFakeAsker struct {
	*fakeAsker
	mu   sync.Mutex
	from []string
}

func (f *turnFakeAsker) Ask(ctx context.Context, conversation, question string) (bot.Answer, error) {
	return f.AskFrom(ctx, conversation, nil, question)
}

func (f *turnFakeAsker) AskFrom(ctx context.Context, conversation string, from json.RawMessage, question string) (bot.Answer, error) {
	ans, err := f.fakeAsker.Ask(ctx, conversation, question)
	ans.Turn, _ = json.Marshal(question)
	f.mu.Lock()
	f.from = append(f.from, string(from))
	f.mu.Unlock()
	return ans, err
}

// TestReplyToAnAnswerAfterRestart: which answer each message carried is kept in the state folder,
// so a reply to an answer sent before a restart continues from that answer (its turn).
func TestReplyToAnAnswerAfterRestart(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	first := start(t, cfg, &turnFakeAsker{fakeAsker: newFakeAsker()})
	botName := "@" + srv.Bot().Username
	srv.Post(telegramtest.Incoming{Chat: group, From: alice, Text: botName + " 达茂旗面积多大？"})
	answer := waitSent(t, srv, group.ID, 1)[0]
	srv.Post(telegramtest.Incoming{Chat: group, From: bob, Text: botName + " 消防宣传月什么时候开始？"})
	waitSent(t, srv, group.ID, 2)
	first.stop(t)

	asker := &turnFakeAsker{fakeAsker: newFakeAsker()}
	start(t, cfg, asker)
	srv.Post(telegramtest.Incoming{Chat: group, From: alice, Text: "那人口呢？", ReplyTo: answer.MessageID})
	waitSent(t, srv, group.ID, 3)
	qs := asker.questions()
	if len(qs) != 1 || qs[0].conversation != "conv-1" {
		t.Fatalf("after the restart the reply was asked as %+v, want in conv-1", qs)
	}
	if want, _ := json.Marshal("达茂旗面积多大？"); len(asker.from) != 1 || asker.from[0] != string(want) {
		t.Errorf("the reply continued from turn %q, want the first answer's %s", asker.from, want)
	}
}

// TestGroupMigratedToSupergroup: an answer due in a group that meanwhile became a supergroup
// goes to the supergroup, and the conversation moves along.
func TestGroupMigratedToSupergroup(t *testing.T) {
	srv, asker, r := startFake(t)
	botName := "@" + srv.Bot().Username
	old := telegramtest.Chat{ID: -4001, Type: telegramtest.Group, Title: "读报群"}
	super := telegramtest.Chat{ID: -1004001, Type: telegramtest.Supergroup, Title: "读报群"}

	srv.Post(telegramtest.Incoming{Chat: old, From: alice, Text: botName + " 达茂旗面积多大？"})
	waitSent(t, srv, old.ID, 1)
	srv.Migrate(old, super, alice)
	// A question sent in the old group just before the upgrade is answered in the supergroup.
	late, _ := srv.Post(telegramtest.Incoming{Chat: old, From: bob, Text: botName + " 那人口呢？"})
	got := waitSent(t, srv, super.ID, 1)
	contains(t, "answer in the supergroup", got[0].Text, "那人口呢？")
	waitHandled(t, r.bot, late) // the answer is out; its bookkeeping follows a moment later
	srv.Post(telegramtest.Incoming{Chat: super, From: alice, Text: botName + " 那面积呢？"})
	waitSent(t, srv, super.ID, 2)
	qs := asker.questions()
	if n := len(qs); n != 3 || qs[2].conversation != "conv-2" {
		t.Errorf("questions %+v: want 3, the last continuing conv-2 in the supergroup", qs)
	}
	noProtocolErrors(t, srv)
}

// TestUnparsableHTMLFallsBackToPlainText: when the Bot API refuses an answer's HTML, the user
// still gets the answer, as plain text.
func TestUnparsableHTMLFallsBackToPlainText(t *testing.T) {
	srv, _, _ := startFake(t)
	srv.Fail("sendMessage", telegramtest.Fault{Code: 400, Description: "Bad Request: can't parse entities: Unsupported start tag \"b\" at byte offset 0"})
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "达茂旗面积多大？"})
	got := waitSent(t, srv, dm.ID, 1)[0]
	if got.ParseMode != "" {
		t.Errorf("fallback sent with parse mode %q, want none", got.ParseMode)
	}
	contains(t, "plain answer", got.Text, "18177平方千米", "来源")
	if strings.ContainsAny(got.Text, "<>") || strings.Contains(got.Text, "&lt;") {
		t.Errorf("plain answer holds markup: %q", got.Text)
	}
}

// TestBlockedUserDoesNotStopTheBot: a 403 from a user who blocked the bot costs only that answer.
func TestBlockedUserDoesNotStopTheBot(t *testing.T) {
	srv := newServer(t)
	asker := newFakeAsker()
	logs := &syncBuffer{}
	r := start(t, testConfig(t, srv, logs), asker)
	srv.Fail("sendMessage", telegramtest.Fault{Code: 403, Description: "Forbidden: bot was blocked by the user"})
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "达茂旗面积多大？"})
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "那人口呢？"})
	got := waitSent(t, srv, dm.ID, 1)
	contains(t, "the next answer", got[0].Text, "那人口呢？")
	if n := srv.Calls("sendMessage"); n != 2 {
		t.Errorf("sendMessage called %d times, want 2 (a 403 is not retried)", n)
	}
	if n := r.bot.stats.failed.Load(); n != 0 {
		t.Errorf("a blocked user counts as %d failures, want 0 (nothing failed on our side)", n)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a blocked user is logged as an error:\n%s", logs)
	}
}

// waitHandled waits until the bot has handled every update up to and including id.
func waitHandled(t testing.TB, b *Bot, id int) {
	t.Helper()
	ctx := waitCtx(t)
	for {
		n, changed := b.journal.pendingCount()
		if n == 0 && b.journal.isHandled(id) {
			return
		}
		select {
		case <-changed:
		case <-ctx.Done():
			t.Fatalf("update %d not handled: %d pending", id, n)
		}
	}
}

// TestTooLongForTheServerIsSentInHalves: a Bot API server that counts length differently and
// refuses an answer as too long still gets the whole answer, as plain text in shorter messages.
func TestTooLongForTheServerIsSentInHalves(t *testing.T) {
	srv, _, _ := startFake(t)
	srv.Fail("sendMessage", telegramtest.Fault{Code: 400, Description: "Bad Request: message is too long"})
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "达茂旗面积多大？"})
	// The buttons ride on the last piece.
	if err := srv.Wait(waitCtx(t), func() bool {
		sent := srv.SentTo(dm.ID)
		return len(sent) > 0 && len(sent[len(sent)-1].Buttons) > 0
	}); err != nil {
		t.Fatalf("no piece with the answer's buttons: %v\n%+v", err, srv.SentTo(dm.ID))
	}
	got := srv.SentTo(dm.ID)
	if len(got) < 2 {
		t.Fatalf("answer sent in %d message, want it halved", len(got))
	}
	var whole strings.Builder
	for _, m := range got {
		whole.WriteString(m.Text)
		if m.ParseMode != "" {
			t.Errorf("a piece was sent with parse mode %q, want plain text", m.ParseMode)
		}
	}
	contains(t, "answer in pieces", whole.String(), "达茂旗面积多大？", "18177平方千米", "来源", "武进与内蒙古达茂旗缔结友好城市")
	if got[0].ReplyTo == 0 {
		t.Errorf("the first piece does not reply to the question")
	}
	noProtocolErrors(t, srv)
}

// TestUndecodableUpdateIsSkipped: an update the library's types cannot hold (a field of another
// type, as a newer Bot API or another server may send) is confirmed and skipped; it must not
// fail every getUpdates from then on and leave the bot deaf.
func TestUndecodableUpdateIsSkipped(t *testing.T) {
	srv := newServer(t)
	asker := newFakeAsker()
	logs := &syncBuffer{}
	start(t, testConfig(t, srv, logs), asker)
	srv.PostRaw("message", map[string]any{"message_id": "not-a-number", "chat": map[string]any{"id": dm.ID, "type": "private"}})
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "达茂旗面积多大？"})
	got := waitSent(t, srv, dm.ID, 1)
	contains(t, "answer after the odd update", got[0].Text, "达茂旗面积多大？")
	contains(t, "log", logs.String(), "could not be read and is skipped")
}

// TestAskAboutARepliedMessage: in a group, a bare "@bot" or "/ask" in reply to someone's
// question asks that question.
func TestAskAboutARepliedMessage(t *testing.T) {
	srv, asker, _ := startFake(t)
	botName := "@" + srv.Bot().Username
	_, question := srv.Post(telegramtest.Incoming{Chat: group, From: bob, Text: "达茂旗面积有多大？"})
	_, photo := srv.Post(telegramtest.Incoming{Chat: group, From: bob, Kind: "photo", Caption: "这是哪个项目？"})
	srv.Post(telegramtest.Incoming{Chat: group, From: alice, Text: botName, ReplyTo: question})
	srv.Post(telegramtest.Incoming{Chat: group, From: alice, Text: "/ask@" + srv.Bot().Username, ReplyTo: photo})
	srv.Post(telegramtest.Incoming{Chat: group, From: alice, Text: "/ask"}) // no reply: usage
	got := waitSent(t, srv, group.ID, 3)
	want := []string{"达茂旗面积有多大？", "这是哪个项目？"}
	if q := questionsAsked(asker); !slices.Equal(q, want) {
		t.Errorf("questions asked = %q, want %q", q, want)
	}
	contains(t, "bare /ask", got[2].Text, "用法")
}

// TestUpdateIDZero: a Bot API server that numbers updates from 0 gets its first update answered.
func TestUpdateIDZero(t *testing.T) {
	for _, raw := range []string{
		`{"update_id":0,"message":{"message_id":1,"date":0,"chat":{"id":101,"type":"private"},"from":{"id":101,"is_bot":false,"first_name":"A"},"text":"hi"}}`,
	} {
		u, ok, problem := decodeUpdate([]byte(raw))
		if !ok || problem != "" || u.UpdateID != 0 || u.Message == nil || u.Message.Text != "hi" {
			t.Errorf("decodeUpdate(%s) = %+v, %v, %q; want the message of update 0", raw, u, ok, problem)
		}
	}
	for _, tt := range []struct {
		raw    string
		wantOK bool
		wantID int
	}{
		{`{"update_id":5,"message":{"message_id":"x"}}`, true, 5},
		{`{"message":{"message_id":"x"}}`, false, 0},
		{`{"update_id":0,"message":{"message_id":"x"}}`, true, 0},
	} {
		u, ok, problem := decodeUpdate([]byte(tt.raw))
		if ok != tt.wantOK || u.UpdateID != tt.wantID || problem == "" || u.Message != nil {
			t.Errorf("decodeUpdate(%s) = id %d, ok %v, %q; want id %d, ok %v and a problem", tt.raw, u.UpdateID, ok, problem, tt.wantID, tt.wantOK)
		}
	}
}

// TestSlowCallbackAnswerDoesNotHoldUpTheArticle: the 原文 button's article goes out while
// answerCallbackQuery hangs (it only stops the button's spinner).
func TestSlowCallbackAnswerDoesNotHoldUpTheArticle(t *testing.T) {
	srv := newServer(t)
	asker := newFakeAsker()
	cfg := testConfig(t, srv, &syncBuffer{})
	// Every call has this timeout, the answer's and the article's sendMessage too: at 200 ms a
	// slow send on a loaded machine (-race) timed out, was sent again, and the repeated answer
	// was taken for the article. Each hung answerCallbackQuery attempt now lasts 5 s.
	cfg.RequestTimeout = 5 * time.Second
	cfg.SendAttempts = 1000                      // answerCallbackQuery hangs for as long as the test lasts…
	cfg.ShutdownTimeout = 200 * time.Millisecond // …until the stop cuts it short
	start(t, cfg, asker)
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "达茂旗面积多大？"})
	answer := waitSent(t, srv, dm.ID, 1)[0]
	for range cfg.SendAttempts {
		srv.Fail("answerCallbackQuery", telegramtest.Fault{Hang: true})
	}
	srv.Press(dm, alice, answer.MessageID, answer.Buttons[0][0].Data)
	article := waitSent(t, srv, dm.ID, 2)[1]
	contains(t, "article", article.Text, "两地将在新能源领域合作。")
	if article.ReplyTo != answer.MessageID {
		t.Errorf("the article replies to %d, want the answer %d whose button asked for it (its forum topic)", article.ReplyTo, answer.MessageID)
	}
}

// TestPollingSurvivesConflictAndNetworkErrors: a 409 (a webhook set meanwhile, or another
// poller), a dropped connection and a 502 page only delay polling; the next poll goes on.
func TestPollingSurvivesConflictAndNetworkErrors(t *testing.T) {
	srv := newServer(t)
	asker := newFakeAsker()
	logs := &syncBuffer{}
	start(t, testConfig(t, srv, logs), asker)
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "第一个问题"})
	waitSent(t, srv, dm.ID, 1)
	polls := srv.Calls("getUpdates")
	srv.Fail("getUpdates", telegramtest.Fault{Code: 409, Description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"})
	srv.Fail("getUpdates", telegramtest.Fault{Code: 502, HTML: true})
	// The poll in progress ends by its timeout; the next two fail; the one after must work.
	if err := srv.Wait(waitCtx(t), func() bool { return srv.Calls("getUpdates") >= polls+3 }); err != nil {
		t.Fatalf("polling stopped after the failures: %v", err)
	}
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "第二个问题"})
	got := waitSent(t, srv, dm.ID, 2)
	contains(t, "answer after the failures", got[1].Text, "第二个问题")
	contains(t, "log", logs.String(), "409", "502")
	if strings.Contains(logs.String(), srv.Token()) {
		t.Errorf("the token leaks into the log")
	}
}
