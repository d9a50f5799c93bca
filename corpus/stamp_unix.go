//go:build unix

package corpus

import (
	"os"
	"syscall"
)

// fileID is the file's inode number.
func fileID(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
