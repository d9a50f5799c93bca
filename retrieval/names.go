package retrieval

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"newsbot/corpus"
	"newsbot/lexicon"
)

var (
	// postTitles are posts after which a person's name follows: 区长恽淇丞, 副局长李茅茅.
	postTitles = map[string]bool{}
	// postLast holds the last rune of every post title, to find candidates quickly.
	postLast = map[rune]bool{}
	// nameAfterPost matches, at the start of the text after a post, one name or a list of names
	// (白云萍、石伟东、李皓) followed by punctuation or a verb such as 陪同, 参加, 见证.
	nameAfterPost = regexp.MustCompile(`^((?:\p{Han}{2,3}、)*\p{Han}{2,3})(?:[、，,；;。：:）)\s]|陪同|参加|出席|见证|带队|一行|表示|强调|指出|要求|主持|率|介绍|说|参观|调研|考察|会见)`)
	// bylineNoise is what a byline holds besides names.
	bylineNoise = lexicon.Replacer("bylineNoise")
)

func init() {
	for _, t := range strings.Fields(`书记 区长 市长 县长 旗长 镇长 乡长 村长 局长 部长 厅长 省长 州长 主任 主席 委员 巡视员
		调研员 院长 校长 董事长 总经理 经理 馆长 所长 处长 科长 队长 司令员 政委 大使 发言人 总理 秘书长 理事长 会长 社长
		行长 检察长 法官 教授 专家 研究员 记者 领导`) {
		postTitles[t] = true
		r, _ := utf8.DecodeLastRuneInString(t)
		postLast[r] = true
	}
}

// quotedPhrases calls emit with each phrase of 2 to 12 runes in Chinese quotes: “青锐共创”.
func quotedPhrases(text string, emit func(string)) {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r != '“' && r != '「' {
			continue
		}
		n := 0
		for j := i; j < len(text) && n <= 12; {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if r2 == '”' || r2 == '」' {
				if n >= 2 {
					emit(text[i:j])
				}
				break
			}
			if r2 == '“' || r2 == '「' || r2 == '\n' {
				break
			}
			n++
			j += s2
		}
	}
}

// postedNames calls emit with each name that follows a post title in text.
func postedNames(text string, emit func(string)) {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !postLast[r] || !endsWithPost(text[:i]) {
			continue
		}
		rest := text[i:min(len(text), i+120)]
		if m := nameAfterPost.FindStringSubmatch(rest); m != nil {
			for _, n := range strings.Split(m[1], "、") {
				emit(n)
			}
		}
	}
}

// endsWithPost reports whether s ends with a post title (two to three runes).
func endsWithPost(s string) bool {
	end := len(s)
	for n := 1; n <= 3 && end > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:end])
		end -= size
		if n >= 2 && postTitles[s[end:]] {
			return true
		}
	}
	return false
}

// libraryWords is the user dictionary a library yields: people in bylines and after posts
// (区长恽淇丞), quoted phrases, and the headlines' own phrases between punctuation.
func libraryWords(articles []corpus.Article) []string {
	var words []string
	orderedBatches(context.Background(), len(articles), 256, func(lo, hi int) []string {
		return articleWords(articles[lo:hi])
	}, func(_, _ int, w []string) { words = append(words, w...) })
	return words
}

func articleWords(articles []corpus.Article) []string {
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
		add := func(w string) { words = append(words, w) }
		for _, text := range []string{a.Kicker, a.Title, a.Text} {
			quotedPhrases(text, add)
			postedNames(text, add)
		}
	}
	return words
}

// maxDictBytes bounds a --dict file (the largest segmenter dictionaries are a few MB).
const maxDictBytes = 64 << 20

// LoadDictFile reads a user dictionary for Config.DictWords: one word a line, optionally followed
// by a frequency and a part of speech as in jieba/gse dictionaries ("恽淇丞 10 nr"), which are
// ignored. Blank lines and lines starting with # are skipped. Errors name the file and line.
func LoadDictFile(path string) ([]string, error) {
	data, err := corpus.ReadFile(path, maxDictBytes) // a regular file, read up to the cap
	if err != nil {
		return nil, fmt.Errorf("retrieval: dictionary: %w", err)
	}
	var words []string
	for i, line := range strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("retrieval: dictionary %s:%d: not UTF-8 text", path, i+1)
		}
		word := strings.Fields(line)[0]
		if utf8.RuneCountInString(word) > 32 {
			return nil, fmt.Errorf("retrieval: dictionary %s:%d: word %q is longer than 32 characters", path, i+1, word)
		}
		words = append(words, word)
	}
	return words, nil
}
