package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"golang.org/x/text/width"

	"newsbot/bot"
	"newsbot/lexicon"
)

const maxQuestion = 1000 // runes; longer messages are cut

// tx is what users read besides answers, one field a key of lexicon [telegramReplies] (NonText ←
// nonText), filled when the package loads: a key without a field or a field without a key
// panics there.
var tx = func() (t struct {
	NonText, Empty, AskUsage, Refused, AdminOnly, Failed, NoArticle, StaleData      string
	UnknownCommand, TooFast, Asked, StartHello, StartName, StartIntro, StartGroup   string
	StartPrivate, StartExamples, StartFooter, Help, NoArticles, ArticleNumber       string
	ReloadOff, ReloadBusy, Reloading, ReloadFailed, Reloaded, Stats, EditionHeader  string
	EditionMore, EditionButton, EditionFooter, HeadlineQuestion, SubscribeUsage     string
	Subscribed, SubscribedDaily, NotSubscribed, Unsubscribed, BeijingTime, NoAnswer string
	Sources, Related, Untitled, SourceButton, ListHeader, ListPage, ListFooter      string
	PreviousPage, NextPage, ExampleQuestion                                         string
}) {
	lexicon.Fill("telegramReplies", &t)
	return t
}()

// commands are registered with setMyCommands; adminCommands only in admins' private chats
// (lexicon [telegramCommands], [telegramAdminCommands]).
var (
	commands      = botCommands("telegramCommands")
	adminCommands = append(append([]tgbotapi.BotCommand(nil), commands...), botCommands("telegramAdminCommands")...)
)

// botCommands are the commands of a lexicon section, each key a command and its text the
// description.
func botCommands(section string) []tgbotapi.BotCommand {
	var out []tgbotapi.BotCommand
	for _, e := range lexicon.Entries(section) {
		out = append(out, tgbotapi.BotCommand{Command: e.Key, Description: lexicon.Text(section, e.Key)})
	}
	return out
}

// registerCommands sets the command menus; a failure only costs the menu, so it is logged.
func (b *Bot) registerCommands(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, b.cfg.RequestTimeout)
	defer cancel()
	if err := b.api.setCommands(ctx, commands, 0); err != nil {
		b.log.Warn("telegram: setMyCommands failed", "err", err)
	}
	for _, id := range b.cfg.Admins {
		if err := b.api.setCommands(ctx, adminCommands, id); err != nil {
			b.log.Warn("telegram: setMyCommands for an admin failed (has the admin started a chat with the bot?)", "admin", id, "err", err)
		}
	}
}

// handle answers one update. An error after ctx ended means the answer was interrupted.
func (b *Bot) handle(ctx context.Context, u tgbotapi.Update) error {
	switch {
	case u.Message != nil:
		return b.onMessage(ctx, u.Message)
	case u.CallbackQuery != nil:
		return b.onCallback(ctx, u.CallbackQuery)
	}
	return nil
}

func (b *Bot) onMessage(ctx context.Context, m *tgbotapi.Message) error {
	if m.Chat == nil || m.Chat.IsChannel() {
		return nil
	}
	if m.MigrateToChatID != 0 { // the group became a supergroup: its conversation goes along
		if conv := b.convs.get(m.Chat.ID); conv != "" {
			b.convs.set(m.MigrateToChatID, conv)
		}
		return nil
	}
	sender, ok := senderID(m)
	if !ok {
		return nil
	}
	chat := chatRef{id: m.Chat.ID, group: isGroup(m.Chat)}
	// A photo or document with a caption asks its caption, as a text message would.
	text := m.Text
	if text == "" {
		text = m.Caption
	}
	cmd, at, args := parseCommand(text)
	if at != "" && !strings.EqualFold(at, b.self.UserName) {
		return nil // a command for another bot in the group
	}
	if chat.group && cmd == "" && !b.mentioned(m) && !b.repliesToMe(m) {
		return nil // chatter not addressed to the bot
	}
	if chat.group && cmd != "" && at == "" && !knownCommand(cmd) {
		return nil // probably another bot's command
	}
	if !b.allowed(sender, m.Chat.ID) {
		if !chat.group {
			return b.say(ctx, chat, m.MessageID, tx.Refused, nil)
		}
		return nil
	}
	if cmd != "" {
		return b.onCommand(ctx, m, chat, sender, cmd, args)
	}
	if text == "" {
		return b.say(ctx, chat, m.MessageID, tx.NonText, nil)
	}
	q := text
	if chat.group {
		q = b.stripMention(q)
	}
	if strings.TrimSpace(q) == "" {
		q = b.repliedQuestion(m) // "@bot" alone under someone's question asks that question
	}
	return b.ask(ctx, chat, sender, m.MessageID, q, b.repliedAnswer(ctx, m), nil)
}

