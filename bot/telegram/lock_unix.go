//go:build unix

package telegram

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on path, so that two processes never serve one bot from one
// data folder (they would fight over getUpdates and overwrite each other's journal). The kernel
// drops the lock when the process dies, so a crash leaves nothing stale behind.
func lockFile(path string) (release func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("telegram: lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("telegram: another process is already running this bot from %s (lock %s held)", path, path)
		}
		return nil, fmt.Errorf("telegram: locking %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}
