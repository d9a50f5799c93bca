package retrieval

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// An index saved by an older newsbot (format 1, gob and varints) is never read as format 2: Open
// says so, naming the file, and the error tells a writer to rebuild it (ErrIndexFormat).
func TestOpenOldFormat(t *testing.T) {
	p := filepath.Join(t.TempDir(), "index.bin")
	old := "NEWSBOT-INDEX 1\n" + `{"version":1,"embedder":"local-hash-v1/512","dim":512,"articles":1,"chunks":1}` + "\n\x00\x01\x02\x03NBIXEND\n"
	if err := os.WriteFile(p, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), p, Config{})
	if !errors.Is(err, ErrIndexFormat) || !errors.Is(err, ErrStaleIndex) || errors.Is(err, ErrCorruptIndex) {
		t.Fatalf("Open = %v, want ErrIndexFormat and ErrStaleIndex", err)
	}
	if !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "older") {
		t.Errorf("error %q does not name the file and say it is older", err)
	}
	newer := strings.Replace(old, "INDEX 1", "INDEX 9", 1)
	if err := os.WriteFile(p, []byte(newer), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(context.Background(), p, Config{}); !errors.Is(err, ErrStaleIndex) || errors.Is(err, ErrIndexFormat) {
		t.Errorf("Open of a newer format = %v, want ErrStaleIndex alone (a writer must not replace it unasked)", err)
	}
}

// Every table of an opened segment but the articles' strings lies in the mapped file.
func TestOpenReadsInPlace(t *testing.T) {
	path, _ := savedFixture(t)
	ix, err := Open(context.Background(), path, Config{})
	if err != nil {
		t.Fatal(err)
	}
	seg := ix.segs[0]
	m := seg.mapped
	if m == nil || m.unmap == nil {
		t.Skip("the file is read, not mapped, on this platform")
	}
	inside := func(what string, p []byte) {
		t.Helper()
		if len(p) == 0 {
			t.Fatalf("%s is empty", what)
		}
		lo, hi := &m.data[0], &m.data[len(m.data)-1]
		if addr := &p[0]; uintptrOf(addr) < uintptrOf(lo) || uintptrOf(addr) > uintptrOf(hi) {
			t.Errorf("%s is not read in place from the mapped file", what)
		}
	}
	inside("vectors", leBytes(seg.vectors.data))
	inside("int8 copy", leBytes(seg.vectors.q.data))
	inside("chunk table", leBytes(seg.firstChunk))
	inside("postings", seg.lex.blob)
	inside("vocabulary", seg.lex.vocab.blob)
	inside("document lengths", leBytes(seg.doc.docLen))
}

// FuzzSegmentReader feeds the segment reader damaged files whose checksum is made right again,
// so that the decoding itself is exercised: it must refuse them with ErrCorruptIndex or give an
// index that searches and lists its articles without failing.
func FuzzSegmentReader(f *testing.F) {
	path, _ := savedFixture(f)
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	start := strings.Index(string(data), "}\n") + 2
	for _, at := range []int{start + 8, start + 24, start + 200, len(data) / 3, len(data) / 2, len(data) - 40} {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			d := append([]byte(nil), data...)
			d[at] ^= x
			f.Add(d)
		}
	}
	f.Add(data[:len(data)/2])
	f.Fuzz(func(t *testing.T, d []byte) {
		if i := strings.Index(string(d), "}\n"); i > 0 && len(d) >= i+2+4+len(trailerMark) {
			end := len(d) - 4 - len(trailerMark)
			if end > i+2 {
				binary.LittleEndian.PutUint32(d[end:], crc32.Checksum(d[i+2:end], crcTable))
			}
		}
		seg, _, err := parseSegment(&mapping{data: d}, "fuzz.bin", Config{})
		if err != nil {
			if !errors.Is(err, ErrCorruptIndex) && !errors.Is(err, ErrStaleIndex) {
				t.Fatalf("error %v wraps neither ErrCorruptIndex nor ErrStaleIndex", err)
			}
			return
		}
		ix := assemble([]*segment{seg}, nil)
		ix.embedder = &LocalEmbedder{dim: seg.vectors.dim, idf: seg.localIDF}
		for _, q := range []string{"达茂旗的总面积", "消防宣传月"} {
			if _, err := ix.Search(context.Background(), q, SearchOptions{}); err != nil && !errors.Is(err, ErrDenseUnavailable) {
				t.Fatal(err)
			}
		}
		for t := 0; t < seg.lex.vocab.len(); t++ {
			seg.lex.decode(seg.lex.list(int32(t)), nil)
		}
		_ = ix.Articles()
	})
}

func uintptrOf(p *byte) uintptr { return uintptr(unsafe.Pointer(p)) }

// The character counts summed from the segments' tables, tombstones taken out, are those of a
// scan of the live articles, before and after a save and open.
func TestCharCountsFromSegments(t *testing.T) {
	ix, _ := incrementalFixture(t)
	want := &charCounts{bmp: make([]int32, 1<<16), other: map[rune]int32{}}
	last := make([]int32, 1<<16)
	lastOther := map[rune]int32{}
	for i, a := range ix.Articles() {
		distinctRunes(&a, int32(i+1), last, lastOther, func(r rune) {
			if r < 1<<16 {
				want.bmp[r]++
			} else {
				want.other[r]++
			}
		})
	}
	path := filepath.Join(t.TempDir(), "index.bin")
	if err := ix.Save(path); err != nil {
		t.Fatal(err)
	}
	opened, err := Open(context.Background(), path, Config{})
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]*charCounts{"built": ix.countLiveChars(), "opened": opened.countLiveChars()} {
		if !slices.Equal(got.bmp, want.bmp) {
			t.Errorf("%s: character counts differ from a scan of the live articles", name)
		}
		for r, n := range got.other {
			if n != want.other[r] {
				t.Errorf("%s: %q counted %d, want %d", name, r, n, want.other[r])
			}
		}
	}
	if opened.segs[0].chars == nil {
		t.Error("the opened segment's character table was not read from its file")
	}
}
