package retrieval

import (
	"encoding/binary"
	"math"
	"slices"
	"sort"
	"strings"
	"unsafe"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// maxLexDocs bounds the documents of one lexical index: a posting packs the document number in
// 24 bits and the term frequency (capped at 255) in 8.
const maxLexDocs = 1 << 24

// vocabBuilder numbers the terms of a segment as they are met, while it is built; freeze turns it
// into the vocabulary the lexical indexes of the segment share.
type vocabBuilder struct {
	ids   map[string]int32
	terms []string // by id
}

func newVocabulary() *vocabBuilder { return &vocabBuilder{ids: make(map[string]int32)} }

// id returns t's number, adding it (as a copy: t may point into a larger text) when new.
func (v *vocabBuilder) id(t string) int32 {
	if id, ok := v.ids[t]; ok {
		return id
	}
	id := int32(len(v.terms))
	t = strings.Clone(t)
	v.ids[t] = id
	v.terms = append(v.terms, t)
	return id
}

// freeze returns the terms as a sorted vocabulary and the old number of each new one.
func (v *vocabBuilder) freeze() (*vocabulary, []int32) {
	order := make([]int32, len(v.terms))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(i, j int) bool { return v.terms[order[i]] < v.terms[order[j]] })
	voc := &vocabulary{offs: make([]uint32, 1, len(v.terms)+1)}
	for _, old := range order {
		voc.blob = append(voc.blob, v.terms[old]...)
		voc.offs = append(voc.offs, uint32(len(voc.blob)))
	}
	return voc, order
}

// vocabulary is a segment's terms in byte order, concatenated: term i is blob[offs[i]:offs[i+1]].
// Its lexical indexes number terms by this order. It is two flat arrays, so a saved segment's
// vocabulary is read in place from the mapped file (persist.go) and looked up by binary search,
// with no map built at open.
type vocabulary struct {
	offs []uint32
	blob []byte
	keep *mapping // the file blob and offs lie in, if any
}

func (v *vocabulary) len() int { return max(len(v.offs)-1, 0) }

func (v *vocabulary) term(i int) string {
	return unsafe.String(unsafe.SliceData(v.blob[v.offs[i]:]), int(v.offs[i+1]-v.offs[i]))
}

// lookup returns t's number, false when the segment lacks it.
func (v *vocabulary) lookup(t string) (int32, bool) {
	n := v.len()
	i := sort.Search(n, func(i int) bool { return v.term(i) >= t })
	if i < n && v.term(i) == t {
		return int32(i), true
	}
	return 0, false
}

// lexicalIndex is the postings of one segment's documents for one BM25 ranking (lexSet), by term
// number of the segment's vocabulary: list t is blob[offs[t]:offs[t+1]], a uvarint count, then
// per posting the document's gap from the previous one (uvarint) and min(tf,255) as a byte,
// ascending documents. It stays compressed in memory (about 2 bytes a posting against 4
// decoded) and is decoded per query term; a saved one is read in place from the mapped file. It
// is immutable after construction.
type lexicalIndex struct {
	vocab  *vocabulary
	offs   []uint32
	blob   []byte
	docLen []uint32
	total  float64  // sum of docLen
	keep   *mapping // the file offs, blob and docLen lie in, if any
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

// finish compresses the postings in the order of voc, whose term i was the builder's order[i].
func (b *lexicalBuilder) finish(voc *vocabulary, order []int32) *lexicalIndex {
	ix := &lexicalIndex{vocab: voc, offs: make([]uint32, 1, len(order)+1), docLen: b.docLen}
	for _, old := range order {
		var p []uint32
		if int(old) < len(b.postings) {
			p = b.postings[old]
			b.postings[old] = nil // let the builder's copy go while the rest is compressed
		}
		ix.blob = binary.AppendUvarint(ix.blob, uint64(len(p)))
		prev := uint32(0)
		for _, x := range p {
			ix.blob = binary.AppendUvarint(ix.blob, uint64(x>>8-prev))
			ix.blob = append(ix.blob, byte(x))
			prev = x >> 8
		}
		ix.offs = append(ix.offs, uint32(len(ix.blob)))
	}
	ix.blob = slices.Clip(ix.blob)
	for _, l := range ix.docLen {
		ix.total += float64(l)
	}
	return ix
}

// list is the compressed postings of term number id, nil when out of range.
func (ix *lexicalIndex) list(id int32) []byte {
	if id < 0 || int(id)+1 >= len(ix.offs) {
		return nil
	}
	lo, hi := ix.offs[id], ix.offs[id+1]
	if lo > hi || int(hi) > len(ix.blob) {
		return nil // damaged: read as no postings rather than past the list
	}
	return ix.blob[lo:hi]
}

// df is how many documents hold term t.
func (ix *lexicalIndex) df(t string) int {
	id, ok := ix.vocab.lookup(t)
	if !ok {
		return 0
	}
	n, k := binary.Uvarint(ix.list(id))
	if k <= 0 || n > uint64(len(ix.docLen)) {
		return 0
	}
	return int(n)
}

// termPostings are the postings of term t decoded, each doc<<8 | tf, nil when the segment lacks
// it. A posting past the segment's documents (a damaged list) ends the list, so a reader never
// indexes past docLen.
func (ix *lexicalIndex) termPostings(t string) []uint32 {
	id, ok := ix.vocab.lookup(t)
	if !ok {
		return nil
	}
	return ix.decode(ix.list(id), nil)
}

// decode appends the postings of the compressed list p to out.
func (ix *lexicalIndex) decode(p []byte, out []uint32) []uint32 {
	n, k := binary.Uvarint(p)
	if k <= 0 || n > uint64(len(ix.docLen)) {
		return out
	}
	p = p[k:]
	doc := uint64(0)
	for i := uint64(0); i < n; i++ {
		gap, k := binary.Uvarint(p)
		if k <= 0 || k >= len(p) || (i > 0 && gap == 0) {
			return out
		}
		doc += gap
		if doc >= uint64(len(ix.docLen)) {
			return out
		}
		out = append(out, uint32(doc)<<8|uint32(p[k]))
		p = p[k+1:]
	}
	return out
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
