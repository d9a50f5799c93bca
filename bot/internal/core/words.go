// Word matching helpers shared by the checks and the cutter.

package core

import (
	"newsbot/bot/internal/intent"
	"slices"
	"strings"
	"unicode"
)

// SharesBigram reports whether some character bigram of run occurs in text (a one-character run:
// the character).
func SharesBigram(run, text string) bool {
	rs := []rune(run)
	if len(rs) == 1 {
		return strings.Contains(text, run)
	}
	for i := 0; i+1 < len(rs); i++ {
		if strings.Contains(text, string(rs[i:i+2])) {
			return true
		}
	}
	return false
}

func ContainsAnyOf(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// LastRunes is the last n runes of s.
func LastRunes(s string, n int) string {
	rs := []rune(s)
	return string(rs[max(0, len(rs)-n):])
}

// HasAnyPrefix reports whether s starts with one of prefixes.
func HasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// clauseBefore is the part of window's comma clause before byte offset at ("并在二楼…" before
// "夜读区" lies in one clause however long).
func clauseBefore(window string, at int) string {
	return window[strings.LastIndexAny(window[:at], ",，;；。:：!！?？")+1 : at]
}

// clauseAfter is the part of window's comma clause from byte offset at.
func clauseAfter(window string, at int) string {
	rest := window[at:]
	if i := strings.IndexAny(rest, ",，;；。:：!！?？"); i >= 0 {
		return rest[:i]
	}
	return rest
}

// paraphraseIn reports whether window holds a paraphrase of a question term inside run.
func paraphraseIn(q intent.Intent, run, window string) bool {
	for _, t := range q.Terms {
		if len(t.Alts) > 0 && strings.Contains(run, t.Text) && t.In(window) {
			return true
		}
	}
	return false
}

// paraphraseOf reports w as a paraphrase of one of q's terms ("投资" of "花了").
func paraphraseOf(q intent.Intent, w string) bool {
	for _, t := range q.Terms {
		if slices.Contains(t.Alts, w) {
			return true
		}
	}
	return false
}

// IsEnglish reports a question written in Latin letters without Chinese characters.
func IsEnglish(s string) bool {
	letters := 0
	for _, r := range s {
		if intent.IsHan(r) {
			return false
		}
		if r < unicode.MaxASCII && unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}
