package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Chat types.
const (
	Private    = "private"
	Group      = "group"
	Supergroup = "supergroup"
)

// Chat is a chat updates come from.
type Chat struct {
	ID    int64
	Type  string // Private, Group or Supergroup; default Private
	Title string
}

// User is a Telegram user.
type User struct {
	ID        int64
	FirstName string
	Username  string
	IsBot     bool
}

func (u User) json() map[string]any {
	m := map[string]any{"id": u.ID, "is_bot": u.IsBot, "first_name": u.FirstName}
	if u.Username != "" {
		m["username"] = u.Username
	}
	return m
}

func (c Chat) json() map[string]any {
	m := map[string]any{"id": c.ID, "type": c.Type}
	if c.Title != "" {
		m["title"] = c.Title
	}
	return m
}

// Limits are the outgoing message limits the server enforces with 429s (zero counts: none).
// Slack shortens each window to absorb the jitter between a client's pacing and arrival here.
type Limits struct {
	GlobalMessages  int
	GlobalWindow    time.Duration
	PrivateMessages int
	PrivateWindow   time.Duration
	GroupMessages   int
	GroupWindow     time.Duration
	Slack           time.Duration
}

// Options configure a Server.
type Options struct {
	Token  string // default "123456:TEST-token"
	Bot    User   // default ID 777, username newsbot_test_bot
	Limits Limits
}

// Incoming is a message a user sends.
type Incoming struct {
	Chat    Chat
	From    User
	Text    string
	Caption string
	ReplyTo int    // message ID it replies to (a bot message's ID makes it a reply to the bot)
	Kind    string // "" text, or "sticker", "photo", "voice"
	// SenderChat is the chat a message is sent on behalf of: the group itself for an anonymous
	// admin (From is then GroupAnonymousBot), or a channel.
	SenderChat *Chat
	// ForwardFrom marks a forwarded message with its original sender.
	ForwardFrom *User
}

// GroupAnonymousBot is the placeholder sender Telegram puts in From of an anonymous group
// admin's messages.
var GroupAnonymousBot = User{ID: 1087968824, FirstName: "Group", Username: "GroupAnonymousBot", IsBot: true}

// Button is an inline keyboard button.
type Button struct {
	Text string `json:"text"`
	Data string `json:"callback_data"`
}

// Sent is a message the bot sent.
type Sent struct {
	MessageID int
	ChatID    int64
	HTML      string // text as sent
	Text      string // visible text
	ParseMode string
	ReplyTo   int
	Buttons   [][]Button
	At        time.Time
	Edits     int // times editMessageText changed it
}

// Fault is an injected failure of the next call of a method.
type Fault struct {
	Code       int  // HTTP status / error_code, e.g. 429, 500, 502
	RetryAfter int  // seconds, with Code 429
	HTML       bool // answer an HTML page instead of JSON, like a proxy
	Hang       bool // never answer: wait until the client gives up or the server closes
	// Deliver carries the call out (a message is sent) before the fault answers, as when the
	// connection drops after Telegram took the message: the client cannot know it went out.
	Deliver bool
	Started chan struct{} // closed when the faulty request arrives, if not nil
	// Description replaces the error's description, e.g. "Forbidden: bot was blocked by the
	// user" or "Bad Request: can't parse entities: …".
	Description string
}

// Command is one registered bot command and its scope ("default" or "chat:<id>").
type Command struct {
	Scope       string
	Command     string
	Description string
}

type update struct {
	id   int
	body json.RawMessage
	at   time.Time
}

// Server is a fake Bot API server. Create it with New; it is closed by Close.
type Server struct {
	srv     *httptest.Server
	token   string
	bot     User
	limits  Limits
	closing chan struct{}
	once    sync.Once

	mu            sync.Mutex
	changed       chan struct{}
	updates       []update // unconfirmed
	posted        map[int]time.Time
	bodies        map[int]json.RawMessage
	nextUpdate    int
	confirmed     int
	nextMessage   int
	chats         map[int64]Chat
	messages      map[int64]map[int]bool // chat → message IDs that exist
	sent          []Sent
	byID          map[[2]int64]int // chat, message → index in sent
	actions       int
	callbacks     map[string]int // callback ID → times answered
	callbackNotes map[string]string
	commands      []Command
	webhookURL    string
	webhookSecret string
	migrated      map[int64]int64       // group → the supergroup it became
	userMessages  map[[2]int64]Incoming // chat, message → a user's message, for replies to it
	faults        map[string][]Fault
	calls         map[string]int
	tooMany       int
	throttled     []string
	errors        []string
	globalLog     []time.Time
	chatLog       map[int64][]time.Time
}

