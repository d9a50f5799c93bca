package retrieval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unsafe"

	"newsbot/corpus"
)

// The index file: a magic line, a JSON header line, a binary payload, and a trailer holding the
// payload's CRC-32C and an end mark. The header can be read without the payload (ReadHeader).
const (
	indexMagic   = "NEWSBOT-INDEX"
	indexVersion = 1
	trailerMark  = "NBIXEND\n"
)

// ErrStaleIndex is wrapped by Open's error when the saved index was built by another embedder
// or an older format: the user must re-ingest.
var ErrStaleIndex = errors.New("the index must be rebuilt: re-ingest the library")

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

// snapshot is the gob-encoded part of the payload.
type snapshot struct {
	Articles   []corpus.Article
	Chunks     []chunkRef
	FirstChunk []int32
	UserWords  []string
	LocalIDF   []float32
	Sources    []string // each article's source, nil when none has one
	Stamps     map[string]string
	Removed    []string
	Deleted    []string
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

func (ix *Index) writeSegment(f io.Writer, seg *segment) error {
	bw := bufio.NewWriterSize(f, 1<<20)
	hdr, err := json.Marshal(ix.header(seg))
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, "%s %d\n%s\n", indexMagic, indexVersion, hdr)
	crc := crc32.New(crcTable)
	w := &binWriter{w: io.MultiWriter(bw, crc)}

	snap := snapshot{Articles: seg.articles, Chunks: seg.chunks, FirstChunk: seg.firstChunk, UserWords: seg.words,
		LocalIDF: seg.localIDF, Stamps: seg.stamps, Removed: seg.removed, Deleted: seg.deleted}
	if slices.ContainsFunc(seg.sources, func(s string) bool { return s != "" }) {
		snap.Sources = seg.sources
	}
	var gb bytes.Buffer
	if err := gob.NewEncoder(&gb).Encode(snap); err != nil {
		return fmt.Errorf("encode articles: %w", err)
	}
	w.uvarint(uint64(gb.Len()))
	w.bytes(gb.Bytes())
	w.vocabulary(seg.lex.vocab)
	w.lexical(seg.lex)
	w.lexical(seg.doc)
	w.lexical(seg.head)
	w.uvarint(uint64(ix.vectors.dim))
	w.floats(seg.vectors.data)
	if w.err != nil {
		return w.err
	}
	var trailer [4]byte
	binary.LittleEndian.PutUint32(trailer[:], crc.Sum32())
	bw.Write(trailer[:])
	bw.WriteString(trailerMark)
	return bw.Flush()
}

