package retrieval

import (
	"encoding/binary"
	"math"
	"sort"
	"sync"
	"sync/atomic"
)

// lexSet is one BM25 ranking over the segments of an index. Each segment holds its own postings
// (its own vocabulary, local document numbers); what BM25 needs of the whole collection (the
// document count, the average length, each term's document frequency) is summed over the
// segments at query time, so an index of several segments scores exactly like one built at once
// over the same documents. Tombstoned documents still count in these statistics until the index
// is compacted, as in Lucene. It is immutable and safe for concurrent searches.
type lexSet struct {
	parts  []*lexicalIndex
	offs   []int // the first global document of each part, then the total
	avgLen float64
	k1, b  float64      // BM25 parameters
	terms  sync.Map     // part<<32 | term id → *termInfo of a long list, see info
	reads  atomic.Int64 // postings read by searches (for benchmarks: bytes read a query)
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

// search returns the k documents of the best BM25 score for q, best first, among those allowed
// (allow nil means all), and a function giving any one document's score for q (nil when q has no
// term). It walks the postings document at a time with MaxScore (Turtle and Flood, 1995): the
// query's terms are ordered by the most one of their postings adds to a score, and once the k-th
// best score so far reaches what the lowest terms can add together, documents holding only those
// are never visited, and those terms' postings are only searched (through skip entries every
// skipEvery postings, then decoding) for the documents the other terms bring. A common term's
// long postings are thus mostly skipped, and the top k is the one scoring every posting gives,
// scores and ties included: each document's score is summed in query order as a full scan sums it.
func (s *lexSet) search(q lexQuery, k int, allow func(doc int) bool) (top []scored, score func(doc int) float32) {
	if len(q.terms) == 0 || s.n() == 0 {
		return nil, nil
	}
	w := s.termWeights(q)
	best := newTopK(k)
	vals := make([]float32, len(q.terms))
	var curs []cursor
	for pi, part := range s.parts {
		curs = s.cursors(curs[:0], pi, q, w)
		s.maxScore(curs, part, s.offs[pi], vals, best, allow)
		read := 0
		for _, c := range curs {
			read += c.read
		}
		s.reads.Add(int64(read))
	}
	return best.sorted(), func(doc int) float32 { return s.score(q, w, doc) }
}

// termWeights are what each term of q multiplies its BM25 term-frequency part by: its IDF, its
// weight, and half again for each repetition in the query.
func (s *lexSet) termWeights(q lexQuery) []float32 {
	w := make([]float32, len(q.terms))
	for qi := range q.terms {
		w[qi] = q.idf[qi] * q.weight[qi] * (1 + 0.5*(q.qtf[qi]-1))
	}
	return w
}

// contrib is what a posting of term frequency tf in a document of docLen terms adds to its
// score for a term weighing w.
func (s *lexSet) contrib(w float32, tf uint8, docLen uint32) float32 {
	f := float32(tf)
	norm := float32(s.k1 * (1 - s.b + s.b*float64(docLen)/s.avgLen))
	return w * f * float32(s.k1+1) / (f + norm)
}

// score is document doc's BM25 score for q (term weights w): each term's postings in the
// document's part searched for it.
func (s *lexSet) score(q lexQuery, w []float32, doc int) float32 {
	pi := sort.SearchInts(s.offs, doc+1) - 1
	if pi < 0 || pi >= len(s.parts) {
		return 0
	}
	part, local := s.parts[pi], uint32(doc-s.offs[pi])
	var sum float32
	for qi, t := range q.terms {
		id, ok := part.vocab.lookup(t)
		if !ok {
			continue
		}
		c := s.cursor(pi, id)
		if c.seek(local); c.doc == local {
			sum += s.contrib(w[qi], c.tf, part.docLen[local])
		}
	}
	return sum
}

// skipEvery is how many postings lie between a long list's skip entries, and skipMin how long a
// list is to have them (and its bound kept, see info).
const (
	skipEvery = 64
	skipMin   = 4 * skipEvery
)

// skip is a place in a compressed postings list to resume decoding from.
type skip struct {
	doc  uint32 // the document of a posting
	pos  uint32 // the byte offset after that posting
	left uint32 // the postings after it
}

// termInfo is what search keeps of one term's long list in one part: the most one posting adds to
// a score per unit of term weight (at this lexSet's average length), and skip entries.
type termInfo struct {
	factor float64
	skips  []skip
}

// cursor walks one term's compressed postings in one part (lexicalIndex's layout: a uvarint
// count, then per posting a uvarint gap from the previous document and a tf byte). A damaged list
// ends where decoding it fails, as lexicalIndex.decode reads it.
type cursor struct {
	list  []byte
	pos   int    // byte offset of the next posting
	left  int    // postings after the current one
	doc   uint32 // the current posting's document; noDoc past the end
	tf    uint8
	ndocs uint32 // the part's documents
	skips []skip
	sk    int // skips[:sk] lie behind the cursor
	read  int // postings decoded and skip entries probed

	qi int     // the term's place in the query
	w  float32 // the term's weight (termWeights)
	ub float64 // the most one posting adds to a score
}

const noDoc = math.MaxUint32

// newCursor is a cursor on the first posting of list in a part of ndocs documents.
func newCursor(list []byte, ndocs int, skips []skip) cursor {
	c := cursor{list: list, ndocs: uint32(ndocs), skips: skips, doc: noDoc}
	n, k := binary.Uvarint(list)
	if k <= 0 || n > uint64(ndocs) {
		return c
	}
	c.pos, c.left = k, int(n)
	c.decode(0, true)
	return c
}

// decode reads the posting at pos, prev being the document before it.
func (c *cursor) decode(prev uint32, first bool) {
	if c.left == 0 {
		c.doc = noDoc
		return
	}
	gap, k := binary.Uvarint(c.list[c.pos:])
	d := uint64(prev) + gap
	if k <= 0 || c.pos+k >= len(c.list) || (!first && gap == 0) || d >= uint64(c.ndocs) {
		c.doc, c.left = noDoc, 0
		return
	}
	c.doc, c.tf = uint32(d), c.list[c.pos+k]
	c.pos += k + 1
	c.left--
	c.read++
}

func (c *cursor) next() {
	if c.doc != noDoc {
		c.decode(c.doc, false)
	}
}

// seek moves to the first posting of a document at or after d: to the last skip entry before
// d, then decoding.
func (c *cursor) seek(d uint32) {
	if c.doc >= d {
		return
	}
	rest := c.skips[c.sk:]
	j := sort.Search(len(rest), func(i int) bool { return rest[i].doc >= d })
	if j > 0 {
		c.read += bits(len(rest))
		if sk := rest[j-1]; sk.doc > c.doc {
			c.doc, c.pos, c.left = sk.doc, int(sk.pos), int(sk.left)
		}
		c.sk += j
	}
	for c.doc < d {
		c.next()
	}
}

// bits is about how many probes a binary search over n entries makes.
func bits(n int) int {
	b := 1
	for ; n > 1; n >>= 1 {
		b++
	}
	return b
}

// cursor is a cursor on term id's postings in part pi, with skip entries when the list is long.
func (s *lexSet) cursor(pi int, id int32) cursor {
	part := s.parts[pi]
	list := part.list(id)
	if ti := s.info(pi, id, list); ti != nil {
		return newCursor(list, len(part.docLen), ti.skips)
	}
	return newCursor(list, len(part.docLen), nil)
}

// info is what search keeps of term id's list in part pi, made by one pass over it the first
// time a query holds the term; nil for a list shorter than skipMin, which a query walks whole.
func (s *lexSet) info(pi int, id int32, list []byte) *termInfo {
	key := uint64(pi)<<32 | uint64(uint32(id))
	if ti, ok := s.terms.Load(key); ok {
		return ti.(*termInfo)
	}
	n, _ := binary.Uvarint(list)
	if n < skipMin {
		return nil
	}
	part := s.parts[pi]
	ti := &termInfo{}
	var f float32
	c := newCursor(list, len(part.docLen), nil)
	for i := 1; c.doc != noDoc; i++ {
		f = max(f, s.contrib(1, c.tf, part.docLen[c.doc]))
		if i%skipEvery == 0 && c.left > 0 {
			ti.skips = append(ti.skips, skip{doc: c.doc, pos: uint32(c.pos), left: uint32(c.left)})
		}
		c.next()
	}
	ti.factor = float64(f)
	s.terms.Store(key, ti)
	return ti
}

// cursors appends to curs a cursor for each term of q that part pi holds, ordered by ascending
// upper bound.
func (s *lexSet) cursors(curs []cursor, pi int, q lexQuery, w []float32) []cursor {
	part := s.parts[pi]
	for qi, t := range q.terms {
		id, ok := part.vocab.lookup(t)
		if !ok {
			continue
		}
		list := part.list(id)
		ti := s.info(pi, id, list)
		var c cursor
		var factor float64
		if ti != nil {
			c, factor = newCursor(list, len(part.docLen), ti.skips), ti.factor
		} else {
			factor = s.shortFactor(list, part)
			c = newCursor(list, len(part.docLen), nil)
		}
		if c.doc == noDoc {
			continue
		}
		c.qi, c.w, c.ub = qi, w[qi], float64(w[qi])*factor
		curs = append(curs, c)
	}
	sort.Slice(curs, func(i, j int) bool { return curs[i].ub < curs[j].ub })
	return curs
}

// shortFactor is the most a posting of a short list adds to a score per unit of term weight.
func (s *lexSet) shortFactor(list []byte, part *lexicalIndex) float64 {
	var f float32
	for c := newCursor(list, len(part.docLen), nil); c.doc != noDoc; c.next() {
		f = max(f, s.contrib(1, c.tf, part.docLen[c.doc]))
	}
	return float64(f)
}

// slack widens the bounds MaxScore prunes by, so that float32 rounding in a score never prunes a
// document that belongs in the top k.
const slack = 1 + 1e-4

// maxScore adds the documents of one part (global numbers from off) to best, skipping those that
// cannot enter it (see search). curs is ordered by ascending upper bound; vals is scratch, one
// zero a query term.
func (s *lexSet) maxScore(curs []cursor, part *lexicalIndex, off int, vals []float32, best *topK, allow func(int) bool) {
	cum := make([]float64, len(curs)) // cum[i]: the most terms 0..i add together
	for i, c := range curs {
		cum[i] = c.ub
		if i > 0 {
			cum[i] += cum[i-1]
		}
	}
	ne := 0 // curs[:ne] are non-essential: a document holding only those cannot enter best
	for {
		theta := best.min()
		for ne < len(curs) && cum[ne]*slack <= theta {
			ne++
		}
		if ne == len(curs) {
			return
		}
		d := uint32(noDoc)
		for i := ne; i < len(curs); i++ {
			d = min(d, curs[i].doc)
		}
		if d == noDoc {
			return
		}
		var partial float64
		for i := ne; i < len(curs); i++ {
			c := &curs[i]
			if c.doc == d {
				v := s.contrib(c.w, c.tf, part.docLen[d])
				vals[c.qi] = v
				partial += float64(v)
				c.next()
			}
		}
		doc := int(d) + off
		if allow != nil && !allow(doc) {
			clear(vals)
			continue
		}
		for i := ne - 1; i >= 0; i-- {
			if (partial+cum[i])*slack <= theta {
				break
			}
			c := &curs[i]
			if c.seek(d); c.doc == d {
				v := s.contrib(c.w, c.tf, part.docLen[d])
				vals[c.qi] = v
				partial += float64(v)
			}
		}
		if partial*slack > theta {
			var sum float32
			for _, v := range vals {
				sum += v
			}
			best.push(doc, float64(sum))
		}
		clear(vals)
	}
}
