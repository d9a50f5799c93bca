package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"newsbot/bot/metrics"
)

// APIError is a failed Bot API call. Its text never holds the bot token.
type APIError struct {
	Method      string
	Code        int           // Telegram's error_code or the HTTP status; 0 for network and decoding failures
	Description string        // Telegram's description or the failure, redacted
	RetryAfter  time.Duration // from a 429's retry_after
	MigrateTo   int64         // a group upgraded to this supergroup
	cause       error         // context error, when the call was cancelled
}

func (e *APIError) Error() string {
	if e.Code == 0 {
		return fmt.Sprintf("telegram %s: %s", e.Method, e.Description)
	}
	return fmt.Sprintf("telegram %s: %d %s", e.Method, e.Code, e.Description)
}

func (e *APIError) Unwrap() error { return e.cause }

// transient reports whether the same call may succeed later: flood control, server errors,
// proxies' HTML pages and network failures.
func (e *APIError) transient() bool {
	return e.Code == 0 || e.Code == http.StatusTooManyRequests || e.Code >= 500
}

// httpStatusError is a non-JSON error response, e.g. a proxy's HTML "502 Bad Gateway" page,
// which the library would otherwise report as a JSON syntax error.
type httpStatusError struct {
	code    int
	snippet string
}

func (e *httpStatusError) Error() string {
	return fmt.Sprintf("HTTP %d with a non-JSON body %q", e.code, e.snippet)
}

// ctxDoer gives the library's context-free requests a context, and turns non-JSON error
// pages into errors that carry their status.
type ctxDoer struct {
	ctx    context.Context
	client *http.Client
}

func (d ctxDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.client.Do(req.WithContext(d.ctx))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK && !strings.Contains(resp.Header.Get("Content-Type"), "json") {
		defer resp.Body.Close()
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 120))
		return nil, &httpStatusError{code: resp.StatusCode, snippet: strings.Join(strings.Fields(string(b)), " ")}
	}
	return resp, nil
}

// client makes Bot API calls through telegram-bot-api with a context per call, classified and
// redacted errors, retries and pacing.
type client struct {
	proto   tgbotapi.BotAPI // template: copied per call with a context-bound Client
	http    *http.Client
	red     *redactor
	metrics *metrics.Metrics
	pacer   *pacer
	cfg     *Config
	onRetry func(method string, err *APIError, wait time.Duration)
}

func newClient(cfg *Config, red *redactor, p *pacer) *client {
	c := &client{http: cfg.HTTPClient, red: red, metrics: cfg.Metrics, pacer: p, cfg: cfg}
	c.proto = tgbotapi.BotAPI{Token: cfg.Token, Buffer: 100}
	c.proto.SetAPIEndpoint(cfg.Endpoint)
	return c
}

// once makes one call of method within timeout.
func (c *client) once(ctx context.Context, method string, timeout time.Duration,
	do func(*tgbotapi.BotAPI) (*tgbotapi.APIResponse, error)) (*tgbotapi.APIResponse, error) {
	callCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	api := c.proto
	api.Client = ctxDoer{ctx: callCtx, client: c.http}
	resp, err := do(&api)
	if err != nil {
		ae := c.classify(method, err)
		if ctx.Err() == nil { // a failure, not our own cancellation
			c.metrics.TelegramSendError(ae.Code)
		}
		return resp, ae
	}
	return resp, nil
}

func (c *client) classify(method string, err error) *APIError {
	ae := &APIError{Method: method, Description: c.red.String(err.Error()), cause: contextCause(err)}
	var te *tgbotapi.Error
	var hs *httpStatusError
	switch {
	case errors.As(err, &te):
		ae.Code = te.Code
		ae.RetryAfter = time.Duration(te.RetryAfter) * time.Second
		ae.MigrateTo = te.MigrateToChatID
		if ae.Code == 0 && ae.RetryAfter > 0 {
			ae.Code = http.StatusTooManyRequests
		}
	case errors.As(err, &hs):
		ae.Code = hs.code
	}
	return ae
}

func contextCause(err error) error {
	switch {
	case errors.Is(err, context.Canceled):
		return context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return context.DeadlineExceeded
	}
	return nil
}

// retry makes the call until it succeeds, fails for good, runs out of attempts or ctx ends.
// paceChat, when not nil, paces each attempt as an outgoing message to that chat.
func (c *client) retry(ctx context.Context, method string, pace *chatRef,
	do func(*tgbotapi.BotAPI) (*tgbotapi.APIResponse, error)) (*tgbotapi.APIResponse, error) {
	for attempt := 1; ; attempt++ {
		var booked *slot
		if pace != nil {
			var err error
			if booked, err = c.pacer.wait(ctx, pace.id, pace.group); err != nil {
				return nil, &APIError{Method: method, Description: err.Error(), cause: contextCause(err)}
			}
		}
		resp, err := c.once(ctx, method, c.cfg.RequestTimeout, do)
		if booked != nil {
			c.pacer.sent(booked, c.pacer.now())
		}
		if err == nil {
			return resp, nil
		}
		ae := err.(*APIError)
		if ctx.Err() != nil || !ae.transient() || attempt >= c.cfg.SendAttempts {
			return resp, ae
		}
		wait := c.delay(ae, attempt)
		if c.onRetry != nil {
			c.onRetry(method, ae, wait)
		}
		if err := sleep(ctx, wait); err != nil {
			return resp, ae
		}
	}
}

