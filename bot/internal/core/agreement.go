package core

import (
	"newsbot/bot/internal/intent"
	"newsbot/retrieval"
	"slices"
	"strings"
	"unicode/utf8"

	"newsbot/lexicon"
)

// Subject agreement. An archive holds many items on one topic, and an unanswerable question is
// usually answered, if at all, by a sentence about a neighbour of its subject holding a figure or a
// name of the asked kind: "深中通道总投资" by "深中合作项目…总投资近400亿元". The question's words
// other than the asked attribute name its subject; a reader takes a sentence's subject from the
// sentence, the sentence before it in its paragraph, a short line titling its brief, or the
// headline. The rarer a subject word among the retrieved sentences, the more it tells one item
// from its neighbours, so the words are weighed by their rarity.

// SubjectWord is one word of the question's subject with its rarity weight.
type SubjectWord struct {
	Text, Head string
	Weight     float64
}

// CheckSubjectAgreement: an answer whose context holds none of the question's subject words is
// about another thing than the one asked ("深中通道总投资" answered from "深中合作项目…总投资"). Only
// none refuses: a reader's words for a subject differ from the text's too often (我市, a
// paraphrase, a nickname) for a share to tell two subjects apart on the project's sets.
func CheckSubjectAgreement(in *CheckInput) string {
	x := in.X
	words := x.SubjectWords()
	if share, missing := x.SubjectAgreement(words, SubjectContext(in.P, in.Window)); share == 0 {
		return "none of the subject's words (" + missing + ") in the quote's context"
	}
	return ""
}

// SubjectWords are the question's subject words: the gse words of its content runs of two
// characters or more, less the asked attribute (the last word before the question word, and what
// follows the question word), numbers and time words. They are read once per question.
func (x *Extractor) SubjectWords() []SubjectWord {
	if !x.subjectRead {
		x.subject, x.subjectRead = x.subjectWords(), true
	}
	return x.subject
}

func (x *Extractor) subjectWords() []SubjectWord {
	q := x.Q
	if q.QPos < 0 {
		return nil
	}
	before := intent.RunsOf(q.Before, "")
	var out []SubjectWord
	for i, run := range before {
		words := retrieval.Words(run)
		if i == len(before)-1 && asksAttribute(q) && NumberAttribute(q) == run {
			words = withoutAttribute(words) // "深中通道总投资" → 深中通道
		}
		for _, w := range joinSingles(words) {
			if subjectWord(w.Text) {
				w.Weight = x.wordWeight(w.Text)
				out = append(out, w)
			}
		}
	}
	return out
}

// withoutAttribute drops the last word of the run before the question word, the attribute asked,
// with the single characters right before it (总 of 总投资).
func withoutAttribute(words []string) []string {
	n := len(words)
	if n == 0 {
		return nil
	}
	n--
	for n > 0 && utf8.RuneCountInString(words[n-1]) == 1 {
		n--
	}
	return words[:n]
}

// joinSingles joins the segmenter's single characters to the word after them (to the word
// before them at the end of a run): it cuts names and words it does not know into characters
// (深/中/通道, 助/餐/点, 青山/县), which are one subject word to a reader. Head is the joined
// word's own word of two characters or more, "" when it has none; before a word that names no
// subject (二期, 每个) the characters stand alone.
func joinSingles(words []string) []SubjectWord {
	var out []SubjectWord
	pending := ""
	for _, w := range words {
		if utf8.RuneCountInString(w) == 1 {
			pending += w
			continue
		}
		if subjectWord(w) {
			out = append(out, SubjectWord{Text: pending + w, Head: w})
		} else if pending != "" {
			out = append(out, SubjectWord{Text: pending}) // 晶/圆/厂 before 二期
		}
		pending = ""
	}
	if pending != "" {
		if len(out) > 0 && utf8.RuneCountInString(pending) == 1 {
			out[len(out)-1].Text += pending
		} else {
			out = append(out, SubjectWord{Text: pending})
		}
	}
	return out
}

// Words that name no subject of their own (lexicon, checks.txt): generic nouns a text refers
// back to in its own words (园区 for 西太湖科技产业园, 我市), and what opens a quantity or a rate
// (每个月, 一年, 第一).
var (
	genericSubjects = lexicon.Set("genericSubjects")
	quantityOpeners = lexicon.String("quantityOpeners")
)

