package logreg

import (
	"errors"
	"fmt"
	"math"
)

// Group is one choice among candidates: their feature vectors and how much each is wanted
// (Target, any non-negative values; normalised to a distribution within the group). A group with
// no wanted candidate is skipped.
type Group struct {
	X      [][]float64
	Target []float64
}

// FitRanking fits a conditional logit (a softmax over each group's candidates) by Newton's
// method from zero weights over standardised features: the candidate a model rates highest is its
// choice, so only the differences between candidates of one group matter and Bias stays 0. The
// returned Model's Prob is monotone in the fitted score, so ranking candidates by Prob ranks them
// as fitted.
func FitRanking(features []string, groups []Group, opts Options) (*Model, error) {
	k := len(features)
	var flat []Example
	for gi, g := range groups {
		if len(g.X) != len(g.Target) {
			return nil, fmt.Errorf("logreg: group %d has %d candidates but %d targets", gi, len(g.X), len(g.Target))
		}
		for i, x := range g.X {
			if len(x) != k {
				return nil, fmt.Errorf("logreg: group %d candidate %d has %d features, want %d", gi, i, len(x), k)
			}
			flat = append(flat, Example{X: x, Weight: 1 / float64(len(g.X))})
		}
	}
	if k == 0 || len(flat) == 0 {
		return nil, errors.New("logreg: no features or no candidates")
	}
	m := &Model{Features: append([]string(nil), features...), Mean: make([]float64, k), Scale: make([]float64, k),
		Weights: make([]float64, k), Threshold: 0.5}
	m.standardise(flat)
	zs := make([][][]float64, len(groups))
	targets := make([][]float64, len(groups))
	for gi, g := range groups {
		var sum float64
		for _, t := range g.Target {
			sum += math.Max(t, 0)
		}
		if sum == 0 {
			continue
		}
		for i, x := range g.X {
			zs[gi] = append(zs[gi], m.standard(x))
			targets[gi] = append(targets[gi], math.Max(g.Target[i], 0)/sum)
		}
	}
	iters := opts.Iterations
	if iters == 0 {
		iters = 25
	}
	for it := 0; it < iters; it++ {
		grad := make([]float64, k)
		hess := make([][]float64, k)
		for i := range hess {
			hess[i] = make([]float64, k)
		}
		for gi := range zs {
			if len(zs[gi]) > 0 {
				m.addGroup(zs[gi], targets[gi], grad, hess)
			}
		}
		for i := range k {
			grad[i] -= opts.L2 * m.Weights[i]
			hess[i][i] += opts.L2 + 1e-9
		}
		step, err := solve(hess, grad)
		if err != nil {
			return nil, fmt.Errorf("logreg: Newton step %d: %w", it, err)
		}
		// Halve the step until the penalised likelihood does not fall (a full Newton step can
		// overshoot a softmax far from its optimum).
		before := m.rankingObjective(zs, targets, opts.L2)
		old := append([]float64(nil), m.Weights...)
		for try := 0; try < 30; try++ {
			for i := range m.Weights {
				m.Weights[i] = old[i] + step[i]
			}
			if m.rankingObjective(zs, targets, opts.L2) >= before {
				break
			}
			for i := range step {
				step[i] /= 2
			}
		}
		if norm(step) < 1e-10 {
			break
		}
	}
	return m, nil
}

// rankingObjective is the target-weighted log-likelihood of the groups minus the L2 penalty.
func (m *Model) rankingObjective(zs [][][]float64, targets [][]float64, l2 float64) float64 {
	var ll float64
	for gi, z := range zs {
		if len(z) == 0 {
			continue
		}
		scores, lse := m.groupScores(z)
		for i, s := range scores {
			ll += targets[gi][i] * (s - lse)
		}
	}
	return ll - l2/2*dot(m.Weights, m.Weights)
}

// addGroup adds one group's gradient and Hessian of the log-likelihood (target-weighted) at the
// current weights.
func (m *Model) addGroup(z [][]float64, target, grad []float64, hess [][]float64) {
	k := len(m.Weights)
	scores, lse := m.groupScores(z)
	mean := make([]float64, k)
	for i, x := range z {
		p := math.Exp(scores[i] - lse)
		scores[i] = p
		for j := range k {
			mean[j] += p * x[j]
			grad[j] += target[i] * x[j]
		}
	}
	for j := range k {
		grad[j] -= mean[j]
	}
	for i, x := range z {
		p := scores[i]
		for a := range k {
			da := x[a] - mean[a]
			if da == 0 {
				continue
			}
			for b := range k {
				hess[a][b] += p * da * (x[b] - mean[b])
			}
		}
	}
}

// groupScores are the group's candidates' scores at the current weights and their log-sum-exp.
func (m *Model) groupScores(z [][]float64) (scores []float64, lse float64) {
	scores = make([]float64, len(z))
	top := math.Inf(-1)
	for i, x := range z {
		scores[i] = dot(m.Weights, x)
		top = math.Max(top, scores[i])
	}
	var sum float64
	for _, s := range scores {
		sum += math.Exp(s - top)
	}
	return scores, top + math.Log(sum)
}
