package core

import (
	"newsbot/bot/internal/intent"
	"strings"

	"newsbot/lexicon"
)

// Paraphrases. Readers ask in everyday words what a newspaper writes in its own register: "谁拿了
// 冠军" is answered by "获得第一名", "要不要钱" by "免费乘车", "一天收多少" by "平均每天收割". Character
// bigrams cannot see these, so the extractive answerer uses retrieval's table of general-purpose
// paraphrase groups of common news vocabulary (retrieval.Paraphrases; retrieval's search uses the
// same table to rank articles). Words of one group count as the same term when sentences are
// scored and when evidence is measured; they never enter an answer, which is always cut from the
// article's own text. Every alternative makes an unrelated sentence a little likelier to match:
// TestParaphrasesKeepRefusals pins that the eval sets' unanswerable questions stay refused.

// Paraphrased returns the question words whose paraphrase s holds (s lacking the word itself), to
// be counted as found when evidence is measured ("冠军" for a sentence saying "第一名").
func Paraphrased(terms []intent.Term, s string) []string {
	var out []string
	for _, t := range terms {
		if len(t.Alts) > 0 && !strings.Contains(s, t.Text) && t.In(s) {
			out = append(out, t.Text)
		}
	}
	return out
}

// Anaphora. News prose names its subject once and then refers back to it: "K8路公交全长…。…该线路
// 投放了8辆新能源纯电动公交车". A sentence with such a reference is read with the article's topic:
// the question's words found in the lead sentence or the few sentences before it count (at a share)
// for the sentence and as evidence.
var anaphors = lexicon.Words("anaphors")

// notAnaphoric are words holding an anaphor's character without referring back: "其中" (among
// them), "此外" (besides), "其他" (other).
var notAnaphoric = lexicon.Replacer("notAnaphoric")

// anaphorLookBack is how many sentences back a reference may reach (besides the lead sentence).
const anaphorLookBack = 3

// HasAnaphor reports whether s (a folded sentence) refers back to something named before it. A
// bare noun (项目, 线路) refers back only at the start of the sentence.
func HasAnaphor(s string) bool {
	s = notAnaphoric.Replace(s)
	for _, a := range anaphors {
		i := strings.Index(s, a)
		if i < 0 {
			continue
		}
		if intent.IsHan([]rune(a)[0]) && intent.RuneLen(a) == 2 && !strings.HasPrefix(a, "这") && !freeAnaphors[a] {
			if i > 0 {
				continue
			}
		}
		return true
	}
	return false
}

// ReferredText is what sentence i of c may refer back to: the lead sentence and the few sentences
// before it, "" when the sentence has no reference.
func ReferredText(c *Candidate, i int) string {
	if i == 0 || !HasAnaphor(c.Folded[i]) {
		return ""
	}
	from := max(0, i-anaphorLookBack)
	parts := append([]string{c.Folded[0]}, c.Folded[from:i]...)
	return strings.Join(parts, " ")
}

// ReferredRuns returns the bigrams of runs that text lacks and referred holds: what a reference in
// text stands for, to be counted as evidence.
func ReferredRuns(runs []string, text, referred string) []string {
	if referred == "" {
		return nil
	}
	var out []string
	for _, r := range runs {
		rs := []rune(r)
		for i := 0; i+1 < len(rs); i++ {
			b := string(rs[i : i+2])
			if !strings.Contains(text, b) && strings.Contains(referred, b) {
				out = append(out, b)
			}
		}
		if len(rs) == 1 || !intent.IsHan(rs[0]) {
			if !strings.Contains(text, r) && strings.Contains(referred, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// ParaphraseQuery is the paraphrases of the question's table words, for a second search; "" when
// it has none.
func ParaphraseQuery(q intent.Intent) string {
	var alts []string
	for _, t := range q.Terms {
		alts = append(alts, t.Alts...)
	}
	return strings.Join(alts, " ")
}

// freeAnaphors point back wherever they stand in a sentence (上述, 当地), like words opening with 这.
var freeAnaphors = lexicon.Set("freeAnaphors")
