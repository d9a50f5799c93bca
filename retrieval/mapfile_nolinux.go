//go:build !linux

package retrieval

// drop does nothing where the kernel cannot be told a mapped range will not be read again.
func (m *mapping) drop(b []byte) {}
