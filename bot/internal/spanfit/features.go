package spanfit

import (
	"math"
	"strings"
	"unicode"

	"newsbot/bot/internal/intent"
	"newsbot/retrieval"
)

// Span is a candidate answer: rune offsets [Start, End) in the sentence.
type Span struct{ Start, End int }

// Input is what the model reads for one sentence: the question, the sentence (folded, as the
// answerer reads it) and the span the rule cutter isolated, if any.
type Input struct {
	Q        *intent.Intent
	Sentence string
	Rule     Span
	RuleOK   bool
}

// MaxRunes is the longest span considered: longer answers are clauses, which the cutter gives.
const MaxRunes = 40

// contextReach is how many characters of the question's context either side of its question word
// are matched around a span at most.
const contextReach = 6

// far stands for "no anchor found" in the distance features.
const far = 40

// group is the coarse answer type a question asks for; the length prior and the edge tables are
// kept per group.
func group(t intent.Type) string {
	switch t {
	case intent.Number:
		return "num"
	case intent.Date:
		return "date"
	case intent.Person, intent.Place, intent.Org, intent.What, intent.Title:
		return "ent"
	}
	return "long"
}

var groups = []string{"num", "date", "ent", "long"}

// lengthBuckets bound span lengths: 1, 2-3, 4-6, 7-12, 13 and more.
var lengthBuckets = []int{1, 3, 6, 12}

func lengthBucket(n int) int {
	for b, hi := range lengthBuckets {
		if n <= hi {
			return b
		}
	}
	return len(lengthBuckets)
}

// FeatureNames name the values Features returns, in order.
var FeatureNames = func() []string {
	names := []string{
		"left_exact", "left_loose", "left_near", "left_none", "left_same_clause",
		"right_exact", "right_loose", "right_near", "right_none", "right_same_clause",
		"between_anchors", "both_adjacent", "left_adjacent_clause_end", "clause_start_right_adjacent",
		"left_best", "right_best",
		"q_char_share", "q_bigram_share", "q_all_chars",
		"word_start", "word_end", "punct_before", "punct_after",
		"commas", "enum_commas", "digit", "latin",
		"start_table", "end_table", "before_table", "after_table",
		"rule_ok", "rule_equal", "rule_iou", "inside_rule", "holds_rule", "rule_start", "rule_end",
		"position", "log_len", "asked_end",
	}
	names = append(names, edgeFeatureNames...)
	for _, g := range groups {
		for b := 0; b <= len(lengthBuckets); b++ {
			names = append(names, "len_"+g+"_"+string(rune('0'+b)))
		}
		names = append(names, "digit_"+g)
	}
	return names
}()

// sentence is one sentence read for the model: per-position facts shared by its candidates.
type sentence struct {
	r       []rune
	grp     string
	wordB   []bool // a word boundary before r[i] (len(r)+1 entries)
	segB    []bool // a boundary of the segmenter's words alone before r[i]
	inQ     []bool // r[i] is one of the question's content characters
	qBig    map[string]bool
	leftEx  []int // length of the question's left context ending exactly at i
	leftLo  []int // the same allowing a few unmatched characters either side
	rightEx []int // length of the right context starting exactly at j
	rightLo []int
	// leftMax and rightMax are the longest matches of either context in the sentence.
	leftMax, rightMax int
	asked             []rune // the noun the question word stands before (哪个X → X), nil when none
	// Per position, from count: running counts, the nearest anchors and whether they are in the
	// same clause, and log1p of small numbers.
	cum            [cumKinds][]int
	nearL, nearR   []int
	nearLC, nearRC []bool
	logs           []float64
}

