package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/retrieval"
)

// TestAnswerSnapshot writes every eval question's answer (reply, quotes, the check that refused
// and why, evidence, the best-scored sentences) to the file NEWSBOT_SNAPSHOT names, one line a
// case: a refactoring that must not change behaviour is checked by an empty diff between the
// snapshots before and after it. With NEWSBOT_LONG=1 the blind xwlb sets and the CMRC 2018 dev
// spans are written too. Skipped without NEWSBOT_SNAPSHOT.
func TestAnswerSnapshot(t *testing.T) {
	out := os.Getenv("NEWSBOT_SNAPSHOT")
	if out == "" {
		t.Skip("set NEWSBOT_SNAPSHOT=FILE to write every eval answer to FILE")
	}
	var b strings.Builder
	snapshotSet(t, &b, "builtin", builtinEngine(t, Options{}), evalCases(t))
	others, _ := filepath.Glob(filepath.Join("..", "testdata", "eval", "*.jsonl"))
	for _, f := range others {
		if dir := evalLibraryDir(f); dir != "" {
			snapshotSet(t, &b, filepath.Base(f), libraryEngine(t, dir), loadSets(t, f))
		}
	}
	fresh, _ := filepath.Glob(filepath.Join("testdata", "fresh", "*.jsonl"))
	snapshotSet(t, &b, "fresh", freshEngine(t), loadSets(t, fresh...))
	snapshotSet(t, &b, "realpages", libraryEngine(t, filepath.Join("..", "corpus", "testdata", "heldback")),
		loadSets(t, filepath.Join("testdata", "realpages", "realpages.jsonl")))
	if os.Getenv("NEWSBOT_LONG") != "" {
		if len(xwlbArticles(t)) > 0 {
			e := xwlbEngine(t, Options{})
			sets, _ := filepath.Glob(filepath.Join("..", "testdata", "xwlb", "*.jsonl"))
			for _, f := range sets {
				snapshotSet(t, &b, filepath.Base(f), e, loadSets(t, f))
			}
		}
		snapshotCMRC(t, &b)
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func loadSets(t *testing.T, files ...string) []retrieval.EvalCase {
	t.Helper()
	var all []retrieval.EvalCase
	for _, f := range files {
		cs, err := retrieval.LoadEvalSet(f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, cs...)
	}
	return all
}

// snapshotSet writes one line a case of the answer the engine gives, with its explanation.
func snapshotSet(t *testing.T, b *strings.Builder, set string, e *Engine, cases []retrieval.EvalCase) {
	t.Helper()
	ctx := WithExplain(context.Background())
	for _, c := range cases {
		a, err := askCase(ctx, e, c)
		if err != nil {
			t.Fatalf("%s %q: %v", set, c.Q, err)
		}
		var quotes []string
		for _, ci := range a.Citations {
			quotes = append(quotes, ci.ArticleID+":"+ci.Quote)
		}
		ex, _ := json.Marshal(a.Explain)
		fmt.Fprintf(b, "%s\t%s\t%s\t%v\t%s\t%s\t%s\n", set, strings.Join(c.History, "|"), c.Q, a.Found, a.Answer,
			strings.Join(quotes, "|"), ex)
	}
}

// snapshotCMRC writes the span cut for each CMRC 2018 dev question from its gold passage.
func snapshotCMRC(t *testing.T, b *strings.Builder) {
	dir := filepath.Join("..", "..", "shared", "qa")
	pPath, qPath := filepath.Join(dir, "cmrc2018_dev.passages.jsonl"), filepath.Join(dir, "cmrc2018_dev.questions.jsonl")
	if _, err := os.Stat(qPath); err != nil {
		return
	}
	passages := map[string]string{}
	for _, p := range readJSONL[qaPassage](t, pPath) {
		passages[p.PID] = p.Text
	}
	for _, q := range readJSONL[qaQuestion](t, qPath) {
		if text, ok := passages[q.GoldPID]; ok {
			fmt.Fprintf(b, "cmrc\t%s\t%s\n", q.Question, answerSpan(q.Question, text))
		}
	}
}
