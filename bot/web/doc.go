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
// POST /api/ask also takes the bodies other clients send: an HTML form (urlencoded, as curl -d
// question=… sends, or multipart, as curl -F sends), a bare question as text/plain or as a JSON
// string, or ?question= with no body. A declared charset (gbk, gb18030, big5, utf-16…) is
// honoured; undeclared non-UTF-8 bytes are read as UTF-16 by their byte-order mark or else as
// GB18030; a UTF-8 BOM is dropped. A conversation ID the engine would not keep (non-ASCII,
// spaces, long) is passed to it as a stable digest and echoed back as the client sent it.
//
// OPTIONS answers 204 with Allow on every route. Pages from other origins may call the API only
// when Options.AllowedOrigins names them (CORS); their preflights are refused otherwise. JSON
// bodies over 1 KiB are gzip-compressed for clients that accept it.
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
// <mark>. The page uses relative URLs, so it also works behind a reverse proxy under a path prefix,
// and a question in its address (/?question=…&conversation=…, as a form submitted without the
// page's script sends it) is asked as soon as the page loads.
package web
