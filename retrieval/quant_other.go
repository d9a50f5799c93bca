//go:build !amd64

package retrieval

// dotInt8 is the int8 inner product of two equally long vectors.
func dotInt8(a, b []int8) int32 { return dotInt8Go(a, b) }
