//go:build !unix

package corpus

// openNonblock is not needed where named pipes are not opened through the file system.
const openNonblock = 0
