//go:build unix

package retrieval

import (
	"os"
	"syscall"
)

// mapFile maps the size bytes of f read-only, so that reading an index costs no heap copy of the
// file; release unmaps it (nothing may point into it then). Newsbot never truncates an index
// file in place (it renames new ones over them), so the mapping stays whole while it is read.
func mapFile(f *os.File, size int64) (data []byte, release func(), err error) {
	if size == 0 {
		return nil, func() {}, nil
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return readAll(f, size)
	}
	return data, func() { _ = syscall.Munmap(data) }, nil
}
