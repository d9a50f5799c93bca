package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"newsbot/bot"
	"newsbot/corpus"
)

// env is a fake process environment for run.
type env map[string]string

func (e env) get(k string) string { return e[k] }

// runCmd runs newsbot with args in a fresh data folder unless env names one.
func runCmd(t *testing.T, e env, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	if e == nil {
		e = env{}
	}
	if e["NEWSBOT_DATA"] == "" {
		e["NEWSBOT_DATA"] = t.TempDir()
	}
	var out, errb bytes.Buffer
	err = run(context.Background(), args, e.get, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"help", []string{"help"}, 0},
		{"unknown command", []string{"frobnicate"}, 2},
		{"bad flag", []string{"articles", "--nope"}, 2},
		{"bad date", []string{"ingest", "--date", "2024-13-40", "x.txt"}, 2},
		{"ingest without paths", []string{"ingest"}, 2},
		{"eval without file", []string{"eval"}, 2},
		{"eval missing file", []string{"eval", "/nonexistent/eval.jsonl"}, 2},
		{"bad log format", []string{"--log-format", "xml", "ask", "你好"}, 2},
		{"ask an empty question", []string{"ask", "--json", ""}, 2},
		{"ask a blank question", []string{"ask", " ", "\t"}, 2},
		{"ask a question over 500 characters", []string{"ask", strings.Repeat("达茂旗", 200)}, 2},
		{"ask a question of punctuation only (refused, answered)", []string{"ask", "？？！"}, 0},
		{"serve address without a port", []string{"serve", "--addr", "localhost"}, 2},
		{"serve port out of range", []string{"serve", "--addr", "127.0.0.1:99999"}, 2},
		{"serve bad origin", []string{"serve", "--allow-origin", "example.com"}, 2},
		{"telegram without a token", []string{"telegram"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, err := runCmd(t, nil, "", tt.args...)
			if got := exitCode(err); got != tt.want {
				t.Errorf("exit code = %d, want %d (err %v, stderr %q)", got, tt.want, err, stderr)
			}
		})
	}
}

func TestArticlesBuiltin(t *testing.T) {
	stdout, _, err := runCmd(t, nil, "", "articles", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var arts []corpus.Article
	if err := json.Unmarshal([]byte(stdout), &arts); err != nil {
		t.Fatalf("articles --json is not a JSON array of articles: %v\n%s", err, stdout)
	}
	if len(arts) != 6 {
		t.Fatalf("built-in edition has %d articles, want 6", len(arts))
	}
	if arts[0].Title != "武进与内蒙古达茂旗缔结友好城市" || arts[0].Byline != "记者 朱梦琪" {
		t.Errorf("first article = %q by %q", arts[0].Title, arts[0].Byline)
	}
	text, _, err := runCmd(t, nil, "", "articles")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(text, "\n"); got != 6 {
		t.Errorf("articles prints %d lines, want 6:\n%s", got, text)
	}
}

func TestAskJSON(t *testing.T) {
	stdout, stderr, err := runCmd(t, nil, "", "ask", "--json", "达茂旗的总面积是多少？")
	if err != nil {
		t.Fatalf("ask: %v\n%s", err, stderr)
	}
	var ans bot.Answer
	if err := json.Unmarshal([]byte(stdout), &ans); err != nil {
		t.Fatalf("ask --json output is not an answer: %v\n%s", err, stdout)
	}
	if !ans.Found || !strings.Contains(ans.Answer, "18177平方千米") || len(ans.Citations) == 0 {
		t.Fatalf("answer = %+v, want found with 18177平方千米 and a citation", ans)
	}
	if c := ans.Citations[0]; c.Title != "武进与内蒙古达茂旗缔结友好城市" || c.Byline != "记者 朱梦琪" || c.Quote == "" {
		t.Errorf("citation = %+v", c)
	}
}

// TestAskExplain: --explain says why: with --json as "explain" (and plain --json has none), in
// text after the answer.
func TestAskExplain(t *testing.T) {
	stdout, stderr, err := runCmd(t, nil, "", "ask", "--json", "--explain", "达茂旗有多少所学校？")
	if err != nil {
		t.Fatalf("ask: %v\n%s", err, stderr)
	}
	var ans bot.Answer
	if err := json.Unmarshal([]byte(stdout), &ans); err != nil {
		t.Fatalf("ask --json --explain output is not an answer: %v\n%s", err, stdout)
	}
	if ans.Found || ans.Explain == nil || ans.Explain.Check == "" || ans.Explain.Route != "extractive" {
		t.Fatalf("explain = %+v, want the refusing check", ans.Explain)
	}
	stdout, _, err = runCmd(t, nil, "", "ask", "--explain", "达茂旗有多少人口？")
	if err != nil || !strings.Contains(stdout, "11.4万人") || !strings.Contains(stdout, "route: extractive") {
		t.Errorf("ask --explain text (err %v):\n%s", err, stdout)
	}
}

func TestAskText(t *testing.T) {
	stdout, _, err := runCmd(t, nil, "", "ask", "达茂旗有多少人口？")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "11.4万人") || !strings.Contains(stdout, "武进与内蒙古达茂旗缔结友好城市") {
		t.Errorf("ask text output lacks the answer or its source:\n%s", stdout)
	}
}

