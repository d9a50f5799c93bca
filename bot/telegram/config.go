package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"newsbot/bot/metrics"
	"newsbot/internal/clock"
)

// DefaultEndpoint is Telegram's own Bot API endpoint pattern (token, then method).
const DefaultEndpoint = tgbotapi.APIEndpoint

// Config configures a Bot. Only Token and StateDir are required; zero values elsewhere take
// the defaults documented on each field. cmd/newsbot fills it from flags and environment
// (TELEGRAM_BOT_TOKEN, TELEGRAM_API_ENDPOINT); this package never reads the environment.
type Config struct {
	Token    string // bot token from @BotFather; never logged
	Endpoint string // Bot API endpoint pattern such as http://127.0.0.1:8081/bot%s/%s; default DefaultEndpoint
	StateDir string // folder for the update journal (the data folder); required

	// Replicas: Journal, when set, replaces the journal file in StateDir with one that several
	// processes serving this bot share (and no lock on StateDir is taken). PollLock, when set, runs
	// the long-polling loop only while this process holds it (one replica polls; another takes over
	// when it dies); run's ctx ends when the lock is lost.
	Journal  SharedJournal
	PollLock func(ctx context.Context, run func(ctx context.Context) error) error

	// Webhook mode, when WebhookURL is set: setWebhook(WebhookURL, secret) and serve updates on
	// ListenAddr at WebhookURL's path. With ListenAddr empty the caller mounts WebhookHandler on
	// its own server. WebhookSecret defaults to a random token per run.
	WebhookURL     string
	ListenAddr     string
	WebhookSecret  string
	WebhookMaxBody int64 // request size limit, default 1 MiB

	// Access. With AllowUsers and AllowChats both empty everyone may ask; otherwise a message is
	// served when its sender is in AllowUsers or its chat in AllowChats. Admins may always ask and
	// alone may use /reload and /stats.
	AllowUsers []int64
	AllowChats []int64
	Admins     []int64

	Workers int // answering goroutines, default 8

	Reload func(ctx context.Context) error // /reload: re-ingest and swap the index; nil disables it
	Stats  func() string                   // /stats: extra lines from the caller; may be nil

	Metrics      *metrics.Metrics // nil: no metrics
	Logger       *slog.Logger     // nil: slog.Default(); the token is redacted from every record
	LogQuestions bool             // log question text too (off: only latency, found, chat)

	// HTTPClient makes the Bot API calls. Default: a client whose timeout exceeds PollTimeout.
	// A client with a Timeout must allow more than PollTimeout.
	HTTPClient *http.Client

	Limits Limits // outgoing pacing; zero fields take Telegram's limits

	PollTimeout     time.Duration // getUpdates long-poll timeout, default 30 s (whole seconds)
	RequestTimeout  time.Duration // any other API call, default 30 s
	BackoffMin      time.Duration // first back-off after a 5xx, HTML page or network error, default 1 s
	BackoffMax      time.Duration // back-off cap, default 1 min
	SendAttempts    int           // tries of one outgoing call before giving up, default 8
	ShutdownTimeout time.Duration // how long in-flight answers may finish after Run's ctx ends, default 10 s
	MaxPending      int           // received but unanswered updates before polling pauses, default 500

	// Per-user question rate: a burst of UserBurst questions, then one more each UserInterval.
	// Defaults 6 and 5 s. Past it the user gets one friendly note per episode.
	UserBurst    int
	UserInterval time.Duration

	// Examples are /start's example questions (three are shown); default: made from the
	// edition's headlines.
	Examples []string

	// Subscriptions keeps /subscribe's subscribers and what each was sent; default a file in
	// StateDir (telegram-<bot id>.subscriptions.json).
	Subscriptions Subscriptions
	// Replies remembers which answer each sent message carried, for replies to it; default the
	// last 50,000 in memory (cmd/newsbot keeps them in the data folder or the database).
	Replies Replies
	// TimeZone is the papers' zone, in which /subscribe HH:MM is read; default Asia/Shanghai.
	TimeZone *time.Location
	// Clock drives edition delivery (the daily times, the once-a-minute check); default the
	// system clock.
	Clock Clock
	// Notified, when set, is called after each round of edition delivery with how many
	// messages went out (a hook for tests).
	Notified func(sent int)
}

// Clock is the time source of edition delivery; tests pass one they advance by hand.
type Clock = clock.Clock

// shanghai is the default zone of /subscribe HH:MM; without the system's zone database it is
// the fixed UTC+8 that China keeps all year.
func shanghai() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// Limits are Telegram's outgoing message limits; the Bot paces sendMessage and editMessageText
// calls so that it never exceeds them. Tests scale the windows down, and telegramtest enforces
// the same numbers.
type Limits struct {
	GlobalMessages  int           // messages to all chats per GlobalWindow, default 30
	GlobalWindow    time.Duration // default 1 s
	PrivateMessages int           // messages to one private chat per PrivateWindow, default 1
	PrivateWindow   time.Duration // default 1 s
	GroupMessages   int           // messages to one group per GroupWindow, default 20
	GroupWindow     time.Duration // default 1 min
	// Headroom lengthens every window by this fraction, so that network jitter (an earlier
	// message arriving late) cannot make Telegram count one message too many. Default 0.1;
	// negative for none.
	Headroom float64
}

