//go:build unix

package retrieval

import (
	"os"
	"runtime"
	"sync"
	"syscall"
)

// mapFile maps the size bytes of f read-only, so that an index's tables are read in place with no
// heap copy (segfile.go). The mapping is unmapped when the garbage collector finds nothing points
// to m any more, or by m.release. Newsbot never truncates an index file in place (it renames new
// ones over them), so a mapping stays whole while it is used. Where the kernel can, the pages are
// read in as the file is mapped (the checksum reads them all at once anyway): one call instead of
// a page fault every 4 KiB.
func mapFile(f *os.File, size int64) (*mapping, error) {
	if size == 0 {
		return &mapping{}, nil
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_PRIVATE|mapPopulate)
	if err != nil {
		return readAll(f, size)
	}
	var once sync.Once
	unmap := func() { once.Do(func() { _ = syscall.Munmap(data) }) }
	m := &mapping{data: data, unmap: unmap}
	runtime.AddCleanup(m, func(unmap func()) { unmap() }, unmap)
	return m, nil
}