// read prepares in's sentence for the model.
func read(in Input) *sentence {
	r := []rune(in.Sentence)
	n := len(r)
	s := &sentence{r: r, grp: group(in.Q.Type), wordB: make([]bool, n+1), inQ: make([]bool, n),
		qBig: map[string]bool{}, asked: []rune(in.Q.Asked.Named)}
	s.wordB[0], s.wordB[n] = true, true
	s.segB = make([]bool, n+1)
	at := 0
	for _, w := range retrieval.Words(in.Sentence) {
		at += len([]rune(w))
		if at <= n {
			s.wordB[at], s.segB[at] = true, true
		}
	}
	for i := 1; i < n; i++ {
		if class(r[i]) != class(r[i-1]) || isPunct(r[i]) || isPunct(r[i-1]) {
			s.wordB[i] = true
		}
	}
	q := []rune(questionText(in.Q))
	qset := map[rune]bool{}
	for i, c := range q {
		if !isPunct(c) {
			qset[c] = true
		}
		if i+1 < len(q) {
			s.qBig[string(q[i:i+2])] = true
		}
	}
	for i, c := range r {
		s.inQ[i] = qset[c]
	}
	left, right := []rune(in.Q.Before), []rune(strings.TrimRightFunc(in.Q.After, isPunct))
	s.leftEx, s.leftLo = make([]int, n+1), make([]int, n+1)
	s.rightEx, s.rightLo = make([]int, n+1), make([]int, n+1)
	for i := 0; i <= n; i++ {
		s.leftEx[i] = suffixAt(r, i, left)
		s.rightEx[i] = prefixAt(r, i, right)
		for d := 0; d <= 2; d++ {
			for k := 0; k <= 2; k++ {
				if d <= len(left) && i-k >= 0 {
					s.leftLo[i] = max(s.leftLo[i], suffixAt(r, i-k, left[:len(left)-d])-d-k)
				}
				if d <= len(right) && i+k <= n {
					s.rightLo[i] = max(s.rightLo[i], prefixAt(r, i+k, right[d:])-d-k)
				}
			}
		}
	}
	for i := 0; i <= n; i++ {
		s.leftMax, s.rightMax = max(s.leftMax, s.leftLo[i]), max(s.rightMax, s.rightLo[i])
	}
	s.count()
	return s
}

// questionText is the question without its question word.
func questionText(q *intent.Intent) string {
	if q.QWord == "" {
		return q.Norm
	}
	return strings.Replace(q.Norm, q.QWord, " ", 1)
}

// suffixAt is how many characters of ctx's end stand in r right before i (at most contextReach).
func suffixAt(r []rune, i int, ctx []rune) int {
	n := 0
	for n < contextReach && n < len(ctx) && i-n-1 >= 0 && r[i-n-1] == ctx[len(ctx)-n-1] && !isPunct(r[i-n-1]) {
		n++
	}
	return n
}

// prefixAt is how many characters of ctx's start stand in r from j on (at most contextReach).
func prefixAt(r []rune, j int, ctx []rune) int {
	n := 0
	for n < contextReach && n < len(ctx) && j+n < len(r) && r[j+n] == ctx[n] && !isPunct(r[j+n]) {
		n++
	}
	return n
}

// Candidates are the spans of in's sentence the model chooses among: edges on word boundaries,
// no punctuation at either edge, within one sentence part, at most MaxRunes long.
func (s *sentence) candidates() []Span {
	var out []Span
	n := len(s.r)
	for i := 0; i < n; i++ {
		if !s.wordB[i] || isPunct(s.r[i]) {
			continue
		}
		for j := i + 1; j <= n && j-i <= MaxRunes; j++ {
			if isMajorBreak(s.r[j-1]) {
				break
			}
			if s.wordB[j] && !isPunct(s.r[j-1]) {
				out = append(out, Span{i, j})
			}
		}
	}
	return out
}

// edgeValues are a sentence's edge-table values per position (start and before by a span's
// start, end and after by its end), looked up once per sentence.
type edgeValues struct{ start, end, before, after []float64 }