// New starts a fake server.
func New(opts Options) *Server {
	if opts.Token == "" {
		opts.Token = "123456:TEST-token"
	}
	if opts.Bot.ID == 0 {
		opts.Bot = User{ID: 777, FirstName: "新闻助手", Username: "newsbot_test_bot", IsBot: true}
	}
	s := &Server{
		token: opts.Token, bot: opts.Bot, limits: opts.Limits, closing: make(chan struct{}),
		changed: make(chan struct{}), posted: map[int]time.Time{}, bodies: map[int]json.RawMessage{}, nextUpdate: 1000, nextMessage: 1,
		chats: map[int64]Chat{}, messages: map[int64]map[int]bool{}, byID: map[[2]int64]int{},
		callbacks: map[string]int{}, callbackNotes: map[string]string{}, faults: map[string][]Fault{},
		calls: map[string]int{}, chatLog: map[int64][]time.Time{}, migrated: map[int64]int64{}, userMessages: map[[2]int64]Incoming{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close stops the server, releasing hanging requests first.
func (s *Server) Close() {
	s.once.Do(func() { close(s.closing) })
	s.srv.Close()
}

// Token is the bot token the server accepts.
func (s *Server) Token() string { return s.token }

// Bot is the bot's own user.
func (s *Server) Bot() User { return s.bot }

// Endpoint is the Bot API endpoint pattern for telegram-bot-api: URL/bot%s/%s.
func (s *Server) Endpoint() string { return s.srv.URL + "/bot%s/%s" }

// URL is the server's base URL.
func (s *Server) URL() string { return s.srv.URL }

// notifyLocked wakes every Wait.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Wait returns once cond holds, re-checking after every change of the server's state, or
// ctx's error when ctx ends first. cond may call the Server's methods.
func (s *Server) Wait(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("telegramtest: waiting: %w", ctx.Err())
		case <-ch:
		}
	}
}

// Post adds a user's message as a new update and returns the update's and message's IDs.
func (s *Server) Post(in Incoming) (updateID, messageID int) {
	if in.Chat.Type == "" {
		in.Chat.Type = Private
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rememberChatLocked(in.Chat)
	messageID = s.nextMessage
	s.nextMessage++
	s.messages[in.Chat.ID][messageID] = true
	msg := map[string]any{"message_id": messageID, "from": in.From.json(), "chat": in.Chat.json(), "date": time.Now().Unix()}
	switch in.Kind {
	case "sticker":
		msg["sticker"] = map[string]any{"file_id": "st1", "file_unique_id": "st1u", "width": 512, "height": 512, "is_animated": false}
	case "photo":
		msg["photo"] = []any{map[string]any{"file_id": "ph1", "file_unique_id": "ph1u", "width": 90, "height": 90}}
	case "voice":
		msg["voice"] = map[string]any{"file_id": "vo1", "file_unique_id": "vo1u", "duration": 3}
	}
	if in.Text != "" {
		msg["text"] = in.Text
		if ents := commandEntities(in.Text); ents != nil {
			msg["entities"] = ents
		}
	}
	if in.Caption != "" {
		msg["caption"] = in.Caption
	}
	if in.SenderChat != nil {
		msg["sender_chat"] = in.SenderChat.json()
	}
	if in.ForwardFrom != nil {
		msg["forward_from"] = in.ForwardFrom.json()
		msg["forward_date"] = time.Now().Add(-time.Hour).Unix()
	}
	if in.ReplyTo != 0 {
		replied := map[string]any{"message_id": in.ReplyTo, "chat": in.Chat.json(), "date": time.Now().Unix()}
		if i, ok := s.byID[[2]int64{in.Chat.ID, int64(in.ReplyTo)}]; ok {
			replied["from"] = s.bot.json()
			replied["text"] = s.sent[i].Text
		} else if orig, ok := s.userMessages[[2]int64{in.Chat.ID, int64(in.ReplyTo)}]; ok {
			replied["from"] = orig.From.json()
			if orig.Text != "" {
				replied["text"] = orig.Text
			}
			if orig.Caption != "" {
				replied["caption"] = orig.Caption
			}
		} else {
			replied["from"] = in.From.json()
		}
		msg["reply_to_message"] = replied
	}
	s.userMessages[[2]int64{in.Chat.ID, int64(messageID)}] = in
	return s.addUpdateLocked("message", msg), messageID
}

var commandAtStart = regexp.MustCompile(`^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?`)

// commandEntities marks a leading /command like Telegram does (ASCII, so bytes = UTF-16 units).
func commandEntities(text string) []any {
	m := commandAtStart.FindString(text)
	if m == "" {
		return nil
	}
	return []any{map[string]any{"type": "bot_command", "offset": 0, "length": len(m)}}
}

// Migrate turns group from into supergroup to, as Telegram does when a group is upgraded:
// from gets a service message with migrate_to_chat_id and to one with migrate_from_chat_id
// (both from by), and from then on sending to from fails with a 400 naming to.
func (s *Server) Migrate(from, to Chat, by User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rememberChatLocked(from)
	s.rememberChatLocked(to)
	s.migrated[from.ID] = to.ID
	for _, m := range []map[string]any{
		{"chat": from.json(), "migrate_to_chat_id": to.ID},
		{"chat": to.json(), "migrate_from_chat_id": from.ID},
	} {
		m["message_id"] = s.nextMessage
		s.nextMessage++
		m["from"] = by.json()
		m["date"] = time.Now().Unix()
		s.addUpdateLocked("message", m)
	}
}

// PostRaw adds an update of any kind ("edited_message", "channel_post", "my_chat_member", …)
// with payload as its body, for updates Post cannot express.
func (s *Server) PostRaw(kind string, payload map[string]any) (updateID int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addUpdateLocked(kind, payload)
}

// Press adds a button press on the bot's message messageID and returns the update ID and the
// callback query's ID.
func (s *Server) Press(chat Chat, from User, messageID int, data string) (updateID int, callbackID string) {
	if chat.Type == "" {
		chat.Type = Private
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rememberChatLocked(chat)
	callbackID = "cb" + strconv.Itoa(s.nextUpdate)
	s.callbacks[callbackID] = 0
	q := map[string]any{"id": callbackID, "from": from.json(), "chat_instance": "ci" + strconv.FormatInt(chat.ID, 10), "data": data}
	msg := map[string]any{"message_id": messageID, "from": s.bot.json(), "chat": chat.json(), "date": time.Now().Unix()}
	if i, ok := s.byID[[2]int64{chat.ID, int64(messageID)}]; ok {
		msg["text"] = s.sent[i].Text
	}
	q["message"] = msg
	return s.addUpdateLocked("callback_query", q), callbackID
}

func (s *Server) rememberChatLocked(c Chat) {
	s.chats[c.ID] = c
	if s.messages[c.ID] == nil {
		s.messages[c.ID] = map[int]bool{}
	}
}

func (s *Server) addUpdateLocked(kind string, payload map[string]any) int {
	id := s.nextUpdate
	s.nextUpdate++
	body, _ := json.Marshal(map[string]any{"update_id": id, kind: payload})
	now := time.Now()
	s.updates = append(s.updates, update{id: id, body: body, at: now})
	s.posted[id] = now
	s.bodies[id] = body
	s.notifyLocked()
	return id
}

// UpdateJSON is an update's body as Telegram would post it to a webhook.
func (s *Server) UpdateJSON(id int) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bodies[id]
}

// PostedAt is when update id was posted.
func (s *Server) PostedAt(id int) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.posted[id]
}

// Fail makes the next call of method fail with f (faults queue up per method).
func (s *Server) Fail(method string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[method] = append(s.faults[method], f)
}

// Sent returns the messages the bot sent, in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

// SentCount is how many messages the bot sent.
func (s *Server) SentCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sent)
}

