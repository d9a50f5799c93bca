package retrieval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"newsbot/corpus"
)

// The index file: a magic line, a JSON header line, a binary payload, and a trailer holding the
// payload's CRC-32C and an end mark. The header can be read without the payload (ReadHeader).
const (
	indexMagic   = "NEWSBOT-INDEX"
	indexVersion = 3 // 3: with character tables; 2: sections read in place (segfile.go); 1: gob and varints
	trailerMark  = "NBIXEND\n"
)

// ErrStaleIndex is wrapped by Open's error when the saved index was built by another embedder
// or an older format: the user must re-ingest.
var ErrStaleIndex = errors.New("the index must be rebuilt: re-ingest the library")

// ErrIndexFormat is wrapped by Open's error (beside ErrStaleIndex) when the index was saved in an
// older file format than this newsbot reads: nothing of it is read, and a writer rebuilds it.
var ErrIndexFormat = errors.New("index saved in an older format")

// ErrCorruptIndex is wrapped by Open's error when the file is not a readable newsbot index.
var ErrCorruptIndex = errors.New("corrupt or foreign index file")

// Header describes a saved index file: the base segment (the index file itself) or a segment
// appended by Update (the counts are the file's own).
type Header struct {
	Version     int    `json:"version"`
	Embedder    string `json:"embedder"`
	Dim         int    `json:"dim"`
	Fingerprint string `json:"fingerprint"`
	Articles    int    `json:"articles"`
	Chunks      int    `json:"chunks"`
	Generation  string `json:"generation,omitempty"` // the base's; its segments carry it too
}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// littleEndian is whether the host stores a uint32 as the index file does.
var littleEndian = binary.NativeEndian.Uint32([]byte{1, 0, 0, 0}) == 1

// Save writes the index to path: the base segment as the file path, each later segment as a file
// beside it (path.<generation>-<random>.seg), and then the manifest (path.segments) naming them,
// each file written atomically (temp file in the same folder, fsync, rename). Segments already
// saved at path are not written again, so saving an index that Update grew writes only its new
// segment and the manifest: a crash at any moment leaves the index as it was before, or after.
// A compacted or rebuilt index rewrites the base, which starts a new generation: the segments of
// the old one are ignored from then on and removed once the new manifest is written. It refuses to
// replace a file that is not a newsbot index.
func (ix *Index) Save(path string) error {
	if ix.dense != nil {
		return errDenseExternal
	}
	if err := checkReplaceable(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("retrieval: save index: %w", err)
	}
	names := make([]string, 0, len(ix.segs)-1)
	for i, seg := range ix.segs {
		target := path
		if i > 0 {
			target = seg.file
			if target == "" || filepath.Dir(target) != dir {
				target = path + "." + seg.gen + "-" + newGeneration() + segSuffix
			}
			names = append(names, filepath.Base(target))
		}
		if seg.file == target && sameFile(seg.file, target) {
			continue
		}
		if err := writeFileAtomic(target, func(w io.Writer) error { return ix.writeSegment(w, seg) }); err != nil {
			return fmt.Errorf("retrieval: save index to %s: %w", target, err)
		}
		seg.file = target
	}
	m := manifest{Generation: ix.gen, Segments: names}
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(path+manifestSuffix, func(w io.Writer) error { _, err := w.Write(append(data, '\n')); return err }); err != nil {
		return fmt.Errorf("retrieval: save index manifest: %w", err)
	}
	removeUnlisted(path, names)
	return nil
}

// ManifestPath is the file naming the segments of the index saved at path: an incremental save
// rewrites it and leaves path as it was, so a process watching for new index versions watches both.
func ManifestPath(path string) string { return path + manifestSuffix }

const (
	manifestSuffix = ".segments"
	segSuffix      = ".seg"
)

// manifest names the segments appended to the base file, in order; they apply only to the base
// of the same generation.
type manifest struct {
	Generation string   `json:"generation"`
	Segments   []string `json:"segments"`
}

// sameFile reports whether the file at path still exists (a segment saved before).
func sameFile(file, path string) bool {
	_, err := os.Stat(path)
	return file == path && err == nil
}

// removeUnlisted removes the segment files beside path that the manifest does not name: those of
// an older generation, or left by a writer that crashed before writing its manifest.
func removeUnlisted(path string, keep []string) {
	matches, _ := filepath.Glob(path + ".*" + segSuffix)
	for _, m := range matches {
		if !slices.Contains(keep, filepath.Base(m)) {
			os.Remove(m)
		}
	}
}

