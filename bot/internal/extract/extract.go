package extract

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"newsbot/corpus"
	"newsbot/internal/logreg"
	"newsbot/lexicon"
	"newsbot/retrieval"
)

// The extractive answerer: among the sentences of the retrieved articles it picks the one that best
// matches the question's content terms (weighted by how rare they are among those sentences), of
// the kind the question asks for (a number for 多少, a person for 谁…), then isolates the answer
// span and a concise clause around it. Everything it quotes is cut from the article's own text.

// candidateArticles is how many retrieved articles are read for an answer.
const CandidateArticles = 4

// maxQuoteRunes bounds a quote made of two joined sentences.
const maxQuoteRunes = 260

// candidate is one retrieved article prepared for sentence matching.
type Candidate struct {
	Article  corpus.Article
	Rank     int
	Sents    []span   // sentences of Article.Text
	Folded   []string // folded, lower-case sentences (for matching)
	Shown    []string // sentences as written (for answer text), rune-aligned with Folded
	Headline string   // folded, lower-case kicker, title and column
}

// pick is the extractive answerer's choice: a sentence (possibly joined to the one before it), how
// well it answers, and the answer text cut from it.
type Pick struct {
	Cand     *Candidate
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
func (p Pick) Quote() string {
	return p.Cand.Article.Text[p.Cand.Sents[p.From].Start:p.Cand.Sents[p.Sent].End]
}

func PrepareCandidates(results []retrieval.Result, limit int) []*Candidate {
	var cands []*Candidate
	for i, r := range results {
		if i >= limit {
			break
		}
		c := &Candidate{Article: r.Article, Rank: i, Sents: SplitSentences(r.Article.Text)}
		for _, s := range c.Sents {
			// Answers are cut from the text as written (its letters' case, its brackets); matching
			// reads the folded, lower-case form, rune for rune the same.
			shown := r.Article.Text[s.Start:s.End]
			// Traditional-character text is matched simplified, as the question is.
			folded := AsciiLower(retrieval.FoldText(shown))
			if runeLen(shown) != runeLen(folded) {
				shown = fold(shown)
			}
			c.Shown = append(c.Shown, shown)
			c.Folded = append(c.Folded, folded)
		}
		c.Headline = AsciiLower(retrieval.FoldText(r.Article.Kicker + " " + r.Article.Title + " " + r.Article.Column))
		cands = append(cands, c)
	}
	return cands
}

// idfWeights weighs each term by its rarity among the candidates' sentences: a term every sentence
// has (the district's name) tells less than one only the answer has.
func idfWeights(terms []term, cands []*Candidate) map[string]float64 {
	n := 0
	df := make(map[string]int, len(terms))
	for _, c := range cands {
		for _, s := range c.Folded {
			n++
			for _, t := range terms {
				if t.In(s) {
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
type Extractor struct {
	Q       question
	Terms   []term // question terms plus inherited topic terms
	idf     map[string]float64
	total   float64  // sum of weights of all terms
	PrevArt string   // article of the previous turn's answer (follow-ups)
	anchors []string // the question's bigrams right beside its question word
	runs    []string // content runs of the question and its inherited topic
	ownRuns []string // content runs of the question alone
	// anchorSeen: some candidate sentence holds an anchor, so sentences without one are weaker.
	anchorSeen bool
	subject    string                         // the question's (or the conversation's) first content run
	held       map[*Candidate]map[string]bool // runs each candidate article holds
	elsewhere  map[string]bool                // runs some candidate article holds
	// saidQuestion: the question asks what someone said (speech.go).
	saidQuestion bool
	units        []string // expectedUnits of q, nil when unknown
	forms        []bool   // which of questionForms the question has (formOn), nil until asked
}

// commonAreaRunes make common nouns with 区 (景区, 社区, 小区, 城区, 园区…).
var commonAreaRunes = lexicon.String("commonAreaRunes")

func (x *Extractor) weight(t term) float64 { return t.Weight * x.idf[t.Text] }

// Extract picks the best answering sentence over the candidates as the engine does by default
// (the sentence model choosing among the chosen article's best); ok is false when there are no
// terms or no sentences.
func Extract(res Resolution, cands []*Candidate) (Pick, bool) {
	return ExtractWith(res, cands, SentenceModel)
}

// extractWith is extract with the sentence model m choosing the answering sentence among the
// chosen article's best (sentmodel.go); nil leaves the choice to the scorer's rules.
func ExtractWith(res Resolution, cands []*Candidate, m *logreg.Model) (Pick, bool) {
	q := res.Q
	x := &Extractor{Q: q, PrevArt: res.PrevArticle}
	x.Terms = WithoutChangeJunction(q, MergeTerms(q.Terms, res.Topic))
	if len(x.Terms) == 0 {
		return Pick{}, false
	}
	if IsBylineQuestion(q) {
		if c, cov, ok := bylinePick(q, cands); ok {
			return Pick{Cand: c, Byline: true, Evidence: cov, CharCov: cov, OwnCov: cov}, true
		}
	}
	if p, ok := x.RolePick(cands); ok {
		return p, true
	}
	x.Prepare(res, cands)
	var all []Pick
	for _, c := range cands {
		for i := range c.Sents {
			all = append(all, x.Score(c, i))
		}
	}
	if len(all) == 0 {
		return Pick{}, false
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Score > all[j].Score })
	best := x.Rerank(all)
	if m != nil {
		best = x.withModelSentence(m, best, all)
	}
	best.Top = topRanked(all, maxExplainedSentences)
	return best, true
}

// prepare reads the question against the candidates once: term weights, the anchors beside the
// question word, the content runs evidence is measured by, the subject and the units asked.
func (x *Extractor) Prepare(res Resolution, cands []*Candidate) {
	q := res.Q
	x.idf = idfWeights(x.Terms, cands)
	for _, t := range x.Terms {
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
	if IsEnglish(q.Raw) {
		x.runs = nil // only the content words count, not "what" or "is"
		for _, t := range q.Terms {
			x.runs = append(x.runs, t.Text)
		}
	}
	if len(res.Topic) > 0 {
		// A follow-up's evidence counts its inherited subject too ("它在哪里？").
		x.runs = CapRuns(append(x.runs, res.TopicRuns...))
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
}

// rerank finishes the best-scored sentence; when it lacks what is asked ("要多少钱" matched by the
// line's route, not its fare), a close runner-up that has it answers instead.
func (x *Extractor) Rerank(all []Pick) Pick {
	best := all[0]
	x.Finish(&best)
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
		x.Finish(&alt)
		if alt.Mismatch == "" && alt.OwnCov >= need {
			best = alt
			break
		}
	}
	return best
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
func MergeTerms(own, topic []term) []term {
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

// surelyAligned is how many characters of the question's context must match around a span for
// it to beat a head-noun phrase.
const surelyAligned = 4

// anchorReach is how many characters past the question word's neighbours reachAnchors looks.
const anchorReach = 3

// totalWords may stand between a measured thing and its number.
var totalWords = lexicon.Words("totalWords")

// timeOfDay words qualify when, not what: no anchor ("图书馆晚上开到几点" is not marked by 晚上).
var timeOfDay = lexicon.Set("timeOfDay")

// modalRunes stand between a question word and its verb ("什么时候能通车", "几点会开门").
var modalRunes = lexicon.String("modalRunes")

// asciiLower lower-cases ASCII letters only, keeping every rune in place.
func AsciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// The words opensWithReference looks for (lexicon section [opensWithReference]).
var opensWithReferenceWords = lexicon.Words("opensWithReference")

// bareYearRe is a year alone ("2024年", "2024年度").
var bareYearRe = regexp.MustCompile(lexicon.String("bareYearRe"))

// bareNumeralRe is a Chinese numeral ending a text, with no measure word ("双向八");
// wholeNumeralRe is such a numeral alone.
var (
	bareNumeralRe  = regexp.MustCompile(lexicon.String("bareNumeralRe"))
	wholeNumeralRe = regexp.MustCompile(lexicon.String("wholeNumeralRe"))
)

// The words countList looks for (lexicon section [countList]).
var countListWords = lexicon.Words("countList")

// countOpensRe is a count opening a list item: "1个项目…", "三名…".
var countOpensRe = regexp.MustCompile(lexicon.String("countOpensRe"))

// listMarks join the items of a list.
var listMarks = lexicon.Words("listMarks")

// scoreRe is a match score ("3∶1", "17比13").
var scoreRe = regexp.MustCompile(lexicon.String("scoreRe"))

// maxExplainedSentences is how many scored sentences an explanation lists.
const maxExplainedSentences = 5

// ranked is one scored sentence kept for explanations.
type ranked struct {
	Cand  *Candidate
	Sent  int
	Score float64
}

// topRanked keeps the n best of all (sorted best first).
func topRanked(all []Pick, n int) []ranked {
	out := make([]ranked, 0, min(n, len(all)))
	for _, p := range all[:min(n, len(all))] {
		out = append(out, ranked{p.Cand, p.Sent, p.Score})
	}
	return out
}
