package telegram

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"newsbot/bot"
	"newsbot/internal/redact"
)

// Asker answers questions; *bot.Engine satisfies it.
type Asker = bot.Asker

// Bot is a running Telegram channel. Create it with New and run it with Run.
type Bot struct {
	cfg     Config
	asker   Asker
	log     *slog.Logger
	red     *redactor
	api     *client
	self    tgbotapi.User
	journal updateJournal
	queue   *chatQueue
	users   *userLimiter
	convs   *conversations[int64] // each chat's latest conversation
	replies Replies               // the answer each message the bot sent carried
	secret  string
	started time.Time

	allowUsers, allowChats, admins map[int64]bool

	stats counters

	// inflight counts updates a worker holds; tests and /stats read it.
	inflight atomic.Int64

	reloading sync.Mutex // one /reload at a time
	unlock    func()     // releases the data folder's lock for this bot

	subs      Subscriptions
	kick      chan struct{}        // EditionsChanged: check for a new edition now
	firstSeen map[string]time.Time // edition key → when this process first served it; nil before the first round
}

// counters are the bot's own figures for /stats.
type counters struct {
	updates, questions, found, limited, failed, dropped atomic.Int64
}

// New checks the token with getMe, opens the update journal in cfg.StateDir and returns a bot
// ready to Run. Errors name the field or call at fault and never contain the token.
func New(ctx context.Context, cfg Config, asker Asker) (*Bot, error) {
	if asker == nil {
		return nil, errors.New("telegram: New: nil Asker")
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	red := newRedactor(cfg.Token)
	cfg.Logger = slog.New(redact.Handler(cfg.Logger.Handler(), red))
	b := &Bot{
		cfg: cfg, asker: asker, log: cfg.Logger, red: red,
		queue: newChatQueue(), users: newUserLimiter(cfg.UserBurst, cfg.UserInterval),
		convs: newConversations[int64](10000), replies: cfg.Replies, started: time.Now(),
		allowUsers: idSet(cfg.AllowUsers), allowChats: idSet(cfg.AllowChats), admins: idSet(cfg.Admins),
	}
	b.api = newClient(&b.cfg, red, newPacer(cfg.Limits, nil))
	b.api.onRetry = func(method string, err *APIError, wait time.Duration) {
		b.log.Warn("telegram call failed, retrying", "method", method, "code", err.Code, "err", err.Description, "wait", wait)
	}
	b.self, err = b.api.getMe(ctx)
	if err != nil {
		return nil, fmt.Errorf("telegram: checking the bot token with getMe: %w", err)
	}
	if err := os.MkdirAll(cfg.StateDir, 0o755); err != nil {
		return nil, fmt.Errorf("telegram: Config.StateDir: %w", err)
	}
	if err := b.openJournal(); err != nil {
		return nil, err
	}
	b.subs, b.kick = cfg.Subscriptions, make(chan struct{}, 1)
	if b.subs == nil {
		if b.subs, err = OpenFileSubscriptions(b.statePath() + ".subscriptions.json"); err != nil {
			b.unlock()
			return nil, err
		}
	}
	if err := b.openReplies(); err != nil {
		b.unlock()
		return nil, err
	}
	b.secret = cfg.WebhookSecret
	if b.secret == "" {
		b.secret = randomSecret()
	}
	return b, nil
}

// openJournal opens the shared journal when configured, else the journal file in StateDir under
// a lock that keeps a second process from serving the bot from the same folder.
func (b *Bot) openJournal() error {
	if b.cfg.Journal != nil {
		b.journal, b.unlock = newSharedJournal(b.cfg.Journal, b.log), func() {}
		return nil
	}
	base := b.statePath()
	unlock, err := lockFile(base + ".lock")
	if err != nil {
		return err
	}
	b.unlock = sync.OnceFunc(unlock)
	if b.journal, err = openJournal(base + ".journal.json"); err != nil {
		b.unlock()
		return err
	}
	return nil
}

// openReplies opens the file of sent answers in StateDir unless Config.Replies gives a store; the
// file is closed with the bot's lock.
func (b *Bot) openReplies() error {
	if b.replies != nil {
		return nil
	}
	fr, err := OpenFileReplies(b.statePath() + ".replies.jsonl")
	if err != nil {
		return err
	}
	unlock := b.unlock
	b.replies, b.unlock = fr, sync.OnceFunc(func() { unlock(); fr.Close() })
	return nil
}

// statePath is the start of this bot's file names in StateDir.
func (b *Bot) statePath() string {
	return filepath.Join(b.cfg.StateDir, "telegram-"+strconv.FormatInt(b.self.ID, 10))
}

func idSet(ids []int64) map[int64]bool {
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// randomSecret is a webhook secret_token: 1-256 characters of A-Z, a-z, 0-9, _ and -.
func randomSecret() string {
	var buf [24]byte
	_, _ = rand.Read(buf[:])
	return hex.EncodeToString(buf[:])
}

// Username is the bot's @name without the @.
func (b *Bot) Username() string { return b.self.UserName }

// Run serves updates, by long polling or, when Config.WebhookURL is set, by webhook, until ctx
// ends; it then stops taking updates, lets in-flight answers finish for up to
// Config.ShutdownTimeout and returns with the journal saved. Updates not yet answered are
// answered at the next start. It returns nil after a shutdown asked for through ctx, or the
// error that made it stop (e.g. a revoked token).
//
// Run is meant to be called once per Bot.
func (b *Bot) Run(ctx context.Context) error {
	var menus sync.WaitGroup
	menus.Add(1)
	go func() { // the command menu is cosmetic: it must not hold up answering
		defer menus.Done()
		b.registerCommands(ctx)
	}()
	defer menus.Wait()
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	var workers sync.WaitGroup
	for range b.cfg.Workers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			b.work(workCtx)
		}()
	}
	if err := b.replayPending(); err != nil {
		b.queue.close()
		b.unlock()
		return err
	}
	notifyCtx, stopNotify := context.WithCancel(ctx)
	sendCtx, stopSends := context.WithCancel(context.WithoutCancel(ctx))
	defer stopSends()
	notified := make(chan struct{})
	go func() { defer close(notified); b.notifyLoop(notifyCtx, sendCtx) }()
	var following sync.WaitGroup
	following.Add(1)
	go func() { defer following.Done(); b.journal.follow(ctx, b.enqueue) }()
	var err error
	switch {
	case b.cfg.WebhookURL != "":
		err = b.serveWebhook(ctx)
	case b.cfg.PollLock != nil:
		err = b.cfg.PollLock(ctx, b.poll)
	default:
		err = b.poll(ctx)
	}
	b.stopNotifying(stopNotify, stopSends, notified)
	following.Wait()
	b.shutdown(&workers, stopWork)
	b.unlock()
	return err
}

