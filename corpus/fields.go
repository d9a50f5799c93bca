package corpus

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Exports of newspaper systems and web pages often label an article's fields: "标题：…",
// "作者：本报记者 周丽　来源：青山日报　发布时间：2025-09-04". fieldLabels maps the labels to the
// fields they name.
var fieldLabels = map[string]string{
	"标题": "title", "標題": "title", "题目": "title", "題目": "title", "主标题": "title", "主標題": "title",
	"引题": "kicker", "引題": "kicker", "肩题": "kicker", "肩題": "kicker",
	"副题": "subtitle", "副題": "subtitle", "副标题": "subtitle", "副標題": "subtitle",
	"作者": "byline", "记者": "byline", "記者": "byline", "撰稿": "byline",
	"来源": "paper", "來源": "paper", "报纸": "paper", "報紙": "paper", "报名": "paper", "報名": "paper",
	"日期": "date", "发布时间": "date", "發佈時間": "date", "發布時間": "date", "发布日期": "date", "發布日期": "date",
	"刊发日期": "date", "刊發日期": "date", "出版日期": "date", "时间": "date", "時間": "date",
	"版次": "page", "版面": "page", "版号": "page", "版號": "page",
	"栏目": "column", "欄目": "column", "专栏": "column", "專欄": "column",
	"正文": "text", "内容": "text", "內容": "text",
}

// fieldLabelRe finds a label and its colon (标题：), or a label in brackets as CNKI exports print
// it (【标题】); longer labels first, so 发布时间 is not read as 时间.
var fieldLabelRe = func() *regexp.Regexp {
	labels := make([]string, 0, len(fieldLabels))
	for l := range fieldLabels {
		labels = append(labels, l)
	}
	// Longest first: regexp alternation prefers the earlier branch.
	slices.SortFunc(labels, func(a, b string) int {
		if c := cmp.Compare(utf8.RuneCountInString(b), utf8.RuneCountInString(a)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	alt := strings.Join(labels, "|")
	return regexp.MustCompile(`(` + alt + `)[\s\x{3000}]*[：:]|【(` + alt + `)】`)
}()

// fieldOf names the field whose label a fieldLabelRe match m in s holds: "标题：" or "【标题】".
func fieldOf(s string, m []int) string {
	if m[2] >= 0 {
		return fieldLabels[s[m[2]:m[3]]]
	}
	return fieldLabels[s[m[4]:m[5]]]
}

// maxFieldValue bounds a labelled value found in running text (a byline, a paper, a date).
const maxFieldValue = 40

// labelledFields reads the labelled fields of s: each label's value runs to the next label, a
// wide gap (two spaces or an ideographic space) or a line end. The first value of a field wins;
// a value longer than maxFieldValue is dropped.
func labelledFields(s string) map[string]string {
	locs := fieldLabelRe.FindAllStringSubmatchIndex(s, -1)
	out := map[string]string{}
	for i, m := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		v := s[m[1]:end]
		if j := strings.IndexAny(v, "\n\u3000|｜"); j >= 0 {
			v = v[:j]
		}
		if j := strings.Index(v, "  "); j >= 0 {
			v = v[:j]
		}
		v = trimSpace(v)
		field := fieldOf(s, m)
		if _, seen := out[field]; seen || v == "" || !runesAtMost(v, maxFieldValue) {
			continue
		}
		out[field] = v
	}
	return out
}

// looksLikePaper reports a source naming a paper or news site (青山日报, 新华网), not a URL or a
// sentence.
func looksLikePaper(s string) bool {
	if !runesAtMost(s, 16) || strings.ContainsAny(s, "，。,/:：") {
		return false
	}
	return hasAnySuffix(s, []string{"报", "報", "网", "網", "社", "台", "刊", "杂志", "雜誌"})
}

// isInfoLine reports a line that only gives an article's data: it opens with a label of a byline,
// source, date or page ("作者：…　来源：…"), not with text.
func isInfoLine(s string) bool {
	m := fieldLabelRe.FindStringSubmatchIndex(s)
	if m == nil || trimSpace(s[:m[0]]) != "" || !runesAtMost(s, 3*maxFieldValue) {
		return false
	}
	switch fieldOf(s, m) {
	case "byline", "paper", "date", "page":
		return true
	}
	return false
}
