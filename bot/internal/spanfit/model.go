package spanfit

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sync"
	"unicode"

	"newsbot/internal/logreg"
)

// Tables hold, per answer group and edge ("start", "end", "before", "after"), the log-odds of a
// character standing at that edge of an answer rather than of any candidate span, counted from
// the training data. Digits are counted as '0' and Latin letters as 'a'.
type Tables map[string]float64

func tableKey(edge, grp string, r rune) string { return edge + "|" + grp + "|" + string(charClass(r)) }

// charClass maps a character to the one its table entry counts it under.
func charClass(r rune) rune {
	switch {
	case r < 128 && unicode.IsDigit(r):
		return '0'
	case r < 128 && unicode.IsLetter(r):
		return 'a'
	}
	return r
}

// value is the log-odds of r at edge for grp, 0 when not counted.
func (t *Tables) value(edge, grp string, r rune) float64 {
	if t == nil {
		return 0
	}
	return (*t)[tableKey(edge, grp, r)]
}

// Model is a fitted span model: the edge tables and the conditional logit over the features.
type Model struct {
	Note   string        `json:"note,omitempty"`
	Tables Tables        `json:"tables"`
	Logit  *logreg.Model `json:"logit"`
	// MinGain is how much more expected overlap the model's span must have than the rule span
	// to replace it (Best's gain).
	MinGain float64 `json:"min_gain"`
	Used    int     `json:"-"` // questions the fit used

	foldOnce sync.Once
	folded   []float64 // score's coefficients (fold)
	folded0  float64
}

//go:embed span_model.json
var modelJSON []byte

// Default is the model in span_model.json, nil when the file holds none or one that does not
// match the package's features (TestDefaultModel fails then; the training command refits it).
var Default, defaultErr = Parse(modelJSON)

// Parse reads a model; an empty document is no model (nil).
func Parse(data []byte) (*Model, error) {
	var m Model
	if len(data) == 0 || string(data) == "{}\n" || string(data) == "{}" {
		return nil, nil
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	if m.Logit == nil {
		return nil, nil
	}
	raw, err := json.Marshal(m.Logit)
	if err != nil {
		return nil, err
	}
	lr, err := logreg.Parse(raw)
	if err != nil {
		return nil, err
	}
	if len(lr.Features) != len(FeatureNames) {
		return nil, fmt.Errorf("the logit has %d features, the package computes %d", len(lr.Features), len(FeatureNames))
	}
	for i, f := range lr.Features {
		if f != FeatureNames[i] {
			return nil, fmt.Errorf("feature %d is %q, the package computes %q", i, f, FeatureNames[i])
		}
	}
	m.Logit = lr
	return &m, nil
}

// Best is the span of in's sentence with the highest expected overlap with the answer under the
// model (the measure answers are judged by: a span that overlaps the likely answers scores
// better than the single likeliest one when the model is unsure) and its gain: its expected
// overlap less the rule span's when in has one; ok is false when the sentence has no candidate or
// m is nil.
func (m *Model) Best(in Input) (best Span, gain float64, ok bool) {
	if m == nil || in.Q == nil {
		return Span{}, 0, false
	}
	s := read(in)
	cands := s.candidates()
	if len(cands) == 0 {
		return Span{}, 0, false
	}
	ev := s.edges(&m.Tables)
	scores := make([]float64, len(cands))
	buf := make([]float64, 0, len(FeatureNames))
	for k, c := range cands {
		buf = s.features(in, c, &ev, buf)
		scores[k] = m.score(buf)
	}
	likely := mostLikely(scores, expectationTop)
	top := scores[likely[0]]
	probs := make([]float64, len(likely))
	sum := 0.0
	for k, i := range likely {
		probs[k] = math.Exp(scores[i] - top)
		sum += probs[k]
	}
	exp := func(c Span) float64 {
		e := 0.0
		for k, i := range likely {
			e += probs[k] / sum * spanF1(c, cands[i])
		}
		return e
	}
	gain = -1
	for _, c := range cands {
		if e := exp(c); e > gain {
			best, gain = c, e
		}
	}
	if in.RuleOK {
		gain -= exp(in.Rule)
	}
	return best, gain, true
}

// expectationTop is how many of the likeliest candidates the expected overlap is taken over.
const expectationTop = 40

// mostLikely are the indices of the n highest scores, highest first (the earlier of equal ones
// first).
func mostLikely(scores []float64, n int) []int {
	top := make([]int, 0, n+1)
	for i, v := range scores {
		if len(top) == n && v <= scores[top[n-1]] {
			continue
		}
		k := len(top)
		for k > 0 && scores[top[k-1]] < v {
			k--
		}
		top = append(top, 0)
		copy(top[k+1:], top[k:])
		top[k] = i
		if len(top) > n {
			top = top[:n]
		}
	}
	return top
}

// spanF1 is the overlap F1 of two spans of one sentence.
func spanF1(a, b Span) float64 {
	ov := min(a.End, b.End) - max(a.Start, b.Start)
	if ov <= 0 {
		return 0
	}
	return 2 * float64(ov) / float64(a.End-a.Start+b.End-b.Start)
}

// score is the logit's linear score of x (monotone in its Prob), through coefficients folded
// once per model (weight over scale, and the means into a constant): a sentence's thousand
// candidates are scored on every answer.
func (m *Model) score(x []float64) float64 {
	m.foldOnce.Do(m.fold)
	v := m.folded0
	for i, c := range m.folded {
		v += c * x[i]
	}
	return v
}

// fold computes score's coefficients from the logit.
func (m *Model) fold() {
	lr := m.Logit
	m.folded = make([]float64, len(lr.Weights))
	m.folded0 = lr.Bias
	for i, w := range lr.Weights {
		m.folded[i] = w / lr.Scale[i]
		m.folded0 -= w * lr.Mean[i] / lr.Scale[i]
	}
}
