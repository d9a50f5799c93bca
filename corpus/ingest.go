package corpus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// MaxFileSize bounds the files Ingest reads; a larger file is refused.
const MaxFileSize = 512 << 20

// ErrTooLarge is wrapped when a file is larger than MaxFileSize.
var ErrTooLarge = errors.New("file too large")

// IngestEvent reports one file Ingest has dealt with, for a progress bar or a log line.
type IngestEvent struct {
	File       string   // path as found
	Index      int      // 1-based position among the files found
	Total      int      // number of files found
	Bytes      int64    // size of this file
	DoneBytes  int64    // bytes of the files dealt with so far, this one included
	TotalBytes int64    // bytes of all files found
	EditionID  string   // the stored edition, when accepted (the first, for a feed merged item by item)
	Editions   []string // every edition written from this file
	Articles   int      // articles stored from this file
	Replaced   bool     // an edition with the same ID was replaced
	Skipped    []string
	NotEdition bool  // found in a folder and left out as no edition
	Err        error // why the file was refused; nil when accepted
}

// Refusal names a refused file and why.
type Refusal struct {
	File string
	Err  error
}

// IngestReport sums up an Ingest run.
type IngestReport struct {
	Files    int      // files found
	Accepted []string // edition IDs stored, in order
	Replaced int      // of which replaced an edition already stored
	Articles int      // articles stored
	Bytes    int64    // bytes read
	Refused  []Refusal
	// NotEditions are the files found in folders that were left out as no edition: of a format
	// not listed for editions, or with no Chinese text (see IsEdition).
	NotEditions []string
}

// Ingest parses the files at paths (folders are walked recursively, skipping hidden files and
// folders) and adds the accepted editions to lib, a file taken whole or not at all. A refused file
// (empty, binary, undecodable, no article, unreadable, not a regular file) is reported and the
// others go on. progress, when not nil, is called after each file.
//
// The run is all or nothing for the library: each accepted edition is first written whole to a
// temporary file, and only when every file has been read are they renamed into place. So when
// ctx is cancelled (Ctrl-C, SIGTERM) Ingest stops between files, removes what it wrote and
// returns ctx's error with the library as it was; a crash leaves temporary files that readers
// ignore and the next writer removes. An error storing an edition stops it the same way, and so
// does a bad meta.Date (ErrBadDate) before anything is read. Refusals are not an error: check
// IngestReport.Refused.
func Ingest(ctx context.Context, lib *Library, paths []string, meta Meta, progress func(IngestEvent)) (IngestReport, error) {
	run := lib.Begin()
	defer run.Discard()
	rep, err := IngestRun(ctx, run, paths, IngestOptions{Meta: meta, Progress: progress})
	if err != nil {
		return rep, err
	}
	rep.Accepted, rep.Replaced, err = run.Commit()
	return rep, err
}

// IngestOptions configures IngestRun.
type IngestOptions struct {
	Meta     Meta
	Progress func(IngestEvent) // called after each file, when set
	// Feed, when set, stores a feed document (Edition.IsFeed) item by item in run instead of as
	// one edition, and returns the IDs of the editions it wrote and how many articles were new or
	// changed: cmd passes the poller's Merge, so that the items of a feed already taken in from
	// its URL, or from an earlier copy of the file, are not stored twice.
	Feed func(run *Run, path string, ed *Edition) (editions []string, articles int, err error)
}

// IngestRun is Ingest into run, which it leaves uncommitted: the caller commits it (after
// indexing it, say) or discards it. IngestReport.Accepted lists the editions staged, Replaced
// those that replace a stored one.
func IngestRun(ctx context.Context, run *Run, paths []string, opt IngestOptions) (rep IngestReport, err error) {
	meta := opt.Meta
	if meta.Date != "" {
		if _, err := NormalizeDate(meta.Date); err != nil {
			return rep, fmt.Errorf("corpus: ingest: %w", err)
		}
	}
	files, refused := collectFiles(paths)
	files = uniqueFiles(files)
	rep.Refused = append(rep.Refused, refused...)
	rep.Files = len(files) + len(refused)
	var total, done int64
	for _, f := range files {
		total += f.size
	}
	seen := map[string]string{} // edition ID → file, within this run
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return IngestReport{Files: rep.Files, Refused: rep.Refused}, err
		}
		ev := IngestEvent{File: f.path, Index: i + 1, Total: len(files), Bytes: f.size, TotalBytes: total}
		ed, err := parseFile(f.path, meta)
		if f.walked && !IsEdition(f.path, ed, err) {
			// A folder holds more than editions (scripts, image indexes, notes): only what reads as
			// an edition is taken from it.
			rep.NotEditions = append(rep.NotEditions, f.path)
			ev.NotEdition = true
		} else if err == nil {
			if err := stageFile(run, f.path, ed, seen, opt.Feed, &ev); err != nil {
				return IngestReport{Files: rep.Files, Refused: rep.Refused}, err
			}
			rep.Articles += ev.Articles
			rep.Accepted = append(rep.Accepted, ev.Editions...)
			if ev.Replaced {
				rep.Replaced++
			}
		} else {
			ev.Err = err
			rep.Refused = append(rep.Refused, Refusal{File: f.path, Err: err})
		}
		done += f.size
		rep.Bytes += f.size
		ev.DoneBytes = done
		if opt.Progress != nil {
			opt.Progress(ev)
		}
	}
	rep.Files -= len(rep.NotEditions)
	return rep, nil
}

