package bot

import (
	"bytes"
	"context"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/fake"

	"newsbot/internal/fakeopenai"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// logBuffer is a concurrency-safe log sink for asserting fallback log lines.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func llmEngine(t *testing.T, m llms.Model, timeout time.Duration) (*Engine, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	e := fixtureEngine(t, Options{LLM: m, LLMTimeout: timeout, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	return e, logs
}

func TestGenerativeReplies(t *testing.T) {
	const q = "达茂旗的总面积是多少？"
	extractive := askAll(t, fixtureEngine(t, Options{}), q)[0].Answer
	tests := []struct {
		name      string
		reply     string
		want      string // answer text
		found     bool
		fallback  bool   // the extractive answer stands, with a log line
		quoteHas  string // in citations[0].quote
		citations int
	}{
		{"valid", "达茂旗总面积为18177平方千米。[1]", "达茂旗总面积为18177平方千米。[1]", true, false, "18177", 1},
		{"full-width marker", "达茂旗总面积18177平方千米。［１］", "达茂旗总面积18177平方千米。[1]", true, false, "18177", 1},
		{"unknown marker dropped", "达茂旗总面积18177平方千米。[9][1]", "达茂旗总面积18177平方千米。[1]", true, false, "18177", 1},
		{"no marker", "达茂旗总面积18177平方千米。", extractive, true, true, "18177", 1},
		{"only unknown markers", "达茂旗总面积18177平方千米。[7]", extractive, true, true, "18177", 1},
		{"empty", "   ", extractive, true, true, "18177", 1},
		{"refusal", refusalMarker + "。", refusalReply, false, false, "", -1},
		{"reasoning block", "<think>面积在第一段。[2]</think>达茂旗总面积18177平方千米。[1]", "达茂旗总面积18177平方千米。[1]", true, false, "18177", 1},
		{"refusal with a marker", refusalMarker + "。[1]", refusalReply, false, false, "", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, logs := llmEngine(t, fake.NewFakeLLM([]string{tt.reply}), time.Second)
			a := askAll(t, e, q)[0]
			if a.Found != tt.found || !strings.HasPrefix(a.Answer, tt.want) {
				t.Errorf("answer = %q (found %v), want %q (found %v)", a.Answer, a.Found, tt.want, tt.found)
			}
			if tt.citations >= 0 && len(a.Citations) != tt.citations {
				t.Errorf("citations = %d, want %d", len(a.Citations), tt.citations)
			}
			if tt.quoteHas != "" && (len(a.Citations) == 0 || !strings.Contains(a.Citations[0].Quote, tt.quoteHas)) {
				t.Errorf("citations %+v: want a first quote holding %q", a.Citations, tt.quoteHas)
			}
			if got := strings.Contains(logs.String(), "answering extractively"); got != tt.fallback {
				t.Errorf("fallback logged = %v, want %v (log %q)", got, tt.fallback, logs.String())
			}
		})
	}
}

func TestGenerativeRenumbersCitations(t *testing.T) {
	// The model cites the second passage first: it becomes [1], the main source.
	e, _ := llmEngine(t, fake.NewFakeLLM([]string{"甲。[2] 乙。[1][2]"}), time.Second)
	a := askAll(t, e, "武进的常住人口有多少？")[0]
	if a.Answer != "甲。[1] 乙。[2][1]" || len(a.Citations) != 2 {
		t.Fatalf("answer %q with %d citations, want renumbered markers and 2 citations", a.Answer, len(a.Citations))
	}
}

// errModel fails every call.
type errModel struct{}

func (errModel) GenerateContent(context.Context, []llms.MessageContent, ...llms.CallOption) (*llms.ContentResponse, error) {
	return nil, context.DeadlineExceeded
}
func (errModel) Call(context.Context, string, ...llms.CallOption) (string, error) {
	return "", context.DeadlineExceeded
}

// blockingModel waits for its context to end, like a server that never answers.
type blockingModel struct{ called chan struct{} }

func (b blockingModel) GenerateContent(ctx context.Context, _ []llms.MessageContent, _ ...llms.CallOption) (*llms.ContentResponse, error) {
	close(b.called)
	<-ctx.Done()
	return nil, ctx.Err()
}
func (b blockingModel) Call(ctx context.Context, p string, o ...llms.CallOption) (string, error) {
	return llms.GenerateFromSinglePrompt(ctx, b, p, o...)
}

