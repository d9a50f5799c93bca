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
	variants := map[string]func(p *fusionParams){
		"default":  func(p *fusionParams) {},
		"cov0":     func(p *fusionParams) { p.coverage = 0 },
		"cov02":    func(p *fusionParams) { p.coverage = 0.2 },
		"cov08":    func(p *fusionParams) { p.coverage = 0.8 },
		"rerank20": func(p *fusionParams) { p.rerank = 20 },
	}
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
