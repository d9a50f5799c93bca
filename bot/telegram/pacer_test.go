package telegram

import (
	"testing"
	"time"
)

// The default limits' pacing, computed on an injected clock: no sleeping.
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
			name: "one private chat: one message a second",
			sends: []struct {
				chat  int64
				group bool
				at    time.Duration
			}{{1, false, 0}, {1, false, 0}, {1, false, 0}, {1, false, 2500 * time.Millisecond}},
			want: []time.Duration{0, time.Second, 2 * time.Second, 3 * time.Second},
		},
		{
			name: "a group: twenty a minute, then wait for the window",
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
				return append(w, time.Minute, time.Minute)
			}(),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPacer(DefaultLimits(), nil)
			for i, s := range tc.sends {
				got := p.reserve(s.chat, s.group, t0.Add(s.at)).Sub(t0)
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
	// 65 different private chats at once: 30 now, 30 a second later, 5 two seconds later.
	counts := map[time.Duration]int{}
	for chat := range int64(65) {
		counts[p.reserve(chat, false, t0).Sub(t0)]++
	}
	want := map[time.Duration]int{0: 30, time.Second: 30, 2 * time.Second: 5}
	for at, n := range want {
		if counts[at] != n {
			t.Errorf("%d sends reserved at %v, want %d (all: %v)", counts[at], at, n, counts)
		}
	}
	// A chat waiting for its own window does not hold up other chats.
	p = newPacer(DefaultLimits(), nil)
	p.reserve(1, false, t0)
	if got := p.reserve(1, false, t0).Sub(t0); got != time.Second {
		t.Errorf("second message to chat 1 at %v, want 1s", got)
	}
	if got := p.reserve(2, false, t0).Sub(t0); got != 0 {
		t.Errorf("chat 2 waits %v behind chat 1, want 0", got)
	}
}

// Whatever the order of requests, no window ever holds more than its allowance.
func TestPacerNeverExceedsAWindow(t *testing.T) {
	l := Limits{GlobalMessages: 5, GlobalWindow: time.Second, PrivateMessages: 2, PrivateWindow: 700 * time.Millisecond,
		GroupMessages: 3, GroupWindow: 2 * time.Second}
	p := newPacer(l, nil)
	t0 := time.Unix(0, 0)
	var all []time.Time
	perChat := map[int64][]time.Time{}
	for i := range 200 {
		chat := int64(i*7%9) - 4 // negative IDs are groups
		now := t0.Add(time.Duration(i*37%400) * time.Millisecond * time.Duration(i/20+1))
		at := p.reserve(chat, chat < 0, now)
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
