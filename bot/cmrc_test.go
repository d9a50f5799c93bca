package bot

import (
	"bufio"
	"encoding/json"
	"newsbot/bot/internal/intent"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/extract"
	"newsbot/corpus"
	"newsbot/retrieval"
)

// answerSpan is the extractive answerer's short answer to question from one given passage: the
// isolated span, or the answer clause when no span can be isolated.
func answerSpan(question, passage string) string {
	cands := core.PrepareCandidates([]retrieval.Result{{Article: corpus.Article{ID: "p", Text: passage}}}, 1)
	p, ok := extract.Extract(resolve(intent.Analyze(question), nil), cands)
	if !ok {
		return ""
	}
	if p.Span != "" {
		return p.Span
	}
	return p.Unit
}

// CMRC 2018 scoring: punctuation and space removed; F1 over characters (English words and numbers
// as single tokens) using the longest common substring, maximised over the gold answers.
func cmrcTokens(s string) []string {
	var out []string
	var word []rune
	flush := func() {
		if len(word) > 0 {
			out = append(out, string(word))
			word = word[:0]
		}
	}
	for _, r := range strings.ToLower(intent.Fold(s)) {
		switch {
		case unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r):
			flush()
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			word = append(word, r)
		default:
			flush()
			out = append(out, string(r))
		}
	}
	flush()
	return out
}

func longestCommonRun(a, b []string) int {
	best := 0
	prev := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
				best = max(best, cur[j])
			}
		}
		prev = cur
	}
	return best
}

func cmrcScores(pred string, golds []string) (em, f1 float64) {
	p := cmrcTokens(pred)
	for _, g := range golds {
		gt := cmrcTokens(g)
		if strings.Join(gt, "") == strings.Join(p, "") && len(gt) > 0 {
			em = 1
		}
		l := longestCommonRun(gt, p)
		if l == 0 {
			continue
		}
		prec, rec := float64(l)/float64(len(p)), float64(l)/float64(len(gt))
		f1 = max(f1, 2*prec*rec/(prec+rec))
	}
	return em, f1
}

func TestCMRCScoring(t *testing.T) {
	tests := []struct {
		pred   string
		golds  []string
		em, f1 float64
	}{
		{"18177平方千米", []string{"18177平方千米"}, 1, 1},
		{"总面积18177平方千米。", []string{"18177平方千米"}, 0, 2 * (5.0 / 8) * 1 / (5.0/8 + 1)},
		{"光荣", []string{"光荣和ω-force"}, 0, 2 * 1 * (2.0 / 5) / (1 + 2.0/5)},
		{"无关", []string{"答案"}, 0, 0},
	}
	for _, tt := range tests {
		em, f1 := cmrcScores(tt.pred, tt.golds)
		if em != tt.em || f1-tt.f1 > 1e-9 || tt.f1-f1 > 1e-9 {
			t.Errorf("cmrcScores(%q, %q) = %v, %.4f; want %v, %.4f", tt.pred, tt.golds, em, f1, tt.em, tt.f1)
		}
	}
}

type qaPassage struct {
	PID  string `json:"pid"`
	Text string `json:"text"`
}

type qaQuestion struct {
	Question string   `json:"question"`
	Answers  []string `json:"answers"`
	GoldPID  string   `json:"gold_pid"`
}

func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	return out
}

// TestCMRC2018Spans measures answer-span quality on CMRC 2018 dev with the gold passage given
// (exact match and F1, CMRC style). Long: set NEWSBOT_LONG=1. For scale, BERT-base reaches F1 83.6.
func TestCMRC2018Spans(t *testing.T) {
	if testing.Short() || os.Getenv("NEWSBOT_LONG") == "" {
		t.Skip("CMRC 2018 evaluation: set NEWSBOT_LONG=1 (and no -short)")
	}
	dir := filepath.Join("..", "..", "shared", "qa")
	pPath, qPath := filepath.Join(dir, "cmrc2018_dev.passages.jsonl"), filepath.Join(dir, "cmrc2018_dev.questions.jsonl")
	if _, err := os.Stat(qPath); err != nil {
		t.Skipf("CMRC 2018 dev not available: %v", err)
	}
	passages := map[string]string{}
	for _, p := range readJSONL[qaPassage](t, pPath) {
		passages[p.PID] = p.Text
	}
	var em, f1, heldEM, heldF1 float64
	n, held := 0, 0
	byType := map[intent.Type][3]float64{}
	train := cmrcTrain(cmrcSplitSeed)
	for i, q := range readJSONL[qaQuestion](t, qPath) {
		text, ok := passages[q.GoldPID]
		if !ok {
			continue
		}
		e, f := cmrcScores(answerSpan(q.Question, text), q.Answers)
		em, f1, n = em+e, f1+f, n+1
		if !train(i) {
			heldEM, heldF1, held = heldEM+e, heldF1+f, held+1
		}
		qt := intent.Analyze(q.Question).Type
		s := byType[qt]
		byType[qt] = [3]float64{s[0] + 1, s[1] + e, s[2] + f}
	}
	if n == 0 {
		t.Fatal("no questions scored")
	}
	t.Logf("CMRC 2018 dev, gold passage given: %d questions, EM %.1f, F1 %.1f", n, 100*em/float64(n), 100*f1/float64(n))
	t.Logf("  the 30%% no model is fitted on (cmrcTrain, seed %d): %d questions, EM %.1f, F1 %.1f", cmrcSplitSeed, held,
		100*heldEM/float64(held), 100*heldF1/float64(held))
	for qt, s := range byType {
		t.Logf("  %-7s %5.0f questions  EM %5.1f  F1 %5.1f", qt, s[0], 100*s[1]/s[0], 100*s[2]/s[0])
	}
}
