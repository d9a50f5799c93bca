// Package depspin keeps the project's dependencies in go.mod while packages are being written.
// Remove it once every dependency is imported by real code.
package depspin

import (
	_ "github.com/chromedp/chromedp"
	_ "github.com/go-ego/gse"
	_ "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	_ "github.com/longbridgeapp/opencc"
	_ "github.com/mattn/go-isatty"
	_ "github.com/philippgille/chromem-go"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/prometheus/client_golang/prometheus/promhttp"
	_ "github.com/prometheus/client_golang/prometheus/testutil"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/tmc/langchaingo/embeddings"
	_ "github.com/tmc/langchaingo/llms"
	_ "github.com/tmc/langchaingo/llms/fake"
	_ "github.com/tmc/langchaingo/llms/ollama"
	_ "github.com/tmc/langchaingo/llms/openai"
	_ "github.com/tmc/langchaingo/schema"
	_ "github.com/tmc/langchaingo/vectorstores"
	_ "golang.org/x/net/html"
	_ "golang.org/x/term"
	_ "golang.org/x/text/encoding/simplifiedchinese"
	_ "golang.org/x/text/encoding/traditionalchinese"
	_ "golang.org/x/text/encoding/unicode"
	_ "golang.org/x/text/width"
)
