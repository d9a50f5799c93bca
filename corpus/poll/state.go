package poll

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"

	"newsbot/corpus"
	"newsbot/corpus/fetch"
)

// StateFile is the name of the polling state in the data folder.
const StateFile = "poll-state.json"

// SourceState is what is remembered of one feed between polls and across restarts.
type SourceState struct {
	Validators fetch.Validators `json:"validators"`           // of the last copy taken in
	Format     string           `json:"format,omitempty"`     // corpus format of that copy
	LastOK     time.Time        `json:"last_ok,omitzero"`     // last poll that succeeded
	Failures   int              `json:"failures,omitempty"`   // failed polls in a row
	LastError  string           `json:"last_error,omitempty"` // the latest failure's reason
}

// FileState is a dropped file already taken in from the watched folder.
type FileState struct {
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mod_time"`
}

// state is the polling state, saved whole (temporary file, fsync, rename) after each change.
type state struct {
	path string
	mu   sync.Mutex
	data stateFile
}

type stateFile struct {
	Version int                     `json:"version"`
	Feeds   map[string]*SourceState `json:"feeds"`
	Files   map[string]FileState    `json:"files"`
}

// loadState reads the state at path; a missing file is an empty state. A corrupt file is an
// error naming it: the validators in it are not worth guessing at, but the library is, so the
// user decides (remove the file to start afresh).
func loadState(path string) (*state, error) {
	s := &state{path: path, data: stateFile{Version: 1, Feeds: map[string]*SourceState{}, Files: map[string]FileState{}}}
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("poll: read state %s: %w", path, err)
	}
	if err := json.Unmarshal(raw, &s.data); err != nil {
		return nil, fmt.Errorf("poll: state file %s is corrupt (remove it to poll every feed afresh): %w", path, err)
	}
	if s.data.Feeds == nil {
		s.data.Feeds = map[string]*SourceState{}
	}
	if s.data.Files == nil {
		s.data.Files = map[string]FileState{}
	}
	return s, nil
}

// feed returns a copy of a feed's state.
func (s *state) feed(url string) SourceState {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.data.Feeds[url]; f != nil {
		return *f
	}
	return SourceState{}
}

// setFeed records a feed's state and saves.
func (s *state) setFeed(url string, f SourceState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data.Feeds[url] = &f
	return s.saveLocked()
}

func (s *state) file(path string) (FileState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.data.Files[path]
	return f, ok
}

func (s *state) setFile(path string, f FileState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data.Files[path] = f
	return s.saveLocked()
}

func (s *state) saveLocked() error {
	raw, err := json.MarshalIndent(s.data, "", " ")
	if err != nil {
		return fmt.Errorf("poll: save state: %w", err)
	}
	if err := corpus.WriteFileAtomic(s.path, append(raw, '\n')); err != nil {
		return fmt.Errorf("poll: save state %s: %w", s.path, err)
	}
	return nil
}
