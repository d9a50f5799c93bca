package telegram

import (
	"strings"
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
