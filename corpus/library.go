package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// ParserVersion names the parser's behaviour. It is part of Fingerprint when the built-in
// edition is served (with the parsed edition itself), so a saved index of it goes stale when the
// parser changes.
const ParserVersion = "2"

// editionsSub is the library's folder of edition files, one <id>.json per edition.
const editionsSub = "editions"

// tempPrefix starts the names of edition files being written; readers ignore them.
const tempPrefix = ".tmp-"

// quarantineSub, inside the editions folder, holds the edition files a writer found corrupt.
const quarantineSub = "quarantine"

// Library is the on-disk collection of ingested editions: one JSON file per edition under
// DIR/editions, each written atomically (temporary file, fsync, rename), so a crash or an
// interrupt leaves either the old or the new edition, never half of one. It is safe for
// concurrent use by one process; processes that write take the writers' lock (Lock) first.
type Library struct {
	dir       string
	mu        sync.Mutex
	checksums map[string]string // Edition.Checksum → ID, loaded on the first Add
	onDamage  func(Damage)
}

// Damage names an edition file that could not be read and why.
type Damage struct {
	File string
	Err  error
}

func (d Damage) String() string { return d.File + ": " + d.Err.Error() }

// ErrCorruptEdition is wrapped by the error of an edition file that does not parse.
var ErrCorruptEdition = errors.New("corrupt edition file")

// OpenLibrary opens the library in dir for reading. It creates and changes nothing, so a
// read-only or missing folder serves (the built-in edition when it holds no editions); the
// folder is created by the first write.
func OpenLibrary(dir string) (*Library, error) {
	if dir == "" {
		return nil, errors.New("corpus: open library: no folder given")
	}
	return &Library{dir: dir}, nil
}

// OnDamage sets the function told of each edition file a read skips (corrupt or unreadable).
func (l *Library) OnDamage(f func(Damage)) {
	l.mu.Lock()
	l.onDamage = f
	l.mu.Unlock()
}

func (l *Library) reportDamage(d Damage) {
	l.mu.Lock()
	f := l.onDamage
	l.mu.Unlock()
	if f != nil {
		f(d)
	}
}

// Dir is the library's folder.
func (l *Library) Dir() string { return l.dir }

func (l *Library) editionsDir() string { return filepath.Join(l.dir, editionsSub) }

func (l *Library) editionPath(id string) string {
	return filepath.Join(l.editionsDir(), id+".json")
}

