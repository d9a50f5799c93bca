package retrieval

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"unsafe"

	"newsbot/corpus"
)

// The segment file, format 2, is laid out to be read in place from its mapping: after the magic
// and header lines (padded with zeros to a multiple of 8 bytes), a section table (a count, then an
// offset from the table and a length a section, all uint64) and the sections, each starting at a
// multiple of 8, every number little-endian; then the CRC-32C of everything after the header line,
// and the end mark. Open maps the file, checks the checksum in one pass, and takes the fixed-width
// sections as they lie (chunk table, first-chunk table, document lengths, posting offsets, term
// offsets, float32 vectors, the int8 copy and its scales): nothing is decoded per chunk, so
// opening costs the checksum pass, the copy of the articles' strings (one block a segment, the
// strings taken from it) and tables a few bytes an article. The postings stay compressed (a
// uvarint count, then document gaps as uvarints and a tf byte each) and the vocabulary is the
// sorted terms, looked up by binary search; both are read from the mapping at query time.
const (
	secMeta        = iota // gob of segMeta: sources' stamps, tombstones, user words, IDF table
	secArticleOffs        // uint32 × (articles × articleFields + 1): offsets into secStrings
	secStrings            // the articles' fields, concatenated
	secChunks             // int32 × 3 a chunk: article, start, end
	secFirstChunk         // int32 × (articles + 1)
	secVocabOffs          // uint32 × (terms + 1): offsets into secVocab
	secVocab              // the sorted terms, concatenated
	secLexical            // three lexical indexes (chunks, articles, headlines), three sections each:
	_                     //   uint32 × documents: document lengths,
	_                     //   uint32 × (terms + 1): offsets of the compressed posting lists,
	_                     //   the lists
	_
	_
	_
	_
	_
	secVectors // float32 × chunks × dim: the unit vectors
	secQuant   // int8 × chunks × dim: the copy the dense scan reads
	secScales  // float32 × chunks: each int8 row's scale
	secChars   // int32 pairs, by character: how many of the segment's articles hold it (charcount.go)
	numSections
)

// articleFields is how many strings an article has in secStrings: corpus.Article's, then the
// source of the batch it came in.
const articleFields = 14

// segMeta is the part of a segment that is small (per source, not per chunk), gob-encoded.
type segMeta struct {
	Stamps    map[string]string
	Removed   []string
	Deleted   []string
	UserWords []string
	LocalIDF  []float32
}

func articleStrings(a *corpus.Article, source string) [articleFields]string {
	return [articleFields]string{a.ID, a.Paper, a.Date, a.Page, a.Column, a.Kind, a.Kicker, a.Title, a.Byline, a.Text,
		a.Source, a.URL, a.GUID, source}
}

func articleOf(f []string) corpus.Article {
	return corpus.Article{ID: f[0], Paper: f[1], Date: f[2], Page: f[3], Column: f[4], Kind: f[5], Kicker: f[6],
		Title: f[7], Byline: f[8], Text: f[9], Source: f[10], URL: f[11], GUID: f[12]}
}

// writeSegment writes seg in format 2.
func (ix *Index) writeSegment(f io.Writer, seg *segment) error {
	secs, err := seg.sections()
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	hdr, err := json.Marshal(ix.header(seg))
	if err != nil {
		return err
	}
	head := fmt.Sprintf("%s %d\n%s\n", indexMagic, indexVersion, hdr)
	bw.WriteString(head)
	crc := crc32.New(crcTable)
	w := io.MultiWriter(bw, crc)
	var zeros [8]byte
	w.Write(zeros[:pad8(len(head))])

	table := make([]byte, 0, 8+16*len(secs))
	table = binary.LittleEndian.AppendUint64(table, uint64(len(secs)))
	off := align8(cap(table))
	for _, s := range secs {
		table = binary.LittleEndian.AppendUint64(table, uint64(off))
		table = binary.LittleEndian.AppendUint64(table, uint64(len(s)))
		off = align8(off + len(s))
	}
	w.Write(table)
	for _, s := range secs {
		w.Write(s)
		if _, err := w.Write(zeros[:pad8(len(s))]); err != nil {
			return err
		}
	}
	var trailer [4]byte
	binary.LittleEndian.PutUint32(trailer[:], crc.Sum32())
	bw.Write(trailer[:])
	bw.WriteString(trailerMark)
	return bw.Flush()
}

