package web

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"newsbot/bot"
	"newsbot/corpus"
)

// AskRequest is the body of POST /api/ask.
type AskRequest struct {
	Question     string `json:"question"`
	Conversation string `json:"conversation"`
}

// ArticleJSON is an article as the API serves it: the articles contract of DESIGN.md plus the
// headline every article can be named by and its edition label.
type ArticleJSON struct {
	corpus.Article
	Headline string `json:"headline"`
	Edition  string `json:"edition"`
}

// ArticleDetail is GET /api/articles/{id}: the article and, when ?quote= was given, its text cut
// into segments with the quote's segments marked.
type ArticleDetail struct {
	ArticleJSON
	Segments    []Segment `json:"segments,omitempty"`
	Highlighted bool      `json:"highlighted"`
}

// ClientHeader names the request header the chat page sets ("web") so that its questions are
// counted on the "web" channel; other API clients count as "api".
const ClientHeader = "X-Newsbot-Client"

// maxQuoteRunes bounds ?quote= so that highlighting stays cheap.
const maxQuoteRunes = 2000

func toArticleJSON(a corpus.Article) ArticleJSON {
	return ArticleJSON{Article: a, Headline: a.Headline(), Edition: a.EditionLabel()}
}

func (s *Server) handleAsk(w http.ResponseWriter, r *http.Request) {
	if s.formGuard != nil && simpleBody(r.Header.Get("Content-Type")) {
		if err := s.formGuard.Check(r); err != nil {
			writeError(w, http.StatusForbidden, "cross-origin form posts from "+cmp.Or(r.Header.Get("Origin"), "another site")+" are not allowed")
			return
		}
	}
	req, status, msg := s.decodeAsk(w, r)
	if status != 0 {
		writeError(w, status, msg)
		return
	}
	channel := "api"
	if r.Header.Get(ClientHeader) == "web" {
		channel = "web"
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.AskTimeout)
	defer cancel()
	start := time.Now()
	ans, err := s.opts.Asker.Ask(ctx, engineConversation(req.Conversation), req.Question)
	latency := time.Since(start)
	attrs := []any{"channel", channel, "latency", latency}
	if s.opts.LogQuestions {
		attrs = append(attrs, "question", req.Question, "conversation", req.Conversation)
	}
	if err != nil {
		s.failAsk(w, r, ctx, err, attrs)
		return
	}
	s.opts.Metrics.ObserveQuestion(channel, ans.Found, latency)
	s.log.Info("question", append(attrs, "found", ans.Found, "citations", len(ans.Citations))...)
	if ans.Citations == nil {
		ans.Citations = []bot.Citation{}
	}
	if ans.Question == "" {
		ans.Question = req.Question
	}
	if req.Conversation != "" && ans.Conversation == engineConversation(req.Conversation) {
		ans.Conversation = req.Conversation // the client's own spelling, which it sends again
	}
	writeJSON(w, http.StatusOK, ans)
}

// engineConversation maps a client's conversation ID to one the engine keeps. The engine takes
// short printable ASCII IDs and replaces others with a fresh ID every time, which would cut a
// client that names its conversations itself ("用户-张三", a name with spaces) off
// from follow-ups; such an ID is passed as a stable digest instead. Blank means a new
// conversation.
func engineConversation(id string) string {
	id = strings.TrimSpace(id)
	plain := len(id) <= MaxConversationBytes
	for i := 0; plain && i < len(id); i++ {
		plain = id[i] > ' ' && id[i] <= '~'
	}
	if plain {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return "c-" + hex.EncodeToString(sum[:16])
}

// failAsk reports an Ask error: the client left (nothing to write), the answer timed out (504) or
// the engine failed (500, details only in the log).
func (s *Server) failAsk(w http.ResponseWriter, r *http.Request, ctx context.Context, err error, attrs []any) {
	switch {
	case r.Context().Err() != nil:
		s.log.Info("question abandoned by client", append(attrs, "error", err)...)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		s.log.Warn("question timed out", append(attrs, "error", err)...)
		writeError(w, http.StatusGatewayTimeout, "answering took too long; please try again")
	case errors.Is(err, bot.ErrUnavailable):
		// The shared database is down or restarting: the client may retry; nothing was recorded.
		s.log.Warn("question failed: shared state unavailable", append(attrs, "error", err)...)
		w.Header().Set("Retry-After", "2")
		writeError(w, http.StatusServiceUnavailable, "the bot's database is unavailable; please try again shortly")
	default:
		s.log.Error("question failed", append(attrs, "error", err)...)
		writeError(w, http.StatusInternalServerError, "internal error answering the question")
	}
}

// decodeAsk reads and checks an ask request; a non-zero status means it was refused with msg.
func (s *Server) decodeAsk(w http.ResponseWriter, r *http.Request) (AskRequest, int, string) {
	req, unknown, err := readAsk(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes), r.Header.Get("Content-Type"))
	if errors.Is(err, errEmptyBody) && r.URL.Query().Has("question") {
		// POST /api/ask?question=… with no body, as some HTTP tools send parameters.
		req, unknown, err = formRequest(r.URL.Query(), "")
	}
	if err != nil {
		status, msg := statusForDecodeError(err)
		return req, status, msg
	}
	// The engine's own check, so that every channel agrees on what a question is; a question with
	// no words still goes to the engine, whose refusal explains itself.
	clean, rejected := bot.CheckQuestion(req.Question)
	switch rejected {
	case bot.RejectEmpty:
		if len(unknown) > 0 {
			return req, http.StatusBadRequest, fmt.Sprintf(`unknown field %q; expected "question" and "conversation"`, unknown[0])
		}
		return req, http.StatusBadRequest, `field "question" is empty: ask something, e.g. {"question": "…"}`
	case bot.RejectTooLong:
		return req, http.StatusRequestEntityTooLarge, fmt.Sprintf("question too long: %d characters, at most %d",
			utf8.RuneCountInString(strings.TrimSpace(req.Question)), MaxQuestionRunes)
	case bot.RejectControl:
		return req, http.StatusBadRequest, `field "question" holds control characters or invalid UTF-8`
	case "":
		req.Question = clean
	}
	if len(req.Conversation) > MaxConversationBytes {
		return req, http.StatusBadRequest,
			fmt.Sprintf(`field "conversation" too long: %d bytes, at most %d`, len(req.Conversation), MaxConversationBytes)
	}
	return req, 0, ""
}