// repliedQuestion is the text of the message m replies to, when that is someone else's message
// (not the bot's): a bare "@bot" or "/ask" in reply to a question asks it.
func (b *Bot) repliedQuestion(m *tgbotapi.Message) string {
	r := m.ReplyToMessage
	if r == nil || b.repliesToMe(m) {
		return ""
	}
	if r.Text != "" {
		return r.Text
	}
	return r.Caption
}

// senderID is who sent m, for allowlists and rate limits: the user, or the chat a message was
// sent on behalf of (an anonymous group admin, a channel posting in its discussion group), which
// Telegram sends with a placeholder bot as From. ok is false for bots, whose messages are never
// answered (two bots could otherwise answer each other forever), and for messages without a
// sender.
func senderID(m *tgbotapi.Message) (int64, bool) {
	switch {
	case m.SenderChat != nil && !m.IsAutomaticForward:
		return m.SenderChat.ID, true
	case m.From == nil || m.From.IsBot:
		return 0, false
	}
	return m.From.ID, true
}

// repliedAnswer is the answer a reply to one of the bot's messages continues from, so that in a
// busy group a follow-up sticks to the answer it replies to, whichever replica sent that answer.
// The zero SentAnswer (not a reply to an answer, or one no longer known) means the chat's latest
// conversation.
func (b *Bot) repliedAnswer(ctx context.Context, m *tgbotapi.Message) SentAnswer {
	if !b.repliesToMe(m) {
		return SentAnswer{}
	}
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	r, ok, err := b.replies.Recall(ctx, m.Chat.ID, m.ReplyToMessage.MessageID)
	if err != nil {
		b.log.Warn("telegram: the answer a reply refers to could not be read; continuing the chat's conversation",
			"chat", m.Chat.ID, "message", m.ReplyToMessage.MessageID, "err", err)
	}
	if !ok {
		return SentAnswer{}
	}
	return r
}

// isGroup tells groups from private chats; without a type (which Telegram always sends, but
// other Bot API servers may not) a negative ID marks a group, as Telegram's IDs do.
func isGroup(c *tgbotapi.Chat) bool {
	switch c.Type {
	case "private":
		return false
	case "group", "supergroup", "channel":
		return true
	}
	return c.ID < 0
}

func knownCommand(cmd string) bool {
	for _, c := range adminCommands {
		if c.Command == cmd {
			return true
		}
	}
	return false
}