// stopNotifying ends edition delivery: no new round, and an edition message being sent gets
// Config.ShutdownTimeout to go out (one stuck in retries is then cut off).
func (b *Bot) stopNotifying(stopRounds, stopSends context.CancelFunc, done <-chan struct{}) {
	stopRounds()
	t := time.NewTimer(b.cfg.ShutdownTimeout)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		stopSends()
		<-done
	}
}

// Close releases the bot's lock on its state folder without running it (Run releases it when
// it returns), so that another Bot or process may serve the same bot from that folder.
func (b *Bot) Close() error {
	b.unlock()
	return nil
}

// shutdown stops handing out updates, waits up to ShutdownTimeout for in-flight answers, then
// cancels them.
func (b *Bot) shutdown(workers *sync.WaitGroup, stopWork context.CancelFunc) {
	b.queue.close()
	done := make(chan struct{})
	go func() { workers.Wait(); close(done) }()
	timer := time.NewTimer(b.cfg.ShutdownTimeout)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		b.log.Warn("telegram: in-flight answers did not finish in time; they are answered after the next start",
			"in_flight", b.inflight.Load(), "timeout", b.cfg.ShutdownTimeout)
		stopWork()
		select {
		case <-done:
		case <-time.After(time.Second):
		}
	}
	n, _ := b.journal.pendingCount()
	b.log.Info("telegram bot stopped", "pending", n)
}

// replayPending queues the updates journaled but not answered before the last stop.
func (b *Bot) replayPending() error {
	ups, err := b.journal.pendingUpdates()
	if err != nil {
		return err
	}
	if len(ups) > 0 {
		b.log.Info("telegram: answering updates left from the last run", "count", len(ups))
	}
	for _, u := range ups {
		b.enqueue(u)
	}
	return nil
}

