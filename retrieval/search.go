package retrieval

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"newsbot/corpus"
)

// Fusion parameters. Each ranking (lexical chunks, dense chunks, headlines) ranks articles by
// their best entry; an article's fused score is the weighted sum of 1/(rrfK+rank) over the
// rankings it appears in.
type fusionParams struct {
	candidates int     // chunks taken from the lexical and the dense ranking
	heads      int     // articles taken from the headline ranking
	k          float64 // RRF constant
	lexical    float64 // weights of the rankings: chunks by BM25,
	dense      float64 // chunks by cosine similarity,
	article    float64 // whole articles by BM25,
	headline   float64 // headlines by BM25
	rerank     int     // leading candidates reranked by weighted coverage
	coverage   float64 // weight of the weighted coverage (0..1) added to their fused score
	// Paraphrases (paraphrase.go) of the question's words: the weight of their terms in the
	// lexical rankings (beside 1 for the question's own terms; 0 leaves them out), and the share
	// of a content word's weight the rerank credits an article holding a paraphrase instead.
	paraphrase       float64
	paraphraseCredit float64
	paraphraseWhole  bool // expand with whole paraphrase words only, not their bigrams
	// sentence is the weight of the best sentence's weighted coverage added in the rerank: the
	// article that answers a question usually holds most of its words in one sentence, where a
	// long article or a news round-up holds them scattered.
	sentence float64
	// dateDay and dateMonth credit, in the rerank, the articles dated within the day or the month
	// a query names with its year (datedprior.go).
	dateDay, dateMonth float64
	// briefHead credits a round-up by the share of the query its best brief title holds
	// (briefs.go), as the headline ranking credits a whole article; 0 by default (it raised hit@1
	// but no answer).
	briefHead float64
}

var defaultFusion = fusionParams{candidates: 200, heads: 50, k: 5, lexical: 1, dense: 0.3, article: 1, headline: 0.3, rerank: 50, coverage: 0.4,
	paraphrase: 1, paraphraseCredit: 0.5, sentence: 0.4, dateDay: 0.2, dateMonth: 0}

// passagesPerHit is how many passages a result carries.
const passagesPerHit = 3

// Search returns the articles that best answer query, best first. A query with no searchable
// content (empty, or only fillers) returns no results and no error. When the query cannot be
// embedded, Search returns the lexical results and an error wrapping ErrDenseUnavailable.
func (ix *Index) Search(ctx context.Context, query string, opts SearchOptions) ([]Result, error) {
	limit := max(opts.Limit, 0)
	if limit == 0 {
		limit = 5
	}
	model := ix.ranker()
	st, err := ix.candidates(ctx, query, opts, max(limit, ix.fusion.rerank), model)
	if st == nil || err != nil && !errors.Is(err, ErrDenseUnavailable) {
		return nil, err
	}
	denseErr := err
	// Rerank the leading candidates by the fitted model: rank fusion alone ignores that one
	// article holds every rare word of the question in one sentence and another only the common
	// ones, scattered, or that one is of the day the question names.
	scores := make(map[int]float64, len(st.pool))
	for i, a := range st.pool {
		scores[a] = model.score(st.features[i])
	}
	order := sortedByScore(scores)
	if len(order) > limit {
		order = order[:limit]
	}
	// Coverage, the confidence signal, leaves out lone characters: almost any article holds them.
	signal := multiChar(st.facts.content)
	cosine, err := ix.chunkCosines(ctx, st.qv, order)
	if err != nil {
		denseErr = err
	}
	results := make([]Result, 0, len(order))
	for _, a := range order {
		r := ix.result(a, cosine, st.lexScore, st.maxLex)
		r.Score = scores[a]
		r.Coverage, _ = coverage(signal, make([]float64, len(signal)), r.Article)
		results = append(results, r)
	}
	return results, denseErr
}

// searchState is a query's leading candidates and what their results are built from.
type searchState struct {
	facts    queryFacts
	pool     []int       // leading articles by rank fusion, best first
	features [][]float64 // rerank features of each (rankFeatureNames)
	qv       []float32   // the query's vector, nil when it has none
	lexScore func(int) float32
	maxLex   float64
}

