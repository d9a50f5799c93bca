package vec

import (
	"math"
	"testing"
)

func TestNormalize(t *testing.T) {
	for _, c := range []struct {
		in, want []float32
	}{
		{[]float32{3, 4}, []float32{0.6, 0.8}},
		{[]float32{0, 0, 0}, []float32{1, 0, 0}},
		{[]float32{0, -2}, []float32{0, -1}},
		{nil, nil},
	} {
		got := Normalize(append([]float32(nil), c.in...))
		if len(got) != len(c.want) {
			t.Fatalf("Normalize(%v) = %v, want %v", c.in, got, c.want)
		}
		for i := range got {
			if math.Abs(float64(got[i]-c.want[i])) > 1e-6 {
				t.Errorf("Normalize(%v) = %v, want %v", c.in, got, c.want)
			}
		}
	}
}