func TestAskBatch(t *testing.T) {
	in := "达茂旗的总面积是多少？\n\n火星上有多少人？\n安康医疗项目总投资多少？\n"
	stdout, stderr, err := runCmd(t, nil, in, "ask", "--json")
	if err != nil {
		t.Fatalf("ask batch: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d output lines for 4 input lines:\n%s", len(lines), stdout)
	}
	wantFound := []bool{true, false, false, true}
	for i, line := range lines {
		var ans bot.Answer
		if err := json.Unmarshal([]byte(line), &ans); err != nil {
			t.Fatalf("line %d is not an answer: %v", i+1, err)
		}
		if ans.Found != wantFound[i] {
			t.Errorf("line %d: found = %v, want %v (%q)", i+1, ans.Found, wantFound[i], ans.Answer)
		}
		if ans.Answer == "" {
			t.Errorf("line %d: empty answer text", i+1)
		}
	}
}

func TestChatFollowUp(t *testing.T) {
	in := "达茂旗的总面积是多少？\n那人口呢？\n"
	stdout, stderr, err := runCmd(t, nil, in, "chat")
	if err != nil {
		t.Fatalf("chat: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "18177平方千米") || !strings.Contains(stdout, "11.4万人") {
		t.Errorf("chat did not answer the question and its follow-up:\n%s", stdout)
	}
}

// editionFile copies one of corpus' test editions into dir.
func editionFile(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "corpus", "testdata", "editions", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestIngestThenAsk(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	good := editionFile(t, in, "2024-11-08-multipage.txt")
	empty := filepath.Join(in, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runCmd(t, e, "", "ingest", "--paper", "测试日报", in)
	if exitCode(err) != 2 || !strings.Contains(stderr, "empty.txt") {
		t.Fatalf("ingest with an empty file: exit %d (%v), stderr %q; want exit 2 naming empty.txt", exitCode(err), err, stderr)
	}
	count := func() int {
		stdout, _, err := runCmd(t, e, "", "articles", "--json")
		if err != nil {
			t.Fatal(err)
		}
		var arts []corpus.Article
		if err := json.Unmarshal([]byte(stdout), &arts); err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			if a.Paper != "测试日报" {
				t.Errorf("article %q has paper %q, want 测试日报 from --paper", a.Title, a.Paper)
			}
		}
		return len(arts)
	}
	n := count()
	if n == 0 {
		t.Fatal("no articles after ingest")
	}
	if _, stderr, err := runCmd(t, e, "", "ingest", "--paper", "测试日报", good); err != nil {
		t.Fatalf("re-ingest: %v\n%s", err, stderr)
	}
	if got := count(); got != n {
		t.Errorf("re-ingesting the same edition: %d articles, want %d (replaced, not duplicated)", got, n)
	}
	if _, err := os.Stat(filepath.Join(data, indexFile)); err != nil {
		t.Errorf("ingest saved no search index: %v", err)
	}
}

// lineWriter sends each written line to a channel, so a test can wait for a server's URL.
type lineWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	lines chan string
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	for {
		line, err := w.buf.ReadString('\n')
		if err != nil {
			w.buf.WriteString(line)
			return len(p), nil
		}
		select {
		case w.lines <- strings.TrimSpace(line):
		default:
		}
	}
}

// TestDataFolderNotUsable: a --data that is a file, or lies under one, is bad input (exit 2)
// named in the error, for every command that reads the library.
func TestDataFolderNotUsable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, data := range []string{file, filepath.Join(file, "sub")} {
		for _, args := range [][]string{{"ask", "达茂旗面积"}, {"articles"}, {"ingest", file}} {
			t.Run(data+"/"+args[0], func(t *testing.T) {
				_, _, err := runCmd(t, env{"NEWSBOT_DATA": data}, "", args...)
				if exitCode(err) != 2 || !strings.Contains(err.Error(), data) {
					t.Errorf("%v with data %s: error %v (exit %d), want exit 2 naming the folder", args, data, err, exitCode(err))
				}
			})
		}
	}
}

