package bot

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"newsbot/corpus"
	"newsbot/lexicon"
	"newsbot/retrieval"
)

// The extractive answerer: among the sentences of the retrieved articles it picks the one that best
// matches the question's content terms (weighted by how rare they are among those sentences), of
// the kind the question asks for (a number for 多少, a person for 谁…), then isolates the answer
// span and a concise clause around it. Everything it quotes is cut from the article's own text.

// candidateArticles is how many retrieved articles are read for an answer.
const candidateArticles = 4

// maxQuoteRunes bounds a quote made of two joined sentences.
const maxQuoteRunes = 260

// candidate is one retrieved article prepared for sentence matching.
type candidate struct {
	Article  corpus.Article
	Rank     int
	Sents    []span   // sentences of Article.Text
	Folded   []string // folded, lower-case sentences (for matching)
	Shown    []string // sentences as written (for answer text), rune-aligned with Folded
	Headline string   // folded, lower-case kicker, title and column
}

// pick is the extractive answerer's choice: a sentence (possibly joined to the one before it), how
// well it answers, and the answer text cut from it.
type pick struct {
	Cand     *candidate
	Sent     int      // index of the answering sentence
	From     int      // first sentence of the quote (Sent-1 when joined)
	Score    float64  // ranking score, comparable within one question
	Evidence float64  // 0..1: weighted share of the question's terms the quote (and headline) cover
	CharCov  float64  // share of the question's content characters in ≥2-character matches with the window
	OwnCov   float64  // the same for the question's own words only (a follow-up's inherited subject left out)
	Mismatch string   // why the pick cannot answer (refusal.go), "" when it may
	Check    string   // the refusal check that refused, "" when none did
	Top      []ranked // the best-scored sentences of the question (explain.go)
	Byline   bool     // the answer is the article's byline (a who-wrote question)
	Unit     string   // the concise answer clause (folded)
	Span     string   // the isolated short answer ("18177平方千米"), "" when none
}

// Quote is the exact text of the article the pick quotes.
func (p pick) Quote() string {
	return p.Cand.Article.Text[p.Cand.Sents[p.From].Start:p.Cand.Sents[p.Sent].End]
}

func prepareCandidates(results []retrieval.Result, limit int) []*candidate {
	var cands []*candidate
	for i, r := range results {
		if i >= limit {
			break
		}
		c := &candidate{Article: r.Article, Rank: i, Sents: splitSentences(r.Article.Text)}
		for _, s := range c.Sents {
			// Answers are cut from the text as written (its letters' case, its brackets); matching
			// reads the folded, lower-case form, rune for rune the same.
			shown := r.Article.Text[s.Start:s.End]
			// Traditional-character text is matched simplified, as the question is.
			folded := asciiLower(retrieval.FoldText(shown))
			if runeLen(shown) != runeLen(folded) {
				shown = fold(shown)
			}
			c.Shown = append(c.Shown, shown)
			c.Folded = append(c.Folded, folded)
		}
		c.Headline = asciiLower(retrieval.FoldText(r.Article.Kicker + " " + r.Article.Title + " " + r.Article.Column))
		cands = append(cands, c)
	}
	return cands
}

// idfWeights weighs each term by its rarity among the candidates' sentences: a term every sentence
// has (the district's name) tells less than one only the answer has.
func idfWeights(terms []term, cands []*candidate) map[string]float64 {
	n := 0
	df := make(map[string]int, len(terms))
	for _, c := range cands {
		for _, s := range c.Folded {
			n++
			for _, t := range terms {
				if t.in(s) {
					df[t.Text]++
				}
			}
		}
	}
	w := make(map[string]float64, len(terms))
	for _, t := range terms {
		w[t.Text] = math.Log(1 + float64(n+1)/(float64(df[t.Text])+0.5))
	}
	return w
}

// extractor holds one question's matching state.
type extractor struct {
	q       question
	terms   []term // question terms plus inherited topic terms
	idf     map[string]float64
	total   float64  // sum of weights of all terms
	prevArt string   // article of the previous turn's answer (follow-ups)
	anchors []string // the question's bigrams right beside its question word
	runs    []string // content runs of the question and its inherited topic
	ownRuns []string // content runs of the question alone
	// anchorSeen: some candidate sentence holds an anchor, so sentences without one are weaker.
	anchorSeen bool
	subject    string                         // the question's (or the conversation's) first content run
	held       map[*candidate]map[string]bool // runs each candidate article holds
	elsewhere  map[string]bool                // runs some candidate article holds
	// saidQuestion: the question asks what someone said (speech.go).
	saidQuestion bool
	units        []string // expectedUnits of q, nil when unknown
}

// timeWords open a question without being its subject ("原来的第一水厂…": the plant is).
var timeWords = lexicon.Set("timeWords")

// subjectOf is the first content run that is not a time word.
func subjectOf(runs []string) string {
	for _, r := range runs {
		if !timeWords[r] {
			return r
		}
	}
	return firstOr(runs)
}

func firstOr(runs []string) string {
	if len(runs) == 0 {
		return ""
	}
	return runs[0]
}

// markHeld records which question runs each candidate article holds (headline and text): a run
// one article holds and another lacks tells the articles apart ("包头市的市长" is not asked of an
// article about another city's mayor).
func (x *extractor) markHeld(cands []*candidate) {
	x.held = make(map[*candidate]map[string]bool, len(cands))
	x.elsewhere = map[string]bool{}
	for _, c := range cands {
		text := c.Headline + " " + strings.Join(c.Folded, " ")
		h := map[string]bool{}
		for _, r := range x.runs {
			if runeLen(r) >= 2 && holdsRun(text, r) && (!namesPlace(r) || strings.Contains(text, r)) {
				h[r] = true
				x.elsewhere[r] = true
			}
		}
		x.held[c] = h
	}
}

// namesPlace reports a run that is a place's whole name (青山县, 西堰区): an article holds it only
// by that name, not by a word sharing its first characters ("绿水青山" is no 青山县).
func namesPlace(run string) bool {
	r := []rune(run)
	return len(r) >= 3 && len(r) <= 5 && strings.ContainsRune(placeSuffixRunes, r[len(r)-1])
}

