package bot

import (
	"context"
	"path/filepath"
	"testing"
)

func TestDbgHeld(t *testing.T) {
	e := libraryEngine(t, filepath.Join("..", "testdata", "heldout"))
	for _, q := range []string{"K8路公交的起点在哪里？"} {
		out, _ := e.ask(context.Background(), "", q)
		p := out.Attempt.Pick
		t.Logf("%s → ev %.2f mm %q span %q | %s", q, p.Evidence, p.Mismatch, p.Span, out.Answer.Answer)
		res := resolve(analyze(q), nil)
		cands := out.Attempt.Cands
		x := &extractor{q: res.Q, terms: res.Q.Terms}
		x.idf = idfWeights(x.terms, cands)
		x.runs = runsOf(res.Q.Norm, res.Q.QWord)
		x.subject = firstOr(x.runs)
		x.markHeld(cands)
		for _, c := range cands[:1] {
			for i := range c.Sents {
				p := x.score(c, i)
				x.finish(&p)
				t.Logf("   %.2f cc %.2f mm %q %.40s", p.Score, p.CharCov, p.Mismatch, c.Folded[i])
			}
		}
	}
	b := builtinEngine(t, Options{})
	out, _ := b.ask(context.Background(), "", "达茂旗距离武进多少公里？")
	p := out.Attempt.Pick
	t.Logf("DM %v %v %.2f %q", p.Sent, p.From, p.CharCov, p.Quote())
}