func TestGenerativeFallsBack(t *testing.T) {
	const q = "达茂旗的总面积是多少？"
	want := askAll(t, fixtureEngine(t, Options{}), q)[0].Answer
	for name, m := range map[string]llms.Model{
		"error":   errModel{},
		"timeout": blockingModel{called: make(chan struct{})},
	} {
		t.Run(name, func(t *testing.T) {
			e, logs := llmEngine(t, m, 20*time.Millisecond)
			a := askAll(t, e, q)[0]
			if a.Answer != want || !a.Found {
				t.Errorf("answer %q, want the extractive %q", a.Answer, want)
			}
			if !strings.Contains(logs.String(), "llm call failed") {
				t.Errorf("no fallback log line: %q", logs.String())
			}
		})
	}
}

func TestOpenAICompatibleWire(t *testing.T) {
	srv := fakeopenai.New()
	defer srv.Close()
	srv.APIKey = "sk-test"
	srv.SetReply(func(req fakeopenai.ChatRequest) (string, int) {
		if !strings.Contains(req.Messages[len(req.Messages)-1].Content, "达茂旗") {
			return "", 400
		}
		return "达茂旗总面积18177平方千米。[1]", 200
	})
	m, err := NewOpenAIModel(srv.BaseURL(), "deepseek-chat", "sk-test")
	if err != nil {
		t.Fatalf("NewOpenAIModel: %v", err)
	}
	e, logs := llmEngine(t, m, 5*time.Second)
	a := askAll(t, e, "达茂旗的总面积是多少？")[0]
	if a.Answer != "达茂旗总面积18177平方千米。[1]" {
		t.Errorf("answer %q (log %q)", a.Answer, logs.String())
	}
	reqs := srv.ChatRequests()
	if len(reqs) != 1 {
		t.Fatalf("chat requests = %d, want 1", len(reqs))
	}
	if reqs[0].MaxTokens != llmMaxTokens || reqs[0].MaxCompletionTokens != 0 {
		t.Errorf("max_tokens = %d, max_completion_tokens = %d; want max_tokens %d only",
			reqs[0].MaxTokens, reqs[0].MaxCompletionTokens, llmMaxTokens)
	}
	if reqs[0].Model != "deepseek-chat" {
		t.Errorf("model = %q", reqs[0].Model)
	}

	srv.SetReply(func(fakeopenai.ChatRequest) (string, int) { return "", 500 })
	b := askAll(t, e, "达茂旗的总面积是多少？")[0]
	if !b.Found || !strings.Contains(b.Answer, "18177") || !strings.Contains(logs.String(), "llm call failed") {
		t.Errorf("server error: answer %q, log %q; want the extractive answer and a log line", b.Answer, logs.String())
	}
}

func TestModelConstructorsValidate(t *testing.T) {
	bad := []string{"", "://x", "ftp://host/", "localhost:11434", "http://"}
	for _, u := range bad {
		if _, err := NewOllamaModel(u, "qwen2.5"); err == nil {
			t.Errorf("NewOllamaModel(%q): want an error", u)
		}
		if _, err := NewOpenAIModel(u, "m", "k"); err == nil {
			t.Errorf("NewOpenAIModel(%q): want an error", u)
		}
	}
	if _, err := NewOllamaModel("http://127.0.0.1:11434", ""); err == nil {
		t.Error("NewOllamaModel without a model: want an error")
	}
	if _, err := NewOllamaModel("http://127.0.0.1:11434", "qwen2.5"); err != nil {
		t.Errorf("NewOllamaModel: %v", err)
	}
	if _, err := NewOpenAIModel("http://127.0.0.1:1/v1", "m", ""); err != nil {
		t.Errorf("NewOpenAIModel without a key: %v", err)
	}
}

// TestPromptGolden pins the prompt's wording and layout (testdata/prompt.golden; -update rewrites).
func TestPromptGolden(t *testing.T) {
	e := fixtureEngine(t, Options{})
	out, err := e.ask(context.Background(), "", "达茂旗的总面积是多少？")
	if err != nil {
		t.Fatal(err)
	}
	got := renderPrompt(out.Attempt.Res.Resolved, buildPassages(out.Attempt))
	path := filepath.Join("testdata", "prompt.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("prompt differs from %s (run with -update if intended):\n%s", path, got)
	}
}
