package retrieval

import (
	"math"
	"sort"
	"sync"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// maxLexDocs bounds the documents of one lexical index: a posting packs the document number in
// 24 bits and the term frequency (capped at 255) in 8.
const maxLexDocs = 1 << 24

// lexicalIndex is an Okapi BM25 index over documents given as term lists. It is immutable after
// construction and safe for concurrent searches.
type lexicalIndex struct {
	termIDs  map[string]int32
	terms    []string   // by term id
	postings [][]uint32 // by term id: doc<<8 | min(tf,255), ascending doc
	docLen   []uint32
	avgLen   float64
	idf      []float32 // by term id
	scratch  sync.Pool // *[]float32 of len(docLen)
}

// lexicalBuilder collects documents' terms.
type lexicalBuilder struct {
	termIDs  map[string]int32
	terms    []string
	postings [][]uint32
	docLen   []uint32
	counts   map[int32]uint32
}

func newLexicalBuilder() *lexicalBuilder {
	return &lexicalBuilder{termIDs: make(map[string]int32), counts: make(map[int32]uint32)}
}

// add appends one document; terms calls emit for each term occurrence. Documents must be
// added in order 0, 1, 2 …
func (b *lexicalBuilder) add(terms func(emit func(string))) {
	doc := uint32(len(b.docLen))
	clear(b.counts)
	var n uint32
	terms(func(t string) {
		id, ok := b.termIDs[t]
		if !ok {
			id = int32(len(b.terms))
			t = cloneString(t)
			b.termIDs[t] = id
			b.terms = append(b.terms, t)
			b.postings = append(b.postings, nil)
		}
		b.counts[id]++
		n++
	})
	for id, tf := range b.counts {
		b.postings[id] = append(b.postings[id], doc<<8|min(tf, 255))
	}
	b.docLen = append(b.docLen, n)
}

// merge appends the documents of other (built from later documents) to b.
func (b *lexicalBuilder) merge(other *lexicalBuilder) {
	base := uint32(len(b.docLen))
	for oid, t := range other.terms {
		id, ok := b.termIDs[t]
		if !ok {
			id = int32(len(b.terms))
			b.termIDs[t] = id
			b.terms = append(b.terms, t)
			b.postings = append(b.postings, nil)
		}
		for _, p := range other.postings[oid] {
			b.postings[id] = append(b.postings[id], p+base<<8)
		}
	}
	b.docLen = append(b.docLen, other.docLen...)
}

func cloneString(s string) string { return string([]byte(s)) }

func (b *lexicalBuilder) finish() *lexicalIndex {
	for i := range b.postings {
		b.postings[i] = append([]uint32(nil), b.postings[i]...) // trim capacity
	}
	return newLexicalIndex(b.terms, b.postings, b.docLen)
}

func newLexicalIndex(terms []string, postings [][]uint32, docLen []uint32) *lexicalIndex {
	ix := &lexicalIndex{terms: terms, postings: postings, docLen: docLen}
	ix.termIDs = make(map[string]int32, len(terms))
	for i, t := range terms {
		ix.termIDs[t] = int32(i)
	}
	var total float64
	for _, l := range docLen {
		total += float64(l)
	}
	if len(docLen) > 0 {
		ix.avgLen = total / float64(len(docLen))
	}
	n := float64(len(docLen))
	ix.idf = make([]float32, len(terms))
	for i, p := range postings {
		df := float64(len(p))
		ix.idf[i] = float32(math.Log(1 + (n-df+0.5)/(df+0.5)))
	}
	return ix
}

// scored is a document number and its score.
type scored struct {
	doc   int
	score float64
}

// lexQuery is a query resolved against one index: term ids with their query frequency.
type lexQuery struct {
	ids []int32
	qtf []float32
}

func (ix *lexicalIndex) resolve(terms []string) lexQuery {
	var q lexQuery
	pos := map[int32]int{}
	for _, t := range terms {
		id, ok := ix.termIDs[t]
		if !ok {
			continue
		}
		if k, ok := pos[id]; ok {
			q.qtf[k]++
			continue
		}
		pos[id] = len(q.ids)
		q.ids = append(q.ids, id)
		q.qtf = append(q.qtf, 1)
	}
	return q
}

// search scores every document holding a query term and returns the top k (best first) among
// those allowed (allow nil means all), and every document's score for this query (zero when it
// holds no query term). The scores stay valid until release is called, which must happen once.
func (ix *lexicalIndex) search(q lexQuery, k int, allow func(doc int) bool) (top []scored, scores []float32, release func()) {
	if len(q.ids) == 0 || len(ix.docLen) == 0 {
		return nil, nil, func() {}
	}
	buf := ix.scoreBuffer()
	scores = *buf
	touched := make([]int32, 0, 1024)
	for qi, id := range q.ids {
		idf := ix.idf[id] * (1 + 0.5*(q.qtf[qi]-1))
		for _, p := range ix.postings[id] {
			doc := p >> 8
			tf := float32(p & 0xff)
			norm := float32(bm25K1 * (1 - bm25B + bm25B*float64(ix.docLen[doc])/ix.avgLen))
			if scores[doc] == 0 {
				touched = append(touched, int32(doc))
			}
			scores[doc] += idf * tf * (bm25K1 + 1) / (tf + norm)
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
		ix.scratch.Put(buf)
	}
}

func (ix *lexicalIndex) scoreBuffer() *[]float32 {
	if b, ok := ix.scratch.Get().(*[]float32); ok {
		return b
	}
	b := make([]float32, len(ix.docLen))
	return &b
}

// topK keeps the k best-scored documents (a min-heap on score, ties broken by lower doc).
type topK struct {
	k    int
	heap []scored
}

func newTopK(k int) *topK { return &topK{k: k, heap: make([]scored, 0, k)} }

func worse(a, b scored) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.doc > b.doc
}

func (t *topK) push(doc int, score float64) {
	s := scored{doc, score}
	if len(t.heap) < t.k {
		t.heap = append(t.heap, s)
		for i := len(t.heap) - 1; i > 0; {
			p := (i - 1) / 2
			if !worse(t.heap[i], t.heap[p]) {
				break
			}
			t.heap[i], t.heap[p] = t.heap[p], t.heap[i]
			i = p
		}
		return
	}
	if t.k == 0 || !worse(t.heap[0], s) {
		return
	}
	t.heap[0] = s
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(t.heap) && worse(t.heap[l], t.heap[m]) {
			m = l
		}
		if r < len(t.heap) && worse(t.heap[r], t.heap[m]) {
			m = r
		}
		if m == i {
			break
		}
		t.heap[i], t.heap[m] = t.heap[m], t.heap[i]
		i = m
	}
}

// min returns the worst kept score, or -Inf while fewer than k are kept.
func (t *topK) min() float64 {
	if len(t.heap) < t.k || len(t.heap) == 0 {
		return math.Inf(-1)
	}
	return t.heap[0].score
}

func (t *topK) sorted() []scored {
	out := append([]scored(nil), t.heap...)
	sort.Slice(out, func(i, j int) bool { return worse(out[j], out[i]) })
	return out
}