// validID reports an edition ID that is safe as a file name.
func validID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, r := range id {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// Add stores an edition, replacing any stored edition with the same ID. The write is atomic.
func (l *Library) Add(ed *Edition) error {
	_, err := l.add(ed)
	return err
}

// add stores an edition and reports whether it replaced one.
func (l *Library) add(ed *Edition) (replaced bool, err error) {
	st, err := l.stage(ed)
	if err != nil {
		return false, err
	}
	if replaced, err = l.commit(st); err != nil {
		os.Remove(st.tmp)
		return replaced, err
	}
	return replaced, syncDir(l.editionsDir())
}

// staged is an edition written whole to a temporary file beside its place, not yet part of the
// library: readers ignore it, and a writer that stops before commit removes it (the next writer
// does, after a crash).
type staged struct {
	id, checksum, source, tmp string
}

// stage writes an edition to a synced temporary file in the editions folder.
func (l *Library) stage(ed *Edition) (*staged, error) {
	if ed == nil || !validID(ed.ID) {
		return nil, fmt.Errorf("corpus: add edition: invalid edition ID %q", idOf(ed))
	}
	data, err := json.MarshalIndent(ed, "", " ")
	if err != nil {
		return nil, fmt.Errorf("corpus: add edition %s (%s): %w", ed.ID, ed.Source, err)
	}
	if err := os.MkdirAll(l.editionsDir(), 0o755); err != nil {
		return nil, fmt.Errorf("corpus: add edition %s (%s): %w", ed.ID, ed.Source, err)
	}
	tmp, err := writeTemp(l.editionPath(ed.ID), append(data, '\n'))
	if err != nil {
		return nil, fmt.Errorf("corpus: add edition %s (%s): %w", ed.ID, ed.Source, err)
	}
	return &staged{id: ed.ID, checksum: ed.Checksum, source: ed.Source, tmp: tmp}, nil
}

// commit renames a staged edition into place and reports whether it replaced one. The same file
// ingested before under another paper or date is the same edition: it is replaced too (after
// the new one is in place, so a crash leaves at worst both). The caller syncs the folder.
func (l *Library) commit(st *staged) (replaced bool, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	path := l.editionPath(st.id)
	if _, err := os.Stat(path); err == nil {
		replaced = true
	}
	var older string
	if st.checksum != "" {
		if err := l.loadChecksums(); err != nil {
			return false, err
		}
		if id := l.checksums[st.checksum]; id != "" && id != st.id {
			older = id
		}
	}
	if err := os.Rename(st.tmp, path); err != nil {
		return false, fmt.Errorf("corpus: add edition %s (%s): %w", st.id, st.source, err)
	}
	if older != "" {
		if err := os.Remove(l.editionPath(older)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return true, fmt.Errorf("corpus: replace edition %s by %s: %w", older, st.id, err)
		}
		replaced = true
	}
	if st.checksum != "" {
		l.checksums[st.checksum] = st.id
	}
	return replaced, nil
}

// loadChecksums reads, once, which stored edition came from which file content.
func (l *Library) loadChecksums() error {
	if l.checksums != nil {
		return nil
	}
	files, err := l.editionFiles()
	if err != nil {
		return err
	}
	l.checksums = make(map[string]string, len(files))
	for _, f := range files {
		ed, _, err := readEdition(f)
		if err != nil {
			continue // damage is reported by the reads and quarantined by Lock
		}
		if ed.Checksum != "" {
			l.checksums[ed.Checksum] = ed.ID
		}
	}
	return nil
}

func idOf(ed *Edition) string {
	if ed == nil {
		return ""
	}
	return ed.ID
}

// writeData writes an edition file's bytes; a test stands in a full disk here.
var writeData = func(f *os.File, data []byte) error {
	_, err := f.Write(data)
	return err
}

// writeAtomic writes data to path through a temporary file in the same folder: written, synced,
// renamed over path, and the folder synced, so path holds the old or the new data after a crash.
func writeAtomic(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(path))
}

// writeTemp writes data to a new synced temporary file beside path (0644 less the umask) and
// returns its name; on error nothing is left behind.
func writeTemp(path string, data []byte) (tmp string, err error) {
	f, err := createTemp(filepath.Dir(path), tempPrefix+filepath.Base(path)+"-")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	if err = writeData(f, data); err != nil {
		f.Close()
		return "", err
	}
	if err = f.Sync(); err != nil {
		f.Close()
		return "", err
	}
	return f.Name(), f.Close()
}

// syncDir makes a rename in dir durable. Some systems cannot sync a folder; that is not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !strings.Contains(err.Error(), "invalid argument") {
		return err
	}
	return nil
}

// Remove deletes a stored edition; removing one that is not stored is not an error.
func (l *Library) Remove(id string) error {
	if !validID(id) {
		return fmt.Errorf("corpus: remove edition: invalid edition ID %q", id)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := os.Remove(l.editionPath(id)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("corpus: remove edition %s: %w", id, err)
	}
	for sum, stored := range l.checksums {
		if stored == id {
			delete(l.checksums, sum)
		}
	}
	return syncDir(l.editionsDir())
}

// Edition reads one stored edition.
func (l *Library) Edition(id string) (*Edition, error) {
	if !validID(id) {
		return nil, fmt.Errorf("corpus: edition: invalid edition ID %q", id)
	}
	path := l.editionPath(id)
	ed, _, err := readEdition(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		l.reportDamage(Damage{File: path, Err: err}) // skipped by the caller, like Editions does
	}
	return ed, err
}

// editionFiles lists the stored edition files, sorted by name.
func (l *Library) editionFiles() ([]string, error) {
	entries, err := os.ReadDir(l.editionsDir())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // nothing ingested yet
	}
	if err != nil {
		return nil, fmt.Errorf("corpus: read library %s: %w", l.dir, err)
	}
	var files []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") || !strings.HasSuffix(n, ".json") {
			continue
		}
		files = append(files, filepath.Join(l.editionsDir(), n))
	}
	return files, nil
}

