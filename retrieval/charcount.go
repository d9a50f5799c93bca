package retrieval

import (
	"slices"

	"newsbot/corpus"
)

// Character article frequencies (how many articles hold each character in title or text, which
// the rerank weighs lone characters by) are kept per segment, as sorted (character, count) pairs
// over all its articles, and saved with it: an opened index sums its segments' tables and takes
// the tombstoned articles out, instead of reading the whole library's text at the first question
// (at 400,000 chunks of real news, about 800 MB).

// distinctRunes calls fn once for each character of a's title and text. last and lastOther
// remember, by character, the mark of the article that last counted it.
func distinctRunes(a *corpus.Article, mark int32, last []int32, lastOther map[rune]int32, fn func(rune)) {
	for _, s := range []string{a.Title, a.Text} {
		for _, r := range s {
			if r < 1<<16 {
				if last[r] == mark {
					continue
				}
				last[r] = mark
			} else if lastOther[r] == mark {
				continue
			} else {
				lastOther[r] = mark
			}
			fn(r)
		}
	}
}

// countChars returns the segment's table: for each character, how many of its articles hold it,
// as flat sorted pairs.
func countChars(articles []corpus.Article) []int32 {
	counts := map[rune]int32{}
	last := make([]int32, 1<<16)
	lastOther := map[rune]int32{}
	for i := range articles {
		distinctRunes(&articles[i], int32(i+1), last, lastOther, func(r rune) { counts[r]++ })
	}
	runes := make([]rune, 0, len(counts))
	for r := range counts {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	out := make([]int32, 0, 2*len(runes))
	for _, r := range runes {
		out = append(out, r, counts[r])
	}
	return out
}

// chars is the segment's character table, counted on first use when it was not read with it.
func (s *segment) charTable() []int32 {
	s.charOnce.Do(func() {
		if s.chars == nil {
			s.chars = countChars(s.articles)
		}
	})
	return s.chars
}

// countLiveChars sums the segments' character tables and takes out the tombstoned articles'
// characters: the counts over the live articles.
func (ix *Index) countLiveChars() *charCounts {
	cc := &charCounts{bmp: make([]int32, 1<<16), other: map[rune]int32{}}
	add := func(r rune, n int32) {
		if r >= 0 && r < 1<<16 {
			cc.bmp[r] += n
		} else {
			cc.other[r] += n
		}
	}
	for _, s := range ix.segs {
		t := s.charTable()
		for i := 0; i+1 < len(t); i += 2 {
			add(t[i], t[i+1])
		}
	}
	if ix.dead != nil {
		last := make([]int32, 1<<16)
		lastOther := map[rune]int32{}
		for a, dead := range ix.dead {
			if dead {
				distinctRunes(&ix.articles[a], int32(a+1), last, lastOther, func(r rune) { add(r, -1) })
			}
		}
	}
	return cc
}
