package core

import (
	"newsbot/bot/internal/intent"
	"regexp"
	"strings"

	"newsbot/lexicon"
)

// Answer-span isolation. A question and the sentence that answers it usually share the words
// around the answer: "达茂旗的总面积是多少" / "…总面积18177平方千米…". The span is what stands in the
// sentence where the question word stands in the question: after the longest piece of the
// question's left context found in the sentence and before the piece of its right context.

// trailingLight are characters a question puts between its context and the question word
// ("总面积是多少") that the sentence need not repeat.
var trailingLight = lexicon.String("trailingLight")

// leadingLight are characters right after the question word ("多少的") to skip.
var leadingLight = lexicon.String("leadingLight")

// linkRunes may anchor a span on their own when nothing longer matches: 与/由/在 + answer.
var linkRunes = lexicon.String("linkRunes")

// AlignSpan finds the answer to q in sentence s (folded, lower-case). It returns rune offsets
// [start, end) in s, or ok false when nothing can be isolated.
func AlignSpan(q intent.Intent, s string) (start, end int, ok bool) {
	start, end, ok, _ = AlignSpanContext(q, s)
	return start, end, ok
}

// QuestionContext is the question's words left and right of its question word, the right ones
// without light words after the question word and without the closing particles and punctuation.
func QuestionContext(q intent.Intent) (left, right []rune) {
	left, right = []rune(q.Before), []rune(q.After)
	right = []rune(strings.TrimLeft(string(right), leadingLight))
	right = []rune(strings.TrimRightFunc(string(right), func(r rune) bool {
		return IsPunctOrSpace(r) || strings.ContainsRune(closingParticles, r)
	}))
	return left, right
}

// typedWithin: a typed question wants the typed thing inside the span, not the whole stretch.
// Between both contexts (between) the typed thing nearest the right one answers ("达茂旗…辖12个苏木
// 乡镇" for "达茂旗有多少个苏木乡镇"); after the left context alone, the first. Other types keep the
// span.
func typedWithin(q intent.Intent, sr []rune, start, end int, between bool) (int, int, bool) {
	if q.Type != intent.Number && q.Type != intent.Date {
		return start, end, true
	}
	ts, te, found := typedSpanIn(q.Type, string(sr[start:end]), between)
	if !found {
		return 0, 0, false
	}
	return start + ts, start + te, true
}

// AlignSpanContext is alignSpan also returning how many characters of the question's context
// matched around the span: the longer, the surer the span.
func AlignSpanContext(q intent.Intent, s string) (start, end int, ok bool, matched int) {
	sr := []rune(s)
	if q.QPos < 0 {
		return 0, 0, false, 0
	}
	left, right := QuestionContext(q)

	lEnd, lLen := matchLeft(left, sr, len(right) == 0)
	// "现场,高校消防志愿服务队成立,…" answers "现场成立了什么队伍": when the sentence breaks right after
	// the matched words, the answer stands before them, not after (reported speech aside).
	if lLen > 0 && lEnd < len(sr) && IsClauseBreak(sr[lEnd]) && !EndsWithSpeechVerb(sr[:lEnd]) {
		lEnd, lLen = -1, 0
	}
	rStart, rLen := matchRight(right, sr, max(lEnd, 0))
	switch {
	case lLen > 0 && rLen > 0 && rStart > lEnd:
		start, end = lEnd, rStart
		// Contexts clauses apart ("东延段全长…,共设…,其中高铁新城站可与城际铁路换乘" for "东延段哪个站可以
		// 换乘"): the answer stands in the clause of the words right after the question word.
		exact := rLen <= len(right) && string(sr[rStart:rStart+rLen]) == string(right[:rLen])
		if cs := ClauseStart(sr, rStart, false); exact && cs > start && rStart-cs >= 2 && narrowable(q.Type) {
			start = cs
		}
	case lLen > 0:
		start = lEnd
		for start < len(sr) && IsPunctOrSpace(sr[start]) && !isOpenQuote(sr[start]) {
			start++
		}
		// After a speech verb (胡泊强调,…) the answer is what was said, up to the sentence part's end.
		end = ClauseEnd(sr, start, q.Type == intent.List || EndsWithSpeechVerb(left[:max(0, len(left))]))
	case rLen > 0:
		end = rStart
		start = ClauseStart(sr, end, q.Type == intent.List)
	default:
		return 0, 0, false, 0
	}
	start, end = TrimSpan(sr, start, end)
	if end <= start {
		return 0, 0, false, 0
	}
	// The counted noun named after the question word may come first in the text, its number right
	// after it: "有多少个教学班" / "共设教学班54个".
	if q.Type == intent.Number && rLen >= 2 && rStart >= 0 {
		if ns, ne, found := NumberRightAfter(sr, rStart+rLen); found {
			return ns, ne, true, lLen + rLen
		}
	}
	start, end, ok = typedWithin(q, sr, start, end, lLen > 0 && rLen > 0 && rStart > lEnd)
	if !ok {
		return 0, 0, false, 0 // "晚稻插秧" holds no date: look for one near the question's words
	}
	start, end = polishSpan(q, right, sr, start, end)
	if end <= start {
		return 0, 0, false, 0
	}
	return start, withAskedNoun(q, sr, start, end), true, lLen + max(rLen, 0)
}

