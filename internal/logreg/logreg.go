package logreg

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
)

// Model is a fitted logistic regression: P(y=1|x) = σ(Bias + Σ Weights[i]·(x[i]−Mean[i])/Scale[i]).
type Model struct {
	Features  []string  `json:"features"`
	Mean      []float64 `json:"mean"`
	Scale     []float64 `json:"scale"`
	Weights   []float64 `json:"weights"`
	Bias      float64   `json:"bias"`
	Threshold float64   `json:"threshold"` // decide yes when Prob ≥ Threshold
	Note      string    `json:"note,omitempty"`
}

// Example is one labelled feature vector with a weight (how much it counts in the fit).
type Example struct {
	X      []float64
	Y      bool
	Weight float64
}

// Options controls a fit.
type Options struct {
	L2         float64 // penalty on the standardised weights (not the bias)
	Iterations int     // Newton steps; 0 means 25
}

// Fit fits a model over examples whose feature vectors are named by features.
func Fit(features []string, examples []Example, opts Options) (*Model, error) {
	k := len(features)
	if k == 0 || len(examples) == 0 {
		return nil, errors.New("logreg: no features or no examples")
	}
	for i, ex := range examples {
		if len(ex.X) != k {
			return nil, fmt.Errorf("logreg: example %d has %d features, want %d", i, len(ex.X), k)
		}
	}
	m := &Model{Features: append([]string(nil), features...), Mean: make([]float64, k), Scale: make([]float64, k),
		Weights: make([]float64, k), Threshold: 0.5}
	m.standardise(examples)
	iters := opts.Iterations
	if iters == 0 {
		iters = 25
	}
	// Newton's method on the penalised log-likelihood; the parameters are [bias, weights...].
	n := k + 1
	for it := 0; it < iters; it++ {
		grad := make([]float64, n)
		hess := make([][]float64, n)
		for i := range hess {
			hess[i] = make([]float64, n)
		}
		for _, ex := range examples {
			z := m.standard(ex.X)
			p := sigmoid(m.Bias + dot(m.Weights, z))
			y := 0.0
			if ex.Y {
				y = 1
			}
			w := ex.Weight
			if w == 0 {
				w = 1
			}
			v := append([]float64{1}, z...)
			for i := 0; i < n; i++ {
				grad[i] += w * (y - p) * v[i]
				for j := 0; j < n; j++ {
					hess[i][j] += w * p * (1 - p) * v[i] * v[j]
				}
			}
		}
		for i := 1; i < n; i++ {
			grad[i] -= opts.L2 * m.Weights[i-1]
			hess[i][i] += opts.L2
		}
		hess[0][0] += 1e-9
		step, err := solve(hess, grad)
		if err != nil {
			return nil, fmt.Errorf("logreg: Newton step %d: %w", it, err)
		}
		m.Bias += step[0]
		for i := range m.Weights {
			m.Weights[i] += step[i+1]
		}
		if norm(step) < 1e-10 {
			break
		}
	}
	return m, nil
}

// standardise sets Mean and Scale from the examples (weighted), a constant feature scaled by 1.
func (m *Model) standardise(examples []Example) {
	var total float64
	for _, ex := range examples {
		w := ex.Weight
		if w == 0 {
			w = 1
		}
		total += w
		for i, x := range ex.X {
			m.Mean[i] += w * x
		}
	}
	for i := range m.Mean {
		m.Mean[i] /= total
	}
	for _, ex := range examples {
		w := ex.Weight
		if w == 0 {
			w = 1
		}
		for i, x := range ex.X {
			m.Scale[i] += w * (x - m.Mean[i]) * (x - m.Mean[i])
		}
	}
	for i := range m.Scale {
		m.Scale[i] = math.Sqrt(m.Scale[i] / total)
		if m.Scale[i] < 1e-9 {
			m.Scale[i] = 1
		}
	}
}

func (m *Model) standard(x []float64) []float64 {
	z := make([]float64, len(x))
	for i := range x {
		z[i] = (x[i] - m.Mean[i]) / m.Scale[i]
	}
	return z
}

// Prob is P(y=1|x).
func (m *Model) Prob(x []float64) float64 { return sigmoid(m.Bias + dot(m.Weights, m.standard(x))) }

// Decide reports Prob(x) ≥ Threshold.
func (m *Model) Decide(x []float64) bool { return m.Prob(x) >= m.Threshold }

// Parse reads a model from JSON and checks that its vectors agree in length with its features.
func Parse(data []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("logreg: model: %w", err)
	}
	k := len(m.Features)
	if k == 0 || len(m.Mean) != k || len(m.Scale) != k || len(m.Weights) != k {
		return nil, fmt.Errorf("logreg: model: %d features but %d means, %d scales, %d weights",
			k, len(m.Mean), len(m.Scale), len(m.Weights))
	}
	for i, s := range m.Scale {
		if !(s > 0) {
			return nil, fmt.Errorf("logreg: model: feature %q has scale %v, want > 0", m.Features[i], s)
		}
	}
	return &m, nil
}

// Rounded is the model with every number rounded to 6 decimals, so that a refit on the same data
// writes the same file byte for byte on any machine.
func (m *Model) Rounded() *Model {
	r := *m
	round := func(v float64) float64 { return math.Round(v*1e6) / 1e6 }
	r.Mean, r.Scale, r.Weights = mapf(m.Mean, round), mapf(m.Scale, round), mapf(m.Weights, round)
	r.Bias, r.Threshold = round(m.Bias), round(m.Threshold)
	return &r
}

func mapf(v []float64, f func(float64) float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = f(x)
	}
	return out
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func norm(v []float64) float64 { return math.Sqrt(dot(v, v)) }

// solve solves a·x = b by Gaussian elimination with partial pivoting (a is small and symmetric
// positive definite here).
func solve(a [][]float64, b []float64) ([]float64, error) {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		if math.Abs(m[p][c]) < 1e-12 {
			return nil, errors.New("singular system")
		}
		m[c], m[p] = m[p], m[c]
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for j := c; j <= n; j++ {
				m[r][j] -= f * m[c][j]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := m[r][n]
		for j := r + 1; j < n; j++ {
			s -= m[r][j] * x[j]
		}
		x[r] = s / m[r][r]
	}
	return x, nil
}
