// Package fakeopenai is an in-process OpenAI-compatible server for tests: /v1/embeddings and
// /v1/chat/completions speak the real wire format, so provider code is exercised through
// langchaingo's real openai client without reaching the internet.
package fakeopenai

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"

	"newsbot/internal/vec"
)

// ChatRequest is the part of a chat completion request tests look at.
type ChatRequest struct {
	Model               string        `json:"model"`
	Messages            []ChatMessage `json:"messages"`
	MaxTokens           int           `json:"max_tokens,omitempty"`
	MaxCompletionTokens int           `json:"max_completion_tokens,omitempty"`
	Temperature         float64       `json:"temperature,omitempty"`
	Stream              bool          `json:"stream,omitempty"`
}

// ChatMessage is one message of a chat request.
type ChatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// EmbeddingRequest is an embeddings request.
type EmbeddingRequest struct {
	Model string   `json:"model"`
	Input []string `json:"input"`
}

// Server is a fake OpenAI-compatible API. Set its hooks before use; they are read under a lock.
type Server struct {
	*httptest.Server
	// APIKey, when set, is required as "Authorization: Bearer <key>".
	APIKey string
	// Dim is the embedding dimension (default 64).
	Dim int

	mu       sync.Mutex
	reply    func(ChatRequest) (string, int) // content and HTTP status
	chats    []ChatRequest
	embeds   []EmbeddingRequest
	embedErr int
}

// New starts a fake server on loopback; call Close when done.
func New() *Server {
	s := &Server{Dim: 64}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/embeddings", s.handleEmbeddings)
	mux.HandleFunc("POST /v1/chat/completions", s.handleChat)
	s.Server = httptest.NewServer(mux)
	return s
}

// BaseURL is the value for an OpenAI client's base URL (…/v1).
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// SetReply sets how chat completions are answered: reply returns the assistant's content and an
// HTTP status (0 or 200 for success; any other status answers with an OpenAI error body).
func (s *Server) SetReply(reply func(ChatRequest) (content string, status int)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reply = reply
}

// FailEmbeddings makes embeddings requests answer with the given HTTP status (0: succeed).
func (s *Server) FailEmbeddings(status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.embedErr = status
}

// ChatRequests returns the chat requests received so far.
func (s *Server) ChatRequests() []ChatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ChatRequest(nil), s.chats...)
}

// EmbeddingRequests returns the embeddings requests received so far.
func (s *Server) EmbeddingRequests() []EmbeddingRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]EmbeddingRequest(nil), s.embeds...)
}

func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.APIKey == "" || r.Header.Get("Authorization") == "Bearer "+s.APIKey {
		return true
	}
	writeError(w, http.StatusUnauthorized, "invalid_api_key", "Incorrect API key provided.")
	return false
}

func (s *Server) handleEmbeddings(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	var req EmbeddingRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "bad JSON: "+err.Error())
		return
	}
	s.mu.Lock()
	s.embeds = append(s.embeds, req)
	status, dim := s.embedErr, s.Dim
	s.mu.Unlock()
	if status != 0 && status != http.StatusOK {
		writeError(w, status, "server_error", "embeddings failed")
		return
	}
	type item struct {
		Object    string    `json:"object"`
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	}
	data := make([]item, len(req.Input))
	for i, text := range req.Input {
		data[i] = item{Object: "embedding", Index: i, Embedding: Vector(text, dim)}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"object": "list", "data": data, "model": req.Model,
		"usage": map[string]int{"prompt_tokens": len(req.Input), "total_tokens": len(req.Input)},
	})
}

func (s *Server) handleChat(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	var req ChatRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "bad JSON: "+err.Error())
		return
	}
	s.mu.Lock()
	s.chats = append(s.chats, req)
	reply := s.reply
	s.mu.Unlock()
	content, status := "", http.StatusOK
	if reply != nil {
		content, status = reply(req)
	}
	if status != 0 && status != http.StatusOK {
		writeError(w, status, "server_error", "chat completion failed")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"id": "chatcmpl-fake", "object": "chat.completion", "created": 1700000000, "model": req.Model,
		"choices": []map[string]any{{
			"index": 0, "finish_reason": "stop",
			"message": map[string]string{"role": "assistant", "content": content},
		}},
		"usage": map[string]int{"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
	})
}

// Vector is the fake's deterministic unit-length embedding of text: hashed character bigrams.
func Vector(text string, dim int) []float32 {
	v := make([]float32, dim)
	r := []rune(strings.TrimSpace(text))
	for i := range r {
		end := min(i+2, len(r))
		h := fnv.New32a()
		h.Write([]byte(string(r[i:end])))
		v[h.Sum32()%uint32(dim)]++
	}
	return vec.Normalize(v)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, typ, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{
		"message": msg, "type": typ, "code": fmt.Sprint(status),
	}})
}
