package retrieval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"newsbot/corpus"
)

func FuzzParseEvalCase(f *testing.F) {
	for _, seed := range []string{
		`{"q":"达茂旗的总面积是多少？","article":"达茂旗","must":["18177平方千米"],"kind":"fact"}`,
		`{"q":"那人口呢？","article":"达茂旗","must":["11.4万人"],"kind":"followup","history":["达茂旗的总面积？"]}`,
		`{"q":"GDP?","article":"","must":[],"kind":"unanswerable"}`,
		`{"q":1}`, `[]`, `{`, ``,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		c, err := parseEvalCase([]byte(line))
		if err != nil {
			return
		}
		if strings.TrimSpace(c.Q) == "" || !evalKinds[c.Kind] {
			t.Errorf("accepted an invalid case %+v", c)
		}
		if c.Kind == KindUnanswerable && (c.Article != "" || len(c.Must) > 0) {
			t.Errorf("accepted an unanswerable case with an answer %+v", c)
		}
	})
}

func FuzzParseDateFilter(f *testing.F) {
	for _, seed := range []string{"11月8日的报纸", "2024年11月8日", "20241108", "十一月八日", "二〇二四年十一月", "今天的新闻", "2月30日", "9999年99月99日"} {
		f.Add(seed)
	}
	ref := time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, q string) {
		got, ok := ParseDateFilter(q, ref)
		if !ok {
			return
		}
		from, err1 := time.Parse(time.DateOnly, got.From)
		to, err2 := time.Parse(time.DateOnly, got.To)
		if err1 != nil || err2 != nil || to.Before(from) {
			t.Errorf("ParseDateFilter(%q) = %+v: not a valid range", q, got)
		}
	})
}

func FuzzNormalizeAndTokenize(f *testing.F) {
	for _, seed := range []string{"請問達茂旗的總面積是多少？", "ＡＢＣ　１２３", "11.4万人", "吗呢吧", "\xff\xfe", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := fold(s); utf8.ValidString(s) && utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Errorf("fold(%q) = %q changes the rune count", s, got)
		}
		NormalizeQuery(s)
		for _, term := range Tokenize(s) {
			if term == "" {
				t.Errorf("Tokenize(%q) gave an empty term", s)
			}
		}
	})
}

var (
	smallIndexOnce sync.Once
	smallIndexFile []byte
)

// smallIndexBytes is a saved index of two short articles.
func smallIndexBytes(tb testing.TB) []byte {
	smallIndexOnce.Do(func() {
		arts := []corpus.Article{{ID: "a", Title: "达茂旗", Text: "总面积18177平方千米。"}, {ID: "b", Title: "消防", Text: "主题是全民消防。"}}
		ix, err := Build(context.Background(), arts, Config{Embedder: NewLocalEmbedder(8)})
		if err != nil {
			tb.Fatal(err)
		}
		path := filepath.Join(tb.TempDir(), "small.nbx")
		if err := ix.Save(path); err != nil {
			tb.Fatal(err)
		}
		smallIndexFile, _ = os.ReadFile(path)
	})
	return smallIndexFile
}

// FuzzOpen feeds damaged index files to Open: it must fail cleanly (ErrCorruptIndex or
// ErrStaleIndex), never panic or allocate without bound.
func FuzzOpen(f *testing.F) {
	good := smallIndexBytes(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("NEWSBOT-INDEX 1\n{}\n"))
	f.Add([]byte("NEWSBOT-INDEX 1\n{\"version\":1,\"embedder\":\"local-hash-v1/8\",\"dim\":8,\"articles\":1,\"chunks\":1}\n\xff\xff\xff\xff\x0f"))
	dir := f.TempDir()
	var n int
	var mu sync.Mutex
	f.Fuzz(func(t *testing.T, data []byte) {
		mu.Lock()
		n++
		path := filepath.Join(dir, "f"+strings.Repeat("x", n%7)+".nbx")
		mu.Unlock()
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ix, err := Open(context.Background(), path, Config{})
		if err != nil {
			if !errors.Is(err, ErrCorruptIndex) && !errors.Is(err, ErrStaleIndex) {
				t.Errorf("Open error %v wraps neither ErrCorruptIndex nor ErrStaleIndex", err)
			}
			return
		}
		if _, err := ix.Search(context.Background(), "达茂旗", SearchOptions{}); err != nil {
			t.Errorf("an index that opened cannot search: %v", err)
		}
	})
}