// decodeOne decodes exactly one JSON object from body into v. Fields v does not know are ignored,
// so that clients may send more than the contract asks (a client version, a language…), and are
// returned, so that a request missing what it needs can be told about a misspelt field.
func decodeOne(body io.Reader, v any, known ...string) (unknown []string, err error) {
	dec := json.NewDecoder(body)
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errEmptyBody
		}
		return nil, err
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return nil, err
		}
		return nil, errTrailingData
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) == nil {
		for name := range fields {
			if !slices.Contains(known, name) {
				unknown = append(unknown, name)
			}
		}
	}
	slices.Sort(unknown)
	return unknown, nil
}

// handleArticles lists the library's articles; ?offset= and ?limit= page through a large
// library, and X-Total-Count tells the full count.
func (s *Server) handleArticles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, err := nonNegativeParam(q.Get("offset"), 0)
	if err != nil {
		writeError(w, http.StatusBadRequest, "parameter offset: "+err.Error())
		return
	}
	limit, err := nonNegativeParam(q.Get("limit"), -1)
	if err != nil {
		writeError(w, http.StatusBadRequest, "parameter limit: "+err.Error())
		return
	}
	all := s.opts.Asker.Articles()
	w.Header().Set("X-Total-Count", strconv.Itoa(len(all)))
	page := all[min(offset, len(all)):]
	if limit >= 0 && limit < len(page) {
		page = page[:limit]
	}
	out := make([]ArticleJSON, len(page))
	for i, a := range page {
		out[i] = toArticleJSON(a)
	}
	writeJSON(w, http.StatusOK, out)
}

func nonNegativeParam(v string, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("want a whole number ≥ 0, got %q", v)
	}
	return n, nil
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	a, ok := s.opts.Asker.Article(id)
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no article with id %q", id))
		return
	}
	detail := ArticleDetail{ArticleJSON: toArticleJSON(a)}
	if quote := r.URL.Query().Get("quote"); quote != "" {
		if n := utf8.RuneCountInString(quote); n > maxQuoteRunes {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("parameter quote too long: %d characters, at most %d", n, maxQuoteRunes))
			return
		}
		detail.Segments = Highlight(a.Text, quote)
		for _, seg := range detail.Segments {
			detail.Highlighted = detail.Highlighted || seg.Mark
		}
	}
	writeJSON(w, http.StatusOK, detail)
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if !s.opts.Ready() {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "loading", "error": "index not loaded yet"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// handleStatic serves the page's files; directories are not listed.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	if name == "" || strings.HasSuffix(name, "/") {
		writeError(w, http.StatusNotFound, "not found: "+r.URL.Path)
		return
	}
	s.serveFile(w, r, name)
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) { s.serveFile(w, r, "index.html") }

func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request) {
	s.serveFile(w, r, "favicon.svg")
}

// serveFile serves one embedded file. The files change only with the binary, so clients
// revalidate (no-cache) rather than keep a stale page after an upgrade.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	data, err := fs.ReadFile(s.static, name)
	if err != nil {
		writeError(w, http.StatusNotFound, "not found: "+r.URL.Path)
		return
	}
	sum := sha256.Sum256(data)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Type", contentType(name))
	http.ServeContent(w, r, name, time.Time{}, strings.NewReader(string(data)))
}

func contentType(name string) string {
	switch {
	case strings.HasSuffix(name, ".html"):
		return "text/html; charset=utf-8"
	case strings.HasSuffix(name, ".js"):
		return "text/javascript; charset=utf-8"
	case strings.HasSuffix(name, ".css"):
		return "text/css; charset=utf-8"
	case strings.HasSuffix(name, ".svg"):
		return "image/svg+xml"
	default:
		return "application/octet-stream"
	}
}
