package vec

import "math"

// Normalize scales v in place to unit length (L2) and returns it. A zero vector becomes the
// first basis vector, so that every vector has a direction cosine similarity can use.
func Normalize(v []float32) []float32 {
	var norm float64
	for _, x := range v {
		norm += float64(x) * float64(x)
	}
	if norm == 0 {
		if len(v) > 0 {
			v[0] = 1
		}
		return v
	}
	inv := float32(1 / math.Sqrt(norm))
	for i := range v {
		v[i] *= inv
	}
	return v
}
