package bot

import (
	"context"
	"errors"

	"newsbot/bot/metrics"
	"newsbot/corpus"
	"newsbot/retrieval"
)

// Options configure an Engine.
type Options struct {
	Metrics *metrics.Metrics // nil: no metrics
	// Channel-independent settings (LLM, thresholds…) are added here by the bot package.
}

// Engine answers questions over a retrieval index. It is safe for concurrent use; Swap replaces
// the index without stopping callers.
type Engine struct{}

// NewEngine returns an engine over ix.
// TODO(bot): real implementation.
func NewEngine(ix *retrieval.Index, opts Options) *Engine { return &Engine{} }

// Ask answers question within conversation ("" starts a new one). The returned Answer's
// Conversation carries follow-ups. A refusal is a successful answer with Found false; an error
// means an internal failure (or ctx ended).
func (e *Engine) Ask(ctx context.Context, conversation, question string) (Answer, error) {
	return Answer{}, errors.New("bot: Ask not implemented yet")
}

// Swap replaces the index (after a re-ingest) without stopping the engine.
func (e *Engine) Swap(ix *retrieval.Index) {}

// Articles lists the library's articles.
func (e *Engine) Articles() []corpus.Article { return nil }

// Article returns one article by ID.
func (e *Engine) Article(id string) (corpus.Article, bool) { return corpus.Article{}, false }