// listedIn reports a run, which sentence s does not hold, written in prev as an item of a list:
// one of its bigrams that s lacks right before 、/和/与/及 ("…新门诊楼和东湖幸福食堂").
func listedIn(prev, s, run string) bool {
	r := []rune(run)
	for i := 0; i+1 < len(r); i++ {
		bg := string(r[i : i+2])
		if strings.Contains(s, bg) {
			continue
		}
		if anyOccurrence(prev, bg, func(at int) bool {
			next, _ := utf8.DecodeRuneInString(prev[at+len(bg):])
			return strings.ContainsRune("、和与及", next)
		}) {
			return true
		}
	}
	return false
}

// leadingPlaceRe is a place's name opening a question's subject run: "河西县" of "河西县县长".
var leadingPlaceRe = regexp.MustCompile(lexicon.String("leadingPlaceRe"))

// leadingPlace is the place a subject run opens with when more follows it ("河西县县长" → 河西县),
// "" when none.
func leadingPlace(run string) string {
	m := leadingPlaceRe.FindString(run)
	if m == "" || m == run || strings.ContainsFunc(m, isStopRune) || strings.ContainsRune(measureWords, []rune(m)[0]) {
		return "" // "有几家景区门票优惠": 家 counts the scenic spots
	}
	if strings.HasSuffix(m, "区") && strings.ContainsRune(commonAreaRunes, []rune(m)[runeLen(m)-2]) {
		return "" // 景区, 社区, 市区… are kinds of area, not a district's name
	}
	return m
}

// commonAreaRunes make common nouns with 区 (景区, 社区, 小区, 城区, 园区…).
var commonAreaRunes = lexicon.String("commonAreaRunes")

// namesPlaceOf reports whether c is about place: it names it whole, or its paper does, or another
// candidate article of its edition does (a county paper writes 我县).
func (x *extractor) namesPlaceOf(c *candidate, place string) bool {
	held := func(c *candidate) bool {
		return strings.Contains(c.Headline, place) || slices.ContainsFunc(c.Folded, func(s string) bool { return strings.Contains(s, place) })
	}
	stem := string([]rune(place)[:runeLen(place)-1])
	if held(c) || c.Article.Paper != "" && strings.Contains(c.Article.Paper, stem) {
		return true
	}
	for other := range x.held {
		if other != c && c.Article.Date != "" && other.Article.Date == c.Article.Date && other.Article.Paper == c.Article.Paper && held(other) {
			return true
		}
	}
	return false
}

// holdsRun reports whether text holds at least half of run's character bigrams.
func holdsRun(text, run string) bool {
	rs := []rune(run)
	found := 0
	for i := 0; i+1 < len(rs); i++ {
		if strings.Contains(text, string(rs[i:i+2])) {
			found++
		}
	}
	return 2*found >= len(rs)-1
}

// editionPlace reports a subject that is a place another article of c's own edition names ("青山县的
// 第二水厂…": a county paper names its county in one article and says 县城 in the next), which every
// article of that edition is about.
func (x *extractor) editionPlace(c *candidate) bool {
	r := []rune(x.subject)
	if len(r) < 2 || !strings.ContainsRune(placeSuffixRunes, r[len(r)-1]) || c.Article.Date == "" {
		return false
	}
	for other, h := range x.held {
		if other != c && h[x.subject] && other.Article.Date == c.Article.Date && other.Article.Paper == c.Article.Paper {
			return true
		}
	}
	return false
}

// placement is the factor for the question runs other candidates hold and c does not: the
// subject missing weighs most.
func (x *extractor) placement(c *candidate) float64 {
	f := 1.0
	for r := range x.elsewhere {
		switch {
		case x.held[c][r]:
		case r == x.subject:
			f *= 0.5
		default:
			f *= 0.85
		}
	}
	return f
}

func (x *extractor) weight(t term) float64 { return t.Weight * x.idf[t.Text] }

// covered sums the weights of the terms found in s.
func (x *extractor) covered(s string) float64 {
	var sum float64
	for _, t := range x.terms {
		if t.in(s) {
			sum += x.weight(t)
		}
	}
	return sum
}

// extract picks the best answering sentence over the candidates; ok is false when there are no
// terms or no sentences.
func extract(res resolution, cands []*candidate) (pick, bool) {
	q := res.Q
	x := &extractor{q: q, prevArt: res.PrevArticle}
	x.terms = withoutChangeJunction(q, mergeTerms(q.Terms, res.Topic))
	if len(x.terms) == 0 {
		return pick{}, false
	}
	if isBylineQuestion(q) {
		if c, cov, ok := bylinePick(q, cands); ok {
			return pick{Cand: c, Byline: true, Evidence: cov, CharCov: cov, OwnCov: cov}, true
		}
	}
	if p, ok := x.rolePick(cands); ok {
		return p, true
	}
	x.idf = idfWeights(x.terms, cands)
	for _, t := range x.terms {
		x.total += x.weight(t)
	}
	x.anchors = anchorsOf(q)
	if x.asksEventPlace() {
		// "开幕式在哪里举行": the word before 在哪里 is the event, which the whole article is about;
		// placesEvent marks the answer instead.
		x.anchors = nil
	}
	x.runs = runsOf(q.Norm, q.QWord)
	x.ownRuns = x.runs
	if isEnglish(q.Raw) {
		x.runs = nil // only the content words count, not "what" or "is"
		for _, t := range q.Terms {
			x.runs = append(x.runs, t.Text)
		}
	}
	if len(res.Topic) > 0 {
		// A follow-up's evidence counts its inherited subject too ("它在哪里？").
		x.runs = capRuns(append(x.runs, res.TopicRuns...))
	}
	x.anchorSeen = anyContains(cands, x.anchors)
	if !x.anchorSeen && !x.asksEventPlace() {
		// "打完疫苗要在现场待多久": the word beside the question word (待) is the reader's, not the
		// text's ("在现场留观30分钟"); the nearest one the candidates hold marks the answer instead.
		x.anchors = reachAnchors(q, cands)
		x.anchorSeen = len(x.anchors) > 0
	}
	x.subject = subjectOf(x.runs)
	if len(res.Topic) > 0 {
		x.subject = firstOr(res.TopicRuns)
	}
	x.markHeld(cands)
	x.saidQuestion = asksWhatWasSaid(q)
	x.units = expectedUnits(q)
	var all []pick
	for _, c := range cands {
		for i := range c.Sents {
			all = append(all, x.score(c, i))
		}
	}
	if len(all) == 0 {
		return pick{}, false
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Score > all[j].Score })
	best := all[0]
	x.finish(&best)
	// The best-matching sentence may lack what is asked ("要多少钱" matched by the line's route, not
	// its fare): a close runner-up that has it answers instead.
	tried := 0
	for k := 1; best.Mismatch != "" && k < len(all) && tried < maxRerank && all[k].Score >= rerankShare*all[0].Score; k++ {
		alt := all[k]
		// Another article's sentence may answer another question: it must be as much about this
		// one as the best ("晶圆厂二期项目在哪里": the photo caption names the plant's workshop,
		// the news article where the plant stands).
		need := rerankCoverage * best.OwnCov
		if alt.Cand != all[0].Cand {
			need = best.OwnCov
		}
		tried++
		x.finish(&alt)
		if alt.Mismatch == "" && alt.OwnCov >= need {
			best = alt
			break
		}
	}
	best.Top = topRanked(all, maxExplainedSentences)
	return best, true
}

