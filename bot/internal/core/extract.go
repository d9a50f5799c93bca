package core

import (
	"math"
	"newsbot/bot/internal/intent"
	"regexp"
	"strings"

	"newsbot/corpus"
	"newsbot/lexicon"
	"newsbot/retrieval"
)

// The extractive answerer: among the sentences of the retrieved articles it picks the one that best
// matches the question's content terms (weighted by how rare they are among those sentences), of
// the kind the question asks for (a number for 多少, a person for 谁…), then isolates the answer
// span and a concise clause around it. Everything it quotes is cut from the article's own text.

// CandidateArticles is how many retrieved articles are read for an answer.
const CandidateArticles = 4

// MaxQuoteRunes bounds a quote made of two joined sentences.
const MaxQuoteRunes = 260

// Candidate is one retrieved article prepared for sentence matching.
type Candidate struct {
	Article  corpus.Article
	Rank     int
	Sents    []span   // sentences of Article.Text
	Folded   []string // folded, lower-case sentences (for matching)
	Shown    []string // sentences as written (for answer text), rune-aligned with Folded
	Headline string   // folded, lower-case kicker, title and column
}

// Pick is the extractive answerer's choice: a sentence (possibly joined to the one before it), how
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
			if intent.RuneLen(shown) != intent.RuneLen(folded) {
				shown = intent.Fold(shown)
			}
			c.Shown = append(c.Shown, shown)
			c.Folded = append(c.Folded, folded)
		}
		c.Headline = AsciiLower(retrieval.FoldText(r.Article.Kicker + " " + r.Article.Title + " " + r.Article.Column))
		cands = append(cands, c)
	}
	return cands
}

// IdfWeights weighs each term by its rarity among the candidates' sentences: a term every sentence
// has (the district's name) tells less than one only the answer has.
func IdfWeights(terms []intent.Term, cands []*Candidate) map[string]float64 {
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

// Extractor holds one question's matching state.
type Extractor struct {
	Q       intent.Intent
	Terms   []intent.Term // question terms plus inherited topic terms
	Idf     map[string]float64
	Total   float64 // sum of weights of all terms
	PrevArt string  // article of the previous turn's answer (follow-ups)
	// SpanMemo keeps the span model's spans by sentence and rule span (extract/spanmodel.go).
	SpanMemo map[string]string
	// RulesSpan: the span model stays out while set (the sentence model reads the rules' spans).
	RulesSpan bool
	Anchors   []string // the question's bigrams right beside its question word
	Runs      []string // content runs of the question and its inherited topic
	OwnRuns   []string // content runs of the question alone
	// AnchorSeen: some candidate sentence holds an anchor, so sentences without one are weaker.
	AnchorSeen bool
	Subject    string                         // the question's (or the conversation's) first content run
	Held       map[*Candidate]map[string]bool // runs each candidate article holds
	Elsewhere  map[string]bool                // runs some candidate article holds
	// SaidQuestion: the question asks what someone said (forms/form_speech.go).
	SaidQuestion bool
	Units        []string // expectedUnits of q, nil when unknown
	Forms        []bool   // which of questionForms the question has (formOn), nil until asked
	// subject holds the question's subject words (agreement.go), read at the first check.
	subject     []SubjectWord
	subjectRead bool
}

// commonAreaRunes make common nouns with 区 (景区, 社区, 小区, 城区, 园区…).
var commonAreaRunes = lexicon.String("commonAreaRunes")

func (x *Extractor) Weight(t intent.Term) float64 { return t.Weight * x.Idf[t.Text] }

// MergeTerms appends topic terms not already in the question.
func MergeTerms(own, topic []intent.Term) []intent.Term {
	out := append([]intent.Term(nil), own...)
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

// SurelyAligned is how many characters of the question's context must match around a span for
// it to beat a head-noun phrase.
const SurelyAligned = 4

// anchorReach is how many characters past the question word's neighbours reachAnchors looks.
const anchorReach = 3

// totalWords may stand between a measured thing and its number.
var totalWords = lexicon.Words("totalWords")

// timeOfDay words qualify when, not what: no anchor ("图书馆晚上开到几点" is not marked by 晚上).
var timeOfDay = lexicon.Set("timeOfDay")

// modalRunes stand between a question word and its verb ("什么时候能通车", "几点会开门").
var modalRunes = lexicon.String("modalRunes")

// AsciiLower lower-cases ASCII letters only, keeping every rune in place.
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

// ListMarks join the items of a list.
var ListMarks = lexicon.Words("listMarks")

// ScoreRe is a match score ("3∶1", "17比13").
var ScoreRe = regexp.MustCompile(lexicon.String("scoreRe"))

// MaxExplainedSentences is how many scored sentences an explanation lists.
const MaxExplainedSentences = 5

// ranked is one scored sentence kept for explanations.
type ranked struct {
	Cand  *Candidate
	Sent  int
	Score float64
}

// TopRanked keeps the n best of all (sorted best first).
func TopRanked(all []Pick, n int) []ranked {
	out := make([]ranked, 0, min(n, len(all)))
	for _, p := range all[:min(n, len(all))] {
		out = append(out, ranked{p.Cand, p.Sent, p.Score})
	}
	return out
}
