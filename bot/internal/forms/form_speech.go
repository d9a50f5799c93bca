package forms

import (
	"strings"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// Reported speech: "区委常委、副区长孙益锋要求,各部门板块要…。广大企业要…。" A clause that is only
// the speaker and the speech verb answers nothing; what was said follows it, often over several
// sentences each addressed to one group. The answer is the part addressed to the group the
// question names ("对企业提出了什么要求" → "广大企业要…"), else the first thing said: extract calls
// EmptySpeech, MissesGroup and SpeechContent on the cut answer of a question AsksWhatWasSaid.

// speechForm: "对企业提出了什么要求" prefers sentences reporting speech.
var speechForm = questionForm{
	name:   "speech",
	detect: AsksWhatWasSaid,
	factors: []core.ScoreFactor{{Name: "speech", Order: 170, Fit: func(_ *core.Extractor, _ *core.Candidate, s string) float64 {
		return core.When(speechStart([]rune(s)) >= 0, speechFit)
	}}},
}

// speechFit favours a sentence reporting speech for a question about what was said.
const speechFit = 1.3

// maxSpeechSentences bounds how many sentences after the speaker's are read as the speech.
const maxSpeechSentences = 3

// askWords are a question's words about the speaking itself, not about its content.
var askWords = lexicon.Words("askWords")

// AsksWhatWasSaid reports a question for what someone said ("提出了什么要求", "强调了哪些"); a
// who-question or "局长叫什么名字" is answered by the speaker clause itself ("局长汤慧敏表示").
func AsksWhatWasSaid(q intent.Intent) bool {
	t := q.Type
	return (t == intent.What || t == intent.How || t == intent.List || t == intent.Other) && core.ContainsAnyOf(q.Norm, askWords)
}

// doWords ask what is to be done ("做什么", "干什么"), not about whom.
var doWords = lexicon.Words("doWords")

// EmptySpeech reports an answer clause that is only a speaker and a speech verb ("…孙益锋要求").
func EmptySpeech(unit string) bool {
	u := []rune(core.TrimPunct(unit))
	return len(u) > 0 && core.EndsWithSpeechVerb(u) && !strings.ContainsFunc(string(u), core.IsClauseBreak)
}

// SpeechContent replaces p's empty speech clause by what was said: the part of the speech that
// names the question's group, else (unless groupOnly) its first part. The quote grows to the
// sentence holding it.
func SpeechContent(x *core.Extractor, p *core.Pick, groupOnly bool) {
	c := p.Cand
	s := []rune(c.Folded[p.Sent])
	from := speechStart(s)
	if from < 0 {
		return
	}
	groups := speechGroups(x, string(s[:from]))
	first := -1
	var firstStart, firstEnd int
	for k := p.Sent; k < len(c.Sents) && k <= p.Sent+maxSpeechSentences; k++ {
		if k > p.Sent && !core.SameParagraph(c, k-1, k) {
			break
		}
		sr := []rune(c.Folded[k])
		at := 0
		if k == p.Sent {
			at = from
		}
		for at < len(sr) {
			end := core.ClauseEnd(sr, at, true)
			ps, pe := core.TrimSpan(sr, at, end)
			if pe > ps {
				if first < 0 {
					first, firstStart, firstEnd = k, ps, pe
				}
				if len(groups) == 0 {
					break
				}
				for _, g := range groups {
					if core.HoldsRun(string(sr[ps:pe]), g) {
						setSpeech(x, p, k, ps, pe)
						return
					}
				}
			}
			at = end + 1
		}
		if len(groups) == 0 && first >= 0 {
			break
		}
	}
	if first >= 0 && !groupOnly {
		setSpeech(x, p, first, firstStart, firstEnd)
	}
}

// speechGroups are the question's content words other than the speaker's clause and the words
// for speaking: the group a speech addresses ("企业" of "孙益锋对企业提出了什么要求").
func speechGroups(x *core.Extractor, speaker string) []string {
	s := x.Q.Norm
	for _, w := range append(askWords, doWords...) {
		s = strings.ReplaceAll(s, w, " ") // "要求企业做什么" asks about 企业
	}
	var groups []string
	for _, r := range intent.RunsOf(s, x.Q.QWord) {
		if intent.RuneLen(r) >= 2 && !strings.Contains(speaker, r) {
			groups = append(groups, r)
		}
	}
	return groups
}

// MissesGroup reports an answer from a speech that leaves out the group the question names:
// "各部门板块要…" for "孙益锋要求企业做什么".
func MissesGroup(x *core.Extractor, p *core.Pick) bool {
	s := []rune(p.Cand.Folded[p.Sent])
	from := speechStart(s)
	if from < 0 {
		return false
	}
	groups := speechGroups(x, string(s[:from]))
	if len(groups) == 0 {
		return false
	}
	unit := core.AsciiLower(intent.Fold(p.Unit))
	for _, g := range groups {
		if core.HoldsRun(unit, g) {
			return false
		}
	}
	return true
}

// setSpeech answers p with runes [start, end) of sentence k, quoting from p's first sentence.
func setSpeech(x *core.Extractor, p *core.Pick, k, start, end int) {
	shown := []rune(p.Cand.Shown[k])
	if len(shown) != intent.RuneLen(p.Cand.Folded[k]) {
		shown = []rune(p.Cand.Folded[k])
	}
	p.Sent = k
	if c := p.Cand; intent.RuneLen(c.Article.Text[c.Sents[p.From].Start:c.Sents[k].End]) > core.MaxQuoteRunes {
		p.From = k // too long to quote from the speaker on: the sentence said
	}
	p.Unit = core.BalanceQuotes(string(shown[start:end]))
	p.Span = ""
}

// speechStart is the rune offset right after the first speech verb of s that a clause break
// follows ("…孙益锋要求,"), -1 when none.
func speechStart(s []rune) int {
	for i := 1; i < len(s); i++ {
		if (core.IsClauseBreak(s[i]) || s[i] == '“') && core.EndsWithSpeechVerb(s[:i]) {
			return i + 1
		}
	}
	return -1
}
