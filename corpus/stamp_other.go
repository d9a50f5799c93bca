//go:build !unix

package corpus

import "os"

// fileID is 0 where the platform has no inode numbers.
func fileID(os.FileInfo) uint64 { return 0 }
