package retrieval

import (
	"os"
	"syscall"
	"unsafe"
)

// mapPopulate asks mmap to read the file's pages in at once.
const mapPopulate = syscall.MAP_POPULATE

// drop tells the kernel the whole pages of b, a part of mapped file m already copied, will not be
// read again, so they leave the process's resident set (the file stays as it was). It does
// nothing when m was read into the heap.
func (m *mapping) drop(b []byte) {
	page := uintptr(os.Getpagesize())
	if m == nil || m.unmap == nil || len(b) < int(2*page) {
		return
	}
	start := uintptr(0)
	if r := uintptr(unsafe.Pointer(unsafe.SliceData(b))) % page; r != 0 {
		start = page - r
	}
	end := start + (uintptr(len(b))-start)/page*page
	_ = syscall.Madvise(b[start:end], syscall.MADV_DONTNEED)
}
