package bot

import (
	"strings"
	"unicode"
)

// Terms a Chinese question names that the article must hold somewhere for the question to be
// covered at all: a Latin-letter term or acronym (GDP, CPI, AI, 5G, K8) and a specific measured
// attribute (产能, 营收, 利润, 人口…). Without them the best sentence answers another question
// with another number ("常州的GDP是多少" is not answered by "总投资3.5亿元").

// latinEquivalents are Chinese names a text may use for an acronym instead of the letters.
var latinEquivalents = map[string][]string{
	"gdp": {"生产总值"}, "cpi": {"居民消费价格"}, "ppi": {"生产价格指数"}, "ai": {"人工智能"},
	"pm2.5": {"细颗粒物"}, "5g": {"第五代移动通信"}, "ev": {"电动汽车"}, "r&d": {"研发"},
}

// measuredNouns are attributes a number question may ask about that the text names when it
// gives them; longest first where one contains another.
var measuredNouns = []string{"地区生产总值", "生产总值", "营业收入", "财政收入", "净利润", "销售额", "营业额", "出口额",
	"进出口额", "进出口", "市值", "估值", "产能", "营收", "利润", "利税", "人口", "产值", "税收", "产量", "增速",
	"增长率", "失业率", "降水量", "房价", "股价", "票房", "海拔", "薪资", "存款", "贷款"}

// measuredEquivalents may stand in the text for a measured noun.
var measuredEquivalents = map[string][]string{"营收": {"营业收入", "收入"}, "营业收入": {"营收"},
	"生产总值": {"gdp"}, "地区生产总值": {"gdp"}, "增速": {"增长", "增幅"}, "增长率": {"增长", "增幅", "增速"},
	"进出口": {"外贸"}, "产能": {"产量", "年产"},
	"销售额": {"销售总额", "销售收入"}, "营业额": {"营业收入", "营收"}}

// latinTerms are the question's runs holding a Latin letter (lower-cased, as the question is).
func latinTerms(q question) []string {
	var out []string
	for _, run := range runsOf(q.Norm, q.QWord) {
		if strings.IndexFunc(run, func(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }) >= 0 {
			out = append(out, run)
		}
	}
	return out
}

// checkNamedTerms: every Latin-letter term and measured attribute of a Chinese question must be
// in article (its text and headline, folded and lower-cased); a Chinese name standing for an
// acronym (人工智能 for AI) counts only in the quoted window, where it is what is answered about.
func checkNamedTerms(q question, article, window string) string {
	if isEnglish(q.Raw) {
		return "" // English questions are matched by their codes and numbers alone (englishTerms)
	}
	text := asciiLower(fold(article))
	for _, t := range latinTerms(q) {
		if !strings.Contains(text, t) && !containsAnyOf(window, latinEquivalents[t]) {
			return "the article does not mention " + t
		}
	}
	if q.Type != qtNumber && q.Type != qtOther {
		return ""
	}
	s := q.Norm
	checked := false
	for _, n := range measuredNouns {
		if !strings.Contains(s, n) {
			continue
		}
		if !strings.Contains(text, n) && !containsAnyOf(text, measuredEquivalents[n]) {
			return "the article does not mention " + n
		}
		s = strings.ReplaceAll(s, n, " ") // 生产总值 once checked, not again inside 地区生产总值
		checked = true
	}
	// Any other measure named as such ("发电量", "出口额", "税率", "增加值") by its last two characters.
	if a := []rune(numberAttribute(q)); !checked && q.Type == qtNumber && len(a) >= 2 && strings.ContainsRune(measureSuffixes, a[len(a)-1]) {
		if tail := string(a[len(a)-2:]); !strings.Contains(text, tail) && !containsAnyOf(text, measuredEquivalents[tail]) {
			return "the article does not mention " + tail
		}
	}
	return ""
}

// measureSuffixes end the name of a measured quantity (销售额, 发电量, 增长率, 产值).
const measureSuffixes = "额量率值"