// withAskedNoun extends a span by the noun the question word stood before when the text has it
// right after the span: "哪个音乐社" → "羊城音乐社", "哪个协议" → "奥斯陆协议".
func withAskedNoun(q intent.Intent, sr []rune, start, end int) int {
	// Only a determiner stands before the noun (哪个, 什么; Asked.Named); "什么地方", "哪里" have
	// none after them.
	noun := []rune(q.Asked.Named)
	if q.Type != intent.Org && q.Type != intent.What && q.Type != intent.Place || len(noun) == 0 {
		return end
	}
	// The noun is the start of the words after the question word ("剧社任编剧"); with no word
	// boundaries to go by, a run of four or more is taken to start with a two-character noun.
	limit := len(noun)
	if limit >= 4 {
		limit = 2
	}
	for n := limit; n >= 1; n-- {
		if end+n <= len(sr) && string(sr[end:end+n]) == string(noun[:n]) {
			return end + n
		}
	}
	return end
}

// wholeNumberRe is numberRe anchored at both ends.
var wholeNumberRe = regexp.MustCompile(`^(?:` + numberRe.String() + `)$`)

// leadWords introduce an answer without being part of it: "位于河北省曲阳县", "他与特雷·帕克".
var leadWords = lexicon.Words("leadWords")

// polishSpan tidies a span's edges: the question's own unit after a number ("多少公分" → "20公分"),
// an ordinal 第 the question word stood behind, brackets cut in half, lead-in words.
func polishSpan(q intent.Intent, right, sr []rune, start, end int) (int, int) {
	if q.Type == intent.Number {
		// An ordinal first, so that its measure word extends it ("第22" + "代").
		if strings.HasSuffix(q.Before, ordinalPrefix) && start > 0 && sr[start-1] == ordinalRune {
			start--
		}
		n := 0
		for n < len(right) && n < 4 && end+n < len(sr) && sr[end+n] == right[n] && intent.IsHan(right[n]) {
			n++
		}
		// Keep the longest extension that still reads as one number with its unit ("第一批", not
		// "第一批学生").
		for ; n > 0; n-- {
			if wholeNumberRe.MatchString(string(sr[start : end+n])) {
				end += n
				break
			}
		}
	}
	if start > 0 && isOpenQuote(sr[start-1]) && strings.ContainsFunc(string(sr[start:end]), isCloseQuote) &&
		!strings.ContainsFunc(string(sr[start:end]), isOpenQuote) {
		start--
	}
	if end < len(sr) && isCloseQuote(sr[end]) && strings.ContainsFunc(string(sr[start:end]), isOpenQuote) &&
		!strings.ContainsFunc(string(sr[start:end]), isCloseQuote) {
		end++
	}
	for _, w := range leadWords {
		wr := []rune(w)
		if end-start > len(wr)+1 && strings.HasPrefix(string(sr[start:end]), w) {
			start += len(wr)
			break
		}
	}
	// The question's own words are not its answer: "青少年机器人世界杯始于…" → "始于…"; a short
	// shared word may be the answer's own ("上海文化广播影视集团" asked of "上海东方明珠…").
	for n := min(end-start-1, 12); n >= 3; n-- {
		if strings.Contains(q.Norm, string(sr[start:start+n])) {
			start += n
			break
		}
	}
	return start, end
}

