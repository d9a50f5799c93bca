package telegram

import (
	"testing"
	"time"
)

// The default limits' pacing (Telegram's limits with 10% headroom: windows of 1.1 s and
// 66 s), computed on an injected clock: no sleeping.
func TestPacerDefaultLimits(t *testing.T) {
	t0 := time.Date(2024, 11, 8, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		sends []struct {
			chat  int64
			group bool
			at    time.Duration // when the sender asks, after t0
		}
		want []time.Duration // reserved instants, after t0
	}{
		{
			name: "one private chat: one message every 1.1 s",
			sends: []struct {
				chat  int64
				group bool
				at    time.Duration
			}{{1, false, 0}, {1, false, 0}, {1, false, 0}, {1, false, 2500 * time.Millisecond}},
			want: []time.Duration{0, 1100 * time.Millisecond, 2200 * time.Millisecond, 3300 * time.Millisecond},
		},
		{
			name: "a group: twenty, then wait for the 66 s window",
			sends: func() (s []struct {
				chat  int64
				group bool
				at    time.Duration
			}) {
				for range 22 {
					s = append(s, struct {
						chat  int64
						group bool
						at    time.Duration
					}{-7, true, 0})
				}
				return s
			}(),
			want: func() (w []time.Duration) {
				for range 20 {
					w = append(w, 0)
				}
				return append(w, 66*time.Second, 66*time.Second)
			}(),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPacer(DefaultLimits(), nil)
			for i, s := range tc.sends {
				sl := p.reserve(s.chat, s.group, t0.Add(s.at))
				p.sent(sl, sl.at)
				got := sl.at.Sub(t0)
				if got != tc.want[i] {
					t.Errorf("send %d reserved at %v, want %v", i, got, tc.want[i])
				}
			}
		})
	}
}

func TestPacerGlobalLimit(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	p := newPacer(DefaultLimits(), nil)
	// 65 different private chats at once: 30 now, 30 after 1.1 s, 5 after 2.2 s.
	counts := map[time.Duration]int{}
	for chat := range int64(65) {
		counts[reserveDone(p, chat, false, t0).Sub(t0)]++
	}
	want := map[time.Duration]int{0: 30, 1100 * time.Millisecond: 30, 2200 * time.Millisecond: 5}
	for at, n := range want {
		if counts[at] != n {
			t.Errorf("%d sends reserved at %v, want %d (all: %v)", counts[at], at, n, counts)
		}
	}
	// A chat waiting for its own window does not hold up other chats.
	p = newPacer(DefaultLimits(), nil)
	reserveDone(p, 1, false, t0)
	if got := reserveDone(p, 1, false, t0).Sub(t0); got != 1100*time.Millisecond {
		t.Errorf("second message to chat 1 at %v, want 1.1s", got)
	}
	if got := reserveDone(p, 2, false, t0).Sub(t0); got != 0 {
		t.Errorf("chat 2 waits %v behind chat 1, want 0", got)
	}
}

// Whatever the order of requests, no window ever holds more than its allowance.
func TestPacerNeverExceedsAWindow(t *testing.T) {
	l := Limits{GlobalMessages: 5, GlobalWindow: time.Second, PrivateMessages: 2, PrivateWindow: 700 * time.Millisecond,
		GroupMessages: 3, GroupWindow: 2 * time.Second, Headroom: -1}
	p := newPacer(l, nil)
	t0 := time.Unix(0, 0)
	var all []time.Time
	perChat := map[int64][]time.Time{}
	for i := range 200 {
		chat := int64(i*7%9) - 4 // negative IDs are groups
		now := t0.Add(time.Duration(i*37%400) * time.Millisecond * time.Duration(i/20+1))
		at := reserveDone(p, chat, chat < 0, now)
		if at.Before(now) {
			t.Fatalf("reserved %v before it was asked for at %v", at, now)
		}
		all = append(all, at)
		perChat[chat] = append(perChat[chat], at)
	}
	checkWindows(t, "global", all, l.GlobalMessages, l.GlobalWindow)
	for chat, ts := range perChat {
		n, w := l.PrivateMessages, l.PrivateWindow
		if chat < 0 {
			n, w = l.GroupMessages, l.GroupWindow
		}
		checkWindows(t, "chat", ts, n, w)
	}
}

func checkWindows(t *testing.T, what string, ts []time.Time, n int, span time.Duration) {
	t.Helper()
	for _, start := range ts {
		count := 0
		for _, x := range ts {
			if !x.Before(start) && x.Sub(start) < span {
				count++
			}
		}
		if count > n {
			t.Errorf("%s: %d sends in the %v window from %v, allowed %d", what, count, span, start, n)
			return
		}
	}
}

// A message that went out later than reserved pushes the next window back to its real end.
func TestPacerCountsSendsWhenTheyEnd(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	p := newPacer(Limits{PrivateMessages: 1, PrivateWindow: time.Second, Headroom: -1}, nil)
	first := p.reserve(1, false, t0)
	p.sent(first, t0.Add(300*time.Millisecond))
	if got := reserveDone(p, 1, false, t0).Sub(t0); got != 1300*time.Millisecond {
		t.Errorf("next message reserved at %v, want 1.3s (1 s after the first one ended)", got)
	}
}

// A message still in flight counts as arriving now, not at its reserved instant.
func TestPacerCountsSendsInFlightAsNow(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	p := newPacer(Limits{PrivateMessages: 1, PrivateWindow: time.Second, Headroom: -1}, nil)
	p.reserve(1, false, t0) // never finishes
	if got := reserveDone(p, 1, false, t0.Add(500*time.Millisecond)).Sub(t0); got != 1500*time.Millisecond {
		t.Errorf("next message reserved at %v, want 1.5s (1 s after now, the earliest the first can arrive)", got)
	}
}

// reserveDone reserves a slot and reports it sent at once, as a fast request would.
func reserveDone(p *pacer, chat int64, group bool, now time.Time) time.Time {
	s := p.reserve(chat, group, now)
	p.sent(s, s.at)
	return s.at
}

// A slot booked while an earlier message was in flight is pushed back at send time if that
// message is still in flight and the window is full.
func TestPacerConfirmWaitsForMessagesInFlight(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	p := newPacer(Limits{PrivateMessages: 1, PrivateWindow: time.Second, Headroom: -1}, nil)
	stuck := p.reserve(1, false, t0)
	next := p.reserve(1, false, t0) // booked 1 s after now
	if got := next.at.Sub(t0); got != time.Second {
		t.Fatalf("next booked at %v, want 1s", got)
	}
	if p.confirm(next, t0.Add(time.Second)) {
		t.Errorf("confirmed although the first message is still in flight")
	}
	if got := next.at.Sub(t0); got != 2*time.Second {
		t.Errorf("next moved to %v, want 2s (1 s after the stuck message's earliest arrival)", got)
	}
	p.sent(stuck, t0.Add(1200*time.Millisecond))
	if p.confirm(next, t0.Add(2*time.Second)) || next.at.Sub(t0) != 2200*time.Millisecond {
		t.Errorf("at 2s, next moved to %v, want 2.2s (1 s after the stuck message ended)", next.at.Sub(t0))
	}
	if !p.confirm(next, t0.Add(2200*time.Millisecond)) {
		t.Errorf("next not confirmed at 2.2s")
	}
}
