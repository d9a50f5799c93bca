package corpus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// LockFile is the writers' lock in the library folder. Readers never touch it.
const LockFile = "library.lock"

// ErrBusy is wrapped by Lock's error when another process holds the writers' lock and the
// caller asked not to wait.
var ErrBusy = errors.New("another process is writing this library")

// LockOptions says what Lock does when another writer holds the library.
type LockOptions struct {
	NoWait  bool                // fail at once with ErrBusy instead of waiting
	Waiting func(holder string) // told once, before waiting, who holds the lock
}

// WriteLock is the writers' lock on a library, held from Lock to Unlock. Taking it repairs
// what a crashed writer may have left: the fields tell what was done.
type WriteLock struct {
	fl          *flock.Flock
	Removed     []string // stale temporary files removed
	Quarantined []Damage // corrupt edition files moved to editions/quarantine
}

// Lock takes the writers' lock: an OS file lock on DIR/library.lock, held for a whole ingest,
// reindex or compaction, so two writers never interleave (one would overwrite the other's newer
// index with its older view). The kernel drops it when the process dies, so a crash leaves
// nothing to clean by hand. While another process holds it, Lock waits (telling opt.Waiting)
// until it is free or ctx ends, or fails at once with ErrBusy when opt.NoWait is set.
//
// Holding the lock, it removes every temporary file a crashed writer left (any name holding
// TempMark) and moves corrupt edition files to editions/quarantine/, never deleting them.
func (l *Library) Lock(ctx context.Context, opt LockOptions) (*WriteLock, error) {
	if err := os.MkdirAll(l.dir, 0o755); err != nil {
		return nil, fmt.Errorf("corpus: lock library %s: %w", l.dir, err)
	}
	path := filepath.Join(l.dir, LockFile)
	fl := flock.New(path, flock.SetPermissions(0o644))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("corpus: lock library %s: %w", path, err)
	}
	if !ok {
		holder := lockHolder(path)
		if opt.NoWait {
			return nil, fmt.Errorf("corpus: lock library %s: %w (%s)", l.dir, ErrBusy, holder)
		}
		if opt.Waiting != nil {
			opt.Waiting(holder)
		}
		if ok, err = fl.TryLockContext(ctx, 100*time.Millisecond); !ok {
			return nil, fmt.Errorf("corpus: wait for the lock on library %s: %w", l.dir, cmpErr(err, ctx.Err()))
		}
	}
	// Who holds the lock, for the message of the next writer that has to wait.
	host, _ := os.Hostname()
	_ = os.WriteFile(path, fmt.Appendf(nil, "pid %d on %s since %s\n", os.Getpid(), host,
		time.Now().UTC().Format(time.RFC3339)), 0o644)
	wl := &WriteLock{fl: fl}
	if wl.Removed, err = l.removeTemps(); err != nil {
		fl.Unlock()
		return nil, err
	}
	if wl.Quarantined, err = l.quarantine(); err != nil {
		fl.Unlock()
		return nil, err
	}
	return wl, nil
}

func cmpErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return context.Canceled
}

// Unlock releases the lock.
func (wl *WriteLock) Unlock() error { return wl.fl.Unlock() }

// lockHolder reads what the lock's holder wrote in it.
func lockHolder(path string) string {
	data, err := ReadFile(path, 512)
	if s := strings.TrimSpace(string(data)); err == nil && s != "" {
		return "held by " + s
	}
	return "held by another process"
}

// removeTemps removes every temporary file under the library folder (outside the quarantine):
// called with the lock held, so none of them is being written.
func (l *Library) removeTemps() ([]string, error) {
	var removed []string
	err := filepath.WalkDir(l.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == l.dir {
				return err
			}
			return nil // an unreadable corner holds nothing of ours
		}
		if d.IsDir() {
			if path == filepath.Join(l.editionsDir(), quarantineSub) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.Contains(d.Name(), TempMark) && d.Type().IsRegular() {
			if err := os.Remove(path); err != nil {
				return fmt.Errorf("corpus: remove stale temporary file %s: %w", path, err)
			}
			removed = append(removed, path)
		}
		return nil
	})
	if err != nil {
		return removed, fmt.Errorf("corpus: clean library %s: %w", l.dir, err)
	}
	return removed, nil
}

// quarantine moves every edition file that does not decode to editions/quarantine/ (under a
// fresh name when one of that name is there already), so readers stop reporting it and a person
// can still look at it.
func (l *Library) quarantine() ([]Damage, error) {
	damage, err := l.Check()
	if err != nil {
		return nil, err
	}
	var moved []Damage
	for _, d := range damage {
		if !errors.Is(d.Err, ErrCorruptEdition) {
			continue // unreadable (permissions…): not ours to move
		}
		dst, err := l.moveToQuarantine(d.File)
		if err != nil {
			return moved, fmt.Errorf("corpus: quarantine %s: %w", d.File, err)
		}
		moved = append(moved, Damage{File: d.File, Err: fmt.Errorf("%w; moved to %s", d.Err, dst)})
	}
	if len(moved) > 0 {
		l.mu.Lock()
		l.checksums = nil
		l.mu.Unlock()
		return moved, syncDir(l.editionsDir())
	}
	return moved, nil
}

// moveToQuarantine moves file into editions/quarantine/, under a fresh name when one of its name
// is there already, and returns where it went.
func (l *Library) moveToQuarantine(file string) (string, error) {
	qdir := filepath.Join(l.editionsDir(), quarantineSub)
	if err := os.MkdirAll(qdir, 0o755); err != nil {
		return "", err
	}
	dst := filepath.Join(qdir, filepath.Base(file))
	if _, err := os.Lstat(dst); err == nil {
		dst += "." + time.Now().UTC().Format("20060102T150405.000000000")
	}
	return dst, os.Rename(file, dst)
}

// Check reads every edition file and returns the ones that cannot be read or decoded, each
// with its reason. The error is for a library folder that cannot be listed.
func (l *Library) Check() ([]Damage, error) {
	files, err := l.editionFiles()
	if err != nil {
		return nil, err
	}
	var damage []Damage
	for _, f := range files {
		if _, _, err := readEdition(f); err != nil {
			damage = append(damage, Damage{File: f, Err: err})
		}
	}
	return damage, nil
}

// Temps lists the temporary files under the library folder, for a check: a writer removes them.
func (l *Library) Temps() []string {
	var temps []string
	_ = filepath.WalkDir(l.dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(d.Name(), TempMark) {
			temps = append(temps, path)
		}
		return nil
	})
	return temps
}