// A runner-up sentence is considered when the best one fails the compatibility checks: among
// the next maxRerank, scoring at least rerankShare of the best.
const (
	maxRerank   = 8
	rerankShare = 0.25
	// rerankCoverage: the runner-up must hold this share of the best one's evidence, so that it is
	// about the question too (0.5 lets "总投资1.36亿元" answer "住宿费每学期多少钱").
	rerankCoverage = 0.8
)

// mergeTerms appends topic terms not already in the question.
func mergeTerms(own, topic []term) []term {
	out := append([]term(nil), own...)
	seen := map[string]bool{}
	for _, t := range own {
		seen[t.Text] = true
	}
	for _, t := range topic {
		if !seen[t.Text] {
			seen[t.Text] = true
			out = append(out, t)
		}
	}
	return out
}

// wholeRunFit favours a sentence writing a run of the question's own words whole ("早稻种" in
// "早稻种植面积8.6万亩") over one matching its bigrams apart or by paraphrase ("水稻种植…早稻").
func (x *extractor) wholeRunFit(s string) float64 {
	for _, r := range x.ownRuns {
		if runeLen(r) >= 3 && isHan([]rune(r)[0]) && strings.Contains(s, r) {
			return wholeRunBonus
		}
	}
	return 1
}

// authorFit favours, for a person question about a work, the sentence naming its author.
const authorFit = 1.3

// authorWorkRe is a person's work: "罗一鸣的《稻田智能灌溉装置》", "孙桂芳凭借作品《百鸟朝凤》".
var authorWorkRe = regexp.MustCompile(lexicon.String("authorWorkRe"))

// authorOfAskedWork reports s naming the author of a work the question names.
func (x *extractor) authorOfAskedWork(s string) bool {
	for _, m := range authorWorkRe.FindAllStringSubmatch(s, -1) {
		for _, r := range x.ownRuns {
			if runeLen(r) >= 3 && holdsRun(m[1], r) {
				return true
			}
		}
	}
	return false
}

// wholeRunBonus is wholeRunFit's factor.
const wholeRunBonus = 1.05

// finish decides on joining the previous sentence, measures the evidence, cuts the answer and
// runs the refusal checks (refusal.go) stage by stage, recording the first that refuses.
func (x *extractor) finish(p *pick) {
	c := p.Cand
	window := x.joinPrevious(p)
	seen := x.evidenceText(p, window)
	p.CharCov = charCoverage(x.runs, seen)
	p.OwnCov = charCoverage(x.ownRuns, seen)
	p.Evidence = p.CharCov
	in := &checkInput{x: x, p: p, window: window, headline: c.Headline}
	p.Check, p.Mismatch = refuse(stageWindow, in)
	if p.Mismatch == "" {
		p.Check, p.Mismatch = refuse(stageArticle, in)
	}
	if p.From < p.Sent && p.Mismatch == "" {
		x.answerAlone(p)
	}
	if p.Mismatch == "" {
		p.Check, p.Mismatch = refuse(stageContext, in)
	}
	s := c.Folded[p.Sent]
	p.Unit, p.Span = x.cut(s, c.Shown[p.Sent])
	if x.saidQuestion && emptySpeech(p.Unit) {
		x.speechContent(p, false)
	} else if x.saidQuestion && x.missesGroup(p) {
		x.speechContent(p, true)
	}
	if p.Mismatch == "" {
		p.Check, p.Mismatch = refuse(stageAnswer, in)
	}
}

// answerAlone: joined to the sentence before, the answer may be in that one ("…总投资约86亿元。
// 目前,地铁3号线…"): answer from it alone when this one lacks what is asked, unless that one fails
// alone too: the date of one sentence and the act of the other ("…报名通道开通仅2个小时…。去年秋季
// 班…") answer nothing together, nor does a fee and the next sentence's 免费 tell what building cost.
func (x *extractor) answerAlone(p *pick) {
	c := p.Cand
	check, why := refuse(stageWindow, &checkInput{x: x, p: p, window: c.Folded[p.Sent], headline: c.Headline})
	if why == "" {
		return
	}
	if _, before := refuse(stageWindow, &checkInput{x: x, p: p, window: c.Folded[p.From], headline: c.Headline}); before != "" {
		p.Check, p.Mismatch = check, why+"; the sentence before has "+before
		return
	}
	p.Sent = p.From
}

// otherEventFit weighs a date sentence that lacks the event asked about while its article tells it.
const otherEventFit = 0.5