// subjectWord reports a word that may name the question's subject: two Han characters or more,
// no time word, aspect (已经, 计划), abstract or generic noun, nor a two-character quantity (a
// longer word opening alike is a name: 第二水厂, 一带一路).
func subjectWord(w string) bool {
	r := []rune(w)
	return len(r) >= 2 && intent.IsHan(r[0]) && !(len(r) == 2 && strings.ContainsRune(quantityOpeners, r[0])) && !timeWords[w] &&
		!intent.AbstractNouns[w] && !genericSubjects[w] && !genericPeople[w] && !slices.Contains(doneCues, w) && !slices.Contains(plannedCues, w)
}

// asksAttribute reports a question whose run right before the question word names what is asked
// of the subject (总投资多少, 市长是谁, 口号是什么): nothing asked follows the question word, and
// its type is no date, yes/no or how question, which ask of the run before it ("第二水厂是什么
// 时候通水的": the plant is the subject).
func asksAttribute(q intent.Intent) bool {
	switch q.Type {
	case intent.Date, intent.YesNo, intent.How, intent.Other:
		return false
	}
	// "做一把油纸伞要多少道工序", "在哪个城市宣布": what is asked follows the question word.
	return q.Asked.Phrase == "" && q.Asked.Counted == "" && q.Asked.Noun == ""
}

// wordWeight is the rarity of w: the greatest weight of the question's terms inside it.
func (x *Extractor) wordWeight(w string) float64 {
	var best float64
	for _, t := range x.Terms {
		if t.Run >= 0 && strings.Contains(w, t.Text) {
			best = max(best, x.Weight(t))
		}
	}
	return best
}

// SubjectContext is what a reader takes sentence p's subject from: the quoted window, the
// sentence before it in its paragraph, the paragraph's first sentence, a short line right before
// the paragraph (a brief's title in a round-up) and the headline.
func SubjectContext(p *Pick, window string) string {
	c := p.Cand
	parts := []string{window, c.Headline, intent.Fold(c.Article.Paper + " " + c.Article.Byline)}
	first := p.From
	for first > 0 && SameParagraph(c, first-1, first) {
		first--
	}
	if p.From > 0 && SameParagraph(c, p.From-1, p.From) {
		parts = append(parts, c.Folded[p.From-1])
	}
	parts = append(parts, c.Folded[first])
	if first > 0 && utf8.RuneCountInString(c.Folded[first-1]) <= briefTitleRunes {
		parts = append(parts, c.Folded[first-1])
	}
	return strings.Join(parts, " ")
}

// briefTitleRunes is the longest line read as a brief's title.
const briefTitleRunes = 30

// SubjectAgreement is the rarity-weighted share of the subject words that text holds (whole, or
// by a paraphrase of one of its terms), and the rarest word missing; share 1 when the question
// names no subject word.
func (x *Extractor) SubjectAgreement(words []SubjectWord, text string) (share float64, missing string) {
	var total, found, worst float64
	for _, w := range words {
		total += w.Weight
		if w.Head != "" && strings.Contains(text, w.Head) || HoldsRun(text, w.Text) || abbreviates(w.Text, text) || paraphraseIn(x.Q, w.Text, text) {
			found += w.Weight
		} else if w.Weight > worst {
			worst, missing = w.Weight, w.Text
		}
	}
	if total == 0 {
		return 1, ""
	}
	return found / total, missing
}

// abbreviates reports a word that text writes in full: its characters in order, the first and
// the last among them, within twice its length ("混双" for 混合双打, "达茂旗" for 达尔罕茂明安联合旗
// is longer and left to the place checks).
func abbreviates(w, text string) bool {
	wr, tr := []rune(w), []rune(text)
	for i, r := range tr {
		if r != wr[0] {
			continue
		}
		k := 1
		for j := i + 1; j < len(tr) && j-i < 2*len(wr) && k < len(wr); j++ {
			if tr[j] == wr[k] {
				k++
			}
		}
		if k == len(wr) {
			return true
		}
	}
	return false
}