// SentTo returns the messages the bot sent to chat, in order.
func (s *Server) SentTo(chat int64) []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Sent
	for _, m := range s.sent {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

// Calls counts the calls of a method, failed ones included.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// TooManyRequests counts the 429s the server's limits provoked (injected faults excluded).
func (s *Server) TooManyRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tooMany
}

// Throttled describes each 429 the limits provoked: which limit, and how long it asked to wait.
func (s *Server) Throttled() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.throttled)
}

// Errors lists the requests refused for breaking Telegram's rules (bad HTML, text too long,
// bad callback data, unknown chat, a callback answered twice, …).
func (s *Server) Errors() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.errors)
}

// CallbackAnswers says how many times the callback query was answered.
func (s *Server) CallbackAnswers(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callbacks[id]
}

// UnansweredCallbacks lists the callback queries never answered.
func (s *Server) UnansweredCallbacks() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for id, n := range s.callbacks {
		if n == 0 {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// Commands lists the registered commands.
func (s *Server) Commands() []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands)
}

// Webhook is the registered webhook URL and secret token ("" when polling).
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhookURL, s.webhookSecret
}

// Confirmed is the highest offset getUpdates confirmed: updates below it are gone.
func (s *Server) Confirmed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

// ChatActions counts sendChatAction calls that succeeded.
func (s *Server) ChatActions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.actions
}