// candidates runs the four rankings, fuses them per article with weighted reciprocal ranks and
// returns the leading n articles with their rerank features (those model weighs, all for a nil
// model); nil when the query has nothing to search. Its error wraps ErrDenseUnavailable when only
// the lexical rankings ran.
func (ix *Index) candidates(ctx context.Context, query string, opts SearchOptions, n int, model *rankModel) (*searchState, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q := NormalizeQuery(query)
	if strings.TrimSpace(q) == "" || ix.live == 0 {
		return nil, nil
	}
	allowArticle := ix.articleFilter(opts)
	var allowChunk func(int) bool
	if allowArticle != nil {
		allowChunk = func(c int) bool { return allowArticle(int(ix.chunks[c].Article)) }
	}

	var terms []string
	ix.tok.terms(q, func(t string) { terms = append(terms, t) })
	if len(terms) == 0 {
		return nil, nil // only punctuation and fillers: nothing to look for
	}
	extra := ix.paraphraseTerms(q)
	expand := float32(ix.fusion.paraphrase)
	lexTop, lexScore := ix.lex.search(ix.lex.resolveExpanded(terms, extra, expand), ix.fusion.candidates, allowChunk)

	qv, denseErr := ix.embedQuery(ctx, q)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var denseTop []scored
	if denseErr == nil {
		if denseTop, denseErr = ix.denseSearch(ctx, qv, ix.fusion.candidates, allowChunk); denseErr != nil {
			qv = nil // the store failed: lexical results alone, as when the query cannot be embedded
		}
	}

	headTop, _ := ix.head.search(ix.head.resolveExpanded(terms, extra, expand), ix.fusion.heads, allowArticle)
	docTop, _ := ix.doc.search(ix.doc.resolveExpanded(terms, extra, expand), ix.fusion.heads, allowArticle)

	lexArts, denseArts := ix.chunkArticles(lexTop), ix.chunkArticles(denseTop)
	fused := map[int]float64{}
	known := map[int]*[numRankFeatures]float64{}
	for _, r := range []struct {
		top     []scored
		weight  float64
		feature int
	}{{lexArts, ix.fusion.lexical, fRRFLexical}, {denseArts, ix.fusion.dense, fRRFDense},
		{headTop, ix.fusion.headline, fRRFHeadline}, {docTop, ix.fusion.article, fRRFArticle}} {
		ix.addRanks(r.top, func(a int, term float64) {
			fused[a] += r.weight * term
			if known[a] == nil {
				known[a] = new([numRankFeatures]float64)
			}
			known[a][r.feature] = term
		})
	}
	for _, s := range lexArts {
		known[s.doc][fLexScore] = s.score / lexArts[0].score
	}
	for _, s := range denseArts {
		known[s.doc][fDenseScore] = s.score
	}
	order := sortedByScore(fused)
	st := &searchState{facts: ix.queryFacts(query, q), pool: order[:min(len(order), n)], qv: qv, lexScore: lexScore}
	if len(lexTop) > 0 {
		st.maxLex = lexTop[0].score
	}
	st.features = make([][]float64, len(st.pool))
	for i, a := range st.pool {
		st.features[i] = make([]float64, numRankFeatures)
		ix.candidateFeatures(st.facts, a, *known[a], st.features[i], model)
	}
	return st, denseErr
}

// ErrDenseUnavailable is wrapped by Search's error when the query could not be embedded (the
// embedding provider failed, or returned another dimension than the index's). Search then still
// returns the results of the lexical rankings alone, with Dense 0, so that a caller may keep
// answering while the provider is down.
var ErrDenseUnavailable = errors.New("dense search unavailable")

// embedQuery embeds the normalised query as a unit vector of the index's dimension.
func (ix *Index) embedQuery(ctx context.Context, q string) ([]float32, error) {
	qv, err := ix.embedder.EmbedQuery(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("retrieval: embed query with %s: %w: %w", ix.embedderID, ErrDenseUnavailable, err)
	}
	if len(qv) != ix.vectors.dim {
		return nil, fmt.Errorf("retrieval: embedder %s returned %d dimensions, the index has %d: %w: %w",
			ix.embedderID, len(qv), ix.vectors.dim, ErrDenseUnavailable, ErrStaleIndex)
	}
	return unit(qv), nil
}