// DefaultLimits are Telegram's documented broadcast limits.
func DefaultLimits() Limits {
	return Limits{
		GlobalMessages: 30, GlobalWindow: time.Second,
		PrivateMessages: 1, PrivateWindow: time.Second,
		GroupMessages: 20, GroupWindow: time.Minute, Headroom: 0.1,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	positiveOr(&l.GlobalMessages, d.GlobalMessages)
	positiveOr(&l.GlobalWindow, d.GlobalWindow)
	positiveOr(&l.PrivateMessages, d.PrivateMessages)
	positiveOr(&l.PrivateWindow, d.PrivateWindow)
	positiveOr(&l.GroupMessages, d.GroupMessages)
	positiveOr(&l.GroupWindow, d.GroupWindow)
	if l.Headroom == 0 { // a negative headroom is kept: no lengthening (tests)
		l.Headroom = d.Headroom
	}
	return l
}

// positiveOr sets *v to d unless it is above zero.
func positiveOr[T int | time.Duration](v *T, d T) {
	if *v <= 0 {
		*v = d
	}
}

// withDefaults returns cfg with zero fields defaulted, or an error naming the field at fault.
func (cfg Config) withDefaults() (Config, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return cfg, errors.New("telegram: Config.Token is empty (set TELEGRAM_BOT_TOKEN)")
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = DefaultEndpoint
	}
	if strings.Count(cfg.Endpoint, "%s") != 2 || strings.Count(cfg.Endpoint, "%") != 2 {
		return cfg, fmt.Errorf("telegram: Config.Endpoint %q must hold exactly two %%s (token, method), like %s", cfg.Endpoint, DefaultEndpoint)
	}
	if cfg.StateDir == "" {
		return cfg, errors.New("telegram: Config.StateDir is empty (handled updates are journaled there)")
	}
	if cfg.WebhookURL != "" && !strings.HasPrefix(cfg.WebhookURL, "https://") && !strings.HasPrefix(cfg.WebhookURL, "http://") {
		return cfg, fmt.Errorf("telegram: Config.WebhookURL %q is not an http(s) URL", cfg.WebhookURL)
	}
	if cfg.WebhookSecret != "" && !validSecret.MatchString(cfg.WebhookSecret) {
		return cfg, errors.New("telegram: Config.WebhookSecret must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
	}
	if cfg.WebhookURL == "" && cfg.ListenAddr != "" {
		return cfg, errors.New("telegram: Config.ListenAddr is set without Config.WebhookURL (the public URL Telegram posts to)")
	}
	setDefault(&cfg.WebhookMaxBody, 1<<20)
	setDefault(&cfg.Workers, 8)
	setDefault(&cfg.PollTimeout, 30*time.Second)
	cfg.PollTimeout = cfg.PollTimeout.Truncate(time.Second)
	if cfg.PollTimeout < time.Second {
		cfg.PollTimeout = time.Second // Telegram counts the timeout in whole seconds
	}
	setDefault(&cfg.RequestTimeout, 30*time.Second)
	setDefault(&cfg.BackoffMin, time.Second)
	setDefault(&cfg.BackoffMax, time.Minute)
	if cfg.BackoffMax < cfg.BackoffMin {
		cfg.BackoffMax = cfg.BackoffMin
	}
	setDefault(&cfg.SendAttempts, 8)
	setDefault(&cfg.ShutdownTimeout, 10*time.Second)
	setDefault(&cfg.MaxPending, 500)
	setDefault(&cfg.UserBurst, 6)
	setDefault(&cfg.UserInterval, 5*time.Second)
	cfg.Limits = cfg.Limits.withDefaults()
	if cfg.TimeZone == nil {
		cfg.TimeZone = shanghai()
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.System{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.HTTPClient == nil {
		// The default transport keeps only two idle connections per host: every worker beyond
		// that would dial (and TLS-handshake with) api.telegram.org again.
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = 2*cfg.Workers + 4
		cfg.HTTPClient = &http.Client{Timeout: cfg.PollTimeout + 15*time.Second, Transport: tr}
	} else if t := cfg.HTTPClient.Timeout; t != 0 && t <= cfg.PollTimeout {
		return cfg, fmt.Errorf("telegram: Config.HTTPClient.Timeout %v must exceed PollTimeout %v, or long polls are cut off", t, cfg.PollTimeout)
	}
	return cfg, nil
}

// validSecret is what Telegram accepts as a webhook secret_token.
var validSecret = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func setDefault[T int | int64 | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

// ParseIDs parses a list of Telegram user or chat IDs separated by commas or spaces, as in a
// flag or an environment variable ("12345, -100987"); "" is an empty list.
func ParseIDs(s string) ([]int64, error) {
	var ids []int64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil || id == 0 {
			return nil, fmt.Errorf("telegram: %q is not a Telegram user or chat ID (a non-zero integer)", f)
		}
		ids = append(ids, id)
	}
	return ids, nil
}
