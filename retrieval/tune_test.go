package retrieval

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
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
		ix.fusion, ix.rank = p, nil // the hand-set rerank over p
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
	report := func(name string) {
		m, err := EvaluateRetrieval(context.Background(), ix, cases)
		if err != nil {
			t.Fatal(err)
		}
		r1, _ := recall(t, ix, qs)
		x1, _ := recall(t, ix, xqs)
		t.Logf("%-9s builtin hit@1 %.3f  cmrc recall@1 %.4f  xquad recall@1 %.4f", name, m.Hit1, r1, x1)
	}
	for name, v := range lexVariants {
		ix.lex.k1, ix.lex.b, ix.doc.k1, ix.doc.b = v[0].k1, v[0].b, v[1].k1, v[1].b
		report(name)
	}
	ix.lex.k1, ix.lex.b, ix.doc.k1, ix.doc.b = bm25K1, bm25B, bm25K1, bm25B
	variants := map[string]func(p *fusionParams){} // fusion settings to try; none at present
	for name, change := range variants {
		p := base
		change(&p)
		ix.fusion, ix.rank = p, nil // the hand-set rerank over p
		report(name)
	}
}

// TestTuneParaphrase compares paraphrase expansion settings on one index holding the built-in
// edition, the three QA sets' passages and all of xwlb (NEWSBOT_LONG=1 NEWSBOT_TUNE_PARAPHRASE=1).
// The QA sets share one index here, so their recall sits a little below TestQARecall's; the
// comparison between settings is what counts.
func TestTuneParaphrase(t *testing.T) {
	requireLong(t)
	if os.Getenv("NEWSBOT_TUNE_PARAPHRASE") != "1" {
		t.Skip("set NEWSBOT_TUNE_PARAPHRASE=1")
	}
	cases, err := LoadEvalSet(builtinEvalSet)
	if err != nil {
		t.Fatal(err)
	}
	arts := builtinArticles(t)
	sets := []string{"cmrc2018_dev", "drcd_dev", "xquad_zh"}
	questions := map[string][]qaQuestion{}
	for _, name := range sets {
		a, qs := qaSet(t, name)
		arts = append(arts, a...)
		questions[name] = qs
	}
	ix := buildTimed(t, append(arts, xwlbArticles(t)...))
	withoutGroups := func(drop ...string) func() {
		return func() {
			var keep [][]string
			for _, g := range paraphraseGroups {
				if !slices.Contains(drop, g[0]) {
					keep = append(keep, g)
				}
			}
			useParaphraseGroups(keep)
		}
	}
	variants := []struct {
		name   string
		change func(p *fusionParams)
		table  func() // changes the paraphrase table for this variant; nil keeps it
	}{
		{"off", func(p *fusionParams) { p.paraphrase, p.paraphraseCredit = 0, 0 }, nil},
		{"default", func(p *fusionParams) {}, nil},
		{"p05c05", func(p *fusionParams) { p.paraphrase, p.paraphraseCredit = 0.5, 0.5 }, nil},
		{"p1c1", func(p *fusionParams) { p.paraphrase, p.paraphraseCredit = 1, 1 }, nil},
		{"p07c1", func(p *fusionParams) { p.paraphrase, p.paraphraseCredit = 0.7, 1 }, nil},
		{"p1c05", func(p *fusionParams) { p.paraphrase, p.paraphraseCredit = 1, 0.5 }, nil},
		{"p1c1cov05", func(p *fusionParams) { p.paraphrase, p.paraphraseCredit, p.coverage = 1, 1, 0.5 }, nil},
		{"cov05", func(p *fusionParams) { p.paraphrase, p.paraphraseCredit, p.coverage = 0, 0, 0.5 }, nil},
		{"nosentence", func(p *fusionParams) { p.sentence = 0 }, nil},
		{"sentence06", func(p *fusionParams) { p.sentence = 0.6 }, nil},
		{"p1c1old", func(p *fusionParams) { p.paraphrase, p.paraphraseCredit = 1, 1 },
			withoutGroups("成立", "签署", "工厂", "大学生", "防火", "比赛")},
		{"p1c1no成立", func(p *fusionParams) { p.paraphrase, p.paraphraseCredit = 1, 1 }, withoutGroups("成立")},
	}
	if only := os.Getenv("NEWSBOT_TUNE_ONLY"); only != "" {
		keep := variants[:0]
		for _, v := range variants {
			if strings.Contains(","+only+",", ","+v.name+",") {
				keep = append(keep, v)
			}
		}
		variants = keep
	}
	for _, v := range variants {
		p := defaultFusion
		v.change(&p)
		ix.fusion, ix.rank = p, nil // the hand-set rerank over p
		if v.table != nil {
			v.table()
		}
		m, err := EvaluateRetrieval(context.Background(), ix, cases)
		if err != nil {
			t.Fatal(err)
		}
		line := fmt.Sprintf("%-9s builtin hit@1 %.3f", v.name, m.Hit1)
		for _, name := range sets {
			r1, _ := parallelRecall(t, ix, questions[name])
			line += fmt.Sprintf("  %s %.4f", name, r1)
		}
		t.Log(line)
		for _, miss := range m.Misses {
			t.Logf("    miss (rank %d): %s", miss.Rank, miss.Case.Q)
		}
		useParaphraseGroups(paraphraseGroups)
	}
	ix.fusion = defaultFusion
}

// parallelRecall is recall with the questions spread over the machine's cores.
func parallelRecall(t testing.TB, ix *Index, qs []qaQuestion) (r1, r5 float64) {
	workers := runtime.GOMAXPROCS(0)
	parts := make([][2]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []qaQuestion
			for i := w; i < len(qs); i += workers {
				mine = append(mine, qs[i])
			}
			if len(mine) == 0 {
				return
			}
			a, b := recall(t, ix, mine)
			parts[w] = [2]float64{a * float64(len(mine)), b * float64(len(mine))}
		}()
	}
	wg.Wait()
	for _, p := range parts {
		r1 += p[0]
		r5 += p[1]
	}
	return r1 / float64(len(qs)), r5 / float64(len(qs))
}