// poll is the long-polling loop. Each batch is journaled before the next getUpdates confirms
// it, so an update is never confirmed before it is either answered or safe on disk.
func (b *Bot) poll(ctx context.Context) error {
	if err := b.api.deleteWebhook(ctx); err != nil && ctx.Err() == nil {
		// Not fatal: with a webhook really set, getUpdates fails with 409 and says so.
		b.log.Warn("telegram: deleteWebhook before polling failed", "err", err)
	}
	offset, failures := 0, 0 // offset 0 first: every update Telegram still holds unconfirmed
	for ctx.Err() == nil {
		if !b.waitForRoom(ctx) {
			break
		}
		polled := time.Now()
		updates, undecodable, err := b.api.getUpdates(ctx, offset)
		for _, problem := range undecodable {
			b.log.Warn("telegram: an update could not be read and is skipped", "err", problem)
		}
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			failures++
			wait, fatal := b.pollDelay(err, failures)
			if fatal {
				return fmt.Errorf("telegram: polling stopped: %w", err)
			}
			b.log.Warn("telegram getUpdates failed", "err", err, "wait", wait, "failures", failures)
			_ = sleep(ctx, wait)
			continue
		}
		failures = 0
		if len(updates) == 0 && time.Since(polled) < b.cfg.PollTimeout/2 {
			// An empty answer long before the timeout: a server that does not long-poll.
			// Pause a little rather than spin.
			_ = sleep(ctx, b.cfg.BackoffMin/4)
			continue
		}
		fresh, err := b.journal.accept(updates)
		if err != nil { // not durable: leave them unconfirmed so that Telegram sends them again
			b.log.Error("telegram: journaling updates failed", "err", err)
			_ = sleep(ctx, b.cfg.BackoffMin)
			continue
		}
		for _, u := range updates {
			offset = max(offset, u.UpdateID+1)
		}
		for _, u := range fresh {
			b.enqueue(u)
		}
	}
	return nil
}

// pollDelay says how long to wait after a failed getUpdates, and whether to give up: a revoked
// token (401) or a wrong endpoint (404) will not heal by waiting.
func (b *Bot) pollDelay(err error, failures int) (time.Duration, bool) {
	var ae *APIError
	if errors.As(err, &ae) {
		switch {
		case ae.Code == http.StatusUnauthorized || ae.Code == http.StatusNotFound:
			return 0, true
		case ae.Code == http.StatusTooManyRequests && ae.RetryAfter > 0:
			return ae.RetryAfter, false
		}
	}
	return backoff(b.cfg.BackoffMin, b.cfg.BackoffMax, failures), false
}

// waitForRoom pauses polling while MaxPending updates await answers (backpressure).
func (b *Bot) waitForRoom(ctx context.Context) bool {
	for {
		n, changed := b.journal.pendingCount()
		if n < b.cfg.MaxPending {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-changed:
		}
	}
}

// enqueue hands an update to the chat's queue.
func (b *Bot) enqueue(u tgbotapi.Update) {
	b.stats.updates.Add(1)
	b.cfg.Metrics.TelegramUpdate(updateKind(u))
	b.queue.push(updateChat(u), u)
}

func updateKind(u tgbotapi.Update) string {
	switch {
	case u.Message != nil:
		return "message"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.EditedMessage != nil:
		return "edited_message"
	}
	return "other"
}

// updateChat is the chat whose order an update keeps; 0 groups the updates without a chat.
func updateChat(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return u.CallbackQuery.From.ID
	}
	return 0
}

