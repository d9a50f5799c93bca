package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"newsbot/bot/telegram/telegramtest"
	"newsbot/store/postgres/pgtest"
)

// webhookReplica is one replica taking Telegram updates by webhook: `newsbot serve --webhook-url`
// (the webhook on serve's own HTTP server, beside the web chat) or `newsbot telegram --webhook-url
// --listen`.
type webhookReplica struct {
	cmd  *exec.Cmd
	hook string
	log  *syncWriter
}

const replicaSecret = "replica-test-secret"

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// telegramReplicaEnv is the environment of a Telegram replica against the fake Bot API and the
// database.
func telegramReplicaEnv(t *testing.T, tg *telegramtest.Server, db string) env {
	return env{"NEWSBOT_DATA": t.TempDir(), "NEWSBOT_DATABASE_URL": db,
		"TELEGRAM_BOT_TOKEN": tg.Token(), "TELEGRAM_API_ENDPOINT": tg.Endpoint(),
		"TELEGRAM_WEBHOOK_SECRET": replicaSecret, "NEWSBOT_TELEGRAM_LEASE": "2s", "TELEGRAM_WORKERS": "16"}
}

// startWebhookReplica starts `newsbot serve --webhook-url` against the fake Bot API and the
// database, and waits until its bot takes updates on the web server.
func startWebhookReplica(t *testing.T, tg *telegramtest.Server, db string) *webhookReplica {
	t.Helper()
	r := startReplica(t, telegramReplicaEnv(t, tg, db), "--webhook-url", "https://bot.example/hook")
	w := &webhookReplica{cmd: r.cmd, hook: r.url + "/hook", log: r.log}
	w.waitWebhook(t)
	return w
}

// startTelegramWebhookReplica starts `newsbot telegram --webhook-url --listen` (the bot alone, the
// webhook on a listener of its own).
func startTelegramWebhookReplica(t *testing.T, tg *telegramtest.Server, db string) *webhookReplica {
	t.Helper()
	addr := freePort(t)
	cmd := exec.Command(testBinary(t), "telegram", "--webhook-url", "https://bot.example/hook", "--listen", addr)
	cmd.Env = os.Environ()
	for k, v := range telegramReplicaEnv(t, tg, db) {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	r := &webhookReplica{cmd: cmd, hook: "http://" + addr + "/hook", log: &syncWriter{w: &bytes.Buffer{}}}
	cmd.Stdout, cmd.Stderr = r.log, r.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("replica %s log:\n%s", addr, r.log)
		}
	})
	r.waitWebhook(t)
	return r
}

// waitWebhook waits until the replica's webhook handler answers: a GET gets 405 from it (and 503
// from serve while its bot is still starting, or no answer before anything listens).
func (r *webhookReplica) waitWebhook(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		res, err := http.Get(r.hook)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusMethodNotAllowed {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("webhook of replica %s not served within 90 s: %v\n%s", r.hook, err, r.log)
		}
		time.Sleep(50 * time.Millisecond) // waiting for another process to listen, with a deadline
	}
}

// twoWebhookReplicas starts the fake Bot API and two `serve --webhook-url` replicas on a fresh
// database; skipped with -short.
func twoWebhookReplicas(t *testing.T) (*telegramtest.Server, *webhookReplica, *webhookReplica) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and runs two replicas; skipped with -short")
	}
	db := pgtest.NewDatabase(t)
	tg := telegramtest.New(telegramtest.Options{})
	t.Cleanup(tg.Close)
	return tg, startWebhookReplica(t, tg, db), startWebhookReplica(t, tg, db)
}

// post delivers an update as Telegram's webhook does; false when the replica is unreachable.
func (r *webhookReplica) post(t *testing.T, body []byte) bool {
	req, _ := http.NewRequest(http.MethodPost, r.hook, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", replicaSecret)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("webhook %s answered %d", r.hook, res.StatusCode)
	}
	return res.StatusCode == http.StatusOK
}

