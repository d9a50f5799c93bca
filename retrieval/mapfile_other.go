//go:build !unix

package retrieval

import "os"

// mapFile reads the size bytes of f (platforms without mmap).
func mapFile(f *os.File, size int64) (*mapping, error) {
	return readAll(f, size)
}