// work answers updates until the queue closes. An update whose answer was cut short by the
// shutdown stays pending in the journal and is answered after the next start.
func (b *Bot) work(ctx context.Context) {
	for {
		chat, u, ok := b.queue.pop()
		if !ok {
			return
		}
		if b.journal.isHandled(u.UpdateID) { // queued twice: by the webhook before Run and by the replay
			b.queue.release(chat)
			continue
		}
		if !b.journal.ready(u) {
			// An earlier update of this chat is pending at another replica: go behind this chat's
			// other updates and look again shortly (the earlier one may come to this queue).
			b.queue.release(chat)
			time.AfterFunc(orderRetry, func() { b.queue.push(chat, u) })
			continue
		}
		b.inflight.Add(1)
		err := b.handleSafely(ctx, u)
		b.inflight.Add(-1)
		if err != nil && ctx.Err() != nil {
			b.log.Info("telegram: answer interrupted by shutdown; kept for the next start", "update", u.UpdateID)
			b.queue.release(chat)
			continue
		}
		var ae *APIError
		switch {
		case errors.As(err, &ae) && ae.Code == http.StatusForbidden:
			// Blocked by the user, removed from the group: nothing to fix on this side.
			b.log.Info("telegram: answer not delivered: the bot may not write to this chat", "update", u.UpdateID, "chat", chat, "err", err)
		case err != nil:
			b.stats.failed.Add(1)
			b.log.Error("telegram: update not answered", "update", u.UpdateID, "chat", chat, "err", err)
		}
		if err := b.journal.done(u.UpdateID); err != nil {
			b.log.Error("telegram: saving the update journal failed", "err", err)
		}
		b.queue.release(chat)
	}
}

// orderRetry is how long an update waits before looking again for the earlier update of its chat
// that another replica holds.
const orderRetry = 50 * time.Millisecond

// handleSafely is handle with a panic turned into an error: one poisoned update must neither
// stop the bot nor, replayed from the journal, crash it again at every start.
func (b *Bot) handleSafely(ctx context.Context, u tgbotapi.Update) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("telegram: panic while handling update %d: %v", u.UpdateID, p)
		}
	}()
	return b.handle(ctx, u)
}

// serveWebhook registers the webhook and serves it on ListenAddr (or only registers it when the
// caller mounts WebhookHandler itself) until ctx ends. The webhook stays registered after a
// stop so that Telegram keeps updates until the next start.
func (b *Bot) serveWebhook(ctx context.Context) error {
	u, err := url.Parse(b.cfg.WebhookURL)
	if err != nil {
		return fmt.Errorf("telegram: Config.WebhookURL: %w", err)
	}
	var ln net.Listener
	if b.cfg.ListenAddr != "" {
		if ln, err = net.Listen("tcp", b.cfg.ListenAddr); err != nil {
			return fmt.Errorf("telegram: webhook listener on Config.ListenAddr: %w", err)
		}
	}
	if err := b.api.setWebhook(ctx, b.cfg.WebhookURL, b.secret, b.cfg.Workers*5); err != nil {
		if ln != nil {
			ln.Close()
		}
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("telegram: setWebhook: %w", err)
	}
	b.log.Info("telegram webhook set", "url", b.red.String(b.cfg.WebhookURL), "listen", b.cfg.ListenAddr)
	if ln == nil {
		<-ctx.Done()
		return nil
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	mux := http.NewServeMux()
	mux.Handle(path, b.WebhookHandler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		ErrorLog: slog.NewLogLogger(b.log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("telegram: webhook server: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	return nil
}

// WebhookHandler serves Telegram's webhook requests: it refuses a wrong or missing secret
// token (401) and bodies over Config.WebhookMaxBody (413), journals the update, answers 200 and
// leaves the answering to the workers. Mount it yourself when Config.ListenAddr is empty.
func (b *Bot) WebhookHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if subtle.ConstantTimeCompare([]byte(got), []byte(b.secret)) != 1 {
			b.log.Warn("telegram webhook: request with a wrong secret token refused", "remote", r.RemoteAddr)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, b.cfg.WebhookMaxBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "reading the update: "+err.Error(), http.StatusBadRequest)
			return
		}
		if !json.Valid(body) {
			http.Error(w, "bad update: not JSON", http.StatusBadRequest)
			return
		}
		u, ok, problem := decodeUpdate(body)
		if problem != "" {
			// Telegram would deliver it again and again, holding back the updates behind it:
			// acknowledge it, and skip it.
			b.log.Warn("telegram webhook: an update could not be read and is skipped", "err", problem)
		}
		if !ok {
			w.WriteHeader(http.StatusOK)
			return
		}
		fresh, err := b.journal.accept([]tgbotapi.Update{u})
		if err != nil { // Telegram retries a failed delivery
			b.log.Error("telegram webhook: journaling the update failed", "err", err)
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
		for _, f := range fresh {
			b.enqueue(f)
		}
		w.WriteHeader(http.StatusOK)
	})
}
