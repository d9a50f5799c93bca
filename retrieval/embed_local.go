package retrieval

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"newsbot/internal/vec"
)

// DefaultLocalDim is the dimension of the default local embedder.
const DefaultLocalDim = 512

// localIDFBuckets is the size of the local embedder's IDF table: features are hashed into it
// independently of the vector dimension, so IDF stays sharp even with small vectors.
const localIDFBuckets = 1 << 18

// localIDPrefix starts the ID of every local embedder; the dimension follows the slash.
const localIDPrefix = "local-hash-v1/"

// LocalEmbedder is the offline default embedder: hashed character unigrams, bigrams and
// ASCII words of the folded text (traditional→simplified, full-width→half-width), each weighted
// by sqrt(tf)·IDF and added with a hash-chosen sign into one of Dim buckets, then scaled to unit
// length. It needs no model files and is deterministic. Without IDF (NewLocalEmbedder) every
// feature weighs 1; Build fits the IDF on the library and saves it with the index, so queries
// are embedded with the same weights after Open. It is safe for concurrent use.
type LocalEmbedder struct {
	dim int
	idf []float32 // localIDFBuckets weights, nil before fitting
}

// NewLocalEmbedder returns an unfitted local embedder with dim dimensions (DefaultLocalDim when
// dim <= 0).
func NewLocalEmbedder(dim int) *LocalEmbedder {
	if dim <= 0 {
		dim = DefaultLocalDim
	}
	return &LocalEmbedder{dim: dim}
}

// ID names the embedder and its dimension, e.g. "local-hash-v1/512".
func (e *LocalEmbedder) ID() string { return fmt.Sprintf("%s%d", localIDPrefix, e.dim) }

// Dim is the vector dimension.
func (e *LocalEmbedder) Dim() int { return e.dim }

// parseLocalID returns the dimension named by a local embedder ID.
func parseLocalID(id string) (int, bool) {
	rest, ok := strings.CutPrefix(id, localIDPrefix)
	if !ok {
		return 0, false
	}
	var dim int
	if _, err := fmt.Sscanf(rest, "%d", &dim); err != nil || dim <= 0 || fmt.Sprint(dim) != rest {
		return 0, false
	}
	return dim, true
}

// EmbedDocuments embeds texts; it never fails.
func (e *LocalEmbedder) EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		out[i] = e.embed(t, make([]float32, e.dim))
	}
	return out, nil
}

// EmbedQuery embeds one text.
func (e *LocalEmbedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	return e.embed(text, make([]float32, e.dim)), nil
}

// embed writes the unit vector of text into v. A text without features gets the first basis
// vector, so that every stored vector is a unit vector.
func (e *LocalEmbedder) embed(text string, v []float32) []float32 {
	counts := make(map[uint64]float32, 64)
	localFeatures(fold(text), func(h uint64) { counts[h]++ })
	for h, tf := range counts {
		w := float32(math.Sqrt(float64(tf)))
		if e.idf != nil {
			w *= e.idf[h&(localIDFBuckets-1)]
		}
		b := (h >> 20) % uint64(e.dim)
		if h>>63 == 1 {
			w = -w
		}
		v[b] += w
	}
	return vec.Normalize(v)
}

// fit returns a copy of e whose IDF is computed over texts (each text one document).
func (e *LocalEmbedder) fit(texts []string) *LocalEmbedder {
	df := make([]uint32, localIDFBuckets)
	var mu sync.Mutex
	// Each batch counts into its own table; tables are summed under the lock.
	parallelBatches(context.Background(), len(texts), 2048, workers(), func(lo, hi int) error {
		local := make([]uint32, localIDFBuckets)
		seen := make(map[uint64]bool, 256)
		for _, t := range texts[lo:hi] {
			clear(seen)
			localFeatures(fold(t), func(h uint64) {
				if !seen[h] {
					seen[h] = true
					local[h&(localIDFBuckets-1)]++
				}
			})
		}
		mu.Lock()
		defer mu.Unlock()
		for i, d := range local {
			df[i] += d
		}
		return nil
	})
	return &LocalEmbedder{dim: e.dim, idf: idfTable(df, len(texts))}
}

func idfTable(df []uint32, n int) []float32 {
	idf := make([]float32, len(df))
	for i, d := range df {
		idf[i] = float32(math.Log(1 + (float64(n)+1)/(float64(d)+0.5)))
	}
	return idf
}

// localFeatures calls emit with the hash of each feature of folded text: Han unigrams and
// bigrams, and ASCII alphanumeric words.
func localFeatures(s string, emit func(uint64)) {
	prevHan := -1 // byte offset of the previous rune when it was Han
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isHan(r):
			emit(hashString(s[i : i+size]))
			if prevHan >= 0 {
				emit(hashString(s[prevHan : i+size]))
			}
			prevHan = i
			i += size
		case isAlnum(r):
			j := i + size
			for j < len(s) && (isAlnum(rune(s[j])) || (s[j] == '.' && j+1 < len(s) && isDigit(s[j+1]))) {
				j++
			}
			emit(hashString(s[i:j]))
			prevHan = -1
			i = j
		default:
			prevHan = -1
			i += size
		}
	}
}

func hashString(s string) uint64 {
	x := uint64(14695981039346656037) // FNV-1a
	for i := 0; i < len(s); i++ {
		x ^= uint64(s[i])
		x *= 1099511628211
	}
	// fnv's high bits mix poorly for short inputs: finish with a splitmix step.
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
