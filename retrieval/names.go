package retrieval

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"newsbot/corpus"
)

var (
	// quoted matches a short phrase in Chinese quotes: “青锐共创”, “两湖”.
	quoted = regexp.MustCompile(`[“「]([^”」“「\n]{2,12})[”」]`)
	// titledName matches a person named after a post: 区长恽淇丞, 副局长李茅茅率, 部长胡泊参加.
	titledName = regexp.MustCompile(`(?:书记|区长|市长|县长|旗长|镇长|乡长|村长|局长|部长|厅长|省长|州长|主任|主席|委员|巡视员|调研员|院长|校长|董事长|总经理|经理|馆长|所长|处长|科长|队长|司令员|政委|大使|发言人|总理|秘书长|理事长|会长|社长|行长|检察长|法官|教授|专家|研究员|记者|领导)((?:\p{Han}{2,3}、)*\p{Han}{2,3})(?:[、，,；;。：:）)\s]|陪同|参加|出席|见证|带队|一行|表示|强调|指出|要求|主持|率|介绍|说|参观|调研|考察|会见)`)
	// bylineNoise is what a byline holds besides names.
	bylineNoise = strings.NewReplacer("本报记者", " ", "记者", " ", "通讯员", " ", "实习生", " ", "摄影", " ", "摄", " ",
		"报道", " ", "文/", " ", "图/", " ", "文", " ", "图", " ", "、", " ", "，", " ", ",", " ", "/", " ")
)

// libraryWords is the user dictionary a library yields: people in bylines and after posts
// (区长恽淇丞), quoted phrases, and the headlines' own phrases between punctuation.
func libraryWords(articles []corpus.Article) []string {
	var words []string
	for _, a := range articles {
		for _, n := range strings.Fields(bylineNoise.Replace(a.Byline)) {
			if l := utf8.RuneCountInString(n); l >= 2 && l <= 4 && hasHan(n) {
				words = append(words, n)
			}
		}
		for _, h := range []string{a.Kicker, a.Title, a.Column} {
			for _, part := range strings.FieldsFunc(h, func(r rune) bool { return !isHan(r) && !isAlnum(r) }) {
				if l := utf8.RuneCountInString(part); l >= 2 && l <= 8 {
					words = append(words, part)
				}
			}
		}
		for _, text := range []string{a.Kicker, a.Title, a.Text} {
			for _, m := range quoted.FindAllStringSubmatch(text, -1) {
				words = append(words, m[1])
			}
			for _, m := range titledName.FindAllStringSubmatch(text, -1) {
				words = append(words, strings.Split(m[1], "、")...)
			}
		}
	}
	return words
}
