package corpus

import (
	"bytes"
	"fmt"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// largeEdition builds an edition of about size bytes: pages of the built-in edition under page
// headers, each copy varied so no two articles are the same.
func largeEdition(size int) []byte {
	var b bytes.Buffer
	for page := 1; b.Len() < size; page++ {
		fmt.Fprintf(&b, "2024年11月8日 星期五 第%d版 要闻\n\n", page)
		b.Write(bytes.ReplaceAll(builtinText, []byte("武进"), []byte(fmt.Sprintf("武进%d", page))))
		b.WriteString("\n\n")
	}
	return b.Bytes()
}

// BenchmarkParseLarge measures parsing throughput (MB/s) and allocations on a 4 MB UTF-8 edition.
func BenchmarkParseLarge(b *testing.B) {
	data := largeEdition(4 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("large.txt", data, Meta{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseLargeGBK measures the same with encoding detection and GB18030 decoding.
func BenchmarkParseLargeGBK(b *testing.B) {
	data, err := simplifiedchinese.GBK.NewEncoder().Bytes(largeEdition(4 << 20))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("large-gbk.txt", data, Meta{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseBuiltin measures parsing the built-in edition, part of start-up latency.
func BenchmarkParseBuiltin(b *testing.B) {
	b.SetBytes(int64(len(builtinText)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(BuiltinName, builtinText, Meta{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLargeEditionParses(t *testing.T) {
	data := largeEdition(256 << 10)
	ed, err := Parse("large.txt", data, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	pages := len(ed.Headers)
	if want := pages * 6; len(ed.Articles) != want {
		t.Errorf("%d pages of the built-in edition gave %d articles, want %d", pages, len(ed.Articles), want)
	}
	if err := conserved(string(data), ed); err != nil {
		t.Error(err)
	}
}