// edges looks up s's edge values in t.
func (s *sentence) edges(t *Tables) edgeValues {
	n := len(s.r)
	v := edgeValues{make([]float64, n+1), make([]float64, n+1), make([]float64, n+1), make([]float64, n+1)}
	for i := 0; i < n; i++ {
		v.start[i], v.before[i] = t.value("start", s.grp, s.r[i]), t.value("before", s.grp, runeAt(s.r, i-1))
		v.end[i+1], v.after[i+1] = t.value("end", s.grp, s.r[i]), t.value("after", s.grp, runeAt(s.r, i+1))
	}
	return v
}

// features describes candidate c of s into buf (emptied first); ev are s's edge values.
func (s *sentence) features(in Input, c Span, ev *edgeValues, buf []float64) []float64 {
	r, n := s.r, len(s.r)
	i, j := c.Start, c.End
	ln := j - i
	f := buf[:0]
	b := b2f
	// The question's context around the span, and the nearest anchors either side.
	ld, lclause := s.nearL[i], s.nearLC[i]
	rd, rclause := s.nearR[j], s.nearRC[j]
	f = append(f, float64(s.leftEx[i])/contextReach, float64(max(s.leftLo[i], 0))/contextReach,
		s.logs[ld], b(ld >= far), b(lclause))
	f = append(f, float64(s.rightEx[j])/contextReach, float64(max(s.rightLo[j], 0))/contextReach,
		s.logs[rd], b(rd >= far), b(rclause))
	f = append(f, b(ld < far && rd < far), b(ld == 0 && rd == 0), b(ld == 0 && (j == n || isBreak(r[j]))),
		b((i == 0 || isBreak(r[i-1])) && rd == 0))
	f = append(f, b(ld < far && s.leftLo[i-ld] >= s.leftMax), b(rd < far && s.rightLo[j+rd] >= s.rightMax))
	// Repeating the question.
	inQ := s.cum[cumQ][j] - s.cum[cumQ][i]
	big := 0
	if j-1 > i {
		big = s.cum[cumBigram][j-1] - s.cum[cumBigram][i]
	}
	f = append(f, float64(inQ)/float64(ln), float64(big)/float64(max(ln-1, 1)), b(inQ == ln))
	// Edges.
	f = append(f, b(s.wordB[i]), b(s.wordB[j]), b(i == 0 || isPunct(r[i-1])), b(j == n || isPunct(r[j])))
	count := func(k int) int { return s.cum[k][j] - s.cum[k][i] }
	digits := count(cumDigit)
	f = append(f, s.logs[count(cumComma)], s.logs[count(cumEnum)], b(digits > 0), b(count(cumLatin) > 0))
	f = append(f, ev.start[i], ev.end[j], ev.before[i], ev.after[j])
	// The rule cutter's span.
	ru := in.Rule
	eq, iou, inside, holds, rs, re := false, 0.0, false, false, false, false
	if in.RuleOK && ru.End > ru.Start {
		eq = ru == c
		inter := min(j, ru.End) - max(i, ru.Start)
		if inter > 0 {
			iou = float64(inter) / float64(max(j, ru.End)-min(i, ru.Start))
		}
		inside = i >= ru.Start && j <= ru.End
		holds = i <= ru.Start && j >= ru.End
		rs, re = i == ru.Start, j == ru.End
	}
	f = append(f, b(in.RuleOK), b(eq), iou, b(inside), b(holds), b(rs), b(re))
	f = append(f, float64(i)/float64(max(n, 1)), s.logs[ln], b(s.endsAsked(j)))
	f = s.edgeFeatures(c, ev, f)
	for _, g := range groups {
		for k := 0; k <= len(lengthBuckets); k++ {
			f = append(f, b(g == s.grp && lengthBucket(ln) == k))
		}
		f = append(f, b(g == s.grp && digits > 0))
	}
	return f
}

// Running counts a sentence keeps (sentence.cum), so that a span's count is a difference.
const (
	cumQ      = iota // the question's characters
	cumBigram        // bigrams of the question starting here
	cumComma
	cumEnum
	cumDigit
	cumLatin
	cumWord  // a segmenter word starts here (not the sentence's first)
	cumOpen  // an opening bracket or quote
	cumClose // a closing one
	cumKinds
)