func (b *Bot) onCommand(ctx context.Context, m *tgbotapi.Message, chat chatRef, sender int64, cmd, args string) error {
	switch cmd {
	case "start":
		return b.start(ctx, m, chat)
	case "help":
		return b.say(ctx, chat, m.MessageID, b.helpText(), nil)
	case "articles":
		text, markup := renderArticleList(b.asker.Articles(), 0)
		return b.sendHTML(ctx, chat, m.MessageID, []string{text}, markup)
	case "article":
		return b.articleByNumber(ctx, chat, sender, m.MessageID, args)
	case "ask":
		if chat.group {
			args = b.stripMention(args)
		}
		if strings.TrimSpace(args) == "" {
			args = b.repliedQuestion(m)
		}
		if strings.TrimSpace(args) == "" {
			return b.say(ctx, chat, m.MessageID, tx.AskUsage, nil)
		}
		return b.ask(ctx, chat, sender, m.MessageID, args, b.repliedAnswer(ctx, m), nil)
	case "subscribe":
		return b.subscribe(ctx, chat, m.MessageID, args)
	case "unsubscribe":
		return b.unsubscribe(ctx, chat, m.MessageID)
	case "reload":
		return b.reload(ctx, chat, sender, m.MessageID)
	case "stats":
		if !b.admins[sender] {
			return b.say(ctx, chat, m.MessageID, tx.AdminOnly, nil)
		}
		return b.say(ctx, chat, m.MessageID, b.statsText(), nil)
	}
	return b.say(ctx, chat, m.MessageID, tx.UnknownCommand+"\n\n"+b.helpText(), nil)
}

// parseCommand splits "/name@bot args" into its parts; cmd is "" when text is not a command.
func parseCommand(text string) (cmd, at, args string) {
	if !strings.HasPrefix(text, "/") {
		return "", "", ""
	}
	head, rest, _ := strings.Cut(text[1:], " ")
	if i := strings.IndexFunc(head, unicode.IsSpace); i >= 0 {
		head, rest = head[:i], head[i:]+" "+rest
	}
	name, at, _ := strings.Cut(head, "@")
	if name == "" || len(name) > 32 {
		return "", "", ""
	}
	for _, r := range name {
		if !(r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')) {
			return "", "", ""
		}
	}
	return strings.ToLower(name), at, strings.TrimSpace(rest)
}

// mentioned reports whether m's text or caption names the bot as @username.
func (b *Bot) mentioned(m *tgbotapi.Message) bool {
	return mentionIndex(m.Text, b.self.UserName) >= 0 || mentionIndex(m.Caption, b.self.UserName) >= 0
}

// mentionIndex finds "@name" as a whole word in s, case-insensitively; -1 when absent.
func mentionIndex(s, name string) int {
	if name == "" {
		return -1
	}
	lower, want := strings.ToLower(s), "@"+strings.ToLower(name)
	for from := 0; ; {
		i := strings.Index(lower[from:], want)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(want)
		if end == len(lower) || !isNameByte(lower[end]) {
			return i
		}
		from = end
	}
}

func isNameByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z'
}

// stripMention removes "@botname" from a group question, and the punctuation after it.
func (b *Bot) stripMention(s string) string {
	isSep := func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",，:：、", r) }
	for {
		i := mentionIndex(s, b.self.UserName)
		if i < 0 {
			break
		}
		before := strings.TrimRightFunc(s[:i], unicode.IsSpace)
		after := strings.TrimLeftFunc(s[i+1+len(b.self.UserName):], isSep)
		if before != "" && after != "" {
			before += " "
		}
		s = before + after
	}
	return strings.TrimFunc(s, isSep)
}

func (b *Bot) repliesToMe(m *tgbotapi.Message) bool {
	r := m.ReplyToMessage
	return r != nil && r.From != nil && r.From.ID == b.self.ID
}

// allowed applies the allowlists: open when both are empty; admins always pass.
func (b *Bot) allowed(user, chat int64) bool {
	if len(b.allowUsers) == 0 && len(b.allowChats) == 0 {
		return true
	}
	return b.admins[user] || b.allowUsers[user] || b.allowChats[chat]
}

