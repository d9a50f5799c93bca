package bot

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// xwlbBlind3Seed draws the items of the third blind real-news set (testdata/xwlb/blind3.jsonl),
// none of them among the items of the first two draws, so its questions are about items nobody
// had read while tuning on the earlier sets.
const xwlbBlind3Seed = 20261209

// blind3Plain and blind3Roundups are how many ordinary items and round-ups the third draw takes.
const blind3Plain, blind3Roundups = 16, 4

// drawXwlb3 draws the third set's items by xwlbBlind3Seed with drawXwlb's rule (ordinary items
// of 300 to 2500 characters, round-ups of at most 4000), leaving out every item of the first and
// second draws; the items come back in draw order, the ordinary ones first. The whole set is one
// held-out set.
func drawXwlb3(arts []corpus.Article) []corpus.Article {
	tune, held := drawXwlb(append([]corpus.Article(nil), arts...), xwlbBlindSeed, 32, 8)
	drawn := append(append(tune, held...), drawXwlb2(arts, 11, 3)...)
	return drawAfter(arts, drawn, xwlbBlind3Seed, blind3Plain, blind3Roundups)
}

// TestXwlbBlind3Draw prints the items drawn for the third blind set (id, date, title, length).
// Set NEWSBOT_DRAW=1 to run it (it reads the whole corpus).
func TestXwlbBlind3Draw(t *testing.T) {
	if os.Getenv("NEWSBOT_DRAW") == "" {
		t.Skip("set NEWSBOT_DRAW=1 to print the third blind draw")
	}
	arts := xwlbArticles(t)
	if len(arts) == 0 {
		t.Skip("xwlb corpus not available")
	}
	for _, a := range drawXwlb3(arts) {
		fmt.Printf("%s\t%s\t%s\t%d\n", a.ID, a.Date, a.Title, utf8.RuneCountInString(a.Text))
	}
}

// xwlbFloor is the least a blind set's figures may fall to before TestXwlbBlindSets fails: a
// little under the set's blind first run, so a regression fails and noise of a question or two
// does not.
type xwlbFloor struct {
	hit1, answer, refused float64 // at least
	falseRefusals         float64 // at most
}

// xwlbFloors holds the floors of the sets that have them. blind3's first run (main at 6959040):
// hit@1 0.792, answer accuracy 0.717, unanswerable refused 0.733, false refusals 0.075.
var xwlbFloors = map[string]xwlbFloor{
	"blind3": {hit1: 0.77, answer: 0.69, refused: 0.70, falseRefusals: 0.10},
}

// checkXwlbFloors fails t when the report of set name falls under the set's floor.
func checkXwlbFloors(t *testing.T, name string, rep EvalReport) {
	t.Helper()
	for _, v := range xwlbFloorViolations(name, rep) {
		t.Error(v)
	}
}

// xwlbFloorViolations lists the figures of rep under set name's floor (none for a set without).
func xwlbFloorViolations(name string, rep EvalReport) []string {
	f, ok := xwlbFloors[name]
	if !ok {
		return nil
	}
	var out []string
	under := func(what string, got, floor float64) {
		if got < floor {
			out = append(out, fmt.Sprintf("%s: %s %.3f, floor %.2f", name, what, got, floor))
		}
	}
	under("hit@1", rep.Hit1, f.hit1)
	under("answer accuracy", rep.AnswerAccuracy, f.answer)
	under("unanswerable refused", rep.RefusalAccuracy, f.refused)
	if rep.FalseRefusalRate > f.falseRefusals {
		out = append(out, fmt.Sprintf("%s: false refusals %.3f, ceiling %.2f", name, rep.FalseRefusalRate, f.falseRefusals))
	}
	return out
}

// TestXwlbFloorViolations checks the floors bite: blind3's first run passes, a report a little
// worse on each figure fails on each, and a set without floors never fails.
func TestXwlbFloorViolations(t *testing.T) {
	first := EvalReport{Hit1: 0.792, AnswerAccuracy: 0.717, RefusalAccuracy: 0.733, FalseRefusalRate: 0.075}
	if v := xwlbFloorViolations("blind3", first); len(v) != 0 {
		t.Errorf("the first run breaks its own floors: %v", v)
	}
	worse := EvalReport{Hit1: 0.75, AnswerAccuracy: 0.68, RefusalAccuracy: 0.667, FalseRefusalRate: 0.108}
	if v := xwlbFloorViolations("blind3", worse); len(v) != 4 {
		t.Errorf("a worse run: %d violations %v, want 4", len(v), v)
	}
	if v := xwlbFloorViolations("blind2", worse); len(v) != 0 {
		t.Errorf("blind2 has no floors, got %v", v)
	}
}

// TestXwlbBlind3Set checks blind3.jsonl against its draw: every question is about a drawn item
// (its article, or for an unanswerable one the item it is about), every drawn item is asked
// about, and every answer string is in its article's text. Long (it reads the whole corpus).
func TestXwlbBlind3Set(t *testing.T) {
	if testing.Short() || os.Getenv("NEWSBOT_LONG") == "" {
		t.Skip("set NEWSBOT_LONG=1 to check blind3 against its draw")
	}
	arts := xwlbArticles(t)
	if len(arts) == 0 {
		t.Skip("xwlb corpus not available")
	}
	drawn := map[string]corpus.Article{}
	for _, a := range drawXwlb3(arts) {
		drawn[a.ID] = a
	}
	f, err := os.ReadFile(filepath.Join("..", "testdata", "xwlb", "blind3.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	asked := map[string]int{}
	for i, line := range strings.Split(strings.TrimSpace(string(f)), "\n") {
		var c struct {
			Q, Article, About, Kind string
			Must                    []string
		}
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("blind3.jsonl:%d: %v", i+1, err)
		}
		id := c.Article + c.About // one of the two is empty
		a, ok := drawn[id]
		if !ok {
			t.Errorf("blind3.jsonl:%d: %s is not a drawn item", i+1, id)
			continue
		}
		asked[id]++
		text := retrieval.FoldText(a.Title + "\n" + a.Text)
		for _, m := range c.Must {
			if !slices.ContainsFunc(strings.Split(m, "|"), func(alt string) bool {
				return strings.Contains(text, retrieval.FoldText(alt))
			}) {
				t.Errorf("blind3.jsonl:%d: %q is not in %s", i+1, m, id)
			}
		}
	}
	for id := range drawn {
		if asked[id] == 0 {
			t.Errorf("drawn item %s has no question", id)
		}
	}
}