// writeFileAtomic writes path through a temp file in the same folder, synced, then renamed over
// path, and syncs the folder.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	// 0644 less the umask, named with corpus.TempMark so the next writer removes it after a crash.
	tmp, err := corpus.CreateTemp(dir, filepath.Base(path)+corpus.TempMark)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("sync: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // make the rename durable where the platform allows
		d.Close()
	}
	return nil
}

// checkReplaceable refuses to overwrite an existing file that is not a newsbot index.
func checkReplaceable(path string) error {
	f, err := corpus.OpenRegular(path) // a named pipe planted as the index must not block readers
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("retrieval: save index: %w", err)
	}
	defer f.Close()
	buf := make([]byte, len(indexMagic))
	if n, _ := io.ReadFull(f, buf); n > 0 && string(buf[:n]) != indexMagic {
		return fmt.Errorf("retrieval: save index: %s exists and is not a newsbot index: refusing to overwrite it", path)
	}
	return nil
}

func (ix *Index) header(seg *segment) Header {
	return Header{Version: indexVersion, Embedder: ix.embedderID, Dim: ix.vectors.dim, Fingerprint: seg.fingerprint,
		Articles: len(seg.articles), Chunks: len(seg.chunks), Generation: seg.gen}
}

// ReadHeader reads the header of the index file at path without loading it.
func ReadHeader(path string) (Header, error) {
	f, err := corpus.OpenRegular(path) // a named pipe planted as the index must not block readers
	if err != nil {
		return Header{}, fmt.Errorf("retrieval: open index: %w", err)
	}
	defer f.Close()
	h, _, err := readHeader(bufio.NewReader(f), path)
	return h, err
}

// readHeader reads the magic and header lines, and returns how many bytes they took.
func readHeader(r *bufio.Reader, path string) (Header, int, error) {
	magic, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(magic, indexMagic+" ") {
		return Header{}, 0, fmt.Errorf("retrieval: %s is not a newsbot index: %w", path, ErrCorruptIndex)
	}
	var version int
	if _, err := fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(magic, indexMagic)), "%d", &version); err != nil {
		return Header{}, 0, fmt.Errorf("retrieval: %s: bad index version line: %w", path, ErrCorruptIndex)
	}
	if version < indexVersion {
		return Header{}, 0, fmt.Errorf("retrieval: %s was saved by an older newsbot (index format %d, this one reads %d): %w: %w", path, version, indexVersion, ErrIndexFormat, ErrStaleIndex)
	}
	if version != indexVersion {
		return Header{}, 0, fmt.Errorf("retrieval: %s was saved by a newer newsbot (index format %d, this one reads %d): %w", path, version, indexVersion, ErrStaleIndex)
	}
	line, err := r.ReadBytes('\n')
	if err != nil {
		return Header{}, 0, fmt.Errorf("retrieval: %s: truncated header: %w", path, ErrCorruptIndex)
	}
	var h Header
	if err := json.Unmarshal(line, &h); err != nil {
		return Header{}, 0, fmt.Errorf("retrieval: %s: bad header: %v: %w", path, err, ErrCorruptIndex)
	}
	return h, len(magic) + len(line), nil
}

// Open loads an index saved by Save at path (the base file, then the segments its manifest
// names) without re-embedding. The configured embedder must be the one that built the index
// (cfg.EmbedderID, or the local default when cfg names none and the index was built locally);
// otherwise the error wraps ErrStaleIndex and tells the user to re-ingest. A damaged or foreign
// file, or a segment the manifest names that is missing, gives an error wrapping ErrCorruptIndex;
// Open never changes a file.
func Open(ctx context.Context, path string, cfg Config) (*Index, error) {
	for attempt := 0; ; attempt++ {
		ix, err := open(ctx, path, cfg)
		if !errors.Is(err, errReplaced) || attempt == 2 {
			return ix, err
		}
	}
}

// errReplaced is open's error when a writer replaced the base while it was read.
var errReplaced = errors.New("the index was replaced while it was read")