// ask answers question in chat, as a reply to message replyTo (0: none), with prefix blocks
// before the answer (the question, when it came from a button). It continues from the answer
// from (a reply to that answer), or the chat's latest conversation when from is zero.
func (b *Bot) ask(ctx context.Context, chat chatRef, user int64, replyTo int, question string, from SentAnswer, prefix []block) error {
	question = strings.TrimSpace(question)
	if question == "" {
		return b.say(ctx, chat, replyTo, tx.Empty, nil)
	}
	if r := []rune(question); len(r) > maxQuestion {
		question = string(r[:maxQuestion])
	}
	if !b.withinRate(ctx, chat, user, replyTo) {
		return nil
	}
	start := time.Now()
	conv := from.Conversation
	if conv == "" {
		conv = b.convs.get(chat.id)
	}
	if conv == "" {
		// The chat's own conversation ID, the same on every replica (and after a restart), so
		// that a follow-up continues wherever it is answered when conversations are shared.
		conv = "tg-" + strconv.FormatInt(b.self.ID, 10) + "-" + strconv.FormatInt(chat.id, 10)
	}
	ans, err := b.askEngine(ctx, chat.id, conv, from.Turn, question)
	took := time.Since(start)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		b.stats.failed.Add(1)
		b.log.Error("telegram: answering failed", "channel", "telegram", "chat", chat.id, "latency", took, "err", err)
		return b.say(ctx, chat, replyTo, tx.Failed, nil)
	}
	if ans.Conversation != "" {
		b.convs.set(chat.id, ans.Conversation)
	}
	b.stats.questions.Add(1)
	if ans.Found {
		b.stats.found.Add(1)
	}
	b.cfg.Metrics.ObserveQuestion("telegram", ans.Found, took)
	attrs := []any{"channel", "telegram", "chat", chat.id, "latency", took, "found", ans.Found, "citations", len(ans.Citations)}
	if b.cfg.LogQuestions {
		attrs = append(attrs, "question", question)
	}
	b.log.Info("question answered", attrs...)
	parts, markup := renderAnswer(ans, b.asker, prefix)
	sent, err := b.sendParts(ctx, chat, replyTo, parts, markup)
	if ans.Conversation != "" {
		for _, m := range sent {
			b.rememberAnswer(ctx, m, ans)
			if m.chat != chat.id { // the group became a supergroup meanwhile
				b.convs.set(m.chat, ans.Conversation)
			}
		}
	}
	return err
}

// rememberAnswer records which answer message m carried, for replies to it. A store that cannot
// be reached loses only that: a reply to m then continues the chat's latest conversation.
func (b *Bot) rememberAnswer(ctx context.Context, m sentMessage, ans bot.Answer) {
	if m.id == 0 {
		return // not sent
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), callTimeout)
	defer cancel()
	err := b.replies.Remember(ctx, SentAnswer{Chat: m.chat, Message: m.id, Conversation: ans.Conversation, Turn: ans.Turn, At: time.Now()})
	if err != nil {
		b.log.Warn("telegram: which answer a message carried could not be recorded; a reply to it continues the chat's conversation",
			"chat", m.chat, "message", m.id, "err", err)
	}
}

// turnAsker is an Asker that can continue from a given earlier answer (*bot.Engine).
type turnAsker interface {
	AskFrom(ctx context.Context, conversation string, from json.RawMessage, question string) (bot.Answer, error)
}

// askEngine asks the engine with "typing…" showing meanwhile, continuing from the answer whose
// turn is from when there is one; an engine panic is an error.
func (b *Bot) askEngine(ctx context.Context, chat int64, conv string, from json.RawMessage, question string) (ans bot.Answer, err error) {
	stopTyping := b.keepTyping(ctx, chat)
	defer stopTyping()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("engine panic: %v", p)
		}
	}()
	if ta, ok := b.asker.(turnAsker); ok && len(from) > 0 {
		return ta.AskFrom(ctx, conv, from, question)
	}
	return b.asker.Ask(ctx, conv, question)
}

// withinRate spends one of the user's questions; past the limit it tells the user once.
func (b *Bot) withinRate(ctx context.Context, chat chatRef, user int64, replyTo int) bool {
	ok, notify, wait := b.users.take(user, time.Now())
	if ok {
		return true
	}
	b.stats.limited.Add(1)
	if notify {
		secs := int(wait.Round(time.Second) / time.Second)
		text := fmt.Sprintf(tx.TooFast, max(secs, 1))
		if err := b.say(ctx, chat, replyTo, text, nil); err != nil {
			b.log.Warn("telegram: rate-limit note not sent", "chat", chat.id, "err", err)
		}
	}
	return false
}

