package core

import (
	"newsbot/bot/internal/intent"
	"strings"

	"newsbot/lexicon"
)

// A 哪些 question is answered by the list itself: the comma clause holding items joined by 、,
// from the question's verb on ("武进布局了哪些未来产业" → "布局了人工智能、氢能、合成生物等一批未来
// 产业"), not the whole sentence around it.

// ListFit favours, for a 哪些 question, a sentence holding a list by the question's verb or noun.
const ListFit = 1.25

// exceptionOpeners open a clause that makes an exception ("除…外"; lexicon).
var exceptionOpeners = lexicon.Words("exceptionOpeners")

// ListClause finds, in sr, the comma clause holding a 、 list next to the question's verb (the
// content right before 哪些) or its noun (the content right after); it starts at the verb when
// the clause holds it. ok false when no clause qualifies.
func (x *Extractor) ListClause(sr []rune) (int, int, bool) {
	verb := NumberAttribute(x.Q)
	noun := x.Q.Asked.Counted
	if intent.RuneLen(verb) < 2 && intent.RuneLen(noun) < 2 && len(x.runsAfterNoun()) == 0 {
		return 0, 0, false
	}
	bestS, bestE, bestScore := 0, 0, 0
	for start := 0; start < len(sr); {
		end := ClauseEnd(sr, start, false)
		clause := string(sr[start:end])
		if list := strings.IndexRune(clause, '、'); list >= 0 {
			score, from := 0, start
			if i, n := longestSuffixIn(verb, clause[:list]); n >= 2 {
				score += n
				from = start + intent.RuneLen(clause[:i])
			}
			switch {
			case intent.RuneLen(noun) >= 2 && strings.Contains(clause, noun):
				// what is listed outweighs the subject before 哪些 ("零碳园区有哪几条产业链": the
				// clause ending "…五大产业链", not "零碳园区是…首批、…唯一的零碳园区")
				score += 2 * intent.RuneLen(noun)
			case intent.RuneLen(noun) >= 2 && strings.Contains(clause, LastRunes(noun, 2)):
				score++
			}
			// "哪些国家的海鲜料理": what the listed things are (海鲜料理) may follow the noun.
			for _, r := range x.runsAfterNoun() {
				if intent.RuneLen(r) >= 2 && strings.Contains(clause, r) {
					score += intent.RuneLen(r)
				}
			}
			// A list of places is told as origins ("来自日本、泰国…等地"), not as what is left out
			// ("除本地的绿茶、红茶外").
			if x.Q.Type == intent.Place {
				if ContainsAnyOf(clause, originCues) {
					score++
				}
				if HasAnyPrefix(clause, exceptionOpeners...) {
					score--
				}
			}
			if score > bestScore {
				bestS, bestE, bestScore = from, end, score
			}
		}
		start = end + 1
	}
	if bestScore == 0 {
		return 0, 0, false
	}
	s, e := TrimSpan(sr, bestS, bestE)
	return s, e, e > s
}

// originCues introduce or close a list of places.
var originCues = lexicon.Words("originCues")

// longestSuffixIn finds the longest suffix of run (two runes or more) in text: its byte offset
// in text and its length in runes; length 0 when none.
func longestSuffixIn(run, text string) (int, int) {
	rs := []rune(run)
	for n := len(rs); n >= 2; n-- {
		if i := strings.LastIndex(text, string(rs[len(rs)-n:])); i >= 0 {
			return i, n
		}
	}
	return 0, 0
}

// runsAfterNoun are the question's content runs after the noun that follows 哪些 ("哪些国家的海鲜
// 料理" → "海鲜料理").
func (x *Extractor) runsAfterNoun() []string {
	if x.Q.QPos < 0 {
		return nil
	}
	rest := x.Q.After
	runs := intent.ContentRuns(rest)
	if len(runs) <= 1 {
		return nil
	}
	return runs[1:]
}