// The same webhook update posted to two replicas is answered once; a chat's two updates are
// answered in order. The webhook shares serve's HTTP server with the web chat and API, and refuses
// a post without the secret token.
func TestTelegramReplicasAnswerOnce(t *testing.T) {
	tg, a, b := twoWebhookReplicas(t)
	if u, secret := tg.Webhook(); u != "https://bot.example/hook" || secret != replicaSecret {
		t.Errorf("webhook registered as %q with secret %q", u, secret)
	}
	base := strings.TrimSuffix(a.hook, "/hook")
	if res, err := http.Post(base+"/api/ask", "application/json", strings.NewReader(`{"question":"达茂旗的总面积是多少？"}`)); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("the web API beside the webhook: %v %v", res, err)
	} else {
		res.Body.Close()
	}
	if res, err := http.Post(a.hook, "application/json", strings.NewReader(`{"update_id":1}`)); err != nil || res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a webhook post without the secret token: %v %v, want 401", res, err)
	} else {
		res.Body.Close()
	}
	chat := telegramtest.Chat{ID: 42, Type: telegramtest.Private}
	user := telegramtest.User{ID: 42, FirstName: "读者"}
	first, _ := tg.Post(telegramtest.Incoming{Chat: chat, From: user, Text: "达茂旗的总面积是多少？"})
	second, _ := tg.Post(telegramtest.Incoming{Chat: chat, From: user, Text: "武进的常住人口有多少？"})
	for _, id := range []int{first, second} {
		if !a.post(t, tg.UpdateJSON(id)) || !b.post(t, tg.UpdateJSON(id)) {
			t.Fatalf("update %d not delivered to both replicas", id)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := tg.Wait(ctx, func() bool { return len(tg.SentTo(chat.ID)) >= 2 }); err != nil {
		t.Fatalf("answers: %d within 60 s", len(tg.SentTo(chat.ID)))
	}
	// A third update answered means the first two were handled (the chat's order holds), so a
	// duplicate of either would be there by now.
	third, _ := tg.Post(telegramtest.Incoming{Chat: chat, From: user, Text: "你好"})
	b.post(t, tg.UpdateJSON(third))
	if err := tg.Wait(ctx, func() bool { return len(tg.SentTo(chat.ID)) >= 3 }); err != nil {
		t.Fatalf("third answer missing")
	}
	sent := tg.SentTo(chat.ID)
	if len(sent) != 3 {
		t.Fatalf("%d messages for 3 updates each posted to both replicas, want 3", len(sent))
	}
	if !strings.Contains(sent[0].Text, "18177") || !strings.Contains(sent[1].Text, "人") {
		t.Errorf("answers out of order or wrong: %q / %q", sent[0].Text, sent[1].Text)
	}
}

// kill -9 of replica A in the middle of a burst: every update is answered exactly once, the ones
// A held by B after A's lease expires.
func TestTelegramReplicaKilledMidBurst(t *testing.T) {
	n := 150
	if os.Getenv("NEWSBOT_LONG") != "" {
		n = 500
	}
	tg, a, b := twoWebhookReplicas(t)
	chats := make([]int64, n)
	ids := make([]int, n)
	for i := range n { // a chat each: Telegram's per-chat pacing would otherwise set the pace
		chats[i] = int64(1000 + i)
		ids[i], _ = tg.Post(telegramtest.Incoming{Chat: telegramtest.Chat{ID: chats[i], Type: telegramtest.Private},
			From: telegramtest.User{ID: chats[i], FirstName: "读者"}, Text: "达茂旗的总面积是多少？"})
	}
	start := time.Now()
	killed := false
	for i, id := range ids {
		if i == n/2 {
			if err := a.cmd.Process.Kill(); err != nil { // SIGKILL: no shutdown, leases left held
				t.Fatal(err)
			}
			killed = true
		}
		target := []*webhookReplica{a, b}[i%2]
		if killed || !target.post(t, tg.UpdateJSON(id)) {
			if !b.post(t, tg.UpdateJSON(id)) { // Telegram retries a failed delivery
				t.Fatalf("update %d delivered to neither replica", id)
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	answered := func() int {
		k := 0
		for _, c := range chats {
			if len(tg.SentTo(c)) > 0 {
				k++
			}
		}
		return k
	}
	if err := tg.Wait(ctx, func() bool { return answered() == n }); err != nil {
		t.Fatalf("%d of %d updates answered within 120 s of the kill", answered(), n)
	}
	took := time.Since(start)
	var twice []string
	for i, c := range chats {
		if k := len(tg.SentTo(c)); k != 1 {
			twice = append(twice, fmt.Sprintf("update %d: %d answers", ids[i], k))
		}
	}
	if len(twice) > 0 {
		t.Errorf("answered more than once: %v", twice)
	}
	takenOver := strings.Count(b.log.String(), "taking over an update")
	t.Logf("%d updates, replica A killed after %d: all answered once in %v; B took %d over from A after its lease",
		n, n/2, took.Round(time.Millisecond), takenOver)
}

// A Telegram follow-up answered by replica B continues the conversation the chat began on A; B
// is `newsbot telegram --webhook-url`, the bot alone, beside A's `serve --webhook-url`.
func TestTelegramFollowUpAcrossReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs two replicas; skipped with -short")
	}
	db := pgtest.NewDatabase(t)
	tg := telegramtest.New(telegramtest.Options{})
	t.Cleanup(tg.Close)
	a, b := startWebhookReplica(t, tg, db), startTelegramWebhookReplica(t, tg, db)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	ask := func(r *webhookReplica, chat int64, text string) string {
		n := len(tg.SentTo(chat))
		id, _ := tg.Post(telegramtest.Incoming{Chat: telegramtest.Chat{ID: chat, Type: telegramtest.Private},
			From: telegramtest.User{ID: chat, FirstName: "读者"}, Text: text})
		if !r.post(t, tg.UpdateJSON(id)) {
			t.Fatalf("update %d not delivered", id)
		}
		if err := tg.Wait(ctx, func() bool { return len(tg.SentTo(chat)) > n }); err != nil {
			t.Fatalf("no answer to %q", text)
		}
		return tg.SentTo(chat)[n].Text
	}
	ask(a, 42, "达茂旗的总面积是多少？")
	follow := ask(b, 42, "那人口呢？")
	alone := ask(b, 43, "那人口呢？")
	if follow == alone {
		t.Fatalf("B answers the follow-up as it answers it without the conversation: %q", follow)
	}
	if !strings.Contains(follow, "达茂旗") {
		t.Errorf("B's follow-up answer does not continue the conversation about 达茂旗: %q", follow)
	}
}

// A reply sent to replica B to an older answer sent by replica A continues from that answer,
// though the group's conversation moved on since (on A): which answer each message carried is in
// the database.
func TestTelegramReplyToAnOlderAnswerAcrossReplicas(t *testing.T) {
	tg, a, b := twoWebhookReplicas(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	group := telegramtest.Chat{ID: -1001, Type: telegramtest.Supergroup, Title: "读报群"}
	mention := "@" + tg.Bot().Username + " "
	say := func(r *webhookReplica, from int64, text string, replyTo int) telegramtest.Sent {
		n := len(tg.SentTo(group.ID))
		id, _ := tg.Post(telegramtest.Incoming{Chat: group, From: telegramtest.User{ID: from, FirstName: "读者"}, Text: text, ReplyTo: replyTo})
		if !r.post(t, tg.UpdateJSON(id)) {
			t.Fatalf("update %d not delivered", id)
		}
		if err := tg.Wait(ctx, func() bool { return len(tg.SentTo(group.ID)) > n }); err != nil {
			t.Fatalf("no answer to %q", text)
		}
		return tg.SentTo(group.ID)[n]
	}
	first := say(a, 1, mention+"达茂旗的总面积是多少？", 0)
	say(a, 2, mention+"消防宣传月活动是哪天启动的？", 0)
	latest := say(b, 2, mention+"那人口呢？", 0)
	reply := say(b, 1, "那人口呢？", first.MessageID)
	const population = "11.4万" // 达茂旗's, in the built-in edition
	if !strings.Contains(reply.Text, population) {
		t.Errorf("B's answer to a reply to A's first answer does not continue from it (达茂旗's population): %q", reply.Text)
	}
	if strings.Contains(latest.Text, population) {
		t.Fatalf("the follow-up of the latest answer gives 达茂旗's population too: the test proves nothing (%q)", latest.Text)
	}
}