// matchLeft finds the longest suffix of left (after dropping up to three light characters at its
// end, or any characters when skipWords: a question ending in its question word has no other
// anchor) that occurs in s; it returns the rune offset where the match ends and its length.
func matchLeft(left, s []rune, skipWords bool) (end, length int) {
	end, length = -1, 0
	best := 0.0
	for drop := 0; drop <= 3 && drop <= len(left); drop++ {
		light := strings.Trim(string(left[len(left)-drop:]), trailingLight) == ""
		if !light && !skipWords {
			break
		}
		l := left[:len(left)-drop]
		for n := len(l); n >= 1; n-- {
			if n == 1 && (drop > 0 || !strings.ContainsRune(linkRunes, l[len(l)-1])) {
				break
			}
			if IsPunctOrSpace(l[len(l)-n]) {
				continue
			}
			i := bestOccurrence(s, l[len(l)-n:], l[max(0, len(l)-n-8):len(l)-n])
			if i < 0 {
				continue
			}
			// Skipping question words the sentence does not repeat ("之间的") costs a little.
			score := float64(n)
			if !light {
				score -= 0.6 * float64(drop)
			}
			if score > best && (light || n >= 2) {
				if !light && length > 0 {
					return end, length // an exact context beats one reached by skipping words
				}
				end, length, best = i+n, n, score
			}
			break
		}
	}
	return end, length
}