// keepTyping shows "typing…" until the returned function is called (Telegram shows it for 5 s
// a time). The first action runs alongside the answer, and stop waits for it (at most a few
// seconds) so that it cannot land after the answer and leave a stale "typing…" behind.
func (b *Bot) keepTyping(ctx context.Context, chat int64) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	first := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		fctx, fcancel := context.WithTimeout(context.WithoutCancel(ctx), typingWait)
		b.typing(fctx, chat)
		fcancel()
		close(first)
		tick := time.NewTicker(4 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				b.typing(ctx, chat)
			}
		}
	}()
	return func() {
		<-first
		cancel()
		<-done
	}
}

// typingWait bounds how long an answer waits for its first typing action.
const typingWait = 2 * time.Second

func (b *Bot) typing(ctx context.Context, chat int64) {
	if err := b.api.typing(ctx, chat); err != nil && ctx.Err() == nil {
		b.log.Debug("telegram: typing action failed", "chat", chat, "err", err)
	}
}

func (b *Bot) onCallback(ctx context.Context, q *tgbotapi.CallbackQuery) error {
	if q.From == nil {
		return b.answerCallback(ctx, q.ID, "", false)
	}
	chat := chatRef{id: q.From.ID}
	if q.Message != nil && q.Message.Chat != nil {
		chat = chatRef{id: q.Message.Chat.ID, group: isGroup(q.Message.Chat)}
	}
	if !b.allowed(q.From.ID, chat.id) {
		return b.answerCallback(ctx, q.ID, tx.Refused, true)
	}
	// What a button brings is sent as a reply to the message holding the button: it shows which
	// answer it belongs to, and in a forum group it lands in that message's topic.
	replyTo := 0
	if q.Message != nil {
		replyTo = q.Message.MessageID
	}
	data := q.Data
	switch {
	case strings.HasPrefix(data, "a:"), strings.HasPrefix(data, "h:"):
		art, ok := resolveArticle(data, b.asker)
		if !ok {
			return b.answerCallback(ctx, q.ID, tx.NoArticle, true)
		}
		defer b.stopSpinner(ctx, q.ID)()
		if !b.withinRate(ctx, chat, q.From.ID, 0) {
			return nil
		}
		return b.sendHTML(ctx, chat, replyTo, renderArticle(art), nil)
	case strings.HasPrefix(data, "p:"):
		page, err := strconv.Atoi(data[2:])
		if err != nil || q.Message == nil {
			return b.answerCallback(ctx, q.ID, tx.StaleData, false)
		}
		defer b.stopSpinner(ctx, q.ID)()
		text, markup := renderArticleList(b.asker.Articles(), page)
		if err := b.api.edit(ctx, chat, q.Message.MessageID, text, markup); err != nil && ctx.Err() == nil {
			b.log.Warn("telegram: turning the article list page failed", "chat", chat.id, "err", err)
		}
		return ctx.Err()
	case strings.HasPrefix(data, "s:"):
		art, ok := b.asker.Article(data[2:])
		if !ok {
			return b.answerCallback(ctx, q.ID, tx.NoArticle, true)
		}
		defer b.stopSpinner(ctx, q.ID)()
		question := subscriptionQuestion(art)
		return b.ask(ctx, chat, q.From.ID, replyTo, question, SentAnswer{}, askedPrefix(question))
	case strings.HasPrefix(data, "q:"), strings.HasPrefix(data, "x:"):
		question, ok := b.exampleQuestion(data)
		if !ok {
			return b.answerCallback(ctx, q.ID, tx.StaleData, false)
		}
		defer b.stopSpinner(ctx, q.ID)()
		return b.ask(ctx, chat, q.From.ID, replyTo, question, SentAnswer{}, askedPrefix(question))
	}
	return b.answerCallback(ctx, q.ID, tx.StaleData, false)
}

