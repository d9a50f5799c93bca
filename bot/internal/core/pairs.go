package core

import (
	"strings"

	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// Pair questions. "签约的是谁和谁", "哪两个单位签了协议", "合作双方是谁" ask for both parties of one
// act, which news prose writes as a coordination before the verb: "武进区政府与…达茂旗政府正式签署
// …协议". Any sentence naming one participant ("签约仪式前,黄龙一行…") is no answer: the clause
// holding "A与B … verb" is.

// pairCues mark a question asking for two parties.
var pairCues = lexicon.Words("pairCues")

// pairLinks join the two parties in the text.
var pairLinks = lexicon.String("pairLinks")

// AsksPair reports a question for both parties of an act.
func AsksPair(q intent.Intent) bool { return ContainsAnyOf(q.Norm, pairCues) }

// PairClause is the comma clause of sr in which two parties joined by 与/和 stand before a word of
// the question (the act: 签约, or its paraphrase 签署); ok is false when there is none.
func (x *Extractor) PairClause(sr []rune) (start, end int, ok bool) {
	from := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !IsClauseBreak(sr[i]) {
			continue
		}
		if i > from && x.actAfterLink(string(sr[from:i])) {
			return from, i, true
		}
		from = i + 1
	}
	return 0, 0, false
}

// actAfterLink reports a clause where a question term follows a linking 与/和 with at least two
// characters on either side of the link.
func (x *Extractor) actAfterLink(clause string) bool {
	for _, t := range x.Q.Terms {
		if intent.RuneLen(t.Text) < 2 {
			continue
		}
		at := termIndex(t, clause)
		if at < 0 {
			continue
		}
		before := []rune(clause[:at])
		for k := 2; k+2 < len(before); k++ {
			if strings.ContainsRune(pairLinks, before[k]) {
				return true
			}
		}
	}
	return false
}

// termIndex is the byte offset of t (or one of its paraphrases) in s, -1 when absent.
func termIndex(t intent.Term, s string) int {
	if i := strings.Index(s, t.Text); i >= 0 {
		return i
	}
	for _, a := range t.Alts {
		if i := strings.Index(s, a); i >= 0 {
			return i
		}
	}
	return -1
}

// winnerResults are the words that tell a contest's result in the text.
var winnerResults = lexicon.Words("winnerResults")

// winVerbs are the verbs of winning a prize or a place (lexicon [winVerbs]).
var winVerbs = lexicon.Words("winVerbs")

// WinnerClause is the comma clause of sr telling a contest's result ("其中柳岸小区12幢2单元获评“最美
// 楼道”第一名"), without a leading 其中; ok false when none.
func WinnerClause(sr []rune) (int, int, bool) {
	_, start, end, ok := CueClause(sr, winnerResults)
	if !ok {
		return 0, 0, false
	}
	start, end = TrimSpan(sr, start, end)
	if strings.HasPrefix(string(sr[start:end]), intent.Among) {
		start += intent.RuneLen(intent.Among)
	}
	// "东湖区队以3∶1战胜西山县队，夺得冠军": a clause opening with the verb has its winner in the
	// clause before.
	if hasAnyPrefix(string(sr[start:end]), winVerbs...) && start > 1 {
		start = ClauseStart(sr, start-1, false)
		start, end = TrimSpan(sr, start, end)
	}
	return start, end, end > start
}
