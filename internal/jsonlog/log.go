package jsonlog

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// maxLine bounds one line when reading.
const maxLine = 4 << 20

// Log is one log file. Not safe for concurrent use: its owner holds a lock.
type Log struct {
	path  string
	f     *os.File
	lines int
}

// New names the log at path; nothing is read or written yet.
func New(path string) *Log { return &Log{path: path} }

// Path is the log's file.
func (l *Log) Path() string { return l.path }

// Read calls each with every line of the log, oldest first; a missing file has none. Lines that
// do not decode (torn by a crash, written by another version) are the caller's to skip.
func (l *Log) Read(each func(line []byte)) error {
	data, err := os.ReadFile(l.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("jsonlog: reading %s: %w", l.path, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), maxLine)
	for sc.Scan() {
		each(sc.Bytes())
	}
	return nil
}

// Rewrite replaces the log with one line per value (a synced temp file renamed over it, so a
// crash leaves the old log or the new one) and opens it for appending.
func (l *Log) Rewrite(values []any) error {
	var buf bytes.Buffer
	for _, v := range values {
		line, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("jsonlog: rewriting %s: %w", l.path, err)
		}
		buf.Write(append(line, '\n'))
	}
	if err := writeAtomic(l.path, buf.Bytes()); err != nil {
		return fmt.Errorf("jsonlog: rewriting %s: %w", l.path, err)
	}
	if l.f != nil {
		l.f.Close()
	}
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("jsonlog: opening %s: %w", l.path, err)
	}
	l.f, l.lines = f, len(values)
	return nil
}

// Append writes v as the log's newest line (a process crash keeps it: the kernel holds the
// write). The log must have been rewritten (opened) first.
func (l *Log) Append(v any) error {
	line, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("jsonlog: appending to %s: %w", l.path, err)
	}
	if l.f == nil {
		return fmt.Errorf("jsonlog: appending to %s: not open (Rewrite opens it)", l.path)
	}
	if _, err := l.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("jsonlog: appending to %s: %w", l.path, err)
	}
	l.lines++
	return nil
}

// Lines is how many lines the log holds, live or not: its owner rewrites it when they far
// outnumber what is live.
func (l *Log) Lines() int { return l.lines }

// Close closes the file.
func (l *Log) Close() error {
	if l.f == nil {
		return nil
	}
	return l.f.Close()
}

// writeAtomic replaces path with data: a synced temp file in the same folder renamed over it.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
