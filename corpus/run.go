package corpus

import (
	"cmp"
	"fmt"
	"maps"
	"os"
	"slices"
)

// Run is a set of edition writes to a library that become part of it together, at Commit: until
// then each edition is a synced temporary file beside its place (readers ignore it, the next
// writer removes it after a crash), and the library is as it was. A Run reads as the library will
// read once it is committed (Editions, Edition, Articles, Stamps), so that a writer can index the
// run's editions, and save that index, before committing them: an interrupted writer then
// Discards the run and leaves both the library and its index as they were. A Run is used by one
// goroutine of a process holding the writers' lock.
type Run struct {
	lib     *Library
	pending []*staged           // in the order added
	eds     map[string]*Edition // the staged editions by ID
	gone    map[string]bool     // superseded's answer, until the next Add
}

// Begin starts a Run on the library.
func (l *Library) Begin() *Run { return &Run{lib: l, eds: map[string]*Edition{}} }

// Library is the library the run writes to.
func (r *Run) Library() *Library { return r.lib }

// Len is the number of editions staged.
func (r *Run) Len() int { return len(r.pending) }

// Add stages an edition, written whole to a temporary file; an edition staged before under the
// same ID is replaced.
func (r *Run) Add(ed *Edition) error {
	st, err := r.lib.stage(ed)
	if err != nil {
		return err
	}
	if i := slices.IndexFunc(r.pending, func(p *staged) bool { return p.id == st.id }); i >= 0 {
		os.Remove(r.pending[i].tmp)
		r.pending = slices.Delete(r.pending, i, i+1)
	}
	r.pending = append(r.pending, st)
	r.eds[ed.ID] = ed
	r.gone = nil
	return nil
}

// Discard removes what the run staged; the library is as it was. Discarding a committed run
// does nothing.
func (r *Run) Discard() {
	for _, st := range r.pending {
		os.Remove(st.tmp)
	}
	r.pending = nil
	clear(r.eds)
	r.gone = nil
}

// Commit renames the staged editions into place, in order, and returns their IDs and how many
// replaced a stored edition. It does not stop half way for a cancelled context: the renames are
// quick, and stopping would leave half a run.
func (r *Run) Commit() (accepted []string, replaced int, err error) {
	for len(r.pending) > 0 {
		st := r.pending[0]
		rep, err := r.lib.commit(st)
		if err != nil {
			return accepted, replaced, err
		}
		r.pending = r.pending[1:]
		delete(r.eds, st.id)
		r.gone = nil
		accepted = append(accepted, st.id)
		if rep {
			replaced++
		}
	}
	if len(accepted) == 0 {
		return nil, 0, nil
	}
	return accepted, replaced, syncDir(r.lib.editionsDir())
}

// superseded returns the IDs of editions, stored or staged, that committing the run removes: the
// same file stored before under another ID (see Library.commit, which this follows in order).
func (r *Run) superseded() (map[string]bool, error) {
	if r.gone != nil {
		return r.gone, nil
	}
	out := map[string]bool{}
	r.lib.mu.Lock()
	defer r.lib.mu.Unlock()
	if err := r.lib.loadChecksums(); err != nil {
		return nil, err
	}
	owner := maps.Clone(r.lib.checksums)
	for _, st := range r.pending {
		if st.checksum == "" {
			continue
		}
		if id := owner[st.checksum]; id != "" && id != st.id {
			out[id] = true
		}
		owner[st.checksum] = st.id
		delete(out, st.id) // staged after whatever superseded it
	}
	r.gone = out
	return out, nil
}

// Stamps is Library.Stamps as it will be once the run is committed: a rename keeps a file's
// size, modification time and inode, so a staged file's stamp is its stamp in place.
func (r *Run) Stamps() (map[string]string, error) {
	stamps, err := r.lib.Stamps()
	if err != nil {
		return nil, err
	}
	gone, err := r.superseded()
	if err != nil {
		return nil, err
	}
	for id := range gone {
		delete(stamps, id)
	}
	for _, st := range r.pending {
		if gone[st.id] {
			continue
		}
		fi, err := os.Stat(st.tmp)
		if err != nil {
			return nil, fmt.Errorf("corpus: staged edition %s (%s): %w", st.id, st.source, err)
		}
		stamps[st.id] = stampOf(fi)
	}
	return stamps, nil
}

// Edition reads an edition as the committed run will hold it.
func (r *Run) Edition(id string) (*Edition, error) {
	gone, err := r.superseded()
	if err != nil {
		return nil, err
	}
	if gone[id] {
		return nil, fmt.Errorf("corpus: edition %s: replaced in this run: %w", id, os.ErrNotExist)
	}
	if ed := r.eds[id]; ed != nil {
		return ed, nil
	}
	return r.lib.Edition(id)
}

// Editions is Library.Editions as it will be once the run is committed.
func (r *Run) Editions() ([]*Edition, error) {
	stored, err := r.lib.Editions()
	if err != nil {
		return nil, err
	}
	gone, err := r.superseded()
	if err != nil {
		return nil, err
	}
	eds := slices.DeleteFunc(stored, func(ed *Edition) bool { return gone[ed.ID] || r.eds[ed.ID] != nil })
	for _, st := range r.pending {
		if !gone[st.id] {
			eds = append(eds, r.eds[st.id])
		}
	}
	sortEditions(eds)
	return eds, nil
}

// Articles is Library.Articles as it will be once the run is committed.
func (r *Run) Articles() ([]Article, error) { return articlesOf(r.Editions()) }

// sortEditions orders editions by date, then source file, then ID.
func sortEditions(eds []*Edition) {
	slices.SortFunc(eds, func(a, b *Edition) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Source, b.Source), cmp.Compare(a.ID, b.ID))
	})
}

// stampOf is an edition file's stamp (see Library.Stamps).
func stampOf(fi os.FileInfo) string {
	return fmt.Sprintf("%d-%d-%d", fi.Size(), fi.ModTime().UnixNano(), fileID(fi))
}
