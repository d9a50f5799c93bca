package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"newsbot/internal/redact"
)

// echoServer answers every request 401 with a body that echoes the credentials it was sent
// (the Authorization header, and the URL path where a Bot API token travels), as some
// OpenAI-compatible servers and proxies do.
func echoServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"ok":false,"error_code":401,"description":"Unauthorized: %s","error":{"message":"invalid key: %s","type":"invalid_request_error","code":"invalid_api_key"}}`,
			r.URL.Path, r.Header.Get("Authorization"))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestSecretsRedacted: a server that echoes the credentials back in its 401 body never gets
// them into a log record (text or JSON) or a printed error: the LLM key (logged when the LLM
// fails and the extractive answer is used), the embedder key (ingest's error), the Telegram
// token (telegram's error).
func TestSecretsRedacted(t *testing.T) {
	srv := echoServer(t)
	const llmKey, embedKey, token = "sk-llm-secret-4242", "sk-embed-secret-4343", "123456789:AAE-secret-bot-token"
	tests := []struct {
		name   string
		env    env
		args   []string
		secret string
	}{
		{"llm key, text log", env{"NEWSBOT_LLM": "openai", "NEWSBOT_LLM_BASE_URL": srv.URL + "/v1",
			"NEWSBOT_LLM_MODEL": "m", "NEWSBOT_LLM_API_KEY": llmKey}, []string{"ask", "达茂旗的总面积是多少？"}, llmKey},
		{"llm key, json log", env{"NEWSBOT_LLM": "openai", "NEWSBOT_LLM_BASE_URL": srv.URL + "/v1",
			"NEWSBOT_LLM_MODEL": "m", "OPENAI_API_KEY": llmKey}, []string{"--log-format", "json", "ask", "达茂旗的总面积是多少？"}, llmKey},
		{"embedder key", env{"NEWSBOT_EMBEDDER": "openai", "NEWSBOT_EMBED_BASE_URL": srv.URL + "/v1",
			"NEWSBOT_EMBED_MODEL": "m", "NEWSBOT_EMBED_API_KEY": embedKey}, []string{"ingest", "--reindex"}, embedKey},
		{"telegram token", env{"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_API_ENDPOINT": srv.URL + "/bot%s/%s"},
			[]string{"telegram"}, token},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, err := runCmd(t, tc.env, "", tc.args...)
			printed := stdout + stderr
			if err != nil {
				printed += err.Error()
			}
			if strings.Contains(printed, tc.secret) || strings.Contains(printed, "secret-") {
				t.Errorf("the secret was printed:\n%s", printed)
			}
			if !strings.Contains(printed, redact.Mask) {
				t.Errorf("no %s in the output: the server's echo was not seen\n%s", redact.Mask, printed)
			}
		})
	}
}