// TestAskBatchEncodings feeds `ask --json` stdin as Windows tools and Chinese consoles write it:
// a UTF-8 BOM with CRLF line ends, GBK, and UTF-16 with a BOM. Each question must reach the
// engine as the text it is, and be echoed in "question" without a BOM or CR.
func TestAskBatchEncodings(t *testing.T) {
	questions := []string{"达茂旗的总面积是多少？", "武进常住人口多少？"}
	crlf := strings.Join(questions, "\r\n") + "\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(crlf)
	if err != nil {
		t.Fatal(err)
	}
	utf16le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(crlf)
	if err != nil {
		t.Fatal(err)
	}
	utf16be, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(strings.Join(questions, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, stdin string }{
		{"UTF-8 with BOM and CRLF", "\uFEFF" + crlf},
		{"GBK", gbk},
		{"UTF-16LE with BOM", utf16le},
		{"UTF-16BE with BOM, no final newline", utf16be},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, err := runCmd(t, nil, tt.stdin, "ask", "--json")
			if err != nil {
				t.Fatalf("ask: %v\n%s", err, stderr)
			}
			lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
			if len(lines) != len(questions) {
				t.Fatalf("got %d answer lines, want %d:\n%s", len(lines), len(questions), stdout)
			}
			for i, line := range lines {
				var ans bot.Answer
				if err := json.Unmarshal([]byte(line), &ans); err != nil {
					t.Fatalf("line %d is not an answer: %v", i+1, err)
				}
				if ans.Question != questions[i] || !ans.Found {
					t.Errorf("line %d: question %q found %v (%q), want %q answered", i+1, ans.Question, ans.Found, ans.Answer, questions[i])
				}
			}
		})
	}
	t.Run("GBK argument", func(t *testing.T) {
		q, _ := simplifiedchinese.GBK.NewEncoder().String(questions[0])
		stdout, _, err := runCmd(t, nil, "", "ask", "--json", q)
		if err != nil {
			t.Fatal(err)
		}
		var ans bot.Answer
		if err := json.Unmarshal([]byte(stdout), &ans); err != nil || !ans.Found {
			t.Errorf("ask with a GBK argument: %v, answer %s", err, stdout)
		}
	})
}

