package fakeopenai

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"testing"
)

func post(t *testing.T, url, key string, body any) *http.Response {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestEmbeddingsWireFormat(t *testing.T) {
	s := New()
	defer s.Close()
	s.APIKey = "k"
	if resp := post(t, s.BaseURL()+"/embeddings", "wrong", EmbeddingRequest{Input: []string{"x"}}); resp.StatusCode != 401 {
		t.Errorf("wrong key: status %d, want 401", resp.StatusCode)
	}
	resp := post(t, s.BaseURL()+"/embeddings", "k", EmbeddingRequest{Model: "m", Input: []string{"达茂旗", "武进"}})
	defer resp.Body.Close()
	var got struct {
		Data []struct {
			Index     int       `json:"index"`
			Embedding []float64 `json:"embedding"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if len(got.Data) != 2 || got.Data[1].Index != 1 || len(got.Data[0].Embedding) != 64 {
		t.Fatalf("embeddings response = %+v", got)
	}
	var norm float64
	for _, x := range got.Data[0].Embedding {
		norm += x * x
	}
	if math.Abs(norm-1) > 1e-5 {
		t.Errorf("vector norm² = %v, want 1", norm)
	}
	if reqs := s.EmbeddingRequests(); len(reqs) != 1 || len(reqs[0].Input) != 2 {
		t.Errorf("recorded embedding requests = %+v, want the one authorised request with 2 inputs", reqs)
	}
}

func TestChatReplyAndFailure(t *testing.T) {
	s := New()
	defer s.Close()
	s.SetReply(func(r ChatRequest) (string, int) {
		if r.MaxTokens == 0 {
			return "", http.StatusBadRequest
		}
		return "答：" + r.Messages[len(r.Messages)-1].Content, 0
	})
	resp := post(t, s.BaseURL()+"/chat/completions", "", map[string]any{
		"model": "m", "max_tokens": 10, "messages": []ChatMessage{{Role: "user", Content: "你好"}},
	})
	var got struct {
		Choices []struct {
			Message ChatMessage `json:"message"`
		} `json:"choices"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || len(got.Choices) != 1 || got.Choices[0].Message.Content != "答：你好" {
		t.Fatalf("chat response = %+v, %v", got, err)
	}
	resp.Body.Close()
	resp = post(t, s.BaseURL()+"/chat/completions", "", map[string]any{"model": "m", "messages": []ChatMessage{{Role: "user", Content: "x"}}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("scripted failure: status %d, want 400", resp.StatusCode)
	}
	if reqs := s.ChatRequests(); len(reqs) != 2 || reqs[0].MaxTokens != 10 {
		t.Errorf("recorded chat requests = %+v", reqs)
	}
}
