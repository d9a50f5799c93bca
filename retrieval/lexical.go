package retrieval

import (
	"math"
	"sort"
	"strings"
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

// vocabulary numbers the terms of a library; the lexical indexes of one Index share it.
type vocabulary struct {
	ids   map[string]int32
	terms []string // by id
}

func newVocabulary() *vocabulary { return &vocabulary{ids: make(map[string]int32)} }

func vocabularyOf(terms []string) *vocabulary {
	v := &vocabulary{ids: make(map[string]int32, len(terms)), terms: terms}
	for i, t := range terms {
		v.ids[t] = int32(i)
	}
	return v
}

// id returns t's number, adding it (as a copy: t may point into a larger text) when new.
func (v *vocabulary) id(t string) int32 {
	if id, ok := v.ids[t]; ok {
		return id
	}
	id := int32(len(v.terms))
	t = strings.Clone(t)
	v.ids[t] = id
	v.terms = append(v.terms, t)
	return id
}

// lexicalIndex is an Okapi BM25 index. Postings are stored compressed-row style: the postings
// of term t are data[start[t]:start[t+1]], each doc<<8 | min(tf,255), ascending doc. It is
// immutable after construction and safe for concurrent searches.
type lexicalIndex struct {
	vocab   *vocabulary
	start   []uint32 // len(vocab.terms)+1 at construction; terms added later have no postings
	data    []uint32
	docLen  []uint32
	avgLen  float64
	k1, b   float64   // BM25 parameters
	idf     []float32 // by term id
	scratch sync.Pool // *[]float32 of len(docLen)
}

// lexicalBuilder collects documents as term ids.
type lexicalBuilder struct {
	postings [][]uint32 // by term id
	docLen   []uint32
	counts   []uint32 // scratch by term id
	touched  []int32
}

// add appends one document made of the given term occurrences. Documents are numbered in the
// order they are added.
func (b *lexicalBuilder) add(ids []int32) {
	doc := uint32(len(b.docLen))
	for _, id := range ids {
		if int(id) >= len(b.counts) {
			b.counts = append(b.counts, make([]uint32, int(id)+1-len(b.counts)+1024)...)
		}
		if b.counts[id] == 0 {
			b.touched = append(b.touched, id)
		}
		b.counts[id]++
	}
	for _, id := range b.touched {
		for int(id) >= len(b.postings) {
			b.postings = append(b.postings, nil)
		}
		b.postings[id] = append(b.postings[id], doc<<8|min(b.counts[id], 255))
		b.counts[id] = 0
	}
	b.touched = b.touched[:0]
	b.docLen = append(b.docLen, uint32(len(ids)))
}

func (b *lexicalBuilder) finish(v *vocabulary) *lexicalIndex {
	start := make([]uint32, len(v.terms)+1)
	total := 0
	for _, p := range b.postings {
		total += len(p)
	}
	data := make([]uint32, 0, total)
	for t := range v.terms {
		start[t] = uint32(len(data))
		if t < len(b.postings) {
			data = append(data, b.postings[t]...)
			b.postings[t] = nil // let the builder's copy go while the rest is copied
		}
	}
	start[len(v.terms)] = uint32(len(data))
	return newLexicalIndex(v, start, data, b.docLen)
}

func newLexicalIndex(v *vocabulary, start, data, docLen []uint32) *lexicalIndex {
	ix := &lexicalIndex{vocab: v, start: start, data: data, docLen: docLen, k1: bm25K1, b: bm25B}
	var total float64
	for _, l := range docLen {
		total += float64(l)
	}
	if len(docLen) > 0 {
		ix.avgLen = total / float64(len(docLen))
	}
	n := float64(len(docLen))
	ix.idf = make([]float32, len(start)-1)
	for t := range ix.idf {
		df := float64(start[t+1] - start[t])
		ix.idf[t] = float32(math.Log(1 + (n-df+0.5)/(df+0.5)))
	}
	return ix
}

func (ix *lexicalIndex) postings(id int32) []uint32 {
	if int(id)+1 >= len(ix.start) {
		return nil
	}
	return ix.data[ix.start[id]:ix.start[id+1]]
}

// scored is a document number and its score.
type scored struct {
	doc   int
	score float64
}

// lexQuery is a query resolved against one index: term ids with their query frequency and a
// weight (1 for the question's own terms, less for the terms of its paraphrases).
type lexQuery struct {
	ids    []int32
	qtf    []float32
	weight []float32
}

func (ix *lexicalIndex) resolve(terms []string) lexQuery {
	var q lexQuery
	pos := map[int32]int{}
	for _, t := range terms {
		id, ok := ix.vocab.ids[t]
		if !ok || len(ix.postings(id)) == 0 {
			continue
		}
		if k, ok := pos[id]; ok {
			q.qtf[k]++
			continue
		}
		pos[id] = len(q.ids)
		q.ids = append(q.ids, id)
		q.qtf = append(q.qtf, 1)
		q.weight = append(q.weight, 1)
	}
	return q
}

// resolveExpanded resolves terms, then adds each of extra the query lacks at the given weight
// (once, however often it is listed): a paraphrase adds evidence but never outweighs or repeats
// the question's own words.
func (ix *lexicalIndex) resolveExpanded(terms, extra []string, weight float32) lexQuery {
	q := ix.resolve(terms)
	if weight <= 0 || len(extra) == 0 {
		return q
	}
	have := make(map[int32]bool, len(q.ids))
	for _, id := range q.ids {
		have[id] = true
	}
	for _, t := range extra {
		id, ok := ix.vocab.ids[t]
		if !ok || have[id] || len(ix.postings(id)) == 0 {
			continue
		}
		have[id] = true
		q.ids = append(q.ids, id)
		q.qtf = append(q.qtf, 1)
		q.weight = append(q.weight, weight)
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
		idf := ix.idf[id] * q.weight[qi] * (1 + 0.5*(q.qtf[qi]-1))
		for _, p := range ix.postings(id) {
			doc := p >> 8
			tf := float32(p & 0xff)
			norm := float32(ix.k1 * (1 - ix.b + ix.b*float64(ix.docLen[doc])/ix.avgLen))
			if scores[doc] == 0 {
				touched = append(touched, int32(doc))
			}
			scores[doc] += idf * tf * float32(ix.k1+1) / (tf + norm)
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