// askedPrefix is the line over the answer to a question a button asked: "问：" and the question.
func askedPrefix(question string) []block {
	return []block{{html: "<b>" + tx.Asked + "</b>" + escapeHTML(question), units: utf16Len(tx.Asked + question)}}
}

func (b *Bot) exampleQuestion(data string) (string, bool) {
	if strings.HasPrefix(data, "q:") {
		return data[2:], len(data) > 2
	}
	n, err := strconv.Atoi(data[2:])
	qs := exampleQuestions(b.cfg.Examples, b.asker.Articles())
	if err != nil || n < 0 || n >= len(qs) {
		return "", false
	}
	return qs[n], true
}

// stopSpinner answers a button press in the background, so that a slow or failing
// answerCallbackQuery (it is retried) does not hold up the reply the press asked for; the
// returned function waits for it.
func (b *Bot) stopSpinner(ctx context.Context, id string) (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = b.answerCallback(ctx, id, "", false)
	}()
	return func() { <-done }
}

// answerCallback answers a button press. A failure is logged, not returned: the press was
// handled either way, and Telegram would refuse a second answer.
func (b *Bot) answerCallback(ctx context.Context, id, text string, alert bool) error {
	if err := b.api.answerCallback(ctx, id, text, alert); err != nil {
		if ctx.Err() != nil {
			return err
		}
		b.log.Warn("telegram: answerCallbackQuery failed", "err", err)
	}
	return nil
}

// articleAffixes are what /article N takes around its number (第 2 篇).
var articleAffixes = lexicon.Map("telegramArticleNumber")["affixes"]

func (b *Bot) start(ctx context.Context, m *tgbotapi.Message, chat chatRef) error {
	name := ""
	if m.From != nil && m.SenderChat == nil { // an anonymous admin's From is a placeholder bot
		name = m.From.FirstName
	}
	var s strings.Builder
	s.WriteString(tx.StartHello)
	if name != "" {
		fmt.Fprintf(&s, tx.StartName, name)
	}
	s.WriteString(tx.StartIntro)
	if chat.group {
		fmt.Fprintf(&s, tx.StartGroup, b.self.UserName)
	} else {
		s.WriteString(tx.StartPrivate)
	}
	qs := exampleQuestions(b.cfg.Examples, b.asker.Articles())
	if len(qs) > 0 {
		s.WriteString(tx.StartExamples)
	}
	s.WriteString(tx.StartFooter)
	return b.say(ctx, chat, m.MessageID, s.String(), exampleButtons(qs))
}

func (b *Bot) helpText() string {
	return fmt.Sprintf(tx.Help, b.self.UserName)
}

func (b *Bot) articleByNumber(ctx context.Context, chat chatRef, user int64, replyTo int, args string) error {
	arts := b.asker.Articles()
	// Phones' Chinese keyboards type full-width digits (/article ２), and people add a 第…篇.
	num := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(width.Narrow.String(args)), articleAffixes[0]), articleAffixes[1])
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if err != nil || n < 1 || n > len(arts) {
		if len(arts) == 0 {
			return b.say(ctx, chat, replyTo, tx.NoArticles, nil)
		}
		return b.say(ctx, chat, replyTo, fmt.Sprintf(tx.ArticleNumber, len(arts)), nil)
	}
	if !b.withinRate(ctx, chat, user, replyTo) {
		return nil
	}
	return b.sendHTML(ctx, chat, replyTo, renderArticle(arts[n-1]), nil)
}

