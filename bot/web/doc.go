// Package web serves newsbot's local web chat and HTTP API.
//
// The chat page (static/, embedded with go:embed, no build step, no external resources) asks
// questions through the same JSON API that other clients use:
//
//	POST /api/ask            {"question": "…", "conversation": "…"} → bot.Answer JSON
//	GET  /api/articles       the library's articles (corpus.Article JSON plus "headline", "edition")
//	GET  /api/articles/{id}  one article; with ?quote=… also "segments" marking the quote
//	GET  /healthz            alive
//	GET  /readyz             the index is loaded (503 until Options.Ready reports true)
//	GET  /metrics            Prometheus metrics
//
// Errors are JSON objects {"error": "…"} with a fitting status. Every response carries a strict
// Content-Security-Policy (no inline script: the page's script is a file) and the page renders all
// article and answer text as DOM text, never as HTML. Questions longer than MaxQuestionRunes are
// refused, request bodies are capped, and each client is rate limited (429 with Retry-After).
//
// New builds a Server from Options (only Asker is required); Handler is its http.Handler and
// ListenAndServe serves it until its context ends, then shuts down gracefully. Each question is
// logged on one line (channel, found, latency; the text only with Options.LogQuestions), and
// counted in bot/metrics on the "web" channel (the page) or "api" (other clients).
//
// The page keeps the hooks DESIGN.md promises to browser tests: the question box has
// name="question"; each answer has data-role="answer"; each citation link in it has
// data-citation="N"; the article view has data-role="article" and wraps the quoted sentence in
// <mark>.
package web