// sortedByScore lists the keys of scores, best first (ties: library order).
func sortedByScore(scores map[int]float64) []int {
	order := make([]int, 0, len(scores))
	for a := range scores {
		order = append(order, a)
	}
	sort.Slice(order, func(i, j int) bool {
		if scores[order[i]] != scores[order[j]] {
			return scores[order[i]] > scores[order[j]]
		}
		return order[i] < order[j]
	})
	return order
}

// termWeights weighs each content word by its IDF over articles: the word's own when it is an
// index term, else that of its rarest bigram, else the IDF of a word seen nowhere.
func (ix *Index) termWeights(words []string) []float64 {
	unseen := math.Log(1 + (float64(ix.live)+0.5)/0.5)
	w := make([]float64, len(words))
	for i, word := range words {
		if utf8.RuneCountInString(word) == 1 {
			// Lone characters are rarely index terms (only where a name or number is one), so
			// their IDF there, or as unseen, would weigh 着 or 拿 as the rarest word.
			w[i] = ix.charIDF(word)
			continue
		}
		if idf, ok := ix.doc.idf(word); ok {
			w[i] = idf
			continue
		}
		best := -1.0
		charTerms(word, func(t string, _ int) {
			if idf, ok := ix.doc.idf(t); ok {
				best = max(best, idf)
			}
		})
		if best < 0 {
			best = unseen
		}
		w[i] = best
	}
	return w
}

