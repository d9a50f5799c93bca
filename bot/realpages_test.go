package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// TestRealPagesEval answers testdata/realpages/realpages.jsonl over the editions of
// ../corpus/testdata/heldback: pages written by us in the layouts real papers publish (scraped
// e-paper text in UTF-8 and GBK, RSS, Atom and JSON feeds, Markdown notes with front matter,
// Taiwanese article pages), parsed as a user's ingest would. The 44 questions were written and
// committed before the bot first answered them; that blind first run was (answer accuracy /
// refusal accuracy / false refusals):
//
//	realpages.jsonl (44: 38 answerable, 6 unanswerable)   0.711 / 1.000 / 0.263 (hit@1 1.000)
//
// Ten of the eleven misses were refusals of questions whose figure the text writes in Chinese
// numerals (九省区, 百分之十一, 三千萬元), as national dailies do. With a percentage (百分之七十五), a
// decimal (二点三亿) and a half (半小时) in Chinese numerals read as numbers, and 摄氏度 as the
// written form of 度, the same run gives 0.842 / 1.000 / 0.132; the floor below keeps that. Left:
// a figure counted by its noun with no measure word (九省区, 七部门), a reference to the subject of
// the sentence before (该校), units the tables lack (瓩, 攤).
func TestRealPagesEval(t *testing.T) {
	dir := filepath.Join("..", "corpus", "testdata", "heldback")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no editions in %s (%v)", dir, err)
	}
	var arts []corpus.Article
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "expected") {
			continue // the parser test's hand-written expectations, not an edition
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ed, err := corpus.Parse(filepath.Base(f), data, corpus.Meta{})
		if err != nil {
			t.Fatalf("parse %s: %v", f, err)
		}
		arts = append(arts, ed.Articles...)
	}
	ix, err := retrieval.Build(context.Background(), arts, retrieval.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cases, err := retrieval.LoadEvalSet(filepath.Join("testdata", "realpages", "realpages.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Evaluate(context.Background(), NewEngine(ix, Options{}), cases)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	t.Logf("\n%s", rep)
	checkFloors(t, rep, evalFloors{hit1: 1, answer: 0.84, refusal: 1, falseRefusalMax: 0.14})
}
