package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"golang.org/x/text/width"

	"newsbot/corpus"
)

// Edition delivery: subscribers get one message per new edition, with its headlines and a
// button to ask about each.
const (
	notifyEvery  = time.Minute // how often the daily times and the library are checked
	maxHeadlines = 20          // headlines (and buttons) in one edition message
)

// EditionsChanged tells the bot that the library changed, so that subscribers get a new
// edition at once rather than at the next minute's check. It never blocks.
func (b *Bot) EditionsChanged() {
	select {
	case b.kick <- struct{}{}:
	default:
	}
}

// notifyLoop delivers editions until ctx ends: at start, when told the library changed, and
// every notifyEvery. Messages go out under sendCtx, which outlives ctx for the shutdown grace.
func (b *Bot) notifyLoop(ctx, sendCtx context.Context) {
	for {
		b.notifyRound(ctx, sendCtx)
		select {
		case <-ctx.Done():
			return
		case <-b.kick:
		case <-b.cfg.Clock.After(notifyEvery):
		}
	}
}

// currentEditions are the newest date's editions (one per paper). Undated ones (the built-in
// edition) are never announced.
func (b *Bot) currentEditions() []corpus.Issue {
	issues := corpus.Issues(b.asker.Articles())
	var out []corpus.Issue
	for _, is := range issues {
		if is.Date == "" || is.Date != issues[0].Date {
			break
		}
		out = append(out, is)
	}
	return out
}

