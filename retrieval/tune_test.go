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
		"k5d03":    {candidates: 200, heads: 50, k: 5, lexical: 1, dense: 0.3, article: 1, headline: 0.3},
		"k5d02":    {candidates: 200, heads: 50, k: 5, lexical: 1, dense: 0.2, article: 1, headline: 0.3},
		"k5d01":    {candidates: 200, heads: 50, k: 5, lexical: 1, dense: 0.1, article: 1, headline: 0.3},
		"k5d0":     {candidates: 200, heads: 50, k: 5, lexical: 1, article: 1, headline: 0.3},
		"k5d02h01": {candidates: 200, heads: 50, k: 5, lexical: 1, dense: 0.2, article: 1, headline: 0.1},
		"k10d03":   {candidates: 200, heads: 50, k: 10, lexical: 1, dense: 0.3, article: 1, headline: 0.3},
		"k3d02":    {candidates: 200, heads: 50, k: 3, lexical: 1, dense: 0.2, article: 1, headline: 0.3},
	}
	for name, p := range variants {
		ix.fusion = p
		r1, r5 := recall(t, ix, qs)
		t.Logf("%-10s recall@1 %.4f recall@5 %.4f", name, r1, r5)
	}
}
