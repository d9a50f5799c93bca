package retrieval

import (
	_ "embed"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// commonDict is gse's simplified dictionary cut to its common words (see dict/README.md).
//
//go:embed dict/zh_s_common.txt
var commonDict string

// segmenter is the process-wide gse segmenter. It loads a dictionary embedded in the binary
// (LoadDictEmbed with our cut of gse's simplified dictionary, never the module cache path, which a
// deployed binary does not have); loading takes a few hundred milliseconds, so it happens once,
// and the segmenter is never changed afterwards, so concurrent Cut calls are safe. Per-library
// words (names, headlines) live in a userDict beside it instead. Traditional text is folded to
// simplified before it reaches the segmenter.
var segmenter = sync.OnceValue(func() *gse.Segmenter {
	seg := new(gse.Segmenter)
	if err := seg.LoadDictEmbed(commonDict); err != nil {
		panic("retrieval: gse embedded dictionary: " + err.Error())
	}
	return seg
})

// WarmUp loads the segmenter and the traditional-to-simplified tables now rather than on the
// first search, e.g. while a server starts.
func WarmUp() {
	segmenter()
	t2s()
}

// Tokenize returns the lexical terms the index uses for text, after NormalizeQuery-style folding
// (no fillers removed): gse words of three or more characters, character bigrams of every Han run
// (a lone Han character stands for itself), ASCII words and numbers (11.4, 95x), and a number with
// the Han character after it (11月, 18177平). Terms repeat as often as they occur. Names the
// segmenter does not know still match through their bigrams.
func Tokenize(text string) []string {
	var out []string
	baseTokenizer.terms(fold(text), func(t string) { out = append(out, t) })
	return out
}

var baseTokenizer = &tokenizer{}

// tokenizer produces terms from folded text; user holds the library's own words.
type tokenizer struct {
	user *userDict
}

// terms calls emit for each term of folded text. Terms are substrings of folded.
func (tk *tokenizer) terms(folded string, emit func(string)) {
	tk.termsAt(folded, func(t string, _ int) { emit(t) })
}

// termsAt calls emit for each term of folded text with its byte offset in folded.
func (tk *tokenizer) termsAt(folded string, emit func(term string, off int)) {
	charTerms(folded, emit)
	off := 0
	for _, w := range segmenter().Cut(folded, false) {
		// gse returns every segment in order, so offsets follow by accumulation; resynchronise
		// if a segment ever differs from the text.
		if !strings.HasPrefix(folded[off:], w) {
			i := strings.Index(folded[off:], w)
			if i < 0 {
				continue
			}
			off += i
		}
		if utf8.RuneCountInString(w) >= 3 && hasHan(w) {
			emit(w, off)
		}
		off += len(w)
	}
	if tk.user != nil {
		tk.user.matchesAt(folded, func(w string, at int) {
			if utf8.RuneCountInString(w) >= 3 {
				emit(w, at)
			}
		})
	}
}

// charTerms emits bigrams of Han runs, ASCII alphanumeric words and number+character terms.
func charTerms(s string, emit func(string, int)) {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isHan(r):
			j := i + size
			prev := i
			n := 1
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if !isHan(r2) {
					break
				}
				emit(s[prev:j+s2], prev)
				prev = j
				j += s2
				n++
			}
			if n == 1 {
				emit(s[i:j], i)
			}
			i = j
		case isAlnum(r):
			j := i + size
			for j < len(s) {
				c := s[j]
				if isAlnum(rune(c)) || (c == '.' && j+1 < len(s) && isDigit(s[j+1]) && isDigit(s[j-1])) {
					j++
					continue
				}
				break
			}
			emit(s[i:j], i)
			if isDigit(s[j-1]) && j < len(s) {
				if r2, s2 := utf8.DecodeRuneInString(s[j:]); isHan(r2) {
					emit(s[i:j+s2], i)
				}
			}
			i = j
		default:
			i += size
		}
	}
}

func isHan(r rune) bool {
	return r >= 0x3400 && (unicode.Is(unicode.Han, r) || r == '〇')
}

func hasHan(s string) bool {
	for _, r := range s {
		if isHan(r) {
			return true
		}
	}
	return false
}