// readEdition reads and decodes one edition file; a file that does not decode wraps
// ErrCorruptEdition.
func readEdition(path string) (*Edition, []byte, error) {
	data, err := ReadFile(path, MaxFileSize)
	if err != nil {
		return nil, nil, fmt.Errorf("corpus: read edition %s: %w", path, err)
	}
	var ed Edition
	if err := json.Unmarshal(data, &ed); err != nil {
		return nil, nil, fmt.Errorf("corpus: %w %s: %w", ErrCorruptEdition, path, err)
	}
	if want := strings.TrimSuffix(filepath.Base(path), ".json"); ed.ID != want {
		return nil, nil, fmt.Errorf("corpus: %w %s: holds edition ID %q", ErrCorruptEdition, path, ed.ID)
	}
	return &ed, data, nil
}

// Editions reads every stored edition, ordered by date, then source file, then ID. A file that
// cannot be read or decoded is skipped and told to the OnDamage function: one damaged file does
// not stop the others from being served.
func (l *Library) Editions() ([]*Edition, error) {
	files, err := l.editionFiles()
	if err != nil {
		return nil, err
	}
	eds := make([]*Edition, 0, len(files))
	for _, f := range files {
		ed, _, err := readEdition(f)
		if err != nil {
			l.reportDamage(Damage{File: f, Err: err})
			continue
		}
		eds = append(eds, ed)
	}
	sortEditions(eds)
	return eds, nil
}

// Articles lists the articles of every stored edition in order, or the built-in edition's when
// the library holds none.
func (l *Library) Articles() ([]Article, error) { return articlesOf(l.Editions()) }

// articlesOf lists the articles of eds in order, or the built-in edition's when there are none;
// it passes on err, the error of listing eds, so that it can wrap an Editions call.
func articlesOf(eds []*Edition, err error) ([]Article, error) {
	if err != nil {
		return nil, err
	}
	if len(eds) == 0 {
		b, err := Builtin()
		if err != nil {
			return nil, err
		}
		return slices.Clone(b.Articles), nil
	}
	var out []Article
	for _, ed := range eds {
		out = append(out, ed.Articles...)
	}
	return out, nil
}

// Fingerprint hashes the stored editions' IDs and contents (or, when none is stored, the built-in
// edition and the parser version): it changes exactly when Articles may change, so a saved search
// index can be checked for staleness.
func (l *Library) Fingerprint() (string, error) {
	files, err := l.editionFiles()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	if len(files) == 0 {
		// What is served is the built-in edition as this binary parses it.
		b, err := Builtin()
		if err != nil {
			return "", err
		}
		data, err := json.Marshal(b)
		if err != nil {
			return "", fmt.Errorf("corpus: fingerprint: %w", err)
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "builtin\x00%s\x00%x\n", ParserVersion, sum)
	}
	for _, f := range files {
		data, err := ReadFile(f, MaxFileSize)
		if err != nil {
			// An unreadable file is skipped by the reads; its error stands for its content.
			data = []byte("unreadable\x00" + err.Error())
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%s\x00%x\n", filepath.Base(f), sum)
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// Stamps lists the stored editions by ID with a stamp of each file (its size, modification time
// and, where the platform has one, its inode: an edition is rewritten by renaming a new file over
// it, so the stamp changes even within the clock's granularity) that changes whenever the edition
// is rewritten: one directory listing and a stat a file, no file read, so an index can tell which
// editions it lacks or holds stale without reading the library.
func (l *Library) Stamps() (map[string]string, error) {
	files, err := l.editionFiles()
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(files))
	for _, f := range files {
		fi, err := os.Stat(f)
		if errors.Is(err, os.ErrNotExist) {
			continue // removed since the listing
		}
		if err != nil {
			return nil, fmt.Errorf("corpus: read library %s: %w", l.dir, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = stampOf(fi)
	}
	return out, nil
}
