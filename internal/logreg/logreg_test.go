package logreg

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

// TestFitRecoversWeights: data drawn from a known model are fitted back close to it.
func TestFitRecoversWeights(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var exs []Example
	for range 4000 {
		x := []float64{rng.NormFloat64(), rng.NormFloat64()}
		p := 1 / (1 + math.Exp(-(0.5 + 2*x[0] - 1*x[1])))
		exs = append(exs, Example{X: x, Y: rng.Float64() < p})
	}
	m, err := Fit([]string{"a", "b"}, exs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Back to raw-feature weights: w/scale, bias − Σ w·mean/scale.
	wa, wb := m.Weights[0]/m.Scale[0], m.Weights[1]/m.Scale[1]
	bias := m.Bias - wa*m.Mean[0] - wb*m.Mean[1]
	for _, c := range []struct{ got, want float64 }{{bias, 0.5}, {wa, 2}, {wb, -1}} {
		if math.Abs(c.got-c.want) > 0.2 {
			t.Errorf("fitted %.3f, want %.1f ± 0.2 (model %+v)", c.got, c.want, m)
		}
	}
	if !m.Decide([]float64{2, 0}) || m.Decide([]float64{-2, 0}) {
		t.Error("Decide disagrees with the sign of the fitted score")
	}
}

// TestDeterministicAndRoundTrip: the same data give the same file; Parse reads it back.
func TestDeterministicAndRoundTrip(t *testing.T) {
	exs := []Example{{X: []float64{0, 1}, Y: false}, {X: []float64{1, 0}, Y: true}, {X: []float64{0.5, 0.5}, Y: true, Weight: 2},
		{X: []float64{0.2, 0.9}, Y: false}, {X: []float64{0.9, 0.3}, Y: false}}
	var files [][]byte
	for range 2 {
		m, err := Fit([]string{"a", "b"}, exs, Options{L2: 1})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(m.Rounded())
		files = append(files, b)
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Fatalf("two fits differ:\n%s\n%s", files[0], files[1])
	}
	m, err := Parse(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if p := m.Prob([]float64{0.5, 0.5}); p <= 0 || p >= 1 {
		t.Errorf("Prob = %v", p)
	}
}

func TestParseRejectsBadModels(t *testing.T) {
	for _, bad := range []string{`{`, `{"features":[]}`, `{"features":["a"],"mean":[0],"scale":[1],"weights":[]}`,
		`{"features":["a"],"mean":[0],"scale":[0],"weights":[1]}`} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%s): no error", bad)
		}
	}
	if _, err := Fit(nil, nil, Options{}); err == nil {
		t.Error("Fit with nothing: no error")
	}
	if _, err := Fit([]string{"a"}, []Example{{X: []float64{1, 2}}}, Options{}); err == nil {
		t.Error("Fit with a wrong-length example: no error")
	}
}

// TestFitRankingPrefersTheTarget: groups where the wanted candidate always has the larger first
// feature and a random second one; the fit weighs the first feature up and ranks the wanted first.
func TestFitRankingPrefersTheTarget(t *testing.T) {
	var groups []Group
	for i := range 60 {
		noise := float64(i%7) / 7
		groups = append(groups, Group{
			X:      [][]float64{{1 + noise, noise}, {noise, 1 - noise}, {0.5 * noise, 0.3}},
			Target: []float64{1, 0, 0},
		})
	}
	m, err := FitRanking([]string{"good", "noise"}, groups, Options{L2: 1})
	if err != nil {
		t.Fatal(err)
	}
	if m.Weights[0] <= 0 || m.Bias != 0 {
		t.Fatalf("weights %v bias %v: want a positive weight on the deciding feature and no bias", m.Weights, m.Bias)
	}
	for gi, g := range groups {
		if m.Prob(g.X[0]) <= m.Prob(g.X[1]) || m.Prob(g.X[0]) <= m.Prob(g.X[2]) {
			t.Fatalf("group %d: the wanted candidate is not ranked first", gi)
		}
	}
	if _, err := FitRanking([]string{"a"}, []Group{{X: [][]float64{{1}}, Target: []float64{1, 2}}}, Options{}); err == nil {
		t.Fatal("FitRanking took a group with more targets than candidates")
	}
}
