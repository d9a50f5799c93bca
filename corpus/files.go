package corpus

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// TempMark is in the name of every temporary file a library writer creates (edition files,
// the search index and whatever else is saved in the library folder): the next writer removes
// every such file it finds, since a writer holding the lock is the only one that may be writing.
const TempMark = ".tmp-"

// ErrNotRegular is wrapped when a path names a named pipe, a device, a socket or a folder where
// a regular file is wanted: reading one could block forever or never end.
var ErrNotRegular = errors.New("not a regular file")

// CreateTemp creates a new file in dir named prefix followed by random letters, opened for
// writing with mode 0644 less the process' umask (os.CreateTemp would make it 0600, and a library
// written by one user could not be served by another).
func CreateTemp(dir, prefix string) (*os.File, error) {
	return createTemp(dir, prefix)
}

func createTemp(dir, prefix string) (*os.File, error) {
	var b [8]byte
	for range 100 {
		if _, err := rand.Read(b[:]); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, prefix+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("create a temporary file in %s: too many name collisions", dir)
}

// OpenRegular opens path for reading if it is a regular file (a symbolic link to one is followed)
// and refuses anything else, naming the path and what it is. The file is opened without blocking,
// so a named pipe with no writer is refused rather than waited on.
func OpenRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: path, Err: fmt.Errorf("%w (%s)", ErrNotRegular, fileKind(info.Mode()))}
	}
	return f, nil
}

// fileKind names a file mode's type for an error message.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	default:
		return "a special file"
	}
}

// ReadFile reads the regular file at path, at most limit bytes: the limit is enforced on the
// bytes read, not on the size the file reports, so a file that grows (or lies) cannot exhaust
// memory. A longer file wraps ErrTooLarge.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readCapped(f, path, limit)
}

// readCapped reads r to its end, refusing more than limit bytes.
func readCapped(r io.Reader, name string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)}
	}
	return data, nil
}

// CapReader reads r but fails with ErrTooLarge (naming name) once more than limit bytes came:
// for input read as a stream (an eval set, line by line) rather than whole.
func CapReader(r io.Reader, name string, limit int64) io.Reader {
	return &capReader{r: io.LimitReader(r, limit+1), name: name, left: limit + 1, limit: limit}
}

type capReader struct {
	r           io.Reader
	name        string
	left, limit int64
}

func (c *capReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left <= 0 {
		return n, &fs.PathError{Op: "read", Path: c.name, Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, c.limit)}
	}
	return n, err
}
