package core

import (
	"newsbot/bot/internal/intent"
	"strings"
)

// Scoring a sentence. score adds the weights of the question's terms the sentence holds and a
// share of those its context supplies (the headline, the sentence before, the one after a quote,
// what a reference points back to), then multiplies it by the factors of scoreFactors in order:
// each is a question form's judgment of the sentence, 1 when it does not apply. The factors are
// named so that weights can be fitted over them.

// Context shares: how much a term counts when only the sentence's context holds it.
const (
	headlineShare = 0.45 // the article's headline
	prevShare     = 0.3  // the sentence before
	// A short sentence leans on the one before it ("薛红霞陪同调研。" after "王冰带队来我区调研…").
	shortPrevShare = 0.8
	shortSentence  = 30 // runes
	// "…生态廊道一期工程建成开放。该工程全长6.8公里": a sentence opening with a reference is about what
	// the sentence before named.
	referencePrevShare = 0.9
)

// Factors without a form file of their own.
const (
	NoAnchorFit   = 0.75 // some sentence holds the words beside the question word, this one not
	UntypedFit    = 0.7  // the sentence holds nothing of the asked type
	TeamWinnerFit = 0.85 // "谁拿了冠军" may be answered by a team ("湖塘镇项目组获得第一名")
	UntilFit      = 1.5  // "展到什么时候" by "展期将持续至6月30日"
	TitleFit      = 1.4  // a title before a name for 什么职务 (untypedFit otherwise)
	RankDecay     = 0.12 // per retrieval rank
	PrevArticleIn = 1.25 // the previous answer's article, for a follow-up
	LengthDecay   = 600  // runes: very long sentences match many terms by chance
)

// ScoreFactor is one named multiplier of a sentence's score.
type ScoreFactor struct {
	Name  string
	Order int // its place in scoreFactors
	Fit   func(x *Extractor, c *Candidate, s string) float64
}

// When is f when cond holds, else 1.
func When(cond bool, f float64) float64 {
	if cond {
		return f
	}
	return 1
}

// Either is f when cond holds, else its inverse: a form that rewards the sentences having its
// mark penalises the others as much.
func Either(cond bool, f float64) float64 {
	if cond {
		return f
	}
	return 1 / f
}

// contextShareBefore is the share of a term the sentence before i supplies.
func contextShareBefore(c *Candidate, i int) float64 {
	share := prevShare
	if intent.RuneLen(c.Folded[i]) <= shortSentence && i > 0 && SameParagraph(c, i-1, i) {
		share = shortPrevShare
	}
	if i > 0 && SameParagraph(c, i-1, i) && opensWithReference(c.Folded[i]) {
		share = referencePrevShare
	}
	return share
}

// TermScores are the weight of the question's terms sentence i holds (own) and the share of the
// weight of those it lacks that its context holds (ctx). A reference stands for one thing: the
// question's run best found where it points ("该线路" for "K8路"), not for every word of the
// sentences before.
func (x *Extractor) TermScores(c *Candidate, i int) (own, ctx float64) {
	s := c.Folded[i]
	before := contextShareBefore(c, i)
	referred := ReferredText(c, i)
	referredGain := map[int]float64{}
	for _, t := range x.Terms {
		w := x.Weight(t)
		if t.In(s) {
			own += w
			continue
		}
		share := 0.0
		if t.In(c.Headline) {
			share = headlineShare
		}
		if i > 0 && before > share && t.In(c.Folded[i-1]) {
			share = before
		}
		if x.QuoteLeads(c, i) && quoteNextShare > share && t.In(c.Folded[i+1]) {
			share = quoteNextShare // "“…拿到了50万元。”近日,…徐晓光拿到了…": the speaker follows
		}
		ctx += share * w
		if referred != "" && referredShare > share && t.In(referred) {
			referredGain[t.Run] += (referredShare - share) * w
		}
	}
	var bestReferred float64
	for _, g := range referredGain {
		bestReferred = max(bestReferred, g)
	}
	return own, ctx + bestReferred
}

// AnchorScore: the words right beside the question word ("谁陪同…") mark the answering sentence
// best; it returns their weight in s and whether s holds one (or its head's alternative: "打什么
// 电话" marked by "拨打12345热线" too).
func (x *Extractor) AnchorScore(s string) (float64, bool) {
	var own float64
	has := false
	for _, a := range x.Anchors {
		if strings.Contains(s, a) {
			own += x.Idf[a]
			has = true
		} else if x.headAltIn(a, s) {
			has = true
		}
	}
	return own, has
}
