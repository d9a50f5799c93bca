package retrieval

import (
	"sort"
	"testing"
)

// exhaustiveLex scores every posting of every query term (what lexSet.search prunes), returning
// the top k among the allowed documents and every document's score.
func exhaustiveLex(s *lexSet, q lexQuery, k int, allow func(int) bool) ([]scored, []float32) {
	scores := make([]float32, s.n())
	w := s.termWeights(q)
	for pi, part := range s.parts {
		for qi, t := range q.terms {
			for _, p := range part.termPostings(t) {
				scores[int(p>>8)+s.offs[pi]] += s.contrib(w[qi], uint8(p), part.docLen[p>>8])
			}
		}
	}
	best := newTopK(k)
	for d, sc := range scores {
		if sc > 0 && (allow == nil || allow(d)) {
			best.push(d, float64(sc))
		}
	}
	return best.sorted(), scores
}

// TestMaxScoreMatchesExhaustive checks that the pruned lexical search returns the top k of
// scoring every posting, scores and order included, on an index of several segments with
// tombstones, for each of its three rankings, with and without a filter, and that its per-document
// scorer gives every document's exhaustive score.
func TestMaxScoreMatchesExhaustive(t *testing.T) {
	ix, _ := incrementalFixture(t)
	qs := quotingQuestions(ix, 120)
	qs = append(qs, "武进", "区长恽淇丞调研宅基地档案数字化工作", "的的的")
	odd := func(d int) bool { return d%3 != 0 }
	sets := map[string]*lexSet{"chunks": ix.lex, "articles": ix.doc, "headlines": ix.head}
	for name, set := range sets {
		for _, question := range qs {
			q := NormalizeQuery(question)
			var terms []string
			ix.tok.terms(q, func(t string) { terms = append(terms, t) })
			lq := set.resolveExpanded(terms, ix.paraphraseTerms(q), 1)
			for _, k := range []int{1, 10, 200} {
				for fi, allow := range []func(int) bool{nil, odd} {
					got, score := set.search(lq, k, allow)
					want, all := exhaustiveLex(set, lq, k, allow)
					if len(got) != len(want) {
						t.Fatalf("%s %q k=%d filter %d: %d results, exhaustive %d", name, question, k, fi, len(got), len(want))
					}
					for i := range want {
						if got[i] != want[i] {
							t.Fatalf("%s %q k=%d filter %d: result %d is %+v, exhaustive %+v", name, question, k, fi, i, got[i], want[i])
						}
					}
					if score == nil {
						continue
					}
					for d := 0; d < len(all); d += 7 {
						if s := score(d); s != all[d] {
							t.Fatalf("%s %q: score(%d) = %v, exhaustive %v", name, question, d, s, all[d])
						}
					}
				}
			}
		}
	}
}

// TestCursorSeek checks seeking to every document of a long list with gaps, through its skip
// entries, against decoding it whole.
func TestCursorSeek(t *testing.T) {
	vb := newVocabulary()
	vb.id("a")
	vb.id("b")
	var b lexicalBuilder
	for d := 0; d < 6000; d++ {
		if d%7 == 0 || d%11 == 3 || (d > 2000 && d < 2100) {
			b.add([]int32{0, 0})
		} else {
			b.add([]int32{1})
		}
	}
	voc, order := vb.freeze()
	ix := b.finish(voc, order)
	s := newLexSet([]*lexicalIndex{ix})
	want := ix.termPostings("a")
	if len(want) < skipMin {
		t.Fatalf("%d postings: too few for skip entries", len(want))
	}
	id, _ := voc.lookup("a")
	for _, from := range []uint32{0, 0, 2050} { // the second time with the term's skips kept
		for target := from; target < 6010; target += 3 {
			c := s.cursor(0, id)
			if c.skips == nil {
				t.Fatal("a long list has no skip entries")
			}
			c.seek(from)
			c.seek(target)
			i := sort.Search(len(want), func(i int) bool { return want[i]>>8 >= target })
			switch {
			case i == len(want) && c.doc != noDoc:
				t.Fatalf("seek(%d): at %d, want the end", target, c.doc)
			case i < len(want) && (c.doc != want[i]>>8 || c.tf != uint8(want[i])):
				t.Fatalf("seek(%d) from %d: at %d tf %d, want %d tf %d", target, from, c.doc, c.tf, want[i]>>8, uint8(want[i]))
			}
		}
	}
}