// reply is one Bot API response.
type reply struct {
	status int
	body   any
}

func ok(result any) reply { return reply{http.StatusOK, map[string]any{"ok": true, "result": result}} }

func apiErr(code int, desc string) reply {
	return reply{code, map[string]any{"ok": false, "error_code": code, "description": desc}}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/bot")
	token, method, found := strings.Cut(path, "/")
	if !found || token != s.token {
		writeReply(w, apiErr(http.StatusUnauthorized, "Unauthorized"))
		return
	}
	if err := r.ParseForm(); err != nil {
		writeReply(w, apiErr(http.StatusBadRequest, "Bad Request: "+err.Error()))
		return
	}
	s.mu.Lock()
	s.calls[method]++
	var fault *Fault
	if fs := s.faults[method]; len(fs) > 0 {
		fault = &fs[0]
		s.faults[method] = fs[1:]
	}
	s.notifyLocked()
	s.mu.Unlock()
	if fault != nil && !fault.Deliver {
		s.injectFault(w, r, *fault)
		return
	}
	rep := s.call(method, r)
	if fault != nil {
		s.injectFault(w, r, *fault)
		return
	}
	writeReply(w, rep)
}

// call carries out one Bot API method and returns its reply.
func (s *Server) call(method string, r *http.Request) reply {
	byForm := map[string]func(map[string][]string) reply{ // the methods read from the form alone
		"sendMessage":         s.sendMessage,
		"editMessageText":     s.editMessageText,
		"sendChatAction":      s.sendChatAction,
		"answerCallbackQuery": s.answerCallbackQuery,
		"setMyCommands":       s.setMyCommands,
		"setWebhook":          s.setWebhook,
	}
	if h := byForm[method]; h != nil {
		return h(r.Form)
	}
	switch method {
	case "getMe":
		return ok(s.bot.json())
	case "getUpdates":
		return s.getUpdates(r)
	case "deleteWebhook":
		s.mu.Lock()
		s.webhookURL, s.webhookSecret = "", ""
		s.mu.Unlock()
		return ok(true)
	case "getWebhookInfo":
		u, _ := s.Webhook()
		return ok(map[string]any{"url": u, "has_custom_certificate": false, "pending_update_count": 0})
	}
	return apiErr(http.StatusNotFound, "Not Found")
}

func writeReply(w http.ResponseWriter, rep reply) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	_ = json.NewEncoder(w).Encode(rep.body)
}

func (s *Server) injectFault(w http.ResponseWriter, r *http.Request, f Fault) {
	if f.Started != nil {
		close(f.Started)
	}
	if f.Hang {
		select {
		case <-r.Context().Done():
		case <-s.closing:
		}
		return
	}
	switch {
	case f.HTML:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.Code)
		fmt.Fprintf(w, "<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n",
			f.Code, http.StatusText(f.Code), f.Code, http.StatusText(f.Code))
	case f.Code == http.StatusTooManyRequests:
		writeReply(w, tooMany(f.RetryAfter))
	case f.Description != "":
		writeReply(w, apiErr(f.Code, f.Description))
	default:
		writeReply(w, apiErr(f.Code, http.StatusText(f.Code)))
	}
}

