package spanfit

// The features of a span's edges read against the question and the sentence's brackets: an
// answer rarely starts or ends with a character of the question (a span that does has taken in
// a piece of the question's subject, a name the segmenter split, or the verb the question asks
// with), its edges usually stand right next to the question's words (the question restates the
// sentence around the gap), it is rarely cut inside a bracket or quote and often fills one
// (《书名》, “引语”), and how many commas it crosses tells more for some answer types (a number
// is one phrase, a list or a reason runs across commas) than for others.

// opening and closing are the brackets and quotes whose balance a span is judged by.
const (
	opening = "(（《“「『[【〈"
	closing = ")）》”」』]】〉"
)

// edgeFeatureNames name what edgeFeatures appends, in order.
var edgeFeatureNames = func() []string {
	names := []string{"start_in_q", "end_in_q", "before_in_q", "after_in_q", "both_sides_in_q",
		"filled_bracket", "unbalanced", "log_words", "one_word"}
	for _, g := range groups {
		names = append(names, "commas_"+g)
		for _, e := range []string{"start", "end", "before", "after"} {
			names = append(names, e+"_table_"+g)
		}
	}
	return names
}()

// edgeFeatures appends candidate c's edge features to f; ev are s's edge-table values, which are
// weighed per answer group too (an edge character tells most for dates and numbers).
func (s *sentence) edgeFeatures(c Span, ev *edgeValues, f []float64) []float64 {
	i, j := c.Start, c.End
	inQ := func(k int) bool { return k >= 0 && k < len(s.r) && s.inQ[k] }
	before, after := inQ(i-1), inQ(j)
	f = append(f, b2f(inQ(i)), b2f(inQ(j-1)), b2f(before), b2f(after), b2f(before && after))
	open, closed := s.cum[cumOpen][j]-s.cum[cumOpen][i], s.cum[cumClose][j]-s.cum[cumClose][i]
	filled := i > 0 && j < len(s.r) && isOpening(s.r[i-1]) && isClosing(s.r[j])
	words := 1 + s.cum[cumWord][j] - s.cum[cumWord][i+1] // boundaries inside the span
	f = append(f, b2f(filled), b2f(open != closed), s.logs[min(words, far)], b2f(words == 1))
	commas := s.cum[cumComma][j] - s.cum[cumComma][i]
	for _, g := range groups {
		on := b2f(g == s.grp)
		f = append(f, on*s.logs[commas], on*ev.start[i], on*ev.end[j], on*ev.before[i], on*ev.after[j])
	}
	return f
}

func isOpening(r rune) bool { return containsRune(opening, r) }
func isClosing(r rune) bool { return containsRune(closing, r) }

func containsRune(set string, r rune) bool {
	for _, c := range set {
		if c == r {
			return true
		}
	}
	return false
}