// TestInterruptWhileWaitingForInput: Ctrl-C (the context ending) stops `chat` and batch `ask`
// even while they wait for a line that never comes, as on an idle terminal.
func TestInterruptWhileWaitingForInput(t *testing.T) {
	for _, tt := range []struct {
		args     []string
		wantExit int
	}{
		{[]string{"chat"}, 130},
		{[]string{"ask", "--json"}, 130},
	} {
		t.Run(tt.args[0], func(t *testing.T) {
			stdin, typing := io.Pipe()
			defer typing.Close()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			out := &lineWriter{lines: make(chan string, 16)}
			done := make(chan error, 1)
			go func() {
				done <- run(ctx, tt.args, env{"NEWSBOT_DATA": t.TempDir()}.get, stdin, out, io.Discard)
			}()
			// One answered line shows the command is up and reading.
			if _, err := io.WriteString(typing, "达茂旗的总面积是多少？\n"); err != nil {
				t.Fatal(err)
			}
			select {
			case <-out.lines:
			case err := <-done:
				t.Fatalf("%v ended before Ctrl-C: %v", tt.args, err)
			case <-time.After(30 * time.Second):
				t.Fatalf("%v printed nothing in 30 s", tt.args)
			}
			cancel()
			select {
			case err := <-done:
				if got := exitCode(err); got != tt.wantExit {
					t.Errorf("%v after Ctrl-C: exit %d (%v), want %d", tt.args, got, err, tt.wantExit)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%v still waiting for input 10 s after Ctrl-C", tt.args)
			}
		})
	}
}

func TestReadLine(t *testing.T) {
	long := strings.Repeat("问", 30) // 90 bytes
	tests := []struct {
		name  string
		in    string
		max   int
		lines []string
	}{
		{"lines", "a\nb\r\n\nc", 100, []string{"a", "b\r", "", "c"}},
		{"final newline", "a\n", 100, []string{"a"}},
		{"empty input", "", 100, nil},
		{"cut long line at a character", long + "\nnext\n", 10, []string{"问问问", "next"}},
		{"line longer than the reader's buffer", strings.Repeat("x", 100) + "\ny", 50, []string{strings.Repeat("x", 50), "y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tt.in), 16)
			var got []string
			for {
				line, err := readLine(br, tt.max)
				if err == nil || len(line) > 0 {
					got = append(got, string(line))
				}
				if err != nil {
					break
				}
			}
			if !slices.Equal(got, tt.lines) {
				t.Errorf("lines = %q, want %q", got, tt.lines)
			}
		})
	}
}

// TestAskBatchHugeLine: a line far over any question's length is refused as too long, and the
// batch goes on.
func TestAskBatchHugeLine(t *testing.T) {
	in := strings.Repeat("很长的问题", 300000) + "\n达茂旗的总面积是多少？\n"
	stdout, stderr, err := runCmd(t, nil, in, "ask", "--json")
	if err != nil {
		t.Fatalf("ask: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d answer lines, want 2", len(lines))
	}
	var first, second bot.Answer
	if json.Unmarshal([]byte(lines[0]), &first) != nil || json.Unmarshal([]byte(lines[1]), &second) != nil {
		t.Fatalf("output is not JSON Lines:\n%.300s", stdout)
	}
	if first.Found || !strings.Contains(first.Answer, "太长") {
		t.Errorf("huge line answered %q, want the too-long refusal", first.Answer)
	}
	if !second.Found {
		t.Errorf("the question after the huge line: %q", second.Answer)
	}
}

// TestIngestEmptyFolder: naming a folder that holds no files ingests nothing and says so: bad
// input (exit 2), not a silent success.
func TestIngestEmptyFolder(t *testing.T) {
	empty := t.TempDir()
	_, _, err := runCmd(t, nil, "", "ingest", empty)
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "no files found in "+empty) {
		t.Errorf("ingest of an empty folder: exit %d (%v), want 2 saying no files were found", exitCode(err), err)
	}
}

// manifestSegments lists the segments the index's manifest names.
func manifestSegments(t *testing.T, data string) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(data, indexFile+".segments"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Segments []string }
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m.Segments
}

func TestIngestReindex(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	if _, _, err := runCmd(t, e, "", "ingest", editionFile(t, in, "2024-11-08-multipage.txt")); err != nil {
		t.Fatal(err)
	}
	// A second edition is added to the index as a segment, not by rebuilding it.
	base, err := os.Stat(filepath.Join(data, indexFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, e, "", "ingest", editionFile(t, in, "2025-04-02-headlines.txt")); err != nil {
		t.Fatal(err)
	}
	if segs := manifestSegments(t, data); len(segs) != 1 {
		t.Errorf("after a second ingest the manifest names %d segments, want 1", len(segs))
	}
	if st, err := os.Stat(filepath.Join(data, indexFile)); err != nil || !st.ModTime().Equal(base.ModTime()) {
		t.Errorf("a second ingest rewrote the base index: %v", err)
	}
	stdout, _, err := runCmd(t, e, "", "ingest", "--reindex")
	if err != nil {
		t.Fatal(err)
	}
	if segs := manifestSegments(t, data); len(segs) != 0 {
		t.Errorf("after --reindex the manifest names %d segments, want none", len(segs))
	}
	if strings.Contains(stdout, "ingested") || !strings.Contains(stdout, "reindexed the library: ") ||
		strings.Contains(stdout, "reindexed the library: 0 articles") {
		t.Errorf("ingest --reindex said %q, want the articles reindexed and nothing about files", stdout)
	}
	if stdout, _, err := runCmd(t, e, "", "ask", "--json", "西太湖科技产业园新增了几个重点项目？"); err != nil || !strings.Contains(stdout, "12个") {
		t.Errorf("ask after reindex: %v %s", err, stdout)
	}
}

// TestServeOnATakenAddress: an --addr another process listens on is an unusable setting, exit 2
// naming the address, like a malformed one; it was exit 1, an internal failure.
func TestServeOnATakenAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	_, stderr, err := runCmd(t, nil, "", "serve", "--addr", addr)
	if exitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), addr) {
		t.Errorf("serve on a taken address: exit %d, err %v, stderr %q; want 2 naming %s", exitCode(err), err, stderr, addr)
	}
}
