package retrieval

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"newsbot/lexicon"
)

// Paraphrases. Readers ask in everyday words what a newspaper writes in its own register: "谁拿了
// 冠军" is answered by "获得第一名", "什么时候投产" by "预计2026年达产". Character bigrams cannot
// see these, so the package carries a small table of general-purpose paraphrase groups of common
// news vocabulary (never phrases of particular questions). Search adds a question's paraphrases to
// its lexical rankings at a fraction of the weight of its own words, and the bot counts them as
// the word when it scores sentences; an answer is always cut from the article's own text.
//
// Groups are deliberately narrow (near-synonyms, or a question word and the fact that decides it),
// because every alternative makes an unrelated article or sentence a little likelier to match:
// the bot's TestParaphrasesKeepRefusals pins that the eval sets' unanswerable questions stay
// refused, and the long QA recall evaluations that no general question loses its passage.
var paraphraseGroups = lexicon.Groups("paraphraseGroups")

// paraphraseIndex maps each word of a group to the group's other words, in group order;
// paraphraseWords are the table's words, longest first (ties in byte order), so that "开工建设"
// is found before "开工".
var (
	paraphraseIndex map[string][]string
	paraphraseWords []string
)

func init() { useParaphraseGroups(paraphraseGroups) }

// useParaphraseGroups sets paraphraseIndex and paraphraseWords from groups (tests compare tables).
func useParaphraseGroups(groups [][]string) {
	paraphraseIndex = indexParaphrases(groups)
	paraphraseWords = paraphraseWordsOf(paraphraseIndex)
}

func indexParaphrases(groups [][]string) map[string][]string {
	idx := map[string][]string{}
	for _, g := range groups {
		for _, w := range g {
			for _, o := range g {
				if o != w {
					idx[w] = append(idx[w], o)
				}
			}
		}
	}
	return idx
}

func paraphraseWordsOf(idx map[string][]string) []string {
	ws := make([]string, 0, len(idx))
	for w := range idx {
		ws = append(ws, w)
	}
	sort.Slice(ws, func(i, j int) bool {
		if len(ws[i]) != len(ws[j]) {
			return len(ws[i]) > len(ws[j])
		}
		return ws[i] < ws[j]
	})
	return ws
}

// Paraphrases returns the other words of word's paraphrase groups (冠军 → 第一名, 夺冠, …), nil
// when the table does not hold word. word is matched as given (folded, simplified).
func Paraphrases(word string) []string {
	return slices.Clone(paraphraseIndex[word])
}

// ParaphraseWords returns every word of the paraphrase table, longest first.
func ParaphraseWords() []string {
	return slices.Clone(paraphraseWords)
}

// ParaphrasesIn returns the table words that folded text holds, longest first. A word found only
// inside a longer table word already found is left out ("开工" in "开工建设").
func ParaphrasesIn(folded string) []string {
	var found []string
	rest := folded
	for _, w := range paraphraseWords {
		if utf8.RuneCountInString(w) < 2 || !strings.Contains(rest, w) {
			continue
		}
		rest = strings.ReplaceAll(rest, w, " ")
		found = append(found, w)
	}
	return found
}