// open reads the base's header and the manifest, then the base and the segments the manifest
// names for its generation, several at once (one a core: a file's checksum pass and decoding
// take a core each).
func open(ctx context.Context, path string, cfg Config) (*Index, error) {
	h, err := ReadHeader(path)
	if err != nil {
		return nil, err
	}
	m, err := readManifest(path)
	if err != nil {
		return nil, err
	}
	files := []string{path}
	if m.Generation == h.Generation && h.Generation != "" {
		for _, name := range m.Segments {
			if name != filepath.Base(name) {
				return nil, fmt.Errorf("retrieval: %s names segment %q outside its folder: %w", path+manifestSuffix, name, ErrCorruptIndex)
			}
			files = append(files, filepath.Join(filepath.Dir(path), name))
		}
	}
	segs, err := readSegments(ctx, files, cfg)
	if err != nil {
		return nil, err
	}
	base := segs[0]
	if base.gen != h.Generation {
		return nil, errReplaced
	}
	for i, seg := range segs[1:] {
		if seg.gen != base.gen || seg.vectors.dim != base.vectors.dim {
			return nil, fmt.Errorf("retrieval: segment %s belongs to another index: %w", m.Segments[i], ErrCorruptIndex)
		}
	}
	ix := assemble(segs, nil)
	shareArticles(ix)
	ix.embedderID = h.Embedder
	switch {
	case cfg.Embedder == nil, isLocal(cfg.Embedder):
		ix.embedder = &LocalEmbedder{dim: base.vectors.dim, idf: base.localIDF}
	default:
		ix.embedder = cfg.Embedder
	}
	return ix, nil
}

// shareArticles points each segment's article table into the index's, which assemble copied
// them into, so that an opened index holds each article once (both are immutable: a later
// version of the index copies the table before appending).
func shareArticles(ix *Index) {
	a := 0
	for _, seg := range ix.segs {
		n := len(seg.articles)
		seg.articles = ix.articles[a : a+n : a+n]
		a += n
	}
}

// readSegments reads the files, one a core at a time; a file after the first that is missing is
// a damaged index (the manifest names it).
func readSegments(ctx context.Context, files []string, cfg Config) ([]*segment, error) {
	segs := make([]*segment, len(files))
	err := parallelBatches(ctx, len(files), 1, workers(), func(i, _ int) error {
		seg, _, err := readSegment(ctx, files[i], cfg)
		if i > 0 && errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("retrieval: %s: segment %s is missing: %w", files[0], filepath.Base(files[i]), ErrCorruptIndex)
		}
		segs[i] = seg
		return err
	})
	return segs, err
}

// Refresh returns the index saved at path. When that is ix grown by Update and saved (the same
// generation, ix's segments the first the manifest names), only the new segments are read and
// ix's tables are extended, so picking up a daily edition costs what the edition does; otherwise
// it is Open. ix is unchanged and may keep serving meanwhile.
func (ix *Index) Refresh(ctx context.Context, path string, cfg Config) (*Index, error) {
	m, err := readManifest(path)
	if err != nil || m.Generation != ix.gen || ix.segs[0].file != path || len(m.Segments) < len(ix.segs)-1 {
		return Open(ctx, path, cfg)
	}
	for i, seg := range ix.segs[1:] {
		if filepath.Base(seg.file) != m.Segments[i] || filepath.Dir(seg.file) != filepath.Dir(path) {
			return Open(ctx, path, cfg)
		}
	}
	segs := slices.Clone(ix.segs)
	for _, name := range m.Segments[len(ix.segs)-1:] {
		seg, sh, err := readSegment(ctx, filepath.Join(filepath.Dir(path), name), cfg)
		if err != nil {
			return nil, err
		}
		if sh.Generation != ix.gen || sh.Dim != ix.vectors.dim {
			return nil, fmt.Errorf("retrieval: segment %s belongs to another index: %w", name, ErrCorruptIndex)
		}
		segs = append(segs, seg)
	}
	if len(segs) == len(ix.segs) {
		return ix, nil
	}
	next := assemble(segs, ix)
	next.embedder, next.embedderID = ix.embedder, ix.embedderID
	return next, nil
}

