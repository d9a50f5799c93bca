package spanfit

import (
	"math"
	"math/rand/v2"
	"unicode"

	"newsbot/bot/internal/intent"
	"newsbot/internal/logreg"
)

// Example is one training question: its input and gold answers (as written).
type Example struct {
	Input
	Golds []string
}

// FitOptions control a fit.
type FitOptions struct {
	L2 float64
	// Negatives bounds the candidates of no worth kept per question (chosen by a fixed seed), so
	// that the fit stays small; 0 keeps them all.
	Negatives int
	Seed      uint64
	// Soft, when above 0, wants every candidate in proportion to its overlap to that power (else
	// only the best candidates are wanted).
	Soft float64
	// MinGain is written into the model (Model.MinGain).
	MinGain float64
}

// minTargetF1 is the least overlap with a gold answer the best candidate must reach for its
// question to teach the model anything.
const minTargetF1 = 0.5

// prepared is one example's sentence, candidates and their overlap with the gold answers.
type prepared struct {
	in    Input
	s     *sentence
	cands []Span
	f1    []float64
	best  float64
}

func prepare(e Example) prepared {
	p := prepared{in: e.Input, s: read(e.Input)}
	p.cands = p.s.candidates()
	golds := make([][]rune, len(e.Golds))
	for k, g := range e.Golds {
		golds[k] = scoringRunes([]rune(intent.Fold(g)))
	}
	for _, c := range p.cands {
		v := 0.0
		pr := scoringRunes(p.s.r[c.Start:c.End])
		for _, g := range golds {
			v = max(v, OverlapF1(pr, g))
		}
		p.f1 = append(p.f1, v)
		p.best = max(p.best, v)
	}
	return p
}

// Fit fits a model on examples: the edge tables are counted from the examples (for the fit's own
// features, from the other half of them, so that the logit does not trust tables that have seen
// the answer), then the conditional logit wants the candidates that overlap a gold answer best.
func Fit(examples []Example, opts FitOptions) (*Model, error) {
	var ps []prepared
	for _, e := range examples {
		if p := prepare(e); p.best >= minTargetF1 {
			ps = append(ps, p)
		}
	}
	halves := [2]Tables{countTables(ps, 1), countTables(ps, 0)} // tables from the other half
	r := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5eed))
	var gs []logreg.Group
	for k, p := range ps {
		ev := p.s.edges(&halves[k%2])
		var g logreg.Group
		for ci, c := range p.cands {
			wanted := p.f1[ci] >= p.best-1e-9
			if !wanted && opts.Negatives > 0 && r.Float64()*float64(len(p.cands)) > float64(opts.Negatives) {
				continue
			}
			g.X = append(g.X, p.s.features(p.in, c, &ev, nil))
			tv := b2f(wanted)
			if opts.Soft > 0 {
				tv = math.Pow(p.f1[ci], opts.Soft)
			}
			g.Target = append(g.Target, tv)
		}
		gs = append(gs, g)
	}
	lr, err := logreg.FitRanking(FeatureNames, gs, logreg.Options{L2: opts.L2})
	if err != nil {
		return nil, err
	}
	return &Model{Tables: countTables(ps, -1), Logit: lr.Rounded(), MinGain: opts.MinGain, Used: len(ps)}, nil
}

// Minimum counts for a table entry: a character seen this rarely at an edge tells nothing.
const (
	minEdgeCount  = 200
	edgeSmoothing = 1.0
	maxLogOdds    = 4.0
	minLogOdds    = 0.1 // smaller log-odds are left out of the table (read as 0)
)

// countTables counts the edge tables over the examples of half h (k%2 == h), all when h < 0: each
// question's best candidates as answers, all its candidates as the background.
func countTables(ps []prepared, h int) Tables {
	pos, all := map[string]float64{}, map[string]float64{}
	posN, allN := map[string]float64{}, map[string]float64{}
	for k, p := range ps {
		if h >= 0 && k%2 != h {
			continue
		}
		r, g := p.s.r, p.s.grp
		for ci, c := range p.cands {
			wanted := p.f1[ci] >= p.best-1e-9
			for _, e := range edgesOf(r, c) {
				key := tableKey(e.edge, g, e.r)
				all[key]++
				allN[e.edge+"|"+g]++
				if wanted {
					pos[key]++
					posN[e.edge+"|"+g]++
				}
			}
		}
	}
	t := Tables{}
	for key, n := range all {
		if n < minEdgeCount {
			continue
		}
		edge, g := splitKey(key)
		v := math.Log((pos[key]+edgeSmoothing)/(posN[edge+"|"+g]+edgeSmoothing)) - math.Log((n+edgeSmoothing)/(allN[edge+"|"+g]+edgeSmoothing))
		if math.Abs(v) >= minLogOdds {
			t[key] = math.Round(math.Max(-maxLogOdds, math.Min(maxLogOdds, v))*100) / 100
		}
	}
	return t
}

type edgeChar struct {
	edge string
	r    rune
}

func edgesOf(r []rune, c Span) [4]edgeChar {
	return [4]edgeChar{{"start", r[c.Start]}, {"end", r[c.End-1]}, {"before", runeAt(r, c.Start-1)}, {"after", runeAt(r, c.End)}}
}

// splitKey is the edge and group of a table key.
func splitKey(key string) (edge, grp string) {
	a := -1
	for i := 0; i < len(key); i++ {
		if key[i] == '|' {
			if a < 0 {
				a = i
			} else {
				return key[:a], key[a+1 : i]
			}
		}
	}
	return key, ""
}

// scoringRunes are the characters an overlap is counted on: lower case, no punctuation or space.
func scoringRunes(r []rune) []rune {
	out := make([]rune, 0, len(r))
	for _, c := range r {
		if !isPunct(c) {
			out = append(out, unicode.ToLower(c))
		}
	}
	return out
}

// OverlapF1 is the F1 of the longest common run of characters of a prediction and a gold answer,
// as CMRC 2018 scores a span.
func OverlapF1(pred, gold []rune) float64 {
	if len(pred) == 0 || len(gold) == 0 {
		return 0
	}
	best := 0
	prev := make([]int, len(gold)+1)
	cur := make([]int, len(gold)+1)
	for i := 1; i <= len(pred); i++ {
		for j := 1; j <= len(gold); j++ {
			cur[j] = 0
			if pred[i-1] == gold[j-1] {
				cur[j] = prev[j-1] + 1
				best = max(best, cur[j])
			}
		}
		prev, cur = cur, prev
	}
	if best == 0 {
		return 0
	}
	p, r := float64(best)/float64(len(pred)), float64(best)/float64(len(gold))
	return 2 * p * r / (p + r)
}

func b2f(v bool) float64 {
	if v {
		return 1
	}
	return 0
}
