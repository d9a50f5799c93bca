package retrieval

import (
	"math"
	"sync"
)

// lexSet is one BM25 ranking over the segments of an index. Each segment holds its own postings
// (its own vocabulary, local document numbers); what BM25 needs of the whole collection (the
// document count, the average length, each term's document frequency) is summed over the
// segments at query time, so an index of several segments scores exactly like one built at once
// over the same documents. Tombstoned documents still count in these statistics until the index
// is compacted, as in Lucene. It is immutable and safe for concurrent searches.
type lexSet struct {
	parts   []*lexicalIndex
	offs    []int // the first global document of each part, then the total
	avgLen  float64
	k1, b   float64   // BM25 parameters
	scratch sync.Pool // *[]float32 of one score a document
}

func newLexSet(parts []*lexicalIndex) *lexSet {
	s := &lexSet{parts: parts, offs: make([]int, len(parts)+1), k1: bm25K1, b: bm25B}
	total := 0.0
	for i, p := range parts {
		s.offs[i+1] = s.offs[i] + len(p.docLen)
		total += p.total
	}
	if n := s.n(); n > 0 {
		s.avgLen = total / float64(n)
	}
	return s
}

// n is the number of documents, tombstoned ones included.
func (s *lexSet) n() int { return s.offs[len(s.parts)] }

// df is how many documents hold term t.
func (s *lexSet) df(t string) int {
	df := 0
	for _, p := range s.parts {
		df += p.df(t)
	}
	return df
}

func (s *lexSet) idfOf(df int) float32 {
	n := float64(s.n())
	return float32(math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5)))
}

// idf is the BM25 IDF of term t, false when no document holds it.
func (s *lexSet) idf(t string) (float64, bool) {
	df := s.df(t)
	if df == 0 {
		return 0, false
	}
	return float64(s.idfOf(df)), true
}

// lexQuery is a query resolved against a lexSet: terms held by some document, each once, with
// its query frequency, its weight (1 for the question's own terms, less for the terms of its
// paraphrases) and its IDF.
type lexQuery struct {
	terms  []string
	qtf    []float32
	weight []float32
	idf    []float32
}

func (s *lexSet) resolve(terms []string) lexQuery {
	var q lexQuery
	pos := map[string]int{}
	for _, t := range terms {
		if k, ok := pos[t]; ok {
			q.qtf[k]++
			continue
		}
		df := s.df(t)
		if df == 0 {
			continue
		}
		pos[t] = len(q.terms)
		q.terms = append(q.terms, t)
		q.qtf = append(q.qtf, 1)
		q.weight = append(q.weight, 1)
		q.idf = append(q.idf, s.idfOf(df))
	}
	return q
}

// resolveExpanded resolves terms, then adds each of extra the query lacks at the given weight
// (once, however often it is listed): a paraphrase adds evidence but never outweighs or repeats
// the question's own words.
func (s *lexSet) resolveExpanded(terms, extra []string, weight float32) lexQuery {
	q := s.resolve(terms)
	if weight <= 0 || len(extra) == 0 {
		return q
	}
	have := make(map[string]bool, len(q.terms))
	for _, t := range q.terms {
		have[t] = true
	}
	for _, t := range extra {
		if have[t] {
			continue
		}
		df := s.df(t)
		if df == 0 {
			continue
		}
		have[t] = true
		q.terms = append(q.terms, t)
		q.qtf = append(q.qtf, 1)
		q.weight = append(q.weight, weight)
		q.idf = append(q.idf, s.idfOf(df))
	}
	return q
}

// search scores every document holding a query term and returns the top k (best first) among
// those allowed (allow nil means all), and every document's score for this query (zero when it
// holds no query term). The scores stay valid until release is called, which must happen once.
func (s *lexSet) search(q lexQuery, k int, allow func(doc int) bool) (top []scored, scores []float32, release func()) {
	if len(q.terms) == 0 || s.n() == 0 {
		return nil, nil, func() {}
	}
	buf := s.scoreBuffer()
	scores = *buf
	touched := make([]int32, 0, 1024)
	for pi, part := range s.parts {
		off := uint32(s.offs[pi])
		for qi, t := range q.terms {
			idf := q.idf[qi] * q.weight[qi] * (1 + 0.5*(q.qtf[qi]-1))
			for _, p := range part.termPostings(t) {
				doc := p>>8 + off
				tf := float32(p & 0xff)
				norm := float32(s.k1 * (1 - s.b + s.b*float64(part.docLen[p>>8])/s.avgLen))
				if scores[doc] == 0 {
					touched = append(touched, int32(doc))
				}
				scores[doc] += idf * tf * float32(s.k1+1) / (tf + norm)
			}
		}
	}
	best := newTopK(k)
	for _, d := range touched {
		if allow == nil || allow(int(d)) {
			best.push(int(d), float64(scores[d]))
		}
	}
	return best.sorted(), scores, func() {
		for _, d := range touched {
			scores[d] = 0
		}
		s.scratch.Put(buf)
	}
}

func (s *lexSet) scoreBuffer() *[]float32 {
	if b, ok := s.scratch.Get().(*[]float32); ok {
		return b
	}
	b := make([]float32, s.n())
	return &b
}