func align8(n int) int { return (n + 7) &^ 7 }
func pad8(n int) int   { return align8(n) - n }

// sections lays seg out as the sections of its file.
func (seg *segment) sections() ([][]byte, error) {
	secs := make([][]byte, numSections)
	var gb bytes.Buffer
	meta := segMeta{Stamps: seg.stamps, Removed: seg.removed, Deleted: seg.deleted, UserWords: seg.words, LocalIDF: seg.localIDF}
	if err := gob.NewEncoder(&gb).Encode(meta); err != nil {
		return nil, fmt.Errorf("encode segment tables: %w", err)
	}
	secs[secMeta] = gb.Bytes()
	offs := make([]uint32, 1, len(seg.articles)*articleFields+1)
	var text []byte
	for i := range seg.articles {
		for _, s := range articleStrings(&seg.articles[i], seg.sources[i]) {
			text = append(text, s...)
			if len(text) > math.MaxUint32 {
				return nil, errors.New("the articles of one segment exceed 4 GiB")
			}
			offs = append(offs, uint32(len(text)))
		}
	}
	secs[secArticleOffs], secs[secStrings] = leBytes(offs), text
	secs[secChunks] = leBytes(unsafe.Slice((*int32)(unsafe.Pointer(unsafe.SliceData(seg.chunks))), 3*len(seg.chunks)))
	secs[secFirstChunk] = leBytes(seg.firstChunk)
	voc := seg.lex.vocab
	secs[secVocabOffs], secs[secVocab] = leBytes(voc.offs), voc.blob
	for k, lx := range []*lexicalIndex{seg.lex, seg.doc, seg.head} {
		if lx.vocab != voc {
			return nil, errors.New("the lexical indexes of a segment do not share its vocabulary")
		}
		secs[secLexical+3*k], secs[secLexical+3*k+1], secs[secLexical+3*k+2] = leBytes(lx.docLen), leBytes(lx.offs), lx.blob
	}
	q := seg.vectors.q
	if q == nil {
		qq := quantize(&seg.vectors)
		q = &qq
	}
	secs[secVectors], secs[secQuant], secs[secScales] = leBytes(seg.vectors.data), leBytes(q.data), leBytes(q.scale)
	secs[secChars] = leBytes(seg.charTable())
	return secs, nil
}

// number is what sections hold.
type number interface {
	~int8 | ~int32 | ~uint32 | ~float32
}

// leBytes is v as little-endian bytes: v's own memory on a little-endian host.
func leBytes[T number](v []T) []byte {
	size := int(unsafe.Sizeof(*new(T)))
	if len(v) == 0 {
		return nil
	}
	if littleEndian || size == 1 {
		return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), size*len(v))
	}
	out := make([]byte, 0, size*len(v))
	for _, x := range v {
		out = binary.LittleEndian.AppendUint32(out, bits32(x))
	}
	return out
}

func bits32[T number](x T) uint32 {
	switch v := any(x).(type) {
	case float32:
		return math.Float32bits(v)
	case int32:
		return uint32(v)
	case uint32:
		return v
	}
	return uint32(int32(x))
}

// view is the section b as a []T in place (a little-endian host and an aligned section, as a
// mapped file gives), else decoded into a new slice; false when b is not a whole number of T.
func view[T number](b []byte) ([]T, bool) {
	size := int(unsafe.Sizeof(*new(T)))
	if len(b)%size != 0 {
		return nil, false
	}
	n := len(b) / size
	if n == 0 {
		return nil, true
	}
	if littleEndian || size == 1 {
		if size == 1 || uintptr(unsafe.Pointer(unsafe.SliceData(b)))%uintptr(size) == 0 {
			return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n), true
		}
	}
	out := make([]T, n)
	for i := range out {
		u := binary.LittleEndian.Uint32(b[4*i:])
		switch p := any(&out[i]).(type) {
		case *float32:
			*p = math.Float32frombits(u)
		case *int32:
			*p = int32(u)
		case *uint32:
			*p = u
		}
	}
	return out, true
}

