package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Explanation says why an answer was given or refused, so that a wrong answer is traced in one
// step: the route the question took, how it was read, the refusal check that refused (refusal.go)
// and the best-scored sentences. Ask attaches it when the context asks (WithExplain); `newsbot ask
// --explain` prints it, and with --json adds it as "explain".
type Explanation struct {
	Route        string           `json:"route"`                   // extractive, llm, small talk, overview, edition, which article, rejected
	Type         string           `json:"type,omitempty"`          // the question's type: number, date, person…
	QuestionWord string           `json:"question_word,omitempty"` // the interrogative read
	Resolved     string           `json:"resolved,omitempty"`      // the question answered (a follow-up with its subject)
	Dates        []string         `json:"dates,omitempty"`         // the dates named, each with the edition dates it was resolved to
	DatedFrom    string           `json:"dated_from,omitempty"`    // the edition dates the answer was searched in, "" when not dated
	Check        string           `json:"check,omitempty"`         // the refusal check that refused, "" when none did
	Reason       string           `json:"reason,omitempty"`        // why it refused
	Evidence     float64          `json:"evidence"`                // share of the question's content found in quote and headline
	MinEvidence  float64          `json:"min_evidence"`            // the refusal threshold
	Sentences    []ScoredSentence `json:"sentences,omitempty"`     // the best-scored sentences, best first
}

// ScoredSentence is one sentence the answerer scored.
type ScoredSentence struct {
	ArticleID string  `json:"article_id"`
	Text      string  `json:"text"`
	Score     float64 `json:"score"`
}

// explainKey marks a context whose Ask wants an Explanation.
type explainKey struct{}

// WithExplain returns a context under which Ask attaches an Explanation to its Answer.
func WithExplain(ctx context.Context) context.Context {
	return context.WithValue(ctx, explainKey{}, true)
}

func explainWanted(ctx context.Context) bool { v, _ := ctx.Value(explainKey{}).(bool); return v }

// explain builds the explanation of an outcome.
func (e *Engine) explain(out outcome) *Explanation {
	x := &Explanation{Route: out.Route, MinEvidence: e.minEvidence}
	if out.Answer.Rejected != "" {
		x.Route, x.Reason = "rejected", string(out.Answer.Rejected)
		return x
	}
	att := out.Attempt
	if att.Res.Q.Raw == "" {
		return x
	}
	q := att.Res.Q
	x.Type, x.QuestionWord, x.Resolved = q.Type.String(), q.QWord, att.Res.Resolved
	x.Dates, x.DatedFrom = e.explainDates(out.Turn.Question), att.Dated
	p := att.Pick
	x.Check, x.Reason, x.Evidence = p.Check, p.Mismatch, p.Evidence
	if !att.Found && p.Cand == nil {
		x.Reason = "no sentence of the retrieved articles matches"
	}
	for _, r := range p.Top {
		x.Sentences = append(x.Sentences, ScoredSentence{ArticleID: r.Cand.Article.ID,
			Text: r.Cand.Shown[r.Sent], Score: r.Score})
	}
	return x
}

// FormatExplanation renders an explanation as lines of text for the terminal.
func FormatExplanation(x Explanation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "route: %s\n", x.Route)
	if x.Type != "" {
		fmt.Fprintf(&b, "question: type %s, question word %q, resolved %q\n", x.Type, x.QuestionWord, x.Resolved)
	}
	for _, d := range x.Dates {
		fmt.Fprintf(&b, "date: %s\n", d)
	}
	if x.DatedFrom != "" {
		fmt.Fprintf(&b, "searched editions of %s\n", x.DatedFrom)
	}
	if x.Check != "" || x.Reason != "" {
		fmt.Fprintf(&b, "refused by: %s: %s\n", x.Check, x.Reason)
	}
	fmt.Fprintf(&b, "evidence: %.3f (threshold %.3f)\n", x.Evidence, x.MinEvidence)
	sents := append([]ScoredSentence(nil), x.Sentences...)
	sort.SliceStable(sents, func(i, j int) bool { return sents[i].Score > sents[j].Score })
	for i, s := range sents {
		fmt.Fprintf(&b, "sentence %d: %.3f [%s] %s\n", i+1, s.Score, s.ArticleID, s.Text)
	}
	return b.String()
}