// count fills s's running counts, nearest anchors and log table.
func (s *sentence) count() {
	r, n := s.r, len(s.r)
	for k := range s.cum {
		s.cum[k] = make([]int, n+1)
	}
	for k, ch := range r {
		at := [cumKinds]bool{cumQ: s.inQ[k], cumBigram: k+1 < n && s.qBig[string(r[k:k+2])],
			cumComma: ch == ',' || ch == '，', cumEnum: ch == '、',
			cumDigit: unicode.IsDigit(ch) || strings.ContainsRune(numerals, ch),
			cumLatin: ch < 128 && unicode.IsLetter(ch) && !unicode.IsDigit(ch),
			cumWord:  k > 0 && s.segB[k], cumOpen: strings.ContainsRune(opening, ch), cumClose: strings.ContainsRune(closing, ch)}
		for c := range s.cum {
			s.cum[c][k+1] = s.cum[c][k] + int(b2f(at[c]))
		}
	}
	s.nearL, s.nearLC = make([]int, n+1), make([]bool, n+1)
	s.nearR, s.nearRC = make([]int, n+1), make([]bool, n+1)
	for i := 0; i <= n; i++ {
		s.nearL[i], s.nearLC[i] = s.nearLeft(i)
		s.nearR[i], s.nearRC[i] = s.nearRight(i)
	}
	s.logs = make([]float64, max(n, far)+1)
	for k := range s.logs {
		s.logs[k] = math.Log1p(float64(k))
	}
}

// endsAsked reports a span ending with the noun the question word stood before (哪个协议 →
// "奥斯陆协议").
func (s *sentence) endsAsked(j int) bool {
	k := len(s.asked)
	if k == 0 || k > 2 {
		k = min(len(s.asked), 2)
	}
	return k > 0 && j-k >= 0 && string(s.r[j-k:j]) == string(s.asked[:k])
}

// nearLeft is the distance from i back to the nearest end of the question's left context (two
// characters or more) and whether no clause break lies between.
func (s *sentence) nearLeft(i int) (int, bool) {
	for d := 0; d < far && i-d >= 0; d++ {
		if d > 0 && isPunct(s.r[i-d]) && isBreak(s.r[i-d]) {
			for e := d + 1; e < far && i-e >= 0; e++ {
				if s.leftLo[i-e] >= 2 {
					return e, false
				}
			}
			return far, false
		}
		if s.leftLo[i-d] >= 2 {
			return d, true
		}
	}
	return far, false
}

// nearRight is the distance from j to the nearest start of the right context (two characters or
// more) and whether no clause break lies between.
func (s *sentence) nearRight(j int) (int, bool) {
	n := len(s.r)
	for d := 0; d < far && j+d <= n; d++ {
		if j+d < n && d > 0 && isBreak(s.r[j+d-1]) {
			for e := d + 1; e < far && j+e <= n; e++ {
				if s.rightLo[j+e] >= 2 {
					return e, false
				}
			}
			return far, false
		}
		if s.rightLo[j+d] >= 2 {
			return d, true
		}
	}
	return far, false
}

// numerals are the Chinese digits and magnitudes.
const numerals = "零〇一二三四五六七八九十百千万亿两"

func runeAt(r []rune, i int) rune {
	if i < 0 {
		return '^'
	}
	if i >= len(r) {
		return '$'
	}
	return r[i]
}

// class sorts characters for word edges: Han, digits, Latin letters, the rest.
func class(r rune) int {
	switch {
	case r < 128 && unicode.IsDigit(r):
		return 1
	case r < 128 && unicode.IsLetter(r):
		return 2
	case unicode.Is(unicode.Han, r):
		return 3
	}
	return 0
}

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) }

// isBreak ends a clause; isMajorBreak a sentence part.
func isBreak(r rune) bool      { return strings.ContainsRune(",，;；:：。!！?？", r) }
func isMajorBreak(r rune) bool { return strings.ContainsRune(";；。!！?？", r) }