// delay is how long to wait before retrying after ae: retry_after for flood control,
// otherwise capped exponential back-off with jitter.
func (c *client) delay(ae *APIError, attempt int) time.Duration {
	if ae.Code == http.StatusTooManyRequests && ae.RetryAfter > 0 {
		return ae.RetryAfter
	}
	return backoff(c.cfg.BackoffMin, c.cfg.BackoffMax, attempt)
}

// backoff doubles from min per attempt up to max, then picks uniformly in [d/2, d] so that
// many clients failing together do not retry together.
func backoff(min, max time.Duration, attempt int) time.Duration {
	d := min
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// chatRef names a chat and whether it is a group, for pacing.
type chatRef struct {
	id    int64
	group bool
}

// getMe asks who the bot is; transient failures are retried.
func (c *client) getMe(ctx context.Context) (tgbotapi.User, error) {
	resp, err := c.retry(ctx, "getMe", nil, func(b *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return b.MakeRequest("getMe", nil)
	})
	if err != nil {
		return tgbotapi.User{}, err
	}
	var u tgbotapi.User
	if err := json.Unmarshal(resp.Result, &u); err != nil {
		return u, &APIError{Method: "getMe", Description: "decoding the bot user: " + err.Error()}
	}
	return u, nil
}

// getUpdates long-polls once from offset (0: every unconfirmed update). Each update is decoded on
// its own: one the library cannot decode (a newer Bot API's field of another type, a server's
// oddity) comes back holding only its update_id, so that it is confirmed and skipped instead of
// failing every poll from then on; undecodable describes why for the log.
func (c *client) getUpdates(ctx context.Context, offset int) (updates []tgbotapi.Update, undecodable []string, err error) {
	params := tgbotapi.Params{}
	params.AddNonZero("offset", offset)
	params.AddNonZero("limit", 100)
	params.AddNonZero("timeout", int(c.cfg.PollTimeout/time.Second))
	if err := params.AddInterface("allowed_updates", allowedUpdates); err != nil {
		return nil, nil, &APIError{Method: "getUpdates", Description: err.Error()}
	}
	resp, err := c.once(ctx, "getUpdates", c.cfg.PollTimeout+10*time.Second, func(b *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return b.MakeRequest("getUpdates", params)
	})
	if err != nil {
		return nil, nil, err
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(resp.Result, &raws); err != nil {
		return nil, nil, &APIError{Method: "getUpdates", Description: "decoding the updates: " + err.Error()}
	}
	for _, raw := range raws {
		u, ok, problem := decodeUpdate(raw)
		if problem != "" {
			undecodable = append(undecodable, problem)
		}
		if ok {
			updates = append(updates, u)
		}
	}
	return updates, undecodable, nil
}

// decodeUpdate decodes one update. When the library's types cannot hold it, it returns an
// update with only its ID (handling it does nothing) and the reason. ok is false when there is
// not even an update_id to confirm.
func decodeUpdate(raw []byte) (u tgbotapi.Update, ok bool, problem string) {
	err := json.Unmarshal(raw, &u)
	if err == nil {
		return u, true, ""
	}
	var id struct {
		UpdateID *int `json:"update_id"`
	}
	if json.Unmarshal(raw, &id) != nil || id.UpdateID == nil {
		return tgbotapi.Update{}, false, fmt.Sprintf("an update without an update_id skipped: %v", err)
	}
	return tgbotapi.Update{UpdateID: *id.UpdateID}, true, fmt.Sprintf("update %d skipped: %v", *id.UpdateID, err)
}

// allowedUpdates are the update types the bot handles; others are never sent to it.
var allowedUpdates = []string{"message", "callback_query"}

// message is one outgoing HTML message.
type message struct {
	chat    chatRef
	text    string // HTML
	replyTo int    // message to reply to, 0 for none
	markup  *tgbotapi.InlineKeyboardMarkup
	plain   bool // text is plain text, sent without parse mode
}

// sentMessage names a message the bot sent.
type sentMessage struct {
	chat int64
	id   int
}

// send sends m, paced and retried, and returns the message sent. It follows a group's migration
// to a supergroup, and if Telegram cannot parse the HTML (a server with other rules than ours)
// it sends the visible text plainly rather than leave the user without an answer.
func (c *client) send(ctx context.Context, m message) (sentMessage, error) {
	plainText := m.plain
	for range 3 {
		cfg := tgbotapi.NewMessage(m.chat.id, m.text)
		if !plainText {
			cfg.ParseMode = tgbotapi.ModeHTML
		}
		cfg.DisableWebPagePreview = true
		cfg.ReplyToMessageID = m.replyTo
		cfg.AllowSendingWithoutReply = m.replyTo != 0
		if m.markup != nil {
			cfg.ReplyMarkup = *m.markup
		}
		resp, err := c.retry(ctx, "sendMessage", &m.chat, func(b *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
			return b.Request(cfg)
		})
		var ae *APIError
		switch {
		case err == nil:
			return sentMessage{chat: m.chat.id, id: messageID(resp)}, nil
		case errors.As(err, &ae) && ae.MigrateTo != 0 && ae.MigrateTo != m.chat.id:
			m.chat.id = ae.MigrateTo
		case errors.As(err, &ae) && ae.Code == http.StatusBadRequest && !plainText &&
			strings.Contains(strings.ToLower(ae.Description), "can't parse entities"):
			plainText, m.text = true, htmlToText(m.text)
		default:
			return sentMessage{chat: m.chat.id}, err
		}
	}
	return sentMessage{chat: m.chat.id}, &APIError{Method: "sendMessage", Description: "gave up after a migration and a plain-text retry"}
}

// tooLong reports Telegram's refusal of a message over its length limit.
func tooLong(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Code == http.StatusBadRequest &&
		strings.Contains(strings.ToLower(ae.Description), "message is too long")
}

// messageID reads the message_id of a sent message from a Bot API response; 0 when absent.
func messageID(resp *tgbotapi.APIResponse) int {
	if resp == nil {
		return 0
	}
	var m struct {
		MessageID int `json:"message_id"`
	}
	_ = json.Unmarshal(resp.Result, &m)
	return m.MessageID
}

// edit replaces the text and buttons of a message the bot sent.
func (c *client) edit(ctx context.Context, chat chatRef, messageID int, text string, markup *tgbotapi.InlineKeyboardMarkup) error {
	cfg := tgbotapi.NewEditMessageText(chat.id, messageID, text)
	cfg.ParseMode = tgbotapi.ModeHTML
	cfg.DisableWebPagePreview = true
	cfg.ReplyMarkup = markup
	_, err := c.retry(ctx, "editMessageText", &chat, func(b *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return b.Request(cfg)
	})
	return err
}

// typing shows "typing…" in chat once; it is cosmetic, so it is tried once and not paced.
func (c *client) typing(ctx context.Context, chat int64) error {
	_, err := c.once(ctx, "sendChatAction", c.cfg.RequestTimeout, func(b *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return b.Request(tgbotapi.NewChatAction(chat, tgbotapi.ChatTyping))
	})
	return err
}

// answerCallback stops a button's spinner, optionally with a note (an alert when alert is set).
func (c *client) answerCallback(ctx context.Context, id, text string, alert bool) error {
	cfg := tgbotapi.NewCallback(id, text)
	cfg.ShowAlert = alert
	_, err := c.retry(ctx, "answerCallbackQuery", nil, func(b *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return b.Request(cfg)
	})
	return err
}

// setCommands registers the command menu, for everyone or for one chat (scope nil: default).
func (c *client) setCommands(ctx context.Context, cmds []tgbotapi.BotCommand, chat int64) error {
	cfg := tgbotapi.NewSetMyCommands(cmds...)
	if chat != 0 {
		scope := tgbotapi.NewBotCommandScopeChat(chat)
		cfg = tgbotapi.NewSetMyCommandsWithScope(scope, cmds...)
	}
	_, err := c.retry(ctx, "setMyCommands", nil, func(b *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return b.Request(cfg)
	})
	return err
}

// setWebhook goes through MakeRequest because the library's WebhookConfig has no secret_token.
func (c *client) setWebhook(ctx context.Context, url, secret string, maxConnections int) error {
	allowed, _ := json.Marshal(allowedUpdates)
	params := tgbotapi.Params{"url": url, "secret_token": secret, "allowed_updates": string(allowed)}
	params.AddNonZero("max_connections", maxConnections)
	_, err := c.retry(ctx, "setWebhook", nil, func(b *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return b.MakeRequest("setWebhook", params)
	})
	return err
}

// deleteWebhook lets getUpdates work again; pending updates are kept.
func (c *client) deleteWebhook(ctx context.Context) error {
	_, err := c.retry(ctx, "deleteWebhook", nil, func(b *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return b.MakeRequest("deleteWebhook", tgbotapi.Params{"drop_pending_updates": "false"})
	})
	return err
}
