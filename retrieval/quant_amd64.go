package retrieval

import "golang.org/x/sys/cpu"

var haveAVX2 = cpu.X86.HasAVX2

// dotInt8AVX2 is the inner product of n int8 values at a and b, n a multiple of 32 (quant_amd64.s).
//
//go:noescape
func dotInt8AVX2(a, b *int8, n int) int32

// dotInt8 is the int8 inner product of two equally long vectors, with AVX2 where the CPU has it.
func dotInt8(a, b []int8) int32 {
	n := len(a) &^ 31
	if !haveAVX2 || n == 0 {
		return dotInt8Go(a, b)
	}
	b = b[:len(a)]
	s := dotInt8AVX2(&a[0], &b[0], n)
	if n < len(a) {
		s += dotInt8Go(a[n:], b[n:])
	}
	return s
}