func (b *Bot) reload(ctx context.Context, chat chatRef, user int64, replyTo int) error {
	if !b.admins[user] {
		return b.say(ctx, chat, replyTo, tx.AdminOnly, nil)
	}
	if b.cfg.Reload == nil {
		return b.say(ctx, chat, replyTo, tx.ReloadOff, nil)
	}
	if !b.reloading.TryLock() {
		return b.say(ctx, chat, replyTo, tx.ReloadBusy, nil)
	}
	defer b.reloading.Unlock()
	if err := b.say(ctx, chat, replyTo, tx.Reloading, nil); err != nil {
		return err
	}
	start := time.Now()
	err := b.cfg.Reload(ctx)
	took := time.Since(start).Round(time.Millisecond)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		b.log.Error("telegram: /reload failed", "err", err)
		return b.say(ctx, chat, replyTo, tx.ReloadFailed+b.red.String(err.Error()), nil)
	}
	b.log.Info("telegram: /reload done", "took", took, "articles", len(b.asker.Articles()))
	return b.say(ctx, chat, replyTo, fmt.Sprintf(tx.Reloaded, took, len(b.asker.Articles())), nil)
}

func (b *Bot) statsText() string {
	pending, _ := b.journal.pendingCount()
	s := fmt.Sprintf(tx.Stats,
		time.Since(b.started).Round(time.Second), b.stats.updates.Load(), b.stats.questions.Load(), b.stats.found.Load(),
		b.stats.limited.Load(), b.stats.failed.Load(), pending, b.inflight.Load(), len(b.asker.Articles()))
	if b.cfg.Stats != nil {
		if extra := strings.TrimSpace(b.cfg.Stats()); extra != "" {
			s += "\n\n" + extra
		}
	}
	return b.red.String(s)
}

// say sends plain text (escaped here) as a reply.
func (b *Bot) say(ctx context.Context, chat chatRef, replyTo int, text string, markup *tgbotapi.InlineKeyboardMarkup) error {
	return b.sendHTML(ctx, chat, replyTo, pack(plain(text, maxMessageUnits-64), "", maxMessageUnits), markup)
}

// sendHTML sends the parts in order, the first as a reply to replyTo and the buttons on the
// last.
func (b *Bot) sendHTML(ctx context.Context, chat chatRef, replyTo int, parts []string, markup *tgbotapi.InlineKeyboardMarkup) error {
	_, err := b.sendParts(ctx, chat, replyTo, parts, markup)
	return err
}

// sendParts is sendHTML returning the messages it sent. Once a group turned into a supergroup
// the remaining parts go to the supergroup at once.
func (b *Bot) sendParts(ctx context.Context, chat chatRef, replyTo int, parts []string, markup *tgbotapi.InlineKeyboardMarkup) ([]sentMessage, error) {
	var sent []sentMessage
	for i, p := range parts {
		m := message{chat: chat, text: p}
		if i == 0 {
			m.replyTo = replyTo
		}
		if i == len(parts)-1 {
			m.markup = markup
		}
		got, err := b.api.send(ctx, m)
		if got.chat != 0 && got.chat != chat.id {
			chat.id = got.chat
		}
		if tooLong(err) {
			// The server counts length differently than we do: send the text plainly, halved.
			var more []sentMessage
			more, err = b.sendHalves(ctx, m)
			sent = append(sent, more...)
			if err != nil {
				return sent, err
			}
			continue
		}
		if err != nil {
			return sent, err
		}
		sent = append(sent, got)
	}
	return sent, nil
}

// sendHalves sends m's visible text as plain text in two or more messages, each at most half
// as long as m, the first as m's reply and the last with its buttons.
func (b *Bot) sendHalves(ctx context.Context, m message) ([]sentMessage, error) {
	text := htmlToText(m.text)
	var pieces []string
	for _, p := range cutText(text, max(1, (utf16Len(text)+1)/2)) {
		if strings.TrimSpace(p) != "" {
			pieces = append(pieces, p)
		}
	}
	var sent []sentMessage
	for i, p := range pieces {
		part := message{chat: m.chat, text: p, plain: true}
		if i == 0 {
			part.replyTo = m.replyTo
		}
		if i == len(pieces)-1 {
			part.markup = m.markup
		}
		got, err := b.api.send(ctx, part)
		if err != nil {
			return sent, err
		}
		m.chat.id = got.chat
		sent = append(sent, got)
	}
	return sent, nil
}
