package bot

import (
	"context"

	"newsbot/corpus"
)

// Asker is what a channel (the web chat, the Telegram bot) needs of the engine; *Engine satisfies
// it. It must be safe for concurrent use: the engine swaps its index internally, so one Asker
// serves across re-ingests.
type Asker interface {
	Ask(ctx context.Context, conversation, question string) (Answer, error)
	Articles() []corpus.Article
	Article(id string) (corpus.Article, bool)
}

var _ Asker = (*Engine)(nil)
