package core

import (
	"newsbot/bot/internal/intent"
	"strings"
	"unicode"

	"newsbot/lexicon"
)

// Terms a Chinese question names that the article must hold somewhere for the question to be
// covered at all: a Latin-letter term or acronym (GDP, CPI, AI, 5G, K8) and a specific measured
// attribute (产能, 营收, 利润, 人口…). Without them the best sentence answers another question
// with another number ("常州的GDP是多少" is not answered by "总投资3.5亿元").

// latinEquivalents are Chinese names a text may use for an acronym instead of the letters.
var latinEquivalents = lexicon.Map("latinEquivalents")

// measuredNouns are attributes a number question may ask about that the text names when it
// gives them; longest first where one contains another.
var measuredNouns = lexicon.Words("measuredNouns")

// measuredEquivalents may stand in the text for a measured noun.
var measuredEquivalents = lexicon.Map("measuredEquivalents")

// latinTerms are the question's runs holding a Latin letter (lower-cased, as the question is).
func latinTerms(q intent.Intent) []string {
	var out []string
	for _, run := range intent.RunsOf(q.Norm, q.QWord) {
		if strings.IndexFunc(run, func(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }) >= 0 {
			out = append(out, run)
		}
	}
	return out
}

// CheckNamedTerms: every Latin-letter term and measured attribute of a Chinese question must be
// in article (its text and headline, folded and lower-cased); a Chinese name standing for an
// acronym (人工智能 for AI) counts only in the quoted window, where it is what is answered about.
func CheckNamedTerms(q intent.Intent, article, window string) string {
	if IsEnglish(q.Raw) {
		return "" // English questions are matched by their codes and numbers alone (englishTerms)
	}
	text := AsciiLower(intent.Fold(article))
	for _, t := range latinTerms(q) {
		if !strings.Contains(text, t) && !ContainsAnyOf(window, latinEquivalents[t]) {
			return "the article does not mention " + t
		}
	}
	if q.Type != intent.Number && q.Type != intent.Other {
		return ""
	}
	s := q.Norm
	checked := false
	for _, n := range measuredNouns {
		if !strings.Contains(s, n) {
			continue
		}
		if !strings.Contains(text, n) && !ContainsAnyOf(text, measuredEquivalents[n]) {
			return "the article does not mention " + n
		}
		s = strings.ReplaceAll(s, n, " ") // 生产总值 once checked, not again inside 地区生产总值
		checked = true
	}
	// Any other measure named as such ("发电量", "出口额", "税率", "增加值") by its last two characters.
	if a := []rune(NumberAttribute(q)); !checked && q.Type == intent.Number && len(a) >= 2 && strings.ContainsRune(measureSuffixes, a[len(a)-1]) {
		if tail := string(a[len(a)-2:]); !strings.Contains(text, tail) && !ContainsAnyOf(text, measuredEquivalents[tail]) {
			return "the article does not mention " + tail
		}
	}
	return ""
}

// measureSuffixes end the name of a measured quantity (销售额, 发电量, 增长率, 产值).
var measureSuffixes = lexicon.String("measureSuffixes")
