package bot

import (
	"context"
	"fmt"
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
	"strings"

	"newsbot/corpus"
)

// DefaultMinEvidence is the refusal threshold on an answer's evidence: the share of the question's
// content characters found, in runs of two or more, in the quote and the article's headline.
// Independently of it, answers that lack what the question asks for are refused (checks.go).
//
// Calibration (TestCalibrateRefusal, run without -short): every case of the eval sets (the
// built-in edition's, and testdata/eval/NAME.jsonl over testdata/NAME/) is answered with the
// threshold off; each threshold between neighbouring evidence values is scored as unanswerable
// refused minus correctly answered answerable refused, and the widest best-scoring interval is
// taken. On 210 cases it was (0.286, 0.300], midpoint 0.293, which this constant keeps; since the
// answer-compatibility checks grew (who-did-it acts, roles, origins, lists, units…), the widest
// best interval is (0.000, 0.375]: the checks now refuse what the threshold alone used to. The test
// fails when this constant leaves the best-scoring intervals.
const DefaultMinEvidence = 0.293

// maxSuggestions is how many related articles a refusal offers.
const maxSuggestions = 3

// Replies of refusals (lexicon/data/replies.txt).
var (
	refusalReply    = lexicon.Text("replies", "refusal")
	suggestionIntro = lexicon.Text("replies", "suggestionIntro")
	emptyLibrary    = lexicon.Text("replies", "emptyLibrary")
)

// compose turns an attempt into the Answer: the LLM's when one is configured and its reply passes
// validation, else the extractive answer, or a refusal when the evidence is weak.
func (e *Engine) compose(ctx context.Context, att attempt) Answer {
	fallback := refusal(att)
	if att.Found {
		fallback = extractiveAnswer(att)
	}
	// The model may answer what lexical matching could not (paraphrases), so it is asked even when
	// the extractive answerer would refuse; its reply is validated and the fallback stands otherwise.
	if e.opts.LLM != nil && len(att.Cands) > 0 && !core.IsEnglish(att.Res.Q.Raw) {
		if gen, ok := e.generate(ctx, att, fallback); ok {
			return gen
		}
	}
	return fallback
}

// extractiveAnswer is the concise clause with the answering sentence(s) as its quote.
func extractiveAnswer(att attempt) Answer {
	p := att.Pick
	if p.Byline {
		return Answer{Answer: bylineAnswer(p.Cand), Found: true,
			Citations: []Citation{citationFor(1, p.Cand.Article, p.Quote())}}
	}
	text := p.Unit
	if text == "" {
		text = core.TrimPunct(p.Quote())
	}
	text = core.DisplayPunct(text)
	return Answer{
		Answer:    text + "。[1]",
		Found:     true,
		Citations: []Citation{citationFor(1, p.Cand.Article, p.Quote())},
	}
}

// citationFor cites article a as source n with quote.
func citationFor(n int, a corpus.Article, quote string) Citation {
	return Citation{N: n, ArticleID: a.ID, Title: a.Headline(), Byline: a.Byline, Edition: a.EditionLabel(),
		Page: a.Page, Quote: quote}
}

// refusal says the edition does not answer, offering the nearest articles that share any of the
// question's terms.
func refusal(att attempt) Answer {
	msg := refusalReply
	if core.IsEnglish(att.Res.Q.Raw) {
		msg = englishReply
	}
	ans := Answer{Answer: msg, Citations: []Citation{}}
	var names []string
	for _, c := range att.Cands {
		if len(ans.Citations) == maxSuggestions {
			break
		}
		i, ok := bestSentenceFor(c, att.Res.Q.Terms)
		if !ok {
			continue
		}
		n := len(ans.Citations) + 1
		quote := c.Article.Text[c.Sents[i].Start:c.Sents[i].End]
		ans.Citations = append(ans.Citations, citationFor(n, c.Article, quote))
		names = append(names, fmt.Sprintf("《%s》[%d]", c.Article.Headline(), n))
	}
	if len(names) > 0 {
		ans.Answer += suggestionIntro + strings.Join(names, "、") + "。"
	}
	return ans
}

// bestSentenceFor is the sentence of c sharing the most terms with the question; ok is false when
// neither its sentences nor its headline share any.
func bestSentenceFor(c *core.Candidate, terms []intent.Term) (int, bool) {
	best, bestN := 0, 0
	for i, s := range c.Folded {
		n := 0
		for _, t := range terms {
			if t.In(s) {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	if bestN > 0 {
		return best, true
	}
	for _, t := range terms {
		if t.In(c.Headline) && len(c.Sents) > 0 {
			return 0, true
		}
	}
	return 0, false
}