// readManifest reads the manifest beside the index file at path; none is an empty one.
func readManifest(path string) (manifest, error) {
	var m manifest
	f, err := corpus.OpenRegular(path + manifestSuffix) // nor one planted as the manifest
	if errors.Is(err, os.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("retrieval: open index: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 1<<24))
	if err != nil {
		return m, fmt.Errorf("retrieval: open index: %w", err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("retrieval: %s: %v: %w", path+manifestSuffix, err, ErrCorruptIndex)
	}
	return m, nil
}

// readSegment reads and verifies one index file: mapped whole, its checksum verified in one pass,
// then its tables taken in place from the mapping (decodeSegment), which stays mapped while the
// segment is used.
func readSegment(ctx context.Context, path string, cfg Config) (*segment, Header, error) {
	f, err := corpus.OpenRegular(path) // a named pipe planted as the index must not block readers
	if err != nil {
		return nil, Header{}, fmt.Errorf("retrieval: open index: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, Header{}, fmt.Errorf("retrieval: open index: %w", err)
	}
	m, err := mapFile(f, st.Size())
	if err != nil {
		return nil, Header{}, fmt.Errorf("retrieval: open index: %w", err)
	}
	seg, h, err := parseSegment(m, path, cfg)
	if err != nil {
		m.release()
		return nil, h, err
	}
	if err := ctx.Err(); err != nil {
		return nil, h, err
	}
	return seg, h, nil
}

// parseSegment verifies and decodes the mapped file m read from path.
func parseSegment(m *mapping, path string, cfg Config) (*segment, Header, error) {
	data := m.data
	h, start, err := readHeader(bufio.NewReader(bytes.NewReader(data)), path)
	if err != nil {
		return nil, h, err
	}
	if err := checkEmbedder(h, cfg, path); err != nil {
		return nil, h, err
	}
	end := len(data) - 4 - len(trailerMark)
	if end < align8(start) || string(data[end+4:]) != trailerMark {
		return nil, h, fmt.Errorf("retrieval: %s: truncated index: %w", path, ErrCorruptIndex)
	}
	if binary.LittleEndian.Uint32(data[end:end+4]) != crc32.Checksum(data[start:end], crcTable) {
		return nil, h, fmt.Errorf("retrieval: %s: checksum mismatch: %w", path, ErrCorruptIndex)
	}
	if h.Articles < 0 || h.Chunks < 0 || h.Chunks >= maxLexDocs {
		return nil, h, fmt.Errorf("retrieval: %s: implausible counts in the header: %w", path, ErrCorruptIndex)
	}
	seg, err := decodeSegment(data[align8(start):end], h, m)
	if err != nil {
		return nil, h, fmt.Errorf("retrieval: %s: %v: %w", path, err, ErrCorruptIndex)
	}
	seg.gen, seg.fingerprint, seg.file = h.Generation, h.Fingerprint, path
	return seg, h, nil
}

// mapping is an index file's bytes: mapped (mapfile_unix.go) or read (elsewhere). A mapping is
// unmapped by the garbage collector once nothing points to it: every table that lies in it holds
// it (segment, vocabulary, lexicalIndex, the int8 copy, the chromem-go store).
type mapping struct {
	data  []byte
	unmap func() // nil when data is on the heap
}

// release unmaps m at once, for a file found unusable before anything pointed into it.
func (m *mapping) release() {
	if m.unmap != nil {
		m.unmap()
	}
}

// readAll reads the size bytes of f.
func readAll(f *os.File, size int64) (*mapping, error) {
	data := make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, err
	}
	return &mapping{data: data}, nil
}

func isLocal(e any) bool { _, ok := e.(*LocalEmbedder); return ok }

// checkEmbedder compares the configured embedder with the one that built the index.
func checkEmbedder(h Header, cfg Config, path string) error {
	want := cfg.EmbedderID
	switch e := cfg.Embedder.(type) {
	case nil:
		if want == "" {
			if _, ok := parseLocalID(h.Embedder); ok {
				return nil
			}
			return fmt.Errorf("retrieval: %s was built with embedder %q but none is configured: configure it or re-ingest: %w", path, h.Embedder, ErrStaleIndex)
		}
	case *LocalEmbedder:
		if want == "" {
			want = e.ID()
		}
	default:
		if want == "" {
			want = fmt.Sprintf("%T", e)
		}
	}
	if want != h.Embedder {
		return fmt.Errorf("retrieval: %s was built with embedder %q (dimension %d) but %q is configured: re-ingest the library to rebuild the index: %w", path, h.Embedder, h.Dim, want, ErrStaleIndex)
	}
	return nil
}
