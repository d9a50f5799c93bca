package telegram

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// keepHandled is how many handled update IDs the journal remembers. Telegram redelivers at
// most the last unconfirmed getUpdates batch (100) or a few webhook retries, so this is ample.
const keepHandled = 2000

// journal persists which updates were received and which were answered, so that a restart
// neither loses nor repeats an answer. An update is written to the journal (pending) before
// Telegram is told it was received (the next getUpdates offset, or the webhook's 200), and
// moved to the handled list after its answer went out. At start the pending updates are
// answered first; redelivered updates already pending or handled are dropped by ID.
//
// Writes are whole-file (temp file, fsync, rename), so the file is never half-written; callers
// that change the journal at the same time share one write (group commit).
type journal struct {
	path string

	mu         sync.Mutex
	cond       *sync.Cond
	pending    map[int]json.RawMessage
	handled    []int // oldest first
	handledSet map[int]bool
	version    uint64 // bumped by every change
	saved      uint64 // version on disk
	saving     bool
	changed    chan struct{} // closed and replaced when an update leaves pending
}

// journalFile is the on-disk form.
type journalFile struct {
	Version int            `json:"version"`
	Saved   time.Time      `json:"saved"`
	Pending []pendingEntry `json:"pending"`
	Handled []int          `json:"handled"`
}

type pendingEntry struct {
	ID     int             `json:"update_id"`
	Update json.RawMessage `json:"update"`
}

// openJournal loads the journal at path, or starts an empty one when the file does not exist.
func openJournal(path string) (*journal, error) {
	j := &journal{path: path, pending: map[int]json.RawMessage{}, handledSet: map[int]bool{}, changed: make(chan struct{})}
	j.cond = sync.NewCond(&j.mu)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return j, nil
	}
	if err != nil {
		return nil, fmt.Errorf("telegram: reading update journal: %w", err)
	}
	var f journalFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("telegram: update journal %s is corrupt (move it away to start afresh): %w", path, err)
	}
	for _, p := range f.Pending {
		j.pending[p.ID] = p.Update
	}
	for _, id := range f.Handled {
		j.markHandledLocked(id)
	}
	return j, nil
}

// accept journals the updates not seen before and returns them, in update ID order. It
// returns once they are on disk.
func (j *journal) accept(updates []tgbotapi.Update) ([]tgbotapi.Update, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	var fresh []tgbotapi.Update
	for _, u := range updates {
		if _, dup := j.pending[u.UpdateID]; dup || j.handledSet[u.UpdateID] {
			continue
		}
		raw, err := json.Marshal(u)
		if err != nil {
			return nil, fmt.Errorf("telegram: journaling update %d: %w", u.UpdateID, err)
		}
		j.pending[u.UpdateID] = raw
		fresh = append(fresh, u)
	}
	if len(fresh) == 0 {
		return nil, nil
	}
	slices.SortFunc(fresh, func(a, b tgbotapi.Update) int { return a.UpdateID - b.UpdateID })
	j.version++
	if err := j.commitLocked(j.version); err != nil {
		for _, u := range fresh { // not durable: let Telegram deliver them again
			delete(j.pending, u.UpdateID)
		}
		return nil, err
	}
	return fresh, nil
}

// done records that update id was answered (or deliberately left unanswered).
func (j *journal) done(id int) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	delete(j.pending, id)
	j.markHandledLocked(id)
	close(j.changed)
	j.changed = make(chan struct{})
	j.version++
	return j.commitLocked(j.version)
}

func (j *journal) markHandledLocked(id int) {
	if j.handledSet[id] {
		return
	}
	j.handled = append(j.handled, id)
	j.handledSet[id] = true
	if len(j.handled) > keepHandled {
		drop := len(j.handled) - keepHandled
		for _, old := range j.handled[:drop] {
			delete(j.handledSet, old)
		}
		j.handled = slices.Clone(j.handled[drop:])
	}
}

// pendingUpdates returns the journaled updates not yet answered, in ID order.
func (j *journal) pendingUpdates() ([]tgbotapi.Update, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	ids := make([]int, 0, len(j.pending))
	for id := range j.pending {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]tgbotapi.Update, 0, len(ids))
	for _, id := range ids {
		var u tgbotapi.Update
		if err := json.Unmarshal(j.pending[id], &u); err != nil {
			return nil, fmt.Errorf("telegram: update journal %s: update %d: %w", j.path, id, err)
		}
		out = append(out, u)
	}
	return out, nil
}

// pendingCount returns how many updates await an answer, and a channel closed when one is
// answered.
func (j *journal) pendingCount() (int, <-chan struct{}) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.pending), j.changed
}

// isHandled reports whether update id was answered.
func (j *journal) isHandled(id int) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.handledSet[id]
}

// commitLocked returns once version v (or a later one) is on disk. One caller writes while the
// others wait; whoever finds the disk behind after a write writes again.
func (j *journal) commitLocked(v uint64) error {
	for j.saved < v {
		if j.saving {
			j.cond.Wait()
			continue
		}
		j.saving = true
		target := j.version
		data, err := j.marshalLocked()
		if err == nil {
			j.mu.Unlock()
			err = writeFileAtomic(j.path, data)
			j.mu.Lock()
		}
		j.saving = false
		j.cond.Broadcast()
		if err != nil {
			return err
		}
		j.saved = max(j.saved, target)
	}
	return nil
}

// marshalLocked encodes the journal by hand: the pending updates are already JSON, and
// re-encoding them with encoding/json (which re-validates every RawMessage) would dominate
// the cost of a write during a flood.
func (j *journal) marshalLocked() ([]byte, error) {
	ids := make([]int, 0, len(j.pending))
	size := 64 + 8*len(j.handled)
	for id, raw := range j.pending {
		ids = append(ids, id)
		size += len(raw) + 32
	}
	slices.Sort(ids)
	buf := bytes.NewBuffer(make([]byte, 0, size))
	buf.WriteString(`{"version":1,"saved":`)
	saved, _ := json.Marshal(time.Now().UTC())
	buf.Write(saved)
	buf.WriteString(`,"handled":[`)
	for i, id := range j.handled {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(strconv.Itoa(id))
	}
	buf.WriteString(`],"pending":[`)
	for i, id := range ids {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(`{"update_id":` + strconv.Itoa(id) + `,"update":`)
		buf.Write(j.pending[id])
		buf.WriteByte('}')
	}
	buf.WriteString("]}\n")
	return buf.Bytes(), nil
}

// writeFileAtomic replaces path with data so that readers see the old or the new file, never
// a mix: a synced temp file in the same folder renamed over it.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("telegram: writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("telegram: writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("telegram: syncing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("telegram: writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("telegram: replacing %s: %w", path, err)
	}
	return nil
}