// eventAsked is the event a date question asks the time of, the words right after its question
// word ("什么时候能通车" → "通车"), "" when none.
func (x *extractor) eventAsked() string {
	if x.q.Type != qtDate || x.q.QPos < 0 {
		return ""
	}
	rest := []rune(x.q.Norm)[x.q.QPos+runeLen(x.q.QWord):]
	for len(rest) > 0 && isStopRune(rest[0]) {
		rest = rest[1:]
	}
	ev := firstRun(string(rest))
	if runeLen(ev) < 2 || abstractNouns[ev] {
		return ""
	}
	return ev
}

// articleHolds reports whether some sentence of c shares a bigram with w.
func articleHolds(c *candidate, w string) bool {
	for _, s := range c.Folded {
		if sharesBigram(w, s) {
			return true
		}
	}
	return false
}

// pairFit favours, for a pair question, sentences naming two parties before the act.
const pairFit = 1.5

// surelyAligned is how many characters of the question's context must match around a span for
// it to beat a head-noun phrase.
const surelyAligned = 4

// minYesNoEvidence is the evidence a yes/no answer needs, above DefaultMinEvidence.
const minYesNoEvidence = 0.6

// quoteNextShare is the share of a term's weight that a quotation earns when the sentence after
// it, which names the speaker, holds the term.
const quoteNextShare = 0.8

// quoteLeads reports a sentence i of c that is a whole quotation followed, in its paragraph, by the
// sentence saying who spoke: features open with a quote and name its speaker after it. Only a
// figure or a date is read this way: a quote seldom tells where or what something is.
func (x *extractor) quoteLeads(c *candidate, i int) bool {
	if x.q.Type != qtNumber && x.q.Type != qtDate || i+1 >= len(c.Sents) || !sameParagraph(c, i, i+1) {
		return false
	}
	s := strings.TrimSpace(c.Folded[i])
	return (strings.HasPrefix(s, "“") || strings.HasPrefix(s, "\"")) &&
		(strings.HasSuffix(s, "”") || strings.HasSuffix(s, "\""))
}

// referredShare is the share of a term's weight that a sentence referring back to the article's
// subject ("该线路…") earns when the sentences it refers to hold the term.
const referredShare = 0.55

// evidenceText is what p's window is read as for evidence: the window and the headline, the
// question words a paraphrase of which they hold, and what a reference in the window stands for.
func (x *extractor) evidenceText(p *pick, window string) string {
	c := p.Cand
	seen := window + " " + c.Headline
	if x.quoteLeads(c, p.Sent) {
		seen += " " + c.Folded[p.Sent+1]
	}
	extra := paraphrased(x.terms, seen)
	extra = append(extra, referredRuns(x.runs, seen, referredText(c, p.From))...)
	if len(extra) == 0 {
		return seen
	}
	return seen + " " + strings.Join(extra, " ")
}

// joinPrevious joins the sentence before p's when it supplies a good share of the question's
// terms that p's sentence lacks (its subject, typically), and returns the quoted window.
func (x *extractor) joinPrevious(p *pick) string {
	c := p.Cand
	s := c.Folded[p.Sent]
	if p.Sent == 0 || !sameParagraph(c, p.Sent-1, p.Sent) {
		return s
	}
	prev := c.Folded[p.Sent-1]
	var gain float64
	for _, t := range x.terms {
		if !t.in(s) && t.in(prev) {
			gain += x.weight(t)
		}
	}
	if gain < 0.2*x.total || runeLen(prev)+runeLen(s) > maxQuoteRunes {
		return s
	}
	p.From = p.Sent - 1
	return prev + s
}

// sameParagraph reports whether sentences i and j of c are in one paragraph.
func sameParagraph(c *candidate, i, j int) bool {
	return !strings.Contains(c.Article.Text[c.Sents[i].End:c.Sents[j].Start], "\n")
}

// openingSubject is the length of the words that open sr up to its first 是 or comma, 0 when they
// are longer than a name.
func openingSubject(sr []rune) int {
	for i, r := range sr {
		if r == '是' || isClauseBreak(r) {
			if i >= 2 && i <= 8 {
				return i
			}
			return 0
		}
	}
	return 0
}

// resolveAmong names what "其中" (among them) refers to when the clause was cut from the sentence
// that says it and the question names it: "…东延段…6座车站,其中高铁新城站可与城际铁路换乘" →
// "东延段高铁新城站可与城际铁路换乘".
func (x *extractor) resolveAmong(sr, shown []rune, us int, unit string) string {
	if !strings.HasPrefix(unit, "其中") {
		return unit
	}
	for _, r := range x.ownRuns {
		if runeLen(r) < 2 {
			continue
		}
		if i := strings.Index(string(sr[:us]), r); i >= 0 {
			at := runeLen(string(sr[:us])[:i])
			return string(shown[at:at+runeLen(r)]) + strings.TrimLeft(strings.TrimPrefix(unit, "其中"), ",，")
		}
	}
	return unit
}

// extendPeople reaches back over comma clauses that hold titled names ("区长恽淇丞,旗长黄龙见证…").
func (x *extractor) extendPeople(sr []rune, us int) int {
	for us > 1 {
		prev := clauseStart(sr, us-1, false)
		if isMajorBreak(sr[us-1]) || !personRe.MatchString(string(sr[prev:us-1])) || us-1-prev > 24 {
			break
		}
		us = prev
	}
	return us
}

