package poll

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"newsbot/corpus"
)

// MergeResult counts what Merge did with a document's items.
type MergeResult struct {
	Added    int      // items new to the library
	Replaced int      // items the library held in an older version
	Skipped  int      // items the library already held as they are
	Editions []string // IDs of the editions written, new or changed
}

// Changed reports whether the library changed.
func (r MergeResult) Changed() bool { return len(r.Editions) > 0 }

// Store is where Merge reads and writes editions: a *corpus.Library, or a *corpus.Run staging
// its writes until the writer commits them.
type Store interface {
	Editions() ([]*corpus.Edition, error)
	Add(ed *corpus.Edition) error
}

// Merge stores the articles of ed, fetched from source (a URL, or a file path), in lib item by
// item, so that polling the same feed again adds only what is new:
//
//   - an item the library already holds (the same item key: its feed guid, else its link when
//     the document gives each item its own, else its content; or the same text from anywhere)
//     is skipped;
//   - an item whose key the library holds with other content (an article corrected upstream)
//     replaces the stored version, keeping its article ID so that citations stay valid;
//   - a new item goes to the edition of its source and date, which is created when needed.
//
// Only the editions that change are written, each atomically. An article without a URL gets
// source's when source is a URL (an article page).
func Merge(lib Store, source string, ed *corpus.Edition) (MergeResult, error) {
	var res MergeResult
	stored, err := lib.Editions()
	if err != nil {
		return res, fmt.Errorf("merge %s: %w", source, err)
	}
	ix := newItemIndex(stored)
	dirty := map[string]*corpus.Edition{}
	var order []string
	markDirty := func(e *corpus.Edition) {
		if dirty[e.ID] == nil {
			dirty[e.ID] = e
			order = append(order, e.ID)
		}
	}
	incoming := ed.Articles
	urls := urlCounts(incoming, source)
	guids := map[string]int{}
	for _, a := range incoming {
		if a.URL == "" && isURL(source) {
			a.URL = source
		}
		key := itemKey(a, urls, guids)
		a.ID = shortHash("item\x00" + key)
		sum := contentHash(a)
		if at, ok := ix.find(a, key); ok {
			old := &at.ed.Articles[at.i]
			if contentHash(*old) == sum {
				res.Skipped++
				continue
			}
			a.ID = old.ID
			*old = a
			markDirty(at.ed)
			ix.add(at.ed, at.i, key)
			res.Replaced++
			continue
		}
		if ix.hashes[sum] {
			res.Skipped++
			continue
		}
		target := ix.edition(source, ed, a)
		target.Articles = append(target.Articles, a)
		markDirty(target)
		ix.add(target, len(target.Articles)-1, key)
		res.Added++
	}
	for _, id := range order {
		if err := lib.Add(dirty[id]); err != nil {
			return res, fmt.Errorf("merge %s: %w", source, err)
		}
		res.Editions = append(res.Editions, id)
	}
	return res, nil
}

// location is an article's place in a stored (or about to be stored) edition.
type location struct {
	ed *corpus.Edition
	i  int
}

// itemIndex finds the library's articles by item key, ID, URL and content.
type itemIndex struct {
	byKey    map[string]location // "id:…", "url:…"
	hashes   map[string]bool     // content hashes of every article
	editions map[string]*corpus.Edition
}

func newItemIndex(stored []*corpus.Edition) *itemIndex {
	ix := &itemIndex{byKey: map[string]location{}, hashes: map[string]bool{}, editions: map[string]*corpus.Edition{}}
	for _, e := range stored {
		ix.editions[e.ID] = e
		urls := urlCounts(e.Articles, "")
		guids := map[string]int{}
		for i, a := range e.Articles {
			ix.byKey["id:"+a.ID] = location{e, i}
			if key := itemKey(a, urls, guids); !strings.HasPrefix(key, "hash:") {
				ix.byKey[key] = location{e, i}
			}
			ix.hashes[contentHash(a)] = true
		}
	}
	return ix
}

// find returns the stored article that is the same item as a: the same ID (derived from the
// item key), guid or own URL.
func (ix *itemIndex) find(a corpus.Article, key string) (location, bool) {
	if at, ok := ix.byKey["id:"+a.ID]; ok {
		return at, true
	}
	if !strings.HasPrefix(key, "hash:") {
		at, ok := ix.byKey[key]
		return at, ok
	}
	return location{}, false
}

func (ix *itemIndex) add(e *corpus.Edition, i int, key string) {
	a := e.Articles[i]
	ix.byKey["id:"+a.ID] = location{e, i}
	if !strings.HasPrefix(key, "hash:") {
		ix.byKey[key] = location{e, i}
	}
	ix.hashes[contentHash(a)] = true
}

// edition returns the edition that collects source's items of a's date, creating it (from the
// parsed document's paper, format and encoding) when the library has none.
func (ix *itemIndex) edition(source string, doc *corpus.Edition, a corpus.Article) *corpus.Edition {
	id := "f" + shortHash("source\x00"+source+"\x00"+a.Date)
	if e := ix.editions[id]; e != nil {
		return e
	}
	paper := a.Paper
	if paper == "" {
		paper = doc.Paper
	}
	e := &corpus.Edition{ID: id, Source: doc.Source, Paper: paper, Date: a.Date, Format: doc.Format,
		Encoding: doc.Encoding, Headers: doc.Headers, Labels: doc.Labels}
	ix.editions[id] = e
	return e
}

// itemKey names an item across polls: its feed guid (with its rank among the articles of that
// guid, as one item's HTML may hold several), else its link when the document gives each item
// one of its own, else its content (a document whose items share one URL, or have none).
// guids counts the guids seen so far in the document.
func itemKey(a corpus.Article, urls map[string]int, guids map[string]int) string {
	if a.GUID != "" {
		n := guids[a.GUID]
		guids[a.GUID]++
		return "guid:" + a.GUID + "#" + strconv.Itoa(n)
	}
	if a.URL != "" && urls[a.URL] == 1 {
		return "url:" + a.URL
	}
	return "hash:" + contentHash(a)
}

// urlCounts counts the articles by URL, an article without one taking fallback.
func urlCounts(as []corpus.Article, fallback string) map[string]int {
	n := map[string]int{}
	for _, a := range as {
		u := a.URL
		if u == "" && isURL(fallback) {
			u = fallback
		}
		if u != "" {
			n[u]++
		}
	}
	return n
}

// contentHash identifies an article's text, whitespace aside.
func contentHash(a corpus.Article) string {
	h := sha256.New()
	for _, s := range []string{a.Kicker, a.Title, a.Byline, a.Text} {
		h.Write([]byte(strings.Join(strings.Fields(s), " ")))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
