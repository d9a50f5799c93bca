package retrieval

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tmc/langchaingo/embeddings"
	"github.com/tmc/langchaingo/llms/ollama"
	"github.com/tmc/langchaingo/llms/openai"
)

// DefaultEmbedBatch is the number of texts an OpenAI-compatible embeddings request carries when
// the caller does not choose.
const DefaultEmbedBatch = 64

// noKey stands in for an API key that an OpenAI-compatible server (vLLM, LocalAI, llama.cpp)
// does not need; langchaingo's client refuses to start without one.
const noKey = "no-key"

// NewOpenAIEmbedder returns an embedder for an OpenAI-compatible /v1/embeddings endpoint.
// baseURL is the API root including /v1 (empty: https://api.openai.com/v1), model the embedding
// model (required, e.g. "text-embedding-3-small"), key the bearer token (may be empty for local
// servers), batch the texts per request (<= 0: DefaultEmbedBatch). The index's EmbedderID for it
// should be OpenAIEmbedderID(model). The key is never part of an error message.
func NewOpenAIEmbedder(baseURL, model, key string, batch int) (embeddings.Embedder, error) {
	if strings.TrimSpace(model) == "" {
		return nil, fmt.Errorf("retrieval: OpenAI embedder: no model named")
	}
	if baseURL != "" {
		if err := checkHTTPURL(baseURL); err != nil {
			return nil, fmt.Errorf("retrieval: OpenAI embedder base URL: %w", err)
		}
	}
	if key == "" {
		key = noKey
	}
	if batch <= 0 {
		batch = DefaultEmbedBatch
	}
	opts := []openai.Option{openai.WithEmbeddingModel(model), openai.WithToken(key), openai.WithModel(model)}
	if baseURL != "" {
		opts = append(opts, openai.WithBaseURL(strings.TrimRight(baseURL, "/")))
	}
	client, err := openai.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("retrieval: OpenAI embedder: %w", err)
	}
	return clientEmbedder("OpenAI", client, batch)
}

// OpenAIEmbedderID is the EmbedderID to record for an OpenAI-compatible embedding model.
func OpenAIEmbedderID(model string) string { return "openai:" + model }

// NewOllamaEmbedder returns an embedder backed by an Ollama server's /api/embed endpoint.
// serverURL is e.g. "http://127.0.0.1:11434" (empty: that default); it is validated here because
// langchaingo's ollama client calls log.Fatal on a bad URL. The index's EmbedderID for it should
// be OllamaEmbedderID(model).
func NewOllamaEmbedder(serverURL, model string) (embeddings.Embedder, error) {
	if strings.TrimSpace(model) == "" {
		return nil, fmt.Errorf("retrieval: Ollama embedder: no model named")
	}
	if serverURL == "" {
		serverURL = "http://127.0.0.1:11434"
	}
	if err := checkHTTPURL(serverURL); err != nil {
		return nil, fmt.Errorf("retrieval: Ollama server URL: %w", err)
	}
	client, err := ollama.New(ollama.WithServerURL(serverURL), ollama.WithModel(model))
	if err != nil {
		return nil, fmt.Errorf("retrieval: Ollama embedder: %w", err)
	}
	// Ollama's client sends one request per text; batching here only bounds each call.
	return clientEmbedder("Ollama", client, DefaultEmbedBatch)
}

// clientEmbedder wraps a provider's client in langchaingo's batching embedder, newlines kept;
// its error names the provider.
func clientEmbedder(provider string, client embeddings.EmbedderClient, batch int) (embeddings.Embedder, error) {
	e, err := embeddings.NewEmbedder(client, embeddings.WithBatchSize(batch), embeddings.WithStripNewLines(false))
	if err != nil {
		return nil, fmt.Errorf("retrieval: %s embedder: %w", provider, err)
	}
	return e, nil
}

// OllamaEmbedderID is the EmbedderID to record for an Ollama embedding model.
func OllamaEmbedderID(model string) string { return "ollama:" + model }

// checkHTTPURL accepts an absolute http or https URL with a host.
func checkHTTPURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%q is not a URL: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q: scheme must be http or https", raw)
	}
	if u.Host == "" {
		return fmt.Errorf("%q has no host", raw)
	}
	return nil
}