// binWriter writes the payload, remembering the first error.
type binWriter struct {
	w   io.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (b *binWriter) bytes(p []byte) {
	if b.err == nil {
		_, b.err = b.w.Write(p)
	}
}

func (b *binWriter) uvarint(x uint64) { b.bytes(b.buf[:binary.PutUvarint(b.buf[:], x)]) }

func (b *binWriter) floats(v []float32) {
	b.uvarint(uint64(len(v)))
	block := make([]byte, 0, 1<<16)
	for _, x := range v {
		block = binary.LittleEndian.AppendUint32(block, math.Float32bits(x))
		if len(block) == cap(block) {
			b.bytes(block)
			block = block[:0]
		}
	}
	b.bytes(block)
}

// vocabulary writes the terms, by id.
func (b *binWriter) vocabulary(v *vocabulary) {
	b.uvarint(uint64(len(v.terms)))
	for _, t := range v.terms {
		b.uvarint(uint64(len(t)))
		b.bytes([]byte(t))
	}
}

// lexical writes document lengths and postings by term id (document gaps as varints, then tf).
func (b *binWriter) lexical(ix *lexicalIndex) {
	b.uvarint(uint64(len(ix.docLen)))
	for _, l := range ix.docLen {
		b.uvarint(uint64(l))
	}
	b.uvarint(uint64(len(ix.start) - 1))
	var block []byte
	for t := 0; t+1 < len(ix.start); t++ {
		p := ix.postings(int32(t))
		block = binary.AppendUvarint(block[:0], uint64(len(p)))
		prev := uint32(0)
		for _, x := range p {
			block = binary.AppendUvarint(block, uint64(x>>8-prev))
			block = append(block, byte(x))
			prev = x >> 8
		}
		b.bytes(block)
	}
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
	if version != indexVersion {
		return Header{}, 0, fmt.Errorf("retrieval: %s has index format %d, this newsbot reads %d: %w", path, version, indexVersion, ErrStaleIndex)
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
	base, h, err := readSegment(ctx, path, cfg)
	if err != nil {
		return nil, err
	}
	segs := []*segment{base}
	m, err := readManifest(path)
	if err != nil {
		return nil, err
	}
	if m.Generation == base.gen && base.gen != "" {
		for _, name := range m.Segments {
			if name != filepath.Base(name) {
				return nil, fmt.Errorf("retrieval: %s names segment %q outside its folder: %w", path+manifestSuffix, name, ErrCorruptIndex)
			}
			seg, sh, err := readSegment(ctx, filepath.Join(filepath.Dir(path), name), cfg)
			if errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("retrieval: %s: segment %s is missing: %w", path, name, ErrCorruptIndex)
			}
			if err != nil {
				return nil, err
			}
			if sh.Generation != base.gen || sh.Dim != h.Dim {
				return nil, fmt.Errorf("retrieval: segment %s belongs to another index: %w", name, ErrCorruptIndex)
			}
			segs = append(segs, seg)
		}
	}
	ix := assemble(segs, nil)
	ix.embedderID = h.Embedder
	switch {
	case cfg.Embedder == nil, isLocal(cfg.Embedder):
		ix.embedder = &LocalEmbedder{dim: h.Dim, idf: base.localIDF}
	default:
		ix.embedder = cfg.Embedder
	}
	return ix, nil
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
// then decoded from memory.
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
	data, release, err := mapFile(f, st.Size())
	if err != nil {
		return nil, Header{}, fmt.Errorf("retrieval: open index: %w", err)
	}
	defer release()
	h, start, err := readHeader(bufio.NewReader(bytes.NewReader(data)), path)
	if err != nil {
		return nil, h, err
	}
	if err := checkEmbedder(h, cfg, path); err != nil {
		return nil, h, err
	}
	end := len(data) - 4 - len(trailerMark)
	if end < start || string(data[end+4:]) != trailerMark {
		return nil, h, fmt.Errorf("retrieval: %s: truncated index: %w", path, ErrCorruptIndex)
	}
	if binary.LittleEndian.Uint32(data[end:end+4]) != crc32.Checksum(data[start:end], crcTable) {
		return nil, h, fmt.Errorf("retrieval: %s: checksum mismatch: %w", path, ErrCorruptIndex)
	}
	r := &binReader{buf: data[start:end]}
	seg, err := r.segment(ctx, h)
	if err == nil && r.pos != len(r.buf) {
		err = errors.New("data after the end of the index")
	}
	if err != nil {
		return nil, h, fmt.Errorf("retrieval: %s: %v: %w", path, err, ErrCorruptIndex)
	}
	seg.gen, seg.fingerprint, seg.file = h.Generation, h.Fingerprint, path
	return seg, h, nil
}

// readAll reads the size bytes of f.
func readAll(f *os.File, size int64) ([]byte, func(), error) {
	data := make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, nil, err
	}
	return data, func() {}, nil
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

// binReader decodes a verified payload in memory. Nothing it returns points into buf (which may
// be a mapping released after reading), except full's bytes, which callers copy.
type binReader struct {
	buf []byte
	pos int
}

var errShort = errors.New("unexpected end of the index")

func (b *binReader) ReadByte() (byte, error) {
	if b.pos >= len(b.buf) {
		return 0, errShort
	}
	c := b.buf[b.pos]
	b.pos++
	return c, nil
}

func (b *binReader) uvarint() (uint64, error) {
	x, n := binary.Uvarint(b.buf[b.pos:])
	if n <= 0 {
		return 0, errShort
	}
	b.pos += n
	return x, nil
}

// full returns the next n bytes, in buf.
func (b *binReader) full(n uint64) ([]byte, error) {
	if n > uint64(len(b.buf)-b.pos) {
		return nil, fmt.Errorf("implausible length %d", n)
	}
	p := b.buf[b.pos : b.pos+int(n)]
	b.pos += int(n)
	return p, nil
}

// count reads a length and checks it against limit.
func (b *binReader) count(limit uint64, what string) (int, error) {
	n, err := b.uvarint()
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", what, err)
	}
	if n > limit || n > uint64(len(b.buf)) {
		return 0, fmt.Errorf("implausible %s %d", what, n)
	}
	return int(n), nil
}