// editionExts are the file extensions of the formats editions come in (see the README); in a
// folder, a file with another extension is taken only when it is a feed (told by its content).
var editionExts = map[string]bool{".txt": true, ".text": true, ".md": true, ".markdown": true, ".mdown": true,
	".html": true, ".htm": true, ".xhtml": true, ".shtml": true, ".json": true, ".jsonl": true, ".ndjson": true,
	".xml": true, ".rss": true, ".atom": true}

// minEditionHan is the fewest Chinese characters an edition found in a folder holds: a page of
// a Chinese paper holds hundreds, the shortest brief dozens; a gallery index, a log or an
// English note holds next to none.
const minEditionHan = 10

// IsEdition reports whether a file found in a folder (walked by Ingest, or dropped into a watched
// one), parsed to ed (or refused with err), is an edition to take: a listed format that holds
// Chinese text, or a feed whatever its name. A file of another format that does not parse is no
// edition rather than a refusal.
func IsEdition(path string, ed *Edition, err error) bool {
	listed := editionExts[strings.ToLower(filepath.Ext(path))]
	if err != nil {
		return listed
	}
	if !listed && ed.Format != FormatFeed {
		return false
	}
	han := 0
	for _, a := range ed.Articles {
		for _, s := range []string{a.Kicker, a.Title, a.Byline, a.Text} {
			for _, r := range s {
				if unicode.Is(unicode.Han, r) {
					if han++; han >= minEditionHan {
						return true
					}
				}
			}
		}
	}
	return false
}

// stageFile stages the edition parsed from path in run (a feed item by item through feed, when
// given) and fills ev with what it stored. An error is a failure to write, which stops the run.
func stageFile(run *Run, path string, ed *Edition, seen map[string]string, feed func(*Run, string, *Edition) ([]string, int, error), ev *IngestEvent) error {
	ev.Skipped = ed.Skipped
	if feed != nil && ed.IsFeed() {
		ids, n, err := feed(run, path, ed)
		if err != nil {
			return err
		}
		ev.Editions, ev.Articles = ids, n
		if len(ids) > 0 {
			ev.EditionID = ids[0]
		}
		return nil
	}
	if prev, dup := seen[ed.ID]; dup && prev != path {
		// Two files of this run with the same base name, paper and date: keep both.
		ed.setID(shortHash(ed.ID + "\x00" + filepath.ToSlash(path)))
	}
	seen[ed.ID] = path
	if err := run.Add(ed); err != nil {
		return err
	}
	_, statErr := os.Stat(run.lib.editionPath(ed.ID))
	ev.EditionID, ev.Editions, ev.Articles, ev.Replaced = ed.ID, []string{ed.ID}, len(ed.Articles), statErr == nil
	return nil
}

type foundFile struct {
	path   string
	size   int64
	walked bool // found in a folder given, not named itself
}

// collectFiles expands paths into the files to ingest; paths that cannot be read are refused.
func collectFiles(paths []string) ([]foundFile, []Refusal) {
	var files []foundFile
	var refused []Refusal
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			refused = append(refused, Refusal{File: p, Err: err})
			continue
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				refused = append(refused, Refusal{File: p, Err: fmt.Errorf("%w (%s)", ErrNotRegular, fileKind(info.Mode()))})
				continue
			}
			files = append(files, foundFile{p, info.Size(), false})
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				refused = append(refused, Refusal{File: path, Err: err})
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			info, err := os.Stat(path) // follows a symbolic link to a file
			if err != nil {
				refused = append(refused, Refusal{File: path, Err: err})
				return nil
			}
			if !info.Mode().IsRegular() {
				refused = append(refused, Refusal{File: path, Err: fmt.Errorf("%w (%s)", ErrNotRegular, fileKind(info.Mode()))})
				return nil
			}
			files = append(files, foundFile{path, info.Size(), path != p})
			return nil
		})
		if err != nil {
			refused = append(refused, Refusal{File: p, Err: err})
		}
	}
	return files, refused
}

// uniqueFiles drops a file named twice (as itself and inside a folder given too).
func uniqueFiles(files []foundFile) []foundFile {
	seen := make(map[string]bool, len(files))
	out := files[:0]
	for _, f := range files {
		key := filepath.Clean(f.path)
		if abs, err := filepath.Abs(key); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, f)
		}
	}
	return out
}

// parseFile reads and parses one file: a regular file only (a named pipe would block, a device
// never end), at most MaxFileSize bytes counted as they are read.
func parseFile(path string, meta Meta) (*Edition, error) {
	f, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() > MaxFileSize {
		return nil, &ParseError{File: path, Err: fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, info.Size(), MaxFileSize)}
	}
	data, err := readCapped(f, path, MaxFileSize)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, meta)
}
