package retrieval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"newsbot/corpus"
)

// Eval case kinds (DESIGN.md, eval set).
const (
	KindFact         = "fact"
	KindParaphrase   = "paraphrase"
	KindKeyword      = "keyword"
	KindTraditional  = "traditional"
	KindFollowup     = "followup"
	KindUnanswerable = "unanswerable"
)

var evalKinds = map[string]bool{KindFact: true, KindParaphrase: true, KindKeyword: true,
	KindTraditional: true, KindFollowup: true, KindUnanswerable: true}

// EvalCase is one line of an eval set: a question, the article that answers it (an ID or a
// substring of its title), strings the answer must contain ("a|b" for alternatives), the kind,
// and for a follow-up the earlier user turns of the dialogue.
type EvalCase struct {
	Q       string   `json:"q"`
	Article string   `json:"article"`
	Must    []string `json:"must"`
	Kind    string   `json:"kind"`
	History []string `json:"history,omitempty"`
}

// Answerable reports whether the library is meant to hold the answer.
func (c EvalCase) Answerable() bool { return c.Kind != KindUnanswerable }

// Matches reports whether a is the article the case names: equal ID, or the case's Article is a
// substring of a's title, kicker or column label (compared after full-width/half-width and
// traditional/simplified folding).
func (c EvalCase) Matches(a corpus.Article) bool {
	if c.Article == "" {
		return false
	}
	if a.ID == c.Article {
		return true
	}
	want := fold(c.Article)
	// An item with no title (a photo, a brief) is named in citations by its column or the start
	// of its text (Headline), and can be named so here.
	for _, field := range []string{a.Title, a.Kicker, a.Column, a.Headline()} {
		if field != "" && strings.Contains(fold(field), want) {
			return true
		}
	}
	return false
}

// SearchQuery is the text to search for the case: the question, preceded for a follow-up by the
// earlier turns (a follow-up such as 那人口呢 names nothing by itself).
func (c EvalCase) SearchQuery() string {
	if len(c.History) == 0 {
		return c.Q
	}
	return strings.Join(append(append([]string(nil), c.History...), c.Q), " ")
}

// maxEvalBytes bounds an eval set file.
const maxEvalBytes = 1 << 30

// LoadEvalSet reads a JSON Lines eval set. Blank lines are skipped; errors name the file and line.
func LoadEvalSet(path string) ([]EvalCase, error) {
	f, err := corpus.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("retrieval: eval set: %w", err)
	}
	defer f.Close()
	var cases []EvalCase
	sc := bufio.NewScanner(corpus.CapReader(f, path, maxEvalBytes))
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if line == 1 {
			text = strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF")) // saved by a Windows editor
		}
		if text == "" {
			continue
		}
		c, err := parseEvalCase([]byte(text))
		if err != nil {
			return nil, fmt.Errorf("retrieval: eval set %s:%d: %w", path, line, err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("retrieval: eval set %s: %w", path, err)
	}
	return cases, nil
}

func parseEvalCase(line []byte) (EvalCase, error) {
	var c EvalCase
	if err := json.Unmarshal(line, &c); err != nil {
		return c, fmt.Errorf("bad JSON: %w", err)
	}
	if strings.TrimSpace(c.Q) == "" {
		return c, fmt.Errorf(`field "q" is empty`)
	}
	if c.Kind == "" {
		c.Kind = KindFact
	}
	if !evalKinds[c.Kind] {
		return c, fmt.Errorf(`field "kind": unknown kind %q (want fact, paraphrase, keyword, traditional, followup or unanswerable)`, c.Kind)
	}
	if c.Kind == KindUnanswerable {
		// "article" may name the article the question is about (the contract's field, which a
		// set's author fills in for every case); no figure counts it, as none is the answer's.
		if len(c.Must) > 0 {
			return c, fmt.Errorf(`field "must" of an unanswerable case must be empty (it has %d strings)`, len(c.Must))
		}
		return c, nil
	}
	if strings.TrimSpace(c.Article) == "" {
		return c, fmt.Errorf(`field "article" is empty for an answerable (%s) case`, c.Kind)
	}
	for i, m := range c.Must {
		if strings.TrimSpace(m) == "" {
			return c, fmt.Errorf(`field "must"[%d] is empty`, i)
		}
	}
	return c, nil
}

// RetrievalMetrics are retrieval figures over the answerable cases of an eval set.
type RetrievalMetrics struct {
	Answerable int     // cases measured
	Hit1       float64 // share whose article ranks first
	Hit5       float64 // share whose article ranks in the top five
	MRR        float64 // mean reciprocal rank over the top ten (0 when absent)
	Misses     []EvalMiss
}

// EvalMiss is an answerable case whose article did not rank first.
type EvalMiss struct {
	Case EvalCase
	Rank int    // 1-based rank of the right article, 0 when not in the top ten
	Top  string // headline of the article that ranked first ("" when none)
}

// EvaluateRetrieval searches every answerable case (SearchQuery) and measures where its
// article ranks.
func EvaluateRetrieval(ctx context.Context, ix *Index, cases []EvalCase) (RetrievalMetrics, error) {
	var m RetrievalMetrics
	for _, c := range cases {
		if !c.Answerable() {
			continue
		}
		rs, err := ix.Search(ctx, c.SearchQuery(), SearchOptions{Limit: 10})
		if err != nil {
			return m, fmt.Errorf("retrieval: eval %q: %w", c.Q, err)
		}
		m.Answerable++
		rank := 0
		for i, r := range rs {
			if c.Matches(r.Article) {
				rank = i + 1
				break
			}
		}
		if rank == 1 {
			m.Hit1++
		}
		if rank >= 1 && rank <= 5 {
			m.Hit5++
		}
		if rank > 0 {
			m.MRR += 1 / float64(rank)
		}
		if rank != 1 {
			top := ""
			if len(rs) > 0 {
				top = rs[0].Article.Headline()
			}
			m.Misses = append(m.Misses, EvalMiss{Case: c, Rank: rank, Top: top})
		}
	}
	if m.Answerable > 0 {
		n := float64(m.Answerable)
		m.Hit1 /= n
		m.Hit5 /= n
		m.MRR /= n
	}
	return m, nil
}

// String formats the metrics as newsbot eval prints them.
func (m RetrievalMetrics) String() string {
	return fmt.Sprintf("retrieval: %d answerable cases  hit@1 %.3f  hit@5 %.3f  MRR %.3f", m.Answerable, m.Hit1, m.Hit5, m.MRR)
}
