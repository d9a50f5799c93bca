package retrieval

import (
	"context"
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

// TestTuneCombined tunes on one index holding the built-in edition, CMRC 2018 dev passages and
// all of xwlb (NEWSBOT_LONG=1 NEWSBOT_TUNE_COMBINED=1).
func TestTuneCombined(t *testing.T) {
	requireLong(t)
	if os.Getenv("NEWSBOT_TUNE_COMBINED") != "1" {
		t.Skip("set NEWSBOT_TUNE_COMBINED=1")
	}
	cases, err := LoadEvalSet(builtinEvalSet)
	if err != nil {
		t.Fatal(err)
	}
	cmrc, qs := qaSet(t, "cmrc2018_dev")
	xquad, xqs := qaSet(t, "xquad_zh")
	arts := append(append(append(builtinArticles(t), cmrc...), xquad...), xwlbArticles(t)...)
	ix := buildTimed(t, arts)
	base := defaultFusion
	type bm25 struct{ k1, b float64 }
	lexVariants := map[string][2]bm25{ // chunk index, article index
		"default":  {{1.2, 0.75}, {1.2, 0.75}},
		"docB09":   {{1.2, 0.75}, {1.2, 0.9}},
		"docB05":   {{1.2, 0.75}, {1.2, 0.5}},
		"k1_15":    {{1.5, 0.75}, {1.5, 0.75}},
		"k1_09":    {{0.9, 0.75}, {0.9, 0.75}},
		"chunkB05": {{1.2, 0.5}, {1.2, 0.75}},
	}
	for name, v := range lexVariants {
		ix.lex.k1, ix.lex.b, ix.doc.k1, ix.doc.b = v[0].k1, v[0].b, v[1].k1, v[1].b
		m, err := EvaluateRetrieval(context.Background(), ix, cases)
		if err != nil {
			t.Fatal(err)
		}
		r1, _ := recall(t, ix, qs)
		x1, _ := recall(t, ix, xqs)
		t.Logf("%-9s builtin hit@1 %.3f  cmrc recall@1 %.4f  xquad recall@1 %.4f", name, m.Hit1, r1, x1)
	}
	ix.lex.k1, ix.lex.b, ix.doc.k1, ix.doc.b = bm25K1, bm25B, bm25K1, bm25B
	variants := map[string]func(p *fusionParams){}
	for name, change := range variants {
		p := base
		change(&p)
		ix.fusion = p
		m, err := EvaluateRetrieval(context.Background(), ix, cases)
		if err != nil {
			t.Fatal(err)
		}
		r1, _ := recall(t, ix, qs)
		x1, _ := recall(t, ix, xqs)
		t.Logf("%-9s builtin hit@1 %.3f  cmrc recall@1 %.4f  xquad recall@1 %.4f", name, m.Hit1, r1, x1)
	}
}