// matchRight finds the longest prefix of right occurring in s at or after from; it returns the rune
// offset where the match starts and its length.
func matchRight(right, s []rune, from int) (start, length int) {
	start = -1
	for n := len(right); n >= 2; n-- {
		piece := string(right[:n])
		if i := RuneIndex(s[from:], piece); i >= 0 {
			return from + i, n
		}
	}
	// The words right after the question word may be reworded ("合作开发的" / "开发的…"): a
	// content bigram among the next few, nearest after from, still bounds the answer.
	best := -1
	for k := 1; k+1 < len(right) && k < 6; k++ {
		if !isContentBigram(right[k], right[k+1]) {
			continue
		}
		if i := RuneIndex(s[from:], string(right[k:k+2])); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best >= 0 {
		return from + best, 2
	}
	return -1, 0
}

// RuneIndex is strings.Index in runes.
func RuneIndex(s []rune, piece string) int {
	i := strings.Index(string(s), piece)
	if i < 0 {
		return -1
	}
	return intent.RuneLen(string(s)[:i])
}

// ClauseEnd is the end of the clause that starts at from; a list runs to the end of its sentence
// part (semicolon), since its items may be separated by commas. Breaks inside quotation marks
// (“全民消防,生命至上”) do not end a clause.
func ClauseEnd(s []rune, from int, list bool) int {
	if i := clauseBreak(s, from, 1, list); i >= 0 {
		return i
	}
	return len(s)
}

// ClauseStart is the start of the clause that ends at to.
func ClauseStart(s []rune, to int, list bool) int {
	return clauseBreak(s, to-1, -1, list) + 1 // 0 when no break comes before to
}

// clauseBreak is the first clause break (a major one for a list) outside quotation marks met
// walking s from i by step (1 forward, -1 back), or -1.
func clauseBreak(s []rune, i, step int, list bool) int {
	opens, closes := isOpenQuote, isCloseQuote
	if step < 0 {
		opens, closes = isCloseQuote, isOpenQuote
	}
	depth := 0
	for ; i >= 0 && i < len(s); i += step {
		switch {
		case opens(s[i]):
			depth++
		case closes(s[i]) && depth > 0:
			depth--
		case depth == 0 && (list && isMajorBreak(s[i]) || !list && IsClauseBreak(s[i])) && !isDigitComma(s, i):
			return i
		}
	}
	return -1
}

func isOpenQuote(r rune) bool  { return r == '“' || r == '《' || r == '「' || r == '『' }
func isCloseQuote(r rune) bool { return r == '”' || r == '》' || r == '」' || r == '』' }

// TrimSpan drops punctuation, space and light characters at the span's ends.
func TrimSpan(s []rune, start, end int) (int, int) {
	for start < end && (IsPunctOrSpace(s[start]) && s[start] != '“' && s[start] != '《' || strings.ContainsRune("是的", s[start])) {
		start++
	}
	for end > start && (IsPunctOrSpace(s[end-1]) && !strings.ContainsRune("”》%℃‰", s[end-1]) && !closesBracket(s[start:end]) ||
		strings.ContainsRune("的是了", s[end-1])) {
		end--
	}
	return start, end
}

// speechVerbs introduce reported speech.
var speechVerbs = lexicon.Words("speechVerbs")

// EndsWithSpeechVerb reports whether left ends with a speech verb (…孙益锋要求).
func EndsWithSpeechVerb(left []rune) bool {
	l := strings.TrimRight(string(left), trailingLight)
	for _, v := range speechVerbs {
		if strings.HasSuffix(l, v) {
			return true
		}
	}
	return false
}

// isDigitComma reports a thousands separator ("1,000"), which does not end a clause.
func isDigitComma(s []rune, i int) bool {
	return (s[i] == ',' || s[i] == ':') && i > 0 && i+1 < len(s) && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '9'
}

// closesBracket reports a span ending with a closing bracket whose opening one it holds: "186件(套)"
// keeps its ")".
func closesBracket(s []rune) bool {
	if len(s) == 0 || s[len(s)-1] != ')' && s[len(s)-1] != '）' {
		return false
	}
	return strings.ContainsAny(string(s[:len(s)-1]), "(（")
}

// narrowable types want a short answer that sits in one clause.
func narrowable(t intent.Type) bool {
	return t == intent.Person || t == intent.Place || t == intent.Org || t == intent.What || t == intent.Title
}

// bestOccurrence is the rune offset of the occurrence of piece in s whose preceding dozen
// characters share the most bigrams with before (the question's words before piece): "党和群众之间
// 的" is "党和人民群众“连心桥”", not the earlier "代表和群众的优势"; -1 when piece is not in s.
func bestOccurrence(s, piece, before []rune) int {
	p := string(piece)
	str := string(s)
	best, bestHits := -1, -1
	for off := 0; ; {
		k := strings.Index(str[off:], p)
		if k < 0 {
			break
		}
		at := intent.RuneLen(str[:off+k])
		window := string(s[max(0, at-12):at])
		hits := 0
		for j := 0; j+1 < len(before); j++ {
			if intent.IsHan(before[j]) && intent.IsHan(before[j+1]) && strings.Contains(window, string(before[j:j+2])) {
				hits += j + 1 // the words nearest piece tell most
			}
		}
		if hits > bestHits {
			best, bestHits = at, hits
		}
		off += k + len(p)
	}
	return best
}

// NumberRightAfter finds a number with its unit starting at sr[from:], past a few linking
// characters (达, 共, 约, 有…), as rune offsets.
func NumberRightAfter(sr []rune, from int) (int, int, bool) {
	at := from
	for at < len(sr) && at-from < 3 && strings.ContainsRune(figureLeadWords, sr[at]) {
		at++
	}
	if at >= len(sr) {
		return 0, 0, false
	}
	loc := numberRe.FindStringIndex(string(sr[at:]))
	if loc == nil || loc[0] != 0 || !hasNumeral(string(sr[at:])[loc[0]:loc[1]]) {
		return 0, 0, false
	}
	end := at + intent.RuneLen(string(sr[at:])[:loc[1]])
	// A time or a date is no count: "首班车6:30发车".
	if dl := DateRe.FindStringIndex(string(sr[at:])); dl != nil && dl[0] == 0 {
		return 0, 0, false
	}
	return at, end, true
}

// figureLeadWords stand before a figure without being part of it (达, 共, 约, 近, 超过…).
var figureLeadWords = lexicon.String("figureLeadWords")
