package bot

import (
	"context"
	"time"
)

// DefaultLLMTimeout bounds one LLM call when Options.LLMTimeout is 0.
const DefaultLLMTimeout = 20 * time.Second

// generate asks the LLM; ok false means fall back to ext.
func (e *Engine) generate(ctx context.Context, att attempt, ext Answer) (Answer, bool) {
	return Answer{}, false
}