// sectionTable splits payload (from the table to the checksum) into its sections.
func sectionTable(payload []byte) ([][]byte, error) {
	if len(payload) < 8 {
		return nil, errors.New("the section table is cut short")
	}
	n := binary.LittleEndian.Uint64(payload)
	if n != numSections {
		return nil, fmt.Errorf("%d sections, want %d", n, numSections)
	}
	if uint64(len(payload)) < 8+16*n {
		return nil, errors.New("the section table is cut short")
	}
	secs := make([][]byte, n)
	for i := range secs {
		off := binary.LittleEndian.Uint64(payload[8+16*i:])
		l := binary.LittleEndian.Uint64(payload[16+16*i:])
		if off%8 != 0 || off < 8+16*n || off > uint64(len(payload)) || l > uint64(len(payload))-off {
			return nil, fmt.Errorf("section %d lies outside the file", i)
		}
		secs[i] = payload[off : off+l : off+l]
	}
	return secs, nil
}

// decodeSegment takes a verified payload's sections as seg's tables, in place where they are
// fixed-width. What it returns points into payload, except the articles' strings (copied: they
// outlive an index swapped out).
func decodeSegment(payload []byte, h Header, keep *mapping) (*segment, error) {
	secs, err := sectionTable(payload)
	if err != nil {
		return nil, err
	}
	var meta segMeta
	if err := gob.NewDecoder(bytes.NewReader(secs[secMeta])).Decode(&meta); err != nil {
		return nil, fmt.Errorf("decode segment tables: %w", err)
	}
	if meta.LocalIDF != nil && len(meta.LocalIDF) != localIDFBuckets {
		return nil, errors.New("bad local embedder IDF table")
	}
	if meta.Stamps == nil {
		meta.Stamps = map[string]string{}
	}
	seg := &segment{mapped: keep, stamps: meta.Stamps, removed: meta.Removed, deleted: meta.Deleted, words: meta.UserWords, localIDF: meta.LocalIDF}
	if err := seg.decodeArticles(secs, h); err != nil {
		return nil, err
	}
	if err := seg.decodeChunks(secs, h); err != nil {
		return nil, err
	}
	voc, err := decodeVocabulary(secs, keep)
	if err != nil {
		return nil, err
	}
	docs := []int{len(seg.chunks), len(seg.articles), len(seg.articles)}
	lex := make([]*lexicalIndex, 3)
	for k := range lex {
		if lex[k], err = decodeLexical(secs[secLexical+3*k:secLexical+3*k+3], voc, docs[k], keep); err != nil {
			return nil, fmt.Errorf("lexical index %d: %w", k, err)
		}
	}
	seg.lex, seg.doc, seg.head = lex[0], lex[1], lex[2]
	chars, ok := view[int32](secs[secChars])
	if !ok || len(chars)%2 != 0 {
		return nil, errors.New("bad character table")
	}
	seg.chars = append(chars[:0:0], chars...) // small: a few thousand characters
	return seg, seg.decodeVectors(secs, h)
}

// decodeArticles builds the article table from the string offsets: the strings section is
// copied once to the heap and every field is a substring of it.
func (seg *segment) decodeArticles(secs [][]byte, h Header) error {
	offs, ok := view[uint32](secs[secArticleOffs])
	if !ok || len(offs) != h.Articles*articleFields+1 || offs[0] != 0 {
		return errors.New("the article table disagrees with the header")
	}
	if int64(offs[len(offs)-1]) != int64(len(secs[secStrings])) {
		return errors.New("the article table disagrees with its strings")
	}
	text := string(secs[secStrings])
	seg.mapped.drop(secs[secStrings]) // read once: the heap copy serves from now on
	seg.articles = make([]corpus.Article, h.Articles)
	seg.sources = make([]string, h.Articles)
	var f [articleFields]string
	for a := range seg.articles {
		for i := range f {
			lo, hi := offs[a*articleFields+i], offs[a*articleFields+i+1]
			if lo > hi {
				return errors.New("an article's strings overlap")
			}
			f[i] = text[lo:hi]
		}
		seg.articles[a] = articleOf(f[:])
		seg.sources[a] = f[articleFields-1]
	}
	return nil
}

