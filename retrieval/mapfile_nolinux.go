//go:build !linux

package retrieval

// mapPopulate is no mmap flag where pages cannot be read in at mapping time.
const mapPopulate = 0

// drop does nothing where the kernel cannot be told a mapped range will not be read again.
func (m *mapping) drop(b []byte) {}