// charIDF is the BM25 IDF over articles of one character.
func (ix *Index) charIDF(c string) float64 {
	r, _ := utf8.DecodeRuneInString(c)
	df := ix.charDFs().of(r)
	n := float64(ix.live)
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// charDFs counts, once, how many live articles (title and text) hold each character, from the
// segments' tables (charcount.go), paid by the first question that has a lone character among
// its content words.
func (ix *Index) charDFs() *charCounts {
	ix.charOnce.Do(func() { ix.charDF = ix.countLiveChars() })
	return ix.charDF
}

// charCounts are article frequencies of characters.
type charCounts struct {
	bmp   []int32 // by code point, for the Basic Multilingual Plane
	other map[rune]int32
}

func (cc *charCounts) of(r rune) int32 {
	if r < 1<<16 {
		return cc.bmp[r]
	}
	return cc.other[r]
}

// chunkArticles ranks the articles of a ranking of chunks by their best chunk.
func (ix *Index) chunkArticles(top []scored) []scored {
	seen := map[int32]bool{}
	articles := make([]scored, 0, len(top))
	for _, s := range top {
		a := ix.chunks[s.doc].Article
		if !seen[a] {
			seen[a] = true
			articles = append(articles, scored{int(a), s.score})
		}
	}
	return articles
}

// addRanks calls add with 1/(k+rank) for each article of a ranking (best first). Articles with
// equal scores share the better rank, so that, say, passages under one headline are not ordered
// by their position in the library.
func (ix *Index) addRanks(top []scored, add func(a int, term float64)) {
	rank := 0
	for i, s := range top {
		if i == 0 || s.score != top[i-1].score {
			rank = i + 1
		}
		add(s.doc, 1/(ix.fusion.k+float64(rank)))
	}
}

// articleFilter returns which articles the options allow (never a tombstoned one), or nil when
// they allow all.
func (ix *Index) articleFilter(opts SearchOptions) func(a int) bool {
	if opts.Paper == "" && opts.DateFrom == "" && opts.DateTo == "" {
		if ix.live == len(ix.articles) {
			return nil
		}
		return func(a int) bool { return !ix.dead[a] }
	}
	allow := make([]bool, len(ix.articles))
	for i, a := range ix.articles {
		allow[i] = (ix.dead == nil || !ix.dead[i]) && articleMatches(a, opts)
	}
	return func(a int) bool { return allow[a] }
}

func articleMatches(a corpus.Article, opts SearchOptions) bool {
	date, paper := a.Date, a.Paper
	if opts.Paper != "" && fold(strings.TrimSpace(paper)) != fold(strings.TrimSpace(opts.Paper)) {
		return false
	}
	if opts.DateFrom != "" && (date == "" || date < opts.DateFrom) {
		return false
	}
	if opts.DateTo != "" && (date == "" || date > opts.DateTo) {
		return false
	}
	return true
}

// result describes article a for a query: passages ranked by normalised lexical score (lexScore
// of a chunk, nil when the query has no lexical term) plus cosine similarity (cosine, nil when
// the query has no vector), and the best cosine as Dense.
func (ix *Index) result(a int, cosine func(c int) float64, lexScore func(int) float32, maxLex float64) Result {
	art := ix.articles[a]
	r := Result{Article: art, Dense: -1}
	if cosine == nil {
		r.Dense = 0
	}
	for c := int(ix.firstChunk[a]); c < int(ix.firstChunk[a+1]); c++ {
		cos := 0.0
		if cosine != nil {
			cos = cosine(c)
		}
		r.Dense = max(r.Dense, cos)
		score := cos
		if lexScore != nil && maxLex > 0 {
			score += float64(lexScore(c)) / maxLex
		}
		ch := ix.chunks[c]
		if ch.End > ch.Start {
			r.Passages = append(r.Passages, Passage{Text: art.Text[ch.Start:ch.End], Start: int(ch.Start), End: int(ch.End), Score: score})
		}
	}
	sort.SliceStable(r.Passages, func(i, j int) bool { return r.Passages[i].Score > r.Passages[j].Score })
	if len(r.Passages) > passagesPerHit {
		r.Passages = r.Passages[:passagesPerHit]
	}
	return r
}

// paraphraseTerms lists the lexical terms of the paraphrases of the table words folded query q
// holds: a paraphrase the library indexes whole as itself, else (unless the fusion asks for
// whole words only) as its terms.
func (ix *Index) paraphraseTerms(q string) []string {
	if ix.fusion.paraphrase <= 0 {
		return nil
	}
	var out []string
	for _, w := range ParaphrasesIn(q) {
		for _, alt := range paraphraseIndex[w] {
			if ix.doc.df(alt) > 0 {
				out = append(out, alt)
				continue
			}
			if !ix.fusion.paraphraseWhole {
				ix.tok.terms(alt, func(t string) { out = append(out, t) })
			}
		}
	}
	return out
}

// contentParaphrases gives each content word its paraphrases (nil for most), or nil when the
// rerank credits none.
func contentParaphrases(content []string, credit float64) [][]string {
	if credit <= 0 {
		return nil
	}
	alts := make([][]string, len(content))
	for i, w := range content {
		alts[i] = paraphraseIndex[w]
	}
	return alts
}

// weightedCoverage is the weighted share of content words found in the article (see coverage),
// where a word the article lacks but one of whose paraphrases (alts, parallel to content, may be
// nil) it holds counts at credit times its weight.
func weightedCoverage(content []string, weights []float64, alts [][]string, credit float64, a corpus.Article) float64 {
	if len(content) == 0 {
		return 0
	}
	return coveredShare(fold(headlineText(a)+"\n"+a.Byline+"\n"+a.Text), content, weights, alts, credit)
}

// coveredShare is the weighted share of content words folded text holds, a word held only as a
// paraphrase (alts, parallel to content, may be nil) counting at credit times its weight.
func coveredShare(text string, content []string, weights []float64, alts [][]string, credit float64) float64 {
	total, got := 0.0, 0.0
	for i, w := range content {
		total += weights[i]
		switch {
		case strings.Contains(text, w):
			got += weights[i]
		case alts != nil && containsAny(text, alts[i]):
			got += credit * weights[i]
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// sentenceCoverage is the best weighted coverage (see coveredShare) of the content words by one
// sentence of the article's text.
func sentenceCoverage(content []string, weights []float64, alts [][]string, credit float64, a corpus.Article) float64 {
	text := fold(a.Text)
	best := 0.0
	for _, sp := range sentences(text) {
		best = max(best, coveredShare(text[sp.Start:sp.End], content, weights, alts, credit))
	}
	return best
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// coverage is the share of content words found in the article's folded headline, byline and
// text, plainly and weighted by weights.
func coverage(content []string, weights []float64, a corpus.Article) (plain, weighted float64) {
	if len(content) == 0 {
		return 0, 0
	}
	text := fold(headlineText(a) + "\n" + a.Byline + "\n" + a.Text)
	found, total, got := 0, 0.0, 0.0
	for i, w := range content {
		total += weights[i]
		if strings.Contains(text, w) {
			found++
			got += weights[i]
		}
	}
	if total > 0 {
		weighted = got / total
	}
	return float64(found) / float64(len(content)), weighted
}