// typedNearTerms finds a typed answer (a number for 多少) after the first question term in the
// sentence, for questions without a question word ("那人口呢？" inheriting 多少).
func (x *extractor) typedNearTerms(sr []rune) (int, int, bool) {
	s := string(sr)
	pos := -1
	// The question's own words, whole, place the answer best ("末班车" rather than the "班车" of
	// "首班车"); single terms are the fallback.
	for _, r := range runsOf(x.q.Norm, x.q.QWord) {
		if i := strings.Index(s, r); i >= 0 && runeLen(r) >= 2 && (pos < 0 || i < pos) {
			pos = i
		}
	}
	if pos < 0 {
		for _, t := range x.q.Terms {
			if i := strings.Index(s, t.Text); i >= 0 && (pos < 0 || i < pos) {
				pos = i
			}
		}
	}
	if pos < 0 {
		return 0, 0, false
	}
	// The typed thing nearest the question's words within their clause, before or after them
	// ("今年11月9日是第33个全国消防日" for "第33个全国消防日是哪天"), else just after the clause.
	from := runeLen(s[:pos])
	cs, ce := clauseStart(sr, from, false), clauseEnd(sr, from, false)
	bestS, bestE, bestD := 0, 0, -1
	for at := cs; ; {
		ts, te, ok := typedSpanFrom(x.q.Type, s, at)
		if !ok || ts >= ce {
			break
		}
		if d := abs(ts - from); (bestD < 0 || d < bestD) && x.fitsType(sr[ts:te]) {
			bestS, bestE, bestD = ts, te, d
		}
		at = te
	}
	if bestD >= 0 {
		// "什么时候启动的": "昨天上午,2024年武进区…活动启动" is dated by 昨天上午; 2024年 names the
		// campaign's year.
		if x.q.Type == qtDate && !asksYear(x.q) && bareYearRe.MatchString(string(sr[bestS:bestE])) && cs > 1 {
			ps := clauseStart(sr, cs-1, false)
			if ts, te, ok := typedSpanIn(qtDate, string(sr[ps:cs-1]), true); ok && !bareYearRe.MatchString(string(sr[ps+ts:ps+te])) {
				return ps + ts, ps + te, true
			}
		}
		return bestS, bestE, true
	}
	// A place often opens the sentence before its event: "在嘉泽镇新时代文明实践所,王冰一行听取了…".
	if x.q.Type == qtPlace && cs > 1 {
		ps := clauseStart(sr, cs-1, false)
		if opener := string(sr[ps : cs-1]); strings.HasPrefix(opener, "在") && placeRe.MatchString(opener) {
			return ps, cs - 1, true
		}
	}
	// The clause of the question's first word holds none ("县城第二水厂位于城东新区,…,设计日供水能力
	// 10万吨" for "新水厂一天能供多少水"): the typed thing in the clause holding most of the question.
	if ts, te, ok := x.typedInBestClause(sr); ok {
		return ts, te, true
	}
	// A time often opens the sentence before its event: "13日夜间至14日,我市将出现明显降温".
	if x.q.Type == qtDate && cs > 1 {
		ps := clauseStart(sr, cs-1, false)
		if ts, te, ok := typedSpanIn(qtDate, string(sr[ps:cs-1]), true); ok {
			return ps + ts, ps + te, true
		}
	}
	start, end, ok := typedSpanFrom(x.q.Type, s, from)
	if !ok || start-from > 12 {
		return 0, 0, false
	}
	return start, end, true
}

// fitsType reports whether a typed span may answer: a quantity question is not answered by an
// ordinal ("第二水厂"), see hasAnswerFor.
func (x *extractor) fitsType(span []rune) bool {
	return hasAnswerFor(x.q, string(span))
}

// typedInBestClause is the first typed span of the comma clause of sr that holds the most question
// weight among the clauses holding one; ok is false when no such clause holds a question term.
func (x *extractor) typedInBestClause(sr []rune) (int, int, bool) {
	bestS, bestE, bestW := 0, 0, 0.0
	start := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !isClauseBreak(sr[i]) {
			continue
		}
		if i > start {
			clause := string(sr[start:i])
			if w := x.covered(clause); w > bestW {
				for at := 0; ; {
					ts, te, ok := typedSpanFrom(x.q.Type, clause, at)
					if !ok {
						break
					}
					if cr := []rune(clause); x.fitsType(cr[ts:te]) {
						bestS, bestE, bestW = start+ts, start+te, w
						break
					}
					at = te
				}
			}
		}
		start = i + 1
	}
	return bestS, bestE, bestW > 0
}

// termClauses spans the first to the last comma clause of sr holding a question term.
func (x *extractor) termClauses(sr []rune) (int, int) {
	first, last := -1, -1
	start := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !isClauseBreak(sr[i]) {
			continue
		}
		if i > start && x.covered(string(sr[start:i])) > 0 {
			if first < 0 {
				first = start
			}
			last = i
		}
		start = i + 1
	}
	if first < 0 {
		return 0, len(sr)
	}
	return first, last
}

// aspectClause is the comma clause of sr holding most of the keyword query's last run: a query
// names its topic first and the aspect asked about last ("东延段 换乘"), and the sentence's other
// clauses tell of the topic's other aspects.
func (x *extractor) aspectClause(sr []rune) (int, int) {
	last := -1
	for _, t := range x.q.Terms {
		last = max(last, t.Run)
	}
	bestS, bestE, bestW := 0, len(sr), 0.0
	start := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !isClauseBreak(sr[i]) {
			continue
		}
		if i > start {
			var w float64
			for _, t := range x.q.Terms {
				if t.Run == last && t.in(string(sr[start:i])) {
					w += x.weight(t)
				}
			}
			if w > bestW {
				bestS, bestE, bestW = start, i, w
			}
		}
		start = i + 1
	}
	if bestW == 0 {
		return x.bestClause(sr)
	}
	return bestS, bestE
}

// bestTypedClause is the comma clause of sr holding the most question weight among those holding
// what the question asks for (a person; for a contest's winner, a team too).
func (x *extractor) bestTypedClause(sr []rune) (int, int, bool) {
	bestS, bestE, bestW := 0, 0, -1.0
	start := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !isClauseBreak(sr[i]) {
			continue
		}
		clause := string(sr[start:i])
		typed := hasTyped(x.q.Type, clause) || x.q.Type == qtPerson && asksWinner(x.q) && orgRe.MatchString(clause)
		if i > start && typed {
			if w := x.covered(clause); w > bestW {
				bestS, bestE, bestW = start, i, w
			}
		}
		start = i + 1
	}
	return bestS, bestE, bestW >= 0
}

// actClause is the comma clause of sr telling the act a who-question asks the doer of (agentRole),
// when it names an organisation or a person.
func (x *extractor) actClause(sr []rune) (int, int, bool) {
	act := agentRole(x.q)
	if act == "" {
		return 0, 0, false
	}
	start := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !isClauseBreak(sr[i]) {
			continue
		}
		clause := string(sr[start:i])
		if i > start && (sharesBigram(act, clause) || paraphraseIn(x.q, act, clause)) &&
			(orgRe.MatchString(clause) || personRe.MatchString(clause)) {
			return start, i, true
		}
		start = i + 1
	}
	return 0, 0, false
}