// migratedReply is Telegram's answer to a call naming a group that became a supergroup.
func migratedReply(to int64) reply {
	return reply{http.StatusBadRequest, map[string]any{"ok": false, "error_code": 400,
		"description": "Bad Request: group chat was upgraded to a supergroup chat",
		"parameters":  map[string]any{"migrate_to_chat_id": to}}}
}

func tooMany(retryAfter int) reply {
	return reply{http.StatusTooManyRequests, map[string]any{"ok": false, "error_code": 429,
		"description": fmt.Sprintf("Too Many Requests: retry after %d", retryAfter),
		"parameters":  map[string]any{"retry_after": retryAfter}}}
}

// getUpdates confirms updates below offset, then returns those from offset on, waiting up to
// timeout seconds for one to arrive.
func (s *Server) getUpdates(r *http.Request) reply {
	offset, _ := strconv.Atoi(r.Form.Get("offset"))
	limit, _ := strconv.Atoi(r.Form.Get("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(r.Form.Get("timeout"))
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if s.webhookURL != "" {
			s.mu.Unlock()
			return apiErr(http.StatusConflict, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
		}
		if offset > 0 {
			s.updates = slices.DeleteFunc(s.updates, func(u update) bool { return u.id < offset })
			if offset > s.confirmed {
				s.confirmed = offset
				s.notifyLocked()
			}
		}
		var out []json.RawMessage
		for _, u := range s.updates {
			if len(out) < limit {
				out = append(out, u.body)
			}
		}
		ch := s.changed
		s.mu.Unlock()
		if len(out) > 0 || timeout == 0 {
			if out == nil {
				out = []json.RawMessage{}
			}
			return ok(out)
		}
		select {
		case <-ch:
		case <-deadline.C:
			return ok([]json.RawMessage{})
		case <-r.Context().Done():
			return ok([]json.RawMessage{})
		case <-s.closing:
			return ok([]json.RawMessage{})
		}
	}
}

func (s *Server) refuseLocked(method, desc string) reply {
	s.errors = append(s.errors, method+": "+desc)
	s.notifyLocked()
	return apiErr(http.StatusBadRequest, "Bad Request: "+desc)
}

// checkText validates a message text and returns its visible form.
func (s *Server) checkText(text, parseMode string) (string, string) {
	if text == "" {
		return "", "message text is empty"
	}
	visible := text
	if parseMode == "HTML" {
		v, err := ParseHTML(text)
		if err != nil {
			return "", "can't parse entities: " + err.Error()
		}
		visible = v
	}
	if strings.TrimSpace(visible) == "" {
		return "", "message text is empty"
	}
	if UTF16Len(visible) > 4096 {
		return "", "message is too long"
	}
	return visible, ""
}

// checkContent checks a message's text under its parse mode, then its inline keyboard, as
// sendMessage and editMessageText do: the visible text, the buttons, or the problem.
func (s *Server) checkContent(get func(string) string) (string, [][]Button, string) {
	visible, problem := s.checkText(get("text"), get("parse_mode"))
	if problem != "" {
		return "", nil, problem
	}
	buttons, problem := parseKeyboard(get("reply_markup"))
	return visible, buttons, problem
}

// parseKeyboard validates reply_markup's inline keyboard.
func parseKeyboard(raw string) ([][]Button, string) {
	if raw == "" {
		return nil, ""
	}
	var m struct {
		InlineKeyboard [][]Button `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, "can't parse reply keyboard markup JSON object"
	}
	for _, row := range m.InlineKeyboard {
		for _, b := range row {
			if b.Text == "" {
				return nil, "BUTTON_TEXT_EMPTY"
			}
			if len(b.Data) < 1 || len(b.Data) > 64 {
				return nil, "BUTTON_DATA_INVALID"
			}
		}
	}
	return m.InlineKeyboard, ""
}

func (s *Server) sendMessage(f map[string][]string) reply {
	get := func(k string) string { return first(f[k]) }
	chatID, _ := strconv.ParseInt(get("chat_id"), 10, 64)
	s.mu.Lock()
	defer s.mu.Unlock()
	chat, known := s.chats[chatID]
	if !known {
		return s.refuseLocked("sendMessage", "chat not found")
	}
	if to, gone := s.migrated[chatID]; gone {
		return migratedReply(to)
	}
	visible, buttons, problem := s.checkContent(get)
	if problem != "" {
		return s.refuseLocked("sendMessage", problem)
	}
	replyTo, _ := strconv.Atoi(get("reply_to_message_id"))
	if replyTo != 0 && !s.messages[chatID][replyTo] && get("allow_sending_without_reply") != "true" {
		return s.refuseLocked("sendMessage", "replied message not found")
	}
	now := time.Now()
	if wait := s.overLimitLocked(chat, now); wait > 0 {
		s.tooMany++
		s.notifyLocked()
		return tooMany(int(math.Ceil(wait.Seconds())))
	}
	s.recordSendLocked(chatID, now)
	id := s.nextMessage
	s.nextMessage++
	s.messages[chatID][id] = true
	s.byID[[2]int64{chatID, int64(id)}] = len(s.sent)
	s.sent = append(s.sent, Sent{MessageID: id, ChatID: chatID, HTML: get("text"), Text: visible,
		ParseMode: get("parse_mode"), ReplyTo: replyTo, Buttons: buttons, At: now})
	s.notifyLocked()
	return ok(map[string]any{"message_id": id, "from": s.bot.json(), "chat": chat.json(), "date": now.Unix(), "text": visible})
}

func (s *Server) editMessageText(f map[string][]string) reply {
	get := func(k string) string { return first(f[k]) }
	chatID, _ := strconv.ParseInt(get("chat_id"), 10, 64)
	msgID, _ := strconv.Atoi(get("message_id"))
	s.mu.Lock()
	defer s.mu.Unlock()
	i, found := s.byID[[2]int64{chatID, int64(msgID)}]
	if !found {
		return s.refuseLocked("editMessageText", "message to edit not found")
	}
	visible, buttons, problem := s.checkContent(get)
	if problem != "" {
		return s.refuseLocked("editMessageText", problem)
	}
	m := &s.sent[i]
	if m.HTML == get("text") && slices.EqualFunc(m.Buttons, buttons, slices.Equal) {
		return apiErr(http.StatusBadRequest, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	now := time.Now()
	if wait := s.overLimitLocked(s.chats[chatID], now); wait > 0 {
		s.tooMany++
		s.notifyLocked()
		return tooMany(int(math.Ceil(wait.Seconds())))
	}
	s.recordSendLocked(chatID, now)
	m.HTML, m.Text, m.Buttons, m.ParseMode = get("text"), visible, buttons, get("parse_mode")
	m.Edits++
	s.notifyLocked()
	return ok(map[string]any{"message_id": msgID, "from": s.bot.json(), "chat": s.chats[chatID].json(), "date": now.Unix(), "text": visible})
}

func (s *Server) sendChatAction(f map[string][]string) reply {
	chatID, _ := strconv.ParseInt(first(f["chat_id"]), 10, 64)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, known := s.chats[chatID]; !known {
		return s.refuseLocked("sendChatAction", "chat not found")
	}
	if to, gone := s.migrated[chatID]; gone {
		return migratedReply(to)
	}
	switch first(f["action"]) {
	case "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
		"upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note":
	default:
		return s.refuseLocked("sendChatAction", "wrong parameter action in request")
	}
	s.actions++
	s.notifyLocked()
	return ok(true)
}

func (s *Server) answerCallbackQuery(f map[string][]string) reply {
	id := first(f["callback_query_id"])
	s.mu.Lock()
	defer s.mu.Unlock()
	n, known := s.callbacks[id]
	if !known || n > 0 {
		return s.refuseLocked("answerCallbackQuery", "query is too old and response timeout expired or query ID is invalid")
	}
	if len([]rune(first(f["text"]))) > 200 {
		return s.refuseLocked("answerCallbackQuery", "MESSAGE_TOO_LONG")
	}
	s.callbacks[id] = 1
	s.callbackNotes[id] = first(f["text"])
	s.notifyLocked()
	return ok(true)
}

var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

func (s *Server) setMyCommands(f map[string][]string) reply {
	var cmds []struct {
		Command     string `json:"command"`
		Description string `json:"description"`
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := json.Unmarshal([]byte(first(f["commands"])), &cmds); err != nil {
		return s.refuseLocked("setMyCommands", "can't parse commands JSON")
	}
	scope := "default"
	if raw := first(f["scope"]); raw != "" {
		var sc struct {
			Type   string `json:"type"`
			ChatID int64  `json:"chat_id"`
		}
		if err := json.Unmarshal([]byte(raw), &sc); err != nil {
			return s.refuseLocked("setMyCommands", "can't parse scope JSON")
		}
		scope = sc.Type
		if sc.ChatID != 0 {
			scope += ":" + strconv.FormatInt(sc.ChatID, 10)
		}
	}
	var kept []Command
	for _, c := range s.commands {
		if c.Scope != scope {
			kept = append(kept, c)
		}
	}
	for _, c := range cmds {
		if !commandName.MatchString(c.Command) {
			return s.refuseLocked("setMyCommands", "BOT_COMMAND_INVALID")
		}
		if n := len([]rune(c.Description)); n < 1 || n > 256 {
			return s.refuseLocked("setMyCommands", "BOT_COMMAND_DESCRIPTION_INVALID")
		}
		kept = append(kept, Command{Scope: scope, Command: c.Command, Description: c.Description})
	}
	s.commands = kept
	s.notifyLocked()
	return ok(true)
}

var secretToken = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func (s *Server) setWebhook(f map[string][]string) reply {
	u, secret := first(f["url"]), first(f["secret_token"])
	s.mu.Lock()
	defer s.mu.Unlock()
	if secret != "" && !secretToken.MatchString(secret) {
		return s.refuseLocked("setWebhook", "secret token contains unallowed characters")
	}
	if u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return s.refuseLocked("setWebhook", "bad webhook: An HTTPS URL must be provided for webhook")
	}
	s.webhookURL, s.webhookSecret = u, secret
	s.notifyLocked()
	return ok(true)
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

// overLimitLocked returns how long a message to chat at now would have to wait under the
// limits, 0 when it may go.
func (s *Server) overLimitLocked(chat Chat, now time.Time) time.Duration {
	l := s.limits
	global := overWindow(s.globalLog, l.GlobalMessages, l.GlobalWindow-l.Slack, now)
	n, span := l.PrivateMessages, l.PrivateWindow
	if chat.Type != Private {
		n, span = l.GroupMessages, l.GroupWindow
	}
	perChat := overWindow(s.chatLog[chat.ID], n, span-l.Slack, now)
	if global > 0 || perChat > 0 {
		s.throttled = append(s.throttled, fmt.Sprintf("chat %d: global wait %v, chat wait %v", chat.ID, global, perChat))
	}
	return max(global, perChat)
}

// overWindow: with n sends allowed per span, how long until one more fits after the log.
func overWindow(log []time.Time, n int, span time.Duration, now time.Time) time.Duration {
	if n <= 0 || span <= 0 {
		return 0
	}
	count := 0
	for i := len(log) - 1; i >= 0 && now.Sub(log[i]) < span; i-- {
		count++
	}
	if count < n {
		return 0
	}
	return log[len(log)-n].Add(span).Sub(now)
}

func (s *Server) recordSendLocked(chat int64, now time.Time) {
	keep := func(log []time.Time, span time.Duration) []time.Time {
		log = append(log, now)
		i := 0
		for i < len(log) && now.Sub(log[i]) >= span {
			i++
		}
		return log[i:]
	}
	longest := max(s.limits.PrivateWindow, s.limits.GroupWindow)
	s.globalLog = keep(s.globalLog, s.limits.GlobalWindow)
	s.chatLog[chat] = keep(s.chatLog[chat], longest)
}

// Redeliver puts updates back as unconfirmed, as Telegram does when a client stopped before
// confirming them.
func (s *Server) Redeliver(ids ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if slices.ContainsFunc(s.updates, func(u update) bool { return u.id == id }) {
			continue
		}
		if body, ok := s.bodies[id]; ok {
			s.updates = append(s.updates, update{id: id, body: body, at: time.Now()})
		}
	}
	slices.SortFunc(s.updates, func(a, b update) int { return a.id - b.id })
	s.confirmed = 0
	s.notifyLocked()
}