func isAlnum(r rune) bool { return r < 0x80 && (isDigit(byte(r)) || (r >= 'a' && r <= 'z')) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// userDict finds a library's own words (names, places, quoted phrases) in folded text: a rune
// trie, longest match at each position. It is immutable once built.
type userDict struct {
	root  trieNode
	words []string  // sorted, folded
	below *userDict // the words known before this layer's (Index.Update adds a layer)
}

type trieNode struct {
	next map[rune]*trieNode
	end  bool
}

func newUserDict(words []string) *userDict {
	seen := make(map[string]bool, len(words))
	d := &userDict{}
	for _, w := range words {
		w = strings.TrimSpace(fold(w))
		if utf8.RuneCountInString(w) < 2 || seen[w] {
			continue
		}
		seen[w] = true
		d.words = append(d.words, w)
		n := &d.root
		for _, r := range w {
			if n.next == nil {
				n.next = make(map[rune]*trieNode)
			}
			c := n.next[r]
			if c == nil {
				c = &trieNode{}
				n.next[r] = c
			}
			n = c
		}
		n.end = true
	}
	sort.Strings(d.words)
	return d
}

// matches emits every dictionary word occurring in s (each start position, longest word).
func (d *userDict) matches(s string, emit func(string)) {
	d.matchesAt(s, func(w string, _ int) { emit(w) })
}

// matchesAt is matches with each word's byte offset in s: at each position the longest word of
// any layer.
func (d *userDict) matchesAt(s string, emit func(string, int)) {
	empty := true
	for l := d; l != nil; l = l.below {
		empty = empty && len(l.root.next) == 0
	}
	if empty {
		return
	}
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		end := -1
		for l := d; l != nil; l = l.below {
			end = max(end, l.longestAt(s, i))
		}
		if end > 0 {
			emit(s[i:end], i)
		}
		i += size
	}
}

// longestAt is the end of the longest word of this layer starting at byte i of s, or -1.
func (d *userDict) longestAt(s string, i int) int {
	n := &d.root
	end := -1
	for j := i; j < len(s) && n.next != nil; {
		r, sz := utf8.DecodeRuneInString(s[j:])
		c := n.next[r]
		if c == nil {
			break
		}
		j += sz
		n = c
		if n.end {
			end = j
		}
	}
	return end
}

// has reports whether folded word w is in some layer.
func (d *userDict) has(w string) bool {
	for l := d; l != nil; l = l.below {
		if l.longestAt(w, 0) == len(w) {
			return true
		}
	}
	return false
}

// with returns a tokenizer that also knows words, those it lacks added as a layer over its
// dictionary (whose words lists the new ones only); tk itself when it knows them all.
func (tk *tokenizer) with(words []string) *tokenizer {
	var fresh []string
	for _, w := range words {
		if f := strings.TrimSpace(fold(w)); utf8.RuneCountInString(f) >= 2 && !tk.user.has(f) {
			fresh = append(fresh, f)
		}
	}
	if len(fresh) == 0 {
		return tk
	}
	layer := newUserDict(fresh)
	layer.below = tk.user
	return &tokenizer{user: layer}
}

// stopWords are question and function words that do not count as a query's content.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`的 了 是 在 有 和 与 及 或 也 都 就 还 又 被 把 对 从 向 到 为 以 于 由 将 等 这 那 其 之 个 中 上 下 里
		什么 啥 哪 哪里 哪儿 哪个 哪些 哪位 哪家 哪年 哪天 多少 几 几个 谁 怎么 怎样 怎么样 如何 为什么 为何 是否 是不是 有没有
		吗 呢 吧 啊 呀 请问 一下 告诉 我 你 我们 他们 它 她 他 这个 那个 这些 那些 关于 时候 时 哪一 一个 多 大 有关 情况`) {
		stopWords[w] = true
	}
}

// contentTerms are the words of a normalized query that carry its content: gse words (and
// library words) minus stop words and punctuation, each once, in query order.
func (tk *tokenizer) contentTerms(folded string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(w string) {
		w = strings.TrimSpace(w)
		if w == "" || seen[w] || stopWords[w] || !isContent(w) {
			return
		}
		seen[w] = true
		out = append(out, w)
	}
	var user []string
	if tk.user != nil {
		tk.user.matches(folded, func(w string) { user = append(user, w) })
	}
	for _, w := range user {
		add(w)
	}
	for _, w := range segmenter().Cut(folded, false) {
		if covered(w, user) {
			continue
		}
		add(w)
	}
	return out
}

// multiChar drops single characters (所, 年), which almost any article holds, from content
// words, unless nothing longer is left.
func multiChar(words []string) []string {
	var long []string
	for _, w := range words {
		if utf8.RuneCountInString(w) > 1 {
			long = append(long, w)
		}
	}
	if len(long) == 0 {
		return words
	}
	return long
}

// covered says whether one of in holds w.
func covered(w string, in []string) bool {
	return slices.ContainsFunc(in, func(u string) bool { return strings.Contains(u, w) })
}

func isContent(w string) bool {
	for _, r := range w {
		if isHan(r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