func (b *binReader) segment(ctx context.Context, h Header) (*segment, error) {
	n, err := b.count(1<<34, "articles block length")
	if err != nil {
		return nil, err
	}
	gb, err := b.full(uint64(n))
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	var snap snapshot
	if err := gob.NewDecoder(bytes.NewReader(gb)).Decode(&snap); err != nil {
		return nil, fmt.Errorf("decode articles: %w", err)
	}
	if len(snap.Articles) != h.Articles || len(snap.Chunks) != h.Chunks || len(snap.FirstChunk) != len(snap.Articles)+1 {
		return nil, errors.New("header and contents disagree")
	}
	for _, c := range snap.Chunks {
		if int(c.Article) >= len(snap.Articles) || c.Start < 0 || c.End < c.Start || int(c.End) > len(snap.Articles[c.Article].Text) {
			return nil, errors.New("chunk outside its article")
		}
	}
	if snap.LocalIDF != nil && len(snap.LocalIDF) != localIDFBuckets {
		return nil, errors.New("bad local embedder IDF table")
	}
	if snap.Sources == nil {
		snap.Sources = make([]string, len(snap.Articles))
	}
	if len(snap.Sources) != len(snap.Articles) {
		return nil, errors.New("article sources and articles disagree")
	}
	if snap.Stamps == nil {
		snap.Stamps = map[string]string{}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	seg := &segment{articles: snap.Articles, sources: snap.Sources, stamps: snap.Stamps, removed: snap.Removed,
		deleted: snap.Deleted, words: snap.UserWords, chunks: snap.Chunks, firstChunk: snap.FirstChunk, localIDF: snap.LocalIDF}
	vocab, err := b.vocabulary()
	if err != nil {
		return nil, err
	}
	if seg.lex, err = b.lexical(vocab, len(snap.Chunks)); err != nil {
		return nil, fmt.Errorf("chunk index: %w", err)
	}
	if seg.doc, err = b.lexical(vocab, len(snap.Articles)); err != nil {
		return nil, fmt.Errorf("article index: %w", err)
	}
	if seg.head, err = b.lexical(vocab, len(snap.Articles)); err != nil {
		return nil, fmt.Errorf("headline index: %w", err)
	}
	dim, err := b.count(1<<16, "dimension")
	if err != nil {
		return nil, err
	}
	if dim != h.Dim {
		return nil, errors.New("vector dimension disagrees with the header")
	}
	data, err := b.floats(uint64(dim) * uint64(len(snap.Chunks)))
	if err != nil {
		return nil, err
	}
	seg.vectors = matrix{dim: dim, data: data}
	seg.vectors.quantize()
	return seg, nil
}

func (b *binReader) floats(want uint64) ([]float32, error) {
	n, err := b.count(want, "vector count")
	if err != nil {
		return nil, err
	}
	if uint64(n) != want {
		return nil, fmt.Errorf("%d vector values, want %d", n, want)
	}
	src, err := b.full(uint64(n) * 4)
	if err != nil {
		return nil, fmt.Errorf("read vectors: %w", err)
	}
	out := make([]float32, n)
	if n > 0 && littleEndian {
		// The file is little-endian like the host: one copy, no per-value decoding.
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&out[0])), 4*n), src)
		return out, nil
	}
	for j := range out {
		out[j] = math.Float32frombits(binary.LittleEndian.Uint32(src[j*4:]))
	}
	return out, nil
}

func (b *binReader) vocabulary() (*vocabulary, error) {
	nt, err := b.count(1<<31, "term count")
	if err != nil {
		return nil, err
	}
	terms := make([]string, nt)
	for i := range terms {
		l, err := b.count(1<<10, "term length")
		if err != nil {
			return nil, err
		}
		p, err := b.full(uint64(l))
		if err != nil {
			return nil, fmt.Errorf("read term: %w", err)
		}
		terms[i] = string(p)
	}
	return vocabularyOf(terms), nil
}

func (b *binReader) lexical(vocab *vocabulary, docs int) (*lexicalIndex, error) {
	nd, err := b.count(uint64(docs), "document count")
	if err != nil {
		return nil, err
	}
	if nd != docs {
		return nil, fmt.Errorf("%d documents, want %d", nd, docs)
	}
	docLen := make([]uint32, nd)
	for i := range docLen {
		l, err := b.count(1<<32-1, "document length")
		if err != nil {
			return nil, err
		}
		docLen[i] = uint32(l)
	}
	nt, err := b.count(uint64(len(vocab.terms)), "term count")
	if err != nil {
		return nil, err
	}
	start := make([]uint32, nt+1)
	var data []uint32
	for t := 0; t < nt; t++ {
		start[t] = uint32(len(data))
		np, err := b.count(uint64(docs), "posting count")
		if err != nil {
			return nil, err
		}
		doc := uint64(0)
		for i := 0; i < np; i++ {
			gap, err := b.uvarint()
			if err != nil {
				return nil, fmt.Errorf("read postings: %w", err)
			}
			tf, err := b.ReadByte()
			if err != nil {
				return nil, fmt.Errorf("read postings: %w", err)
			}
			doc += gap
			if doc >= uint64(docs) || (i > 0 && gap == 0) {
				return nil, errors.New("posting outside the documents")
			}
			data = append(data, uint32(doc)<<8|uint32(tf))
		}
	}
	start[nt] = uint32(len(data))
	return newLexicalIndex(vocab, start, data, docLen), nil
}
