// Package bottest helps the channels' tests (bot/web, bot/telegram) drive the real engine: the
// built-in edition, indexed once per test binary because the segmenter's dictionary takes a while
// to load.
package bottest

import (
	"context"
	"sync"

	"newsbot/bot"
	"newsbot/corpus"
	"newsbot/retrieval"
)

var builtin = sync.OnceValues(func() (*bot.Engine, error) {
	ed, err := corpus.Builtin()
	if err != nil {
		return nil, err
	}
	ix, err := retrieval.Build(context.Background(), ed.Articles, retrieval.Config{})
	if err != nil {
		return nil, err
	}
	return bot.NewEngine(ix, bot.Options{}), nil
})

// BuiltinEngine returns the real engine over the built-in edition, built once per process.
func BuiltinEngine() (*bot.Engine, error) { return builtin() }
