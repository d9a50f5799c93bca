package retrieval

import (
	"math"
	"sort"
	"strings"
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

// lexicalIndex is the postings of one segment's documents for one BM25 ranking (lexSet). They are
// stored compressed-row style: the postings of term t are data[start[t]:start[t+1]], each
// doc<<8 | min(tf,255), ascending doc. It is immutable after construction.
type lexicalIndex struct {
	vocab  *vocabulary
	start  []uint32 // len(vocab.terms)+1 at construction; terms added later have no postings
	data   []uint32
	docLen []uint32
	total  float64 // sum of docLen
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
	ix := &lexicalIndex{vocab: v, start: start, data: data, docLen: docLen}
	for _, l := range docLen {
		ix.total += float64(l)
	}
	return ix
}

func (ix *lexicalIndex) postings(id int32) []uint32 {
	if int(id)+1 >= len(ix.start) {
		return nil
	}
	return ix.data[ix.start[id]:ix.start[id+1]]
}

// termPostings are the postings of term t, nil when the segment lacks it.
func (ix *lexicalIndex) termPostings(t string) []uint32 {
	id, ok := ix.vocab.ids[t]
	if !ok {
		return nil
	}
	return ix.postings(id)
}

// scored is a document number and its score.
type scored struct {
	doc   int
	score float64
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
