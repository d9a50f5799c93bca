package retrieval

import (
	"os"
	"testing"
)

// TestTuneFusion compares fusion settings on one built index (NEWSBOT_LONG=1 NEWSBOT_TUNE=name).
func TestTuneFusion(t *testing.T) {
	requireLong(t)
	name := os.Getenv("NEWSBOT_TUNE")
	if name == "" {
		t.Skip("set NEWSBOT_TUNE to a qa set name")
	}
	arts, qs := qaSet(t, name)
	if os.Getenv("NEWSBOT_TUNE_XWLB") == "1" {
		arts = append(arts, xwlbArticles(t)...)
	}
	ix := buildTimed(t, arts)
	variants := map[string]fusionParams{
		"default": defaultFusion,
		"lexDoc":  {candidates: 200, heads: 50, k: 60, lexical: 1, article: 1},
		"k5":      {candidates: 200, heads: 50, k: 5, lexical: 1, dense: 0.5, article: 1, headline: 0.3},
		"k3":      {candidates: 200, heads: 50, k: 3, lexical: 1, dense: 0.5, article: 1, headline: 0.3},
		"k5d03":   {candidates: 200, heads: 50, k: 5, lexical: 1, dense: 0.3, article: 1, headline: 0.3},
		"k5d07":   {candidates: 200, heads: 50, k: 5, lexical: 1, dense: 0.7, article: 1, headline: 0.3},
		"k5h0":    {candidates: 200, heads: 50, k: 5, lexical: 1, dense: 0.5, article: 1},
		"k5a05":   {candidates: 200, heads: 50, k: 5, lexical: 1, dense: 0.5, article: 0.5, headline: 0.3},
		"k5l05":   {candidates: 200, heads: 50, k: 5, lexical: 0.5, dense: 0.5, article: 1, headline: 0.3},
	}
	for name, p := range variants {
		ix.fusion = p
		r1, r5 := recall(t, ix, qs)
		t.Logf("%-10s recall@1 %.4f recall@5 %.4f", name, r1, r5)
	}
}