// bestClause is the comma clause of sr holding the most question weight.
func (x *extractor) bestClause(sr []rune) (int, int) {
	bestS, bestE, bestW := 0, len(sr), -1.0
	start := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !isClauseBreak(sr[i]) {
			continue
		}
		if i > start {
			if w := x.covered(string(sr[start:i])); w > bestW {
				bestS, bestE, bestW = start, i, w
			}
		}
		start = i + 1
	}
	return bestS, bestE
}

// subjectFor returns the sentence's opening subject when the answer clause leaves it out and the
// question names it: "达茂旗是…,总面积18177平方千米" answers "达茂旗总面积18177平方千米".
func (x *extractor) subjectFor(sr, shown []rune, unit string) string {
	ask := x.q.Norm
	for _, t := range x.terms {
		if t.Weight < 1 {
			ask += " " + t.Text
		}
	}
	best := 0
	for n := 2; n <= min(len(sr), 12); n++ {
		p := string(sr[:n])
		if isPunctOrSpace(sr[n-1]) {
			break
		}
		if strings.Contains(ask, p) || x.topicHas(p) {
			best = n
		}
	}
	for best > 0 && strings.ContainsRune(trailingLight, sr[best-1]) {
		best-- // "达茂旗", not "达茂旗是"
	}
	if best < 2 || strings.Contains(asciiLower(fold(unit)), string(sr[:best])) {
		return ""
	}
	return string(shown[:best]) // as written: "K8路", not the question's "k8路"
}

