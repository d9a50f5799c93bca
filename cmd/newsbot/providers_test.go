package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/bot"
	"newsbot/internal/fakeopenai"
)

// TestLLMFromEnvironment configures an OpenAI-compatible LLM through the environment, as a user
// would for DeepSeek or Qwen, and checks the answer comes from it over the real wire format
// without the key reaching the logs.
func TestLLMFromEnvironment(t *testing.T) {
	srv := fakeopenai.New()
	defer srv.Close()
	srv.APIKey = "sk-secret-test-key"
	srv.SetReply(func(fakeopenai.ChatRequest) (string, int) {
		return "据报道，达茂旗总面积为18177平方千米。[1]", 0
	})
	e := env{
		"NEWSBOT_LLM": "openai", "NEWSBOT_LLM_BASE_URL": srv.BaseURL(),
		"NEWSBOT_LLM_MODEL": "deepseek-chat", "NEWSBOT_LLM_API_KEY": srv.APIKey,
	}
	stdout, stderr, err := runCmd(t, e, "", "ask", "--json", "达茂旗的总面积是多少？")
	if err != nil {
		t.Fatalf("ask: %v\n%s", err, stderr)
	}
	var ans bot.Answer
	if err := json.Unmarshal([]byte(stdout), &ans); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ans.Answer, "据报道") || len(ans.Citations) == 0 {
		t.Errorf("answer = %+v, want the LLM's reply with a citation", ans)
	}
	reqs := srv.ChatRequests()
	if len(reqs) != 1 || reqs[0].Model != "deepseek-chat" || reqs[0].MaxTokens == 0 {
		t.Errorf("chat requests = %+v, want one to deepseek-chat carrying max_tokens", reqs)
	}
	if strings.Contains(stderr, srv.APIKey) {
		t.Error("the API key reached the logs")
	}
}

func TestProviderConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		env  env
		want string
	}{
		{"unknown llm", env{"NEWSBOT_LLM": "gpt"}, "NEWSBOT_LLM"},
		{"llm without model", env{"NEWSBOT_LLM": "openai"}, "NEWSBOT_LLM_MODEL"},
		{"unknown embedder", env{"NEWSBOT_EMBEDDER": "bert"}, "NEWSBOT_EMBEDDER"},
		{"embedder without model", env{"NEWSBOT_EMBEDDER": "ollama"}, "NEWSBOT_EMBED_MODEL"},
		{"bad ollama url", env{"NEWSBOT_LLM": "ollama", "NEWSBOT_LLM_MODEL": "qwen2.5", "NEWSBOT_OLLAMA_URL": "::not a url"}, "ollama"},
		{"bad timeout", env{"NEWSBOT_LLM_TIMEOUT": "soon"}, "NEWSBOT_LLM_TIMEOUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCmd(t, tt.env, "", "ask", "达茂旗的总面积是多少？")
			if exitCode(err) != 2 || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v (exit %d), want exit 2 naming %s", err, exitCode(err), tt.want)
			}
		})
	}
}

// TestEmbedderFromEnvironment ingests with an OpenAI-compatible embedder and checks that asking
// with another embedder is refused with advice to re-ingest, rather than silently mixing vectors.
func TestEmbedderFromEnvironment(t *testing.T) {
	srv := fakeopenai.New()
	defer srv.Close()
	data, in := t.TempDir(), t.TempDir()
	path := filepath.Join(in, "2024-11-08.txt")
	if err := os.WriteFile(path, mustRead(t, "../../corpus/builtin/wujin-2024-11.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := env{"NEWSBOT_DATA": data, "NEWSBOT_EMBEDDER": "openai", "NEWSBOT_EMBED_BASE_URL": srv.BaseURL(), "NEWSBOT_EMBED_MODEL": "text-embedding-v3"}
	if _, stderr, err := runCmd(t, e, "", "ingest", path); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	if len(srv.EmbeddingRequests()) == 0 {
		t.Fatal("ingest sent no embeddings request")
	}
	out, stderr, err := runCmd(t, e, "", "ask", "--json", "达茂旗的总面积是多少？")
	if err != nil || !strings.Contains(out, "18177") {
		t.Fatalf("ask with the same embedder: %v %s\n%s", err, out, stderr)
	}
	_, _, err = runCmd(t, env{"NEWSBOT_DATA": data}, "", "ask", "达茂旗的总面积是多少？")
	if err == nil || !strings.Contains(err.Error(), "ingest") {
		t.Errorf("ask with another embedder: err = %v, want an error telling to re-ingest", err)
	}
}

func TestEvalCommand(t *testing.T) {
	stdout, stderr, err := runCmd(t, nil, "", "eval", "../../testdata/eval/builtin.jsonl")
	if err != nil {
		t.Fatalf("eval: %v\n%s", err, stderr)
	}
	for _, want := range []string{"hit@1", "hit@5", "MRR"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("eval output lacks %s:\n%s", want, stdout)
		}
	}
}

func TestDictFlag(t *testing.T) {
	dict := filepath.Join(t.TempDir(), "words.txt")
	if err := os.WriteFile(dict, []byte("# names\n恽淇丞 10 nr\n达茂旗\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCmd(t, nil, "", "--dict", dict, "ask", "恽淇丞是谁？"); err != nil {
		t.Errorf("ask with --dict: %v\n%s", err, stderr)
	}
	if _, _, err := runCmd(t, nil, "", "--dict", dict+".missing", "ask", "恽淇丞是谁？"); exitCode(err) != 2 {
		t.Errorf("missing --dict file: err %v, want exit 2", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