// notifyRound sends each subscriber the current editions it has not been sent and is due for.
func (b *Bot) notifyRound(ctx, sendCtx context.Context) {
	sent := 0
	defer func() {
		if b.cfg.Notified != nil {
			b.cfg.Notified(sent)
		}
	}()
	startup := b.firstSeen == nil
	if startup {
		b.firstSeen = map[string]time.Time{}
	}
	eds := b.currentEditions()
	now := b.cfg.Clock.Now()
	for _, e := range eds {
		if _, ok := b.firstSeen[e.Key()]; !ok {
			// An edition served at start landed while the bot was down, at the latest: count it
			// from the start of its day, so that a daily subscriber whose time passed meanwhile
			// gets it now rather than a day late, and one whose time is still to come waits.
			seen := now
			if day, err := time.ParseInLocation(time.DateOnly, e.Date, b.cfg.TimeZone); startup && err == nil && day.Before(now) {
				seen = day
			}
			b.firstSeen[e.Key()] = seen
		}
	}
	if len(eds) == 0 {
		return
	}
	subs, err := b.subs.Subscribers(ctx)
	if err != nil {
		b.log.Error("telegram: reading subscriptions failed", "err", err)
		return
	}
	// Several subscribers at a time, as answers go out: the pacer keeps the sends within
	// Telegram's limits, and a slow chat does not hold up the others.
	jobs := make(chan Subscriber)
	var count atomic.Int64
	var wg sync.WaitGroup
	for range min(b.cfg.Workers, len(subs)) {
		wg.Go(func() {
			for s := range jobs {
				for _, e := range eds {
					if ctx.Err() != nil {
						break
					}
					if s.Daily != "" && !dailyDue(s.Daily, b.firstSeen[e.Key()], now, b.cfg.TimeZone) {
						continue
					}
					if b.deliver(ctx, sendCtx, s, e) {
						count.Add(1)
					}
				}
			}
		})
	}
feed:
	for _, s := range subs {
		select {
		case jobs <- s:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	sent = int(count.Load())
}

// deliver claims edition e for subscriber s, sends it and records the delivery. It reports
// whether a message went out.
func (b *Bot) deliver(ctx, sendCtx context.Context, s Subscriber, e corpus.Issue) bool {
	fresh, err := b.subs.Claim(ctx, s.Chat, e.Key())
	if err != nil {
		b.log.Error("telegram: recording an edition's delivery failed; not sending it", "chat", s.Chat, "edition", e.Label(), "err", err)
		return false
	}
	if !fresh {
		return false
	}
	text, markup := renderEdition(e)
	_, err = b.api.send(sendCtx, message{chat: chatRef{id: s.Chat, group: s.Group}, text: text, markup: markup})
	var ae *APIError
	switch {
	case err == nil:
		if err := b.subs.Delivered(sendCtx, s.Chat, e.Key()); err != nil {
			b.log.Warn("telegram: recording a delivered edition failed (it is not sent again)", "chat", s.Chat, "err", err)
		}
		b.log.Info("telegram: edition sent to a subscriber", "chat", s.Chat, "edition", e.Label())
		return true
	case errors.As(err, &ae) && (ae.Code == http.StatusForbidden || ae.Code == http.StatusBadRequest):
		// Blocked by the user, removed from the group, or a chat that no longer exists.
		if _, err := b.subs.Unsubscribe(sendCtx, s.Chat); err != nil {
			b.log.Error("telegram: dropping a subscriber failed", "chat", s.Chat, "err", err)
		}
		b.log.Info("telegram: subscriber dropped: Telegram refuses messages to it", "chat", s.Chat, "code", ae.Code, "err", ae.Description)
	case errors.As(err, &ae) && ae.Code != 0:
		// Refused every time it was tried (flood control, server errors): not taken, try later.
		if err := b.subs.Release(sendCtx, s.Chat, e.Key()); err != nil {
			b.log.Error("telegram: releasing an undelivered edition failed", "chat", s.Chat, "err", err)
		}
		b.log.Warn("telegram: sending an edition failed; trying again later", "chat", s.Chat, "err", err)
	default:
		b.log.Warn("telegram: an edition may not have reached a subscriber; it is not sent twice", "chat", s.Chat, "edition", e.Label(), "err", err)
	}
	return false
}

// dailyDue reports whether a subscriber with daily time hhmm gets an edition first served at
// seen: once the latest hh:mm at or before now (in tz) is not before it.
func dailyDue(hhmm string, seen, now time.Time, tz *time.Location) bool {
	h, m, ok := parseClock(hhmm)
	if !ok {
		return true
	}
	local := now.In(tz)
	at := time.Date(local.Year(), local.Month(), local.Day(), h, m, 0, 0, tz)
	if at.After(local) {
		at = at.AddDate(0, 0, -1)
	}
	return !at.Before(seen)
}

// parseClock reads "7:30", "07:30" or "０７：３０" (a phone's full-width keyboard).
func parseClock(s string) (h, m int, ok bool) {
	s = strings.TrimSpace(width.Narrow.String(s))
	hs, ms, found := strings.Cut(s, ":")
	if !found || len(hs) == 0 || len(hs) > 2 || len(ms) != 2 {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// renderEdition is the message announcing an edition: its name, its headlines numbered, and a
// button asking about each.
func renderEdition(e corpus.Issue) (string, *tgbotapi.InlineKeyboardMarkup) {
	var s strings.Builder
	fmt.Fprintf(&s, tx.EditionHeader, escapeHTML(e.Label()), len(e.Articles))
	var rows [][]tgbotapi.InlineKeyboardButton
	for i, a := range e.Articles {
		line := fmt.Sprintf("%d. %s\n", i+1, escapeHTML(a.Headline()))
		if i == maxHeadlines || utf16Len(s.String())+utf16Len(line) > maxMessageUnits-200 {
			fmt.Fprintf(&s, tx.EditionMore, len(e.Articles)-i)
			break
		}
		s.WriteString(line)
		if data := "s:" + a.ID; len(data) <= maxCallbackBytes {
			label := cutRunes(fmt.Sprintf(tx.EditionButton, i+1, a.Headline()), 40)
			rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(label, data)))
		}
	}
	s.WriteString(tx.EditionFooter)
	if len(rows) == 0 {
		return s.String(), nil
	}
	m := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return s.String(), &m
}

// subscriptionQuestion is what a headline button asks.
func subscriptionQuestion(a corpus.Article) string {
	return fmt.Sprintf(tx.HeadlineQuestion, a.Headline())
}

// subscribe handles /subscribe [HH:MM]: the chat gets each new edition from the next one on,
// as soon as it lands or at its daily time.
func (b *Bot) subscribe(ctx context.Context, chat chatRef, replyTo int, args string) error {
	sub := Subscriber{Chat: chat.id, Group: chat.group}
	if args = strings.TrimSpace(args); args != "" {
		h, m, ok := parseClock(args)
		if !ok {
			return b.say(ctx, chat, replyTo, fmt.Sprintf(tx.SubscribeUsage, zoneName(b.cfg.TimeZone)), nil)
		}
		sub.Daily = fmt.Sprintf("%02d:%02d", h, m)
	}
	var seen []string
	for _, e := range b.currentEditions() {
		seen = append(seen, e.Key())
	}
	if err := b.subs.Subscribe(ctx, sub, seen); err != nil {
		b.log.Error("telegram: saving a subscription failed", "chat", chat.id, "err", err)
		return b.say(ctx, chat, replyTo, tx.Failed, nil)
	}
	reply := tx.Subscribed
	if sub.Daily != "" {
		reply = fmt.Sprintf(tx.SubscribedDaily, sub.Daily, zoneName(b.cfg.TimeZone))
	}
	return b.say(ctx, chat, replyTo, reply, nil)
}

func (b *Bot) unsubscribe(ctx context.Context, chat chatRef, replyTo int) error {
	was, err := b.subs.Unsubscribe(ctx, chat.id)
	if err != nil {
		b.log.Error("telegram: removing a subscription failed", "chat", chat.id, "err", err)
		return b.say(ctx, chat, replyTo, tx.Failed, nil)
	}
	if !was {
		return b.say(ctx, chat, replyTo, tx.NotSubscribed, nil)
	}
	return b.say(ctx, chat, replyTo, tx.Unsubscribed, nil)
}

func zoneName(tz *time.Location) string {
	if tz.String() == "Asia/Shanghai" || tz.String() == "CST" {
		return tx.BeijingTime
	}
	return tz.String()
}