// topicHas reports whether every bigram of p is an inherited topic term (a follow-up's subject).
func (x *extractor) topicHas(p string) bool {
	rs := []rune(p)
	for i := 0; i+1 < len(rs); i++ {
		found := false
		for _, t := range x.terms {
			if t.Weight < 1 && t.Run >= 0 && t.Text == string(rs[i:i+2]) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// anchorsOf returns the content bigrams adjacent to the question word: the last one before it
// (light characters such as 是 skipped) and the first one after it.
func anchorsOf(q question) []string {
	if q.QPos < 0 {
		return nil
	}
	qr := []rune(q.Norm)
	var out []string
	left := qr[:q.QPos]
	for len(left) > 0 && strings.ContainsRune(trailingLight, left[len(left)-1]) {
		left = left[:len(left)-1]
	}
	if n := len(left); n >= 2 && isContentBigram(left[n-2], left[n-1]) {
		out = append(out, string(left[n-2:]))
	}
	right := qr[q.QPos+runeLen(q.QWord):]
	// "什么时候能通车": the modal is the reader's; the act (通车) marks the answer.
	for len(right) > 0 && strings.ContainsRune(leadingLight+modalRunes, right[0]) {
		right = right[1:]
	}
	if len(right) >= 2 && isContentBigram(right[0], right[1]) {
		out = append(out, string(right[:2]))
	}
	return out
}

// anchorReach is how many characters past the question word's neighbours reachAnchors looks.
const anchorReach = 3

// reachAnchors is anchorsOf reaching past neighbours no candidate holds: on each side, the nearest
// content bigram within anchorReach characters that some candidate sentence holds.
func reachAnchors(q question, cands []*candidate) []string {
	if q.QPos < 0 {
		return nil
	}
	qr := []rune(q.Norm)
	var out []string
	left := qr[:q.QPos]
	for len(left) > 0 && strings.ContainsRune(trailingLight, left[len(left)-1]) {
		left = left[:len(left)-1]
	}
	for k := len(left); k >= 2 && len(left)-k <= anchorReach; k-- {
		if b := left[k-2 : k]; isContentBigram(b[0], b[1]) && anyContains(cands, []string{string(b)}) && !inHeadline(cands, string(b)) &&
			!timeOfDay[string(b)] {
			out = append(out, string(b))
			break
		}
	}
	right := qr[q.QPos+runeLen(q.QWord):]
	for len(right) > 0 && strings.ContainsRune(leadingLight, right[0]) {
		right = right[1:]
	}
	for k := 0; k+1 < len(right) && k <= anchorReach; k++ {
		if b := right[k : k+2]; isContentBigram(b[0], b[1]) && anyContains(cands, []string{string(b)}) && !inHeadline(cands, string(b)) {
			out = append(out, string(b))
			break
		}
	}
	return out
}

// totalWords may stand between a measured thing and its number.
var totalWords = lexicon.Words("totalWords")

// typedFor reports whether s holds what q asks for: for a number question whose unit is known
// (多少老人 → 人/名/人次), a number in that unit; else hasAnswerFor.
func (x *extractor) typedFor(s string) bool {
	if !hasAnswerFor(x.q, s) {
		return false
	}
	units := x.units
	if units == nil || asksFrequency(x.q) {
		return true
	}
	return hasNumberIn(s, units) || slices.Contains(units, "天") && dateRangeRe.MatchString(s) ||
		len(units) == 1 && units[0] == "元" && containsAnyOf(s, freeWords)
}

// tightAnchorFit favours, for a number question, a sentence whose number follows the words right
// before the question word.
const tightAnchorFit = 1.15

// numberRightAfterAnchor reports an anchor of the question (the bigram before its question word)
// followed in s by a number, with at most a linking character between ("进出口243亿元", "总投资约
// 58亿元").
func (x *extractor) numberRightAfterAnchor(s string) bool {
	for _, a := range x.anchors {
		for off := 0; ; {
			i := strings.Index(s[off:], a)
			if i < 0 {
				break
			}
			at := off + i + len(a)
			rest := s[at:]
			for _, w := range totalWords {
				rest = strings.TrimPrefix(rest, w) // "出口总额721亿元"
			}
			if _, _, ok := numberRightAfter([]rune(rest), 0); ok {
				return true
			}
			off = at
		}
	}
	return false
}

// headAltIn reports whether s holds what may stand for anchor a when a is the head noun of a
// 什么X question (headNoun's alternatives).
func (x *extractor) headAltIn(a, s string) bool {
	head, alts := headNoun(x.q)
	if head != a {
		return false
	}
	for _, alt := range alts {
		if strings.Contains(s, alt) {
			return true
		}
	}
	return false
}

// timeOfDay words qualify when, not what: no anchor ("图书馆晚上开到几点" is not marked by 晚上).
var timeOfDay = lexicon.Set("timeOfDay")

// modalRunes stand between a question word and its verb ("什么时候能通车", "几点会开门").
var modalRunes = lexicon.String("modalRunes")

// inHeadline reports a bigram some candidate's headline holds: the article's topic, which marks
// no sentence of it in particular.
func inHeadline(cands []*candidate, b string) bool {
	for _, c := range cands {
		if strings.Contains(c.Headline, b) {
			return true
		}
	}
	return false
}

func isContentBigram(a, b rune) bool {
	return isHan(a) && isHan(b) && !isStopRune(a) && !isStopRune(b)
}

// asciiLower lower-cases ASCII letters only, keeping every rune in place.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// anyContains reports whether any candidate sentence contains any of pieces.
func anyContains(cands []*candidate, pieces []string) bool {
	for _, c := range cands {
		for _, s := range c.Folded {
			for _, p := range pieces {
				if strings.Contains(s, p) {
					return true
				}
			}
		}
	}
	return false
}

// charCoverage is the share of the runs' characters that lie inside a substring of two or more
// characters found in text: a word split differently ("防火知识" vs "消防安全知识") still counts
// for what it shares, and a bigram straddling two words costs nothing by itself.
func charCoverage(runs []string, text string) float64 {
	total, covered := 0, 0
	for _, run := range runs {
		rs := []rune(run)
		total += len(rs)
		marked := make([]bool, len(rs))
		for i := 0; i+1 < len(rs); i++ {
			if strings.Contains(text, string(rs[i:i+2])) {
				marked[i], marked[i+1] = true, true
			}
		}
		if len(rs) == 1 && strings.Contains(text, run) {
			marked[0] = true
		}
		for _, m := range marked {
			if m {
				covered++
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(covered) / float64(total)
}

// titleSuffixes end a title written right before a name (旗长黄龙, 副局长李茅茅).
var titleBeforeRe = regexp.MustCompile(lexicon.String("titleBeforeRe"))

// titleBefore reports whether the question's subject (its first content run) appears in s right
// after a title, as in "达茂旗委副书记、旗长黄龙".
func (x *extractor) titleBefore(s string) bool {
	if len(x.runs) == 0 {
		return false
	}
	return anyOccurrence(s, x.runs[0], func(at int) bool { return titleBeforeRe.MatchString(s[:at]) })
}

// anyOccurrence reports whether ok holds at the byte offset of some occurrence of sub in s
// (occurrences not overlapping, left to right).
func anyOccurrence(s, sub string, ok func(at int) bool) bool {
	for at := strings.Index(s, sub); at >= 0; {
		if ok(at) {
			return true
		}
		next := strings.Index(s[at+len(sub):], sub)
		if next < 0 {
			return false
		}
		at += len(sub) + next
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// News sentences tell what is done (已, 累计, 截至) apart from what is planned (计划, 将, 预计);
// a question asking one way prefers sentences told the same way ("已经加装了多少台" → "已累计加装
// 1126台", not "计划再完成加装300台").
var (
	doneCues    = lexicon.Words("doneCues")
	plannedCues = lexicon.Words("plannedCues")
)

func aspectOf(s string) (done, planned bool) {
	for _, c := range doneCues {
		if strings.Contains(s, c) {
			done = true
		}
	}
	for _, c := range plannedCues {
		if strings.Contains(s, c) {
			planned = true
		}
	}
	return done, planned
}

// aspectFit is the factor for a sentence's aspect against the question's.
func aspectFit(question, sentence string) float64 {
	qDone, qPlanned := aspectOf(question)
	// "增长了多少": a question in the past asks what was done, not what is aimed at.
	if strings.Contains(question, "了") && !strings.Contains(question, "了解") {
		qDone = true
	}
	if qDone == qPlanned {
		return 1 // the question does not say, or says both
	}
	sDone, sPlanned := aspectOf(sentence)
	switch {
	case qDone && sDone && !sPlanned, qPlanned && sPlanned && !sDone:
		return 1.2
	case qDone && sPlanned && !sDone, qPlanned && sDone && !sPlanned:
		return 0.85
	}
	return 1
}

// countedNounSpan finds the number written right before the counted noun of a number question
// (the noun after 多少/几, or its ending: "接种点" of "流感疫苗接种点"), as rune offsets of sr.
func countedNounSpan(q question, sr []rune) (int, int, bool) {
	noun := []rune(nounAfter(q, true))
	s := string(sr)
	for n := len(noun); n >= 2; n-- {
		tail := string(noun[len(noun)-n:])
		for off := 0; ; {
			i := strings.Index(s[off:], tail)
			if i < 0 {
				break
			}
			at := off + i
			if ns, ne, ok := numberEndingAt(s, at); ok && (hasAnswerFor(q, s[ns:ne]) || wholeNumeralRe.MatchString(s[ns:ne])) {
				if wholeNumeralRe.MatchString(s[ns:ne]) {
					ne = at + len(tail) // "八车道": a bare numeral reads with its noun
				}
				return runeLen(s[:ns]), runeLen(s[:ne]), true
			}
			// or right after it: "新建口袋公园3处" for "几个口袋公园"
			if n >= 3 || n == len(noun) {
				from := runeLen(s[:at+len(tail)])
				if ns, ne, ok := numberRightAfter(sr, from); ok && hasAnswerFor(q, string(sr[ns:ne])) {
					return ns, ne, true
				}
			}
			off = at + len(tail)
		}
	}
	return 0, 0, false
}

// numberEndingAt is the number (with its measure word) that ends exactly at byte offset at of s.
func numberEndingAt(s string, at int) (int, int, bool) {
	head := s[:at]
	// a bare Chinese numeral counts the noun right after it: "双向八车道"
	if loc := bareNumeralRe.FindStringIndex(head); loc != nil && !strings.HasSuffix(head[:loc[0]], "第") {
		return loc[0], loc[1], true // (not the ordinal "第二污水处理厂")
	}
	locs := numberRe.FindAllStringIndex(head, -1)
	if len(locs) == 0 {
		return 0, 0, false
	}
	last := locs[len(locs)-1]
	if last[1] != at || !hasNumeral(head[last[0]:last[1]]) {
		return 0, 0, false
	}
	return last[0], last[1], true
}

// measureOnly reports a number question whose expected unit is only the measure word 个 after its
// question word (几个, 多少个): the text may count the same thing in another measure word.
func measureOnly(q question) bool {
	units := expectedUnits(q)
	return len(units) > 0 && units[0] == "个"
}

// eventPlaceFit favours, for a question where an event takes place, a sentence telling the event
// at a place ("在县体育中心开幕").
const eventPlaceFit = 1.6

// asksEventPlace reports a question for where an event takes place ("在哪里举行").
func (x *extractor) asksEventPlace() bool {
	return x.q.Type == qtPlace && x.q.QPos >= 0 && !asksWhereItIs(x.q) && firstRun(string(placeNounTrimmed(x.q))) != ""
}

// placesEvent reports "在X<act>" in s, the act being the verb after the question's 在哪里 ("举行")
// or its paraphrase, or the act a ceremony is named after ("开幕式" → 开幕).
func (x *extractor) placesEvent(s string) bool {
	acts := []string{ceremonyStem(x.q)}
	if v := firstRun(string(placeNounTrimmed(x.q))); runeLen(v) >= 2 {
		acts = append(acts, v)
		acts = append(acts, paraphraseIndex[v]...)
	}
	sr := []rune(s)
	for i, r := range sr {
		if r != '在' {
			continue
		}
		window := string(sr[i+1 : min(len(sr), i+16)])
		if cut := strings.IndexAny(window, ",，;；。"); cut >= 0 {
			window = window[:cut]
		}
		for _, a := range acts {
			if a != "" && strings.Contains(window, a) {
				return true
			}
		}
	}
	return false
}

// The words opensWithReference looks for (lexicon section [opensWithReference]).
var opensWithReferenceWords = lexicon.Words("opensWithReference")

// opensWithReference reports a sentence that starts by referring back ("该工程", "其中", "这一项目").
func opensWithReference(s string) bool {
	for _, p := range opensWithReferenceWords {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// bareYearRe is a year alone ("2024年", "2024年度").
var bareYearRe = regexp.MustCompile(lexicon.String("bareYearRe"))

// asksYear reports a question for a year (哪年, 哪一年).
func asksYear(q question) bool {
	return q.QWord == "哪年" || q.QWord == "哪一年" || q.QWord == "何年"
}

// eventPlaceSpan is, for a question where an event takes place, the place of a "在X" phrase of sr:
// the one followed in its clause by the act asked ("在县体育中心开幕"), else one that opens the
// sentence as its own clause ("在嘉泽镇新时代文明实践所,王冰一行听取了…").
func (x *extractor) eventPlaceSpan(sr []rune) (int, int, bool) {
	acts := []string{ceremonyStem(x.q)}
	if v := firstRun(string(placeNounTrimmed(x.q))); runeLen(v) >= 2 {
		acts = append(acts, v)
		acts = append(acts, paraphraseIndex[v]...)
	}
	for i, r := range sr {
		if r != '在' || i+1 >= len(sr) {
			continue
		}
		end := clauseEnd(sr, i+1, false)
		phrase := string(sr[i+1 : end])
		for _, a := range acts {
			if a == "" {
				continue
			}
			if k := strings.Index(phrase, a); k > 0 && placeLike(phrase[:k], string(sr)) {
				return i + 1, i + 1 + runeLen(phrase[:k]), true
			}
		}
		if i == 0 && end < len(sr) && placeLike(phrase, string(sr)) {
			return 1, end, true
		}
	}
	return 0, 0, false
}

// bareNumeralRe is a Chinese numeral ending a text, with no measure word ("双向八");
// wholeNumeralRe is such a numeral alone.
var (
	bareNumeralRe  = regexp.MustCompile(lexicon.String("bareNumeralRe"))
	wholeNumeralRe = regexp.MustCompile(lexicon.String("wholeNumeralRe"))
)

// indexAnyOf is the byte offset of the first of words found in s, -1 when none.
func indexAnyOf(s string, words []string) int {
	at := -1
	for _, w := range words {
		if i := strings.Index(s, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}

// The words countList looks for (lexicon section [countList]).
var countListWords = lexicon.Words("countList")

// countList reports a unit whose 、 joins counts, not names ("另有2个项目获二等奖、1个项目获三等奖"
// does not say which projects won), and which joins nothing else.
func countList(unit string) bool {
	parts := strings.Split(unit, "、")
	if len(parts) < 2 || containsAnyOf(unit, countListWords) {
		return false
	}
	for _, part := range parts[1:] {
		if !countOpensRe.MatchString(part) {
			return false
		}
	}
	return true
}

// countOpensRe is a count opening a list item: "1个项目…", "三名…".
var countOpensRe = regexp.MustCompile(lexicon.String("countOpensRe"))

// listMarks join the items of a list.
var listMarks = lexicon.Words("listMarks")

// scoreRe is a match score ("3∶1", "17比13").
var scoreRe = regexp.MustCompile(lexicon.String("scoreRe"))

// reachPerson moves the start of an answer to a who-question back over up to three comma clauses
// of its sentence when the answer names no one: "东湖区队前锋李明宇上演“帽子戏法”，独中三元，当选
// 本届比赛最佳射手" answers "谁是最佳射手" from its subject on.
func reachPerson(sr []rune, us, ue int) int {
	if personRe.MatchString(string(sr[us:ue])) {
		return us
	}
	for k, at := 0, us; k < 3 && at > 1 && !isMajorBreak(sr[at-1]); k++ {
		at = clauseStart(sr, at-1, false)
		if personRe.MatchString(string(sr[at:us])) {
			return at
		}
	}
	return us
}
