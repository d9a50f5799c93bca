package bot

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// A two-part question asks two things in one line ("有多少户企业享受到补助，金额是多少"): each part
// is answered on its own, the second as a follow-up of the first (it often leaves out the subject
// the first names), and the answer gives both, each with its citation.

// partBreak is where a question may split: a comma or semicolon, or 另外/还有 after one.
var partBreak = regexp.MustCompile(lexicon.String("partBreakRe"))

// twoParts splits a question into two parts that each hold a question word; ok is false for a
// question with one question word, or a comma inside one part ("X和Y，分别是多少" asks once).
func twoParts(clean string) (first, second string, ok bool) {
	locs := partBreak.FindAllStringIndex(clean, -1)
	if len(locs) != 1 {
		return "", "", false
	}
	first, second = strings.TrimSpace(clean[:locs[0][0]]), strings.TrimSpace(clean[locs[0][1]:])
	if first == "" || second == "" || strings.HasPrefix(second, intent.Respectively) {
		return "", "", false
	}
	for _, part := range []string{first, second} {
		if q := intent.Analyze(part); q.QPos < 0 || q.Type == intent.Other && q.QWord == "" {
			return "", "", false
		}
	}
	return first, second, true
}

// answerParts answers a two-part question: both parts when both are found, else what the first
// part found (a partial answer says only what the library holds), else the first part's refusal.
func (e *Engine) answerParts(ctx context.Context, src *source, first, second string, hist []turn) (outcome, error) {
	a, err := e.answer(ctx, src, first, hist)
	if err != nil {
		return outcome{}, err
	}
	b, err := e.answer(ctx, src, second, append(append([]turn(nil), hist...), a.Turn))
	if err != nil {
		return outcome{}, err
	}
	switch {
	case a.Answer.Found && b.Answer.Found:
		a.Answer = joinAnswers(a.Answer, b.Answer)
		return a, nil
	case !a.Answer.Found && b.Answer.Found:
		return b, nil
	}
	return a, nil
}

// joinAnswers appends b's answer to a's, b's citations renumbered after a's (one already among
// a's, the same article and quote, keeps a's number).
func joinAnswers(a, b Answer) Answer {
	out := a
	out.Citations = append([]Citation(nil), a.Citations...)
	renum := map[int]int{}
	for _, c := range b.Citations {
		old, n := c.N, 0
		for _, have := range out.Citations {
			if have.ArticleID == c.ArticleID && have.Quote == c.Quote {
				n = have.N
			}
		}
		if n == 0 {
			n = len(out.Citations) + 1
			c.N = n
			out.Citations = append(out.Citations, c)
		}
		renum[old] = n
	}
	text := markerRe.ReplaceAllStringFunc(b.Answer, func(m string) string {
		old, err := strconv.Atoi(markerRe.FindStringSubmatch(m)[1])
		if n, ok := renum[old]; ok && err == nil {
			return fmt.Sprintf("[%d]", n)
		}
		return m
	})
	out.Answer = strings.TrimSpace(a.Answer) + text
	return out
}
