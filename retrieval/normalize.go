package retrieval

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"

	"newsbot/lexicon"
)

// t2sConverter converts traditional to simplified Chinese. opencc's Convert works rune by rune
// through prefix dictionaries (about 5 MB/s), so fold only calls it for text that holds a rune
// known to change; traditionalRunes is that set, computed once from opencc itself.
type t2sConverter struct {
	cc          *opencc.OpenCC
	traditional map[rune]bool
}

var t2s = sync.OnceValue(func() *t2sConverter {
	cc, err := opencc.New("t2s")
	if err != nil {
		// The tables are embedded in the opencc module: failing here is a broken build.
		panic("retrieval: opencc t2s tables: " + err.Error())
	}
	conv := &t2sConverter{cc: cc, traditional: make(map[rune]bool, 4096)}
	for _, span := range [][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}} {
		for r := span[0]; r <= span[1]; r++ {
			if s, err := cc.Convert(string(r)); err == nil && s != string(r) {
				conv.traditional[r] = true
			}
		}
	}
	return conv
})

func (c *t2sConverter) convert(s string) string {
	needed := false
	for _, r := range s {
		if r >= 0x3400 && c.traditional[r] {
			needed = true
			break
		}
	}
	if !needed {
		return s
	}
	out, err := c.cc.Convert(s)
	if err != nil || utf8.RuneCountInString(out) != utf8.RuneCountInString(s) {
		// Phrase conversion changed the length (rare): keep rune-for-rune positions by
		// converting character by character instead.
		var b strings.Builder
		for _, r := range s {
			if c.traditional[r] {
				if o, err := c.cc.Convert(string(r)); err == nil && utf8.RuneCountInString(o) == 1 {
					b.WriteString(o)
					continue
				}
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	return out
}

// foldWidth maps full-width ASCII forms to ASCII, the ideographic space to a space and ASCII
// letters to lower case. It keeps one rune per rune.
func foldWidth(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c >= 'A' && c <= 'Z') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(foldRune, s)
}

func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		return ' '
	}
	if r >= 'A' && r <= 'Z' {
		return r + ('a' - 'A')
	}
	return r
}

// fold is the normalisation applied to everything indexed and searched: full-width to
// half-width, lower case, traditional to simplified. Rune count is preserved, so rune offsets in
// folded text are rune offsets in the original.
func fold(s string) string { return t2s().convert(foldWidth(s)) }

// FoldText is the folding applied to indexed text (full-width to half-width, lower case,
// traditional to simplified), exported so that callers match article text the way a question
// (NormalizeQuery) is matched. Rune for rune: offsets in the result are offsets in s.
func FoldText(s string) string { return fold(s) }

// fillers are polite words that carry no content in a question; longer ones come first so that
// 请问一下 is dropped whole. finalParticles (吗, 呢 …) are dropped only at the end of a clause, so
// that words such as 酒吧 survive.
var (
	fillers        = lexicon.Words("queryFillers")
	finalParticles = "吗呢吧呀啊"
)

// NormalizeQuery folds a question for search: traditional to simplified, full-width to half-width,
// fillers (请问, 一下) and clause-final particles (吗, 呢) dropped, runs of space collapsed.
func NormalizeQuery(q string) string {
	s := fold(q)
	for _, f := range fillers {
		s = strings.ReplaceAll(s, f, " ")
	}
	rs := []rune(s)
	out := rs[:0]
	for i, r := range rs {
		if strings.ContainsRune(finalParticles, r) && (i+1 == len(rs) || isClauseEnd(rs[i+1])) {
			continue
		}
		out = append(out, r)
	}
	return strings.Join(strings.FieldsFunc(string(out), unicode.IsSpace), " ")
}

func isClauseEnd(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}