// decodeChunks takes the chunk and first-chunk tables in place, after checking every chunk lies
// in its article and every article's chunks follow the previous one's.
func (seg *segment) decodeChunks(secs [][]byte, h Header) error {
	flat, ok := view[int32](secs[secChunks])
	if !ok || len(flat) != 3*h.Chunks {
		return errors.New("the chunk table disagrees with the header")
	}
	if h.Chunks > 0 {
		seg.chunks = unsafe.Slice((*chunkRef)(unsafe.Pointer(unsafe.SliceData(flat))), h.Chunks)
	}
	first, ok := view[int32](secs[secFirstChunk])
	if !ok || len(first) != h.Articles+1 || first[0] != 0 || int(first[h.Articles]) != h.Chunks {
		return errors.New("the first-chunk table disagrees with the header")
	}
	for a := 0; a < h.Articles; a++ {
		if first[a+1] < first[a] {
			return errors.New("the first-chunk table is not ascending")
		}
		for _, c := range seg.chunks[first[a]:first[a+1]] {
			if int(c.Article) != a || c.Start < 0 || c.End < c.Start || int(c.End) > len(seg.articles[a].Text) {
				return errors.New("chunk outside its article")
			}
		}
	}
	seg.firstChunk = first
	return nil
}

func decodeVocabulary(secs [][]byte, keep *mapping) (*vocabulary, error) {
	offs, ok := view[uint32](secs[secVocabOffs])
	if !ok || len(offs) == 0 || offs[0] != 0 || int64(offs[len(offs)-1]) != int64(len(secs[secVocab])) {
		return nil, errors.New("the term offsets disagree with the terms")
	}
	for i := 1; i < len(offs); i++ {
		if offs[i] < offs[i-1] {
			return nil, errors.New("the term offsets are not ascending")
		}
	}
	return &vocabulary{offs: offs, blob: secs[secVocab], keep: keep}, nil
}

// decodeLexical takes one lexical index in place from its three sections. The posting lists are
// checked when read (lexicalIndex.decode), not here: that would read them all.
func decodeLexical(secs [][]byte, voc *vocabulary, docs int, keep *mapping) (*lexicalIndex, error) {
	docLen, ok := view[uint32](secs[0])
	if !ok || len(docLen) != docs {
		return nil, fmt.Errorf("document lengths for %d documents, want %d", len(docLen), docs)
	}
	offs, ok := view[uint32](secs[1])
	if !ok || len(offs) != len(voc.offs) || offs[0] != 0 || int64(offs[len(offs)-1]) != int64(len(secs[2])) {
		return nil, errors.New("the posting offsets disagree with the vocabulary or the postings")
	}
	ix := &lexicalIndex{vocab: voc, offs: offs, blob: secs[2], docLen: docLen, keep: keep}
	for _, l := range docLen {
		ix.total += float64(l)
	}
	return ix, nil
}

// decodeVectors takes the float32 vectors and their int8 copy in place.
func (seg *segment) decodeVectors(secs [][]byte, h Header) error {
	if h.Dim < 0 || h.Dim > 1<<16 || (h.Dim == 0 && h.Chunks > 0) {
		return fmt.Errorf("implausible dimension %d", h.Dim)
	}
	n := h.Chunks * h.Dim
	data, ok := view[float32](secs[secVectors])
	if !ok || len(data) != n {
		return errors.New("the vectors disagree with the header")
	}
	qdata, ok1 := view[int8](secs[secQuant])
	scale, ok2 := view[float32](secs[secScales])
	if !ok1 || !ok2 || len(qdata) != n || len(scale) != h.Chunks {
		return errors.New("the int8 vectors disagree with the header")
	}
	// The int8 copy is allocated beside the mapping it points into, so that whatever holds it
	// holds the mapping.
	q := &struct {
		quantized
		keep *mapping
	}{quantized{dim: h.Dim, data: qdata, scale: scale}, seg.mapped}
	seg.vectors = matrix{dim: h.Dim, data: data, q: &q.quantized}
	return nil
}
