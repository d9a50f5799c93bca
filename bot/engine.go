package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"newsbot/bot/internal/intent"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tmc/langchaingo/llms"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/extract"
	"newsbot/bot/internal/forms"
	"newsbot/bot/internal/qdate"
	"newsbot/bot/metrics"
	"newsbot/corpus"
	"newsbot/internal/logreg"
	"newsbot/retrieval"
)

// Options configure an Engine. The zero value answers extractively with the calibrated refusal
// threshold and default conversation bounds.
type Options struct {
	Metrics *metrics.Metrics // nil: no metrics

	// LLM, when set, writes the answers (generative mode); the extractive answer is the fallback on
	// timeout, error or an invalid reply. nil: extractive only.
	LLM llms.Model
	// LLMTimeout bounds one LLM call; 0 means DefaultLLMTimeout.
	LLMTimeout time.Duration
	// Logger receives fallbacks and internal failures; nil discards them.
	Logger *slog.Logger

	// MinEvidence is the refusal threshold on the extractive evidence (0..1); 0 means
	// DefaultMinEvidence, calibrated on the eval set.
	MinEvidence float64
	// AnswerModel decides answer-or-refuse by the fitted model (refusal_model.json) instead of
	// MinEvidence. Off by default: on the project's eval sets it measured no better (README).
	AnswerModel bool
	// NoSentenceModel leaves the choice of the answering sentence to the scorer's rules alone. By
	// default the fitted sentence model (sentence_model.json) re-rates the chosen article's best
	// sentences: fitted on the public QA sets and the project's eval sets, it answers as many of
	// the project's questions right and more of the public sets' (README).
	NoSentenceModel bool

	// Conversation bounds; 0 means the defaults (DefaultMaxConversations, DefaultConversationTTL,
	// DefaultMaxTurns).
	MaxConversations int
	ConversationTTL  time.Duration
	MaxTurns         int
	// Now is the clock for conversation expiry and the asking time that relative dates (去年,
	// 上个月, 昨天) are resolved against; nil means time.Now.
	Now func() time.Time
	// Conversations, when set, keeps conversations (a file in the data folder, or a database that
	// replicas share); nil keeps them in memory, bounded by MaxConversations.
	Conversations ConversationStore
}

// Searcher is what the engine needs of an index; *retrieval.Index implements it. Tests and
// channels may give the engine another one through NewEngineFor.
type Searcher interface {
	Search(ctx context.Context, query string, opts retrieval.SearchOptions) ([]retrieval.Result, error)
	Articles() []corpus.Article
	Article(id string) (corpus.Article, bool)
}

// Engine answers questions over a retrieval index. It is safe for concurrent use; Swap replaces
// the index without stopping callers.
type Engine struct {
	src         atomic.Pointer[source]
	opts        Options
	log         *slog.Logger
	convs       *conversations
	minEvidence float64
}

// source wraps a Searcher so that it can sit in an atomic.Pointer, with the newest edition date
// (the reference for relative dates such as 11月8日 or 今天的报纸).
type source struct {
	s      Searcher
	newest time.Time
	oldest int      // the oldest edition's year, the last a date without its year may be (dates.go)
	papers []string // the library's paper names (archive.go)
}

// NewEngine returns an engine over ix (nil: an empty library, every question refused).
func NewEngine(ix *retrieval.Index, opts Options) *Engine {
	if ix == nil {
		return NewEngineFor(nil, opts)
	}
	return NewEngineFor(ix, opts)
}

// NewEngineFor returns an engine over any Searcher (nil: an empty library).
func NewEngineFor(s Searcher, opts Options) *Engine {
	e := &Engine{opts: opts, log: opts.Logger, minEvidence: opts.MinEvidence}
	if e.log == nil {
		e.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if e.minEvidence <= 0 {
		e.minEvidence = DefaultMinEvidence
	}
	e.convs = newConversations(opts.MaxConversations, opts.ConversationTTL, opts.MaxTurns, opts.Now)
	e.convs.store = opts.Conversations
	e.setSource(s)
	return e
}

func (e *Engine) setSource(s Searcher) {
	if s == nil {
		s = emptySearcher{}
	}
	src := &source{s: s, papers: papersOf(s.Articles())}
	for _, a := range s.Articles() {
		d, err := time.Parse(time.DateOnly, a.Date)
		if err != nil {
			continue
		}
		if d.After(src.newest) {
			src.newest = d
		}
		if src.oldest == 0 || d.Year() < src.oldest {
			src.oldest = d.Year()
		}
	}
	e.src.Store(src)
}

// Swap replaces the index (after a re-ingest) without stopping the engine.
func (e *Engine) Swap(ix *retrieval.Index) {
	if ix == nil {
		e.setSource(nil)
		return
	}
	e.setSource(ix)
}

// Index is the index being served, nil when the engine serves another Searcher.
func (e *Engine) Index() *retrieval.Index {
	ix, _ := e.src.Load().s.(*retrieval.Index)
	return ix
}

// Articles lists the library's articles.
func (e *Engine) Articles() []corpus.Article { return e.src.Load().s.Articles() }

// Article returns one article by ID.
func (e *Engine) Article(id string) (corpus.Article, bool) { return e.src.Load().s.Article(id) }

// emptySearcher is the library with nothing in it.
type emptySearcher struct{}

func (emptySearcher) Search(context.Context, string, retrieval.SearchOptions) ([]retrieval.Result, error) {
	return nil, nil
}
func (emptySearcher) Articles() []corpus.Article            { return nil }
func (emptySearcher) Article(string) (corpus.Article, bool) { return corpus.Article{}, false }

// searchLimit is how many articles a question retrieves: the candidates to answer from and the
// suggestions of a refusal.
const searchLimit = 5

// Ask answers question within conversation ("" starts a new one). The returned Answer's
// Conversation carries follow-ups. A refusal is a successful answer with Found false; an error
// means an internal failure (or ctx ended).
func (e *Engine) Ask(ctx context.Context, conversation, question string) (Answer, error) {
	return e.respond(ctx, conversation, nil, question)
}

// AskFrom answers question as a follow-up of an earlier answer, whose Turn is from, rather than
// of the conversation's latest one: a reply to a specific older answer. The new turn is recorded
// in conversation as its newest, so the next question continues from this answer. A from that
// does not decode (another version's) is ignored: the conversation's own history is used.
func (e *Engine) AskFrom(ctx context.Context, conversation string, from json.RawMessage, question string) (Answer, error) {
	var t turn
	if len(from) == 0 || json.Unmarshal(from, &t) != nil {
		return e.respond(ctx, conversation, nil, question)
	}
	return e.respond(ctx, conversation, &t, question)
}

// respond is Ask and AskFrom: from, when not nil, stands for the conversation's history.
func (e *Engine) respond(ctx context.Context, conversation string, from *turn, question string) (ans Answer, err error) {
	// A bug must not take a server down: it becomes an internal error, logged with its stack.
	defer func() {
		if r := recover(); r != nil {
			e.log.Error("bot: panic while answering", "panic", r, "stack", string(debug.Stack()))
			ans, err = Answer{}, fmt.Errorf("bot: internal error while answering")
		}
	}()
	out, err := e.askAfter(ctx, conversation, from, question)
	if err == nil && explainWanted(ctx) {
		out.Answer.Explain = e.explain(out)
	}
	return out.Answer, err
}

// ask is Ask keeping the attempt behind the answer (for calibration and diagnostics).
func (e *Engine) ask(ctx context.Context, conversation, question string) (outcome, error) {
	return e.askAfter(ctx, conversation, nil, question)
}

// askAfter answers within conversation, after the turn from when it is set (a reply to an older
// answer), else after the conversation's stored turns.
func (e *Engine) askAfter(ctx context.Context, conversation string, from *turn, question string) (outcome, error) {
	var id string
	var hist []turn
	var err error
	if from != nil {
		id, hist = e.convs.historyFrom(conversation, *from)
	} else if id, hist, err = e.convs.history(ctx, conversation); err != nil {
		return outcome{}, err
	}
	clean, rejected := CheckQuestion(question)
	if rejected != "" {
		return outcome{Answer: Answer{Question: question, Answer: rejectionReplies[rejected], Conversation: id,
			Citations: []Citation{}, Rejected: rejected}}, nil
	}
	if err := ctx.Err(); err != nil {
		return outcome{}, fmt.Errorf("bot: ask: %w", err)
	}
	out, err := e.answer(ctx, e.src.Load(), clean, hist)
	if err != nil {
		return outcome{}, err
	}
	out.Answer.Question = question
	out.Answer.Conversation = id
	raw, err := e.convs.record(ctx, id, out.Turn)
	if err != nil {
		return outcome{}, err
	}
	out.Answer.Turn = raw
	return out, nil
}

// route names how an answer past the special questions is composed.
func (e *Engine) route() string {
	if e.opts.LLM != nil {
		return "llm (extractive when the model fails)"
	}
	return "extractive"
}

// outcome is an answer with the turn to remember.
type outcome struct {
	Answer  Answer
	Turn    turn
	Attempt attempt
	Route   string // how it was answered (Explanation.Route)
}

// whichArticle answers "哪篇文章讲了X" with the article the topic X is answered from, its headline
// leading the reply.
func (e *Engine) whichArticle(ctx context.Context, src *source, clean, topic string) (outcome, error) {
	att, err := e.attempt(ctx, src, resolve(intent.Analyze(topic), nil))
	if err != nil {
		return outcome{}, err
	}
	ans := e.compose(ctx, att)
	if ans.Found && att.Pick.Cand != nil {
		ans = withHeadline(ans, att.Pick.Cand.Article)
	}
	return outcome{Answer: ans, Attempt: att, Route: "which article", Turn: turn{Question: clean, Resolved: att.Res.Resolved,
		Topic: att.Res.TopicRuns, Type: att.Res.Q.Type, Found: ans.Found, ArticleID: articleOf(ans)}}, nil
}

// answer resolves, retrieves and answers one cleaned question.
func (e *Engine) answer(ctx context.Context, src *source, clean string, hist []turn) (outcome, error) {
	if kind := smallTalkKind(clean); kind != "" {
		return outcome{Answer: Answer{Answer: smallTalkReply(kind, src.s.Articles()), Citations: []Citation{}}, Route: "small talk"}, nil
	}
	if first, second, ok := twoParts(clean); ok {
		return e.answerParts(ctx, src, first, second, hist)
	}
	q := intent.Analyze(clean)
	if isOverviewQuestion(q) {
		return outcome{Answer: overviewAnswer(articlesOn(src, clean)), Route: "overview"}, nil
	}
	if ans, ok := paperListing(src, clean); ok {
		return outcome{Answer: ans, Route: "overview"}, nil
	}
	if ans, ok := editionQuestion(q, articlesOn(src, clean)); ok {
		return outcome{Answer: ans, Route: "edition"}, nil
	}
	if core.IsEnglish(clean) {
		q.Terms = englishTerms(clean)
	}
	if topic, ok := whichArticleTopic(q); ok && len(hist) == 0 {
		return e.whichArticle(ctx, src, clean, topic)
	}
	kind := classifyFollowUp(q)
	if len(hist) == 0 {
		kind = standalone
	}
	alone := resolve(q, nil)
	var att attempt
	var err error
	switch kind {
	case followUp:
		att, err = e.attempt(ctx, src, resolve(q, hist))
	case maybeFollowUp:
		// A short question may stand alone or continue the conversation: it continues it when read
		// alone it finds nothing, or when read with the subject it stays with the previous answer's
		// article.
		att, err = e.attempt(ctx, src, alone)
		if err == nil {
			var merged attempt
			merged, err = e.attempt(ctx, src, resolve(q, hist))
			if err == nil && merged.Found && (!att.Found || merged.Res.PrevArticle != "" &&
				merged.Pick.Cand.Article.ID == merged.Res.PrevArticle && att.Pick.Cand.Article.ID != merged.Res.PrevArticle) {
				att = merged
			}
		}
	default:
		att, err = e.attempt(ctx, src, alone)
	}
	if err != nil {
		return outcome{}, err
	}
	ans := e.compose(ctx, att)
	t := turn{Question: clean, Resolved: att.Res.Resolved, Topic: att.Res.TopicRuns, Type: att.Res.Q.Type,
		Found: ans.Found}
	if ans.Found && len(ans.Citations) > 0 {
		t.ArticleID = ans.Citations[0].ArticleID
	}
	return outcome{Answer: ans, Turn: t, Attempt: att, Route: e.route()}, nil
}

// attempt is one retrieval and extraction for a resolved question.
type attempt struct {
	Res     core.Resolution
	Results []retrieval.Result
	Cands   []*core.Candidate
	Pick    core.Pick
	Found   bool
	Dated   string // the edition dates a dated attempt answered from (dates.go), "" otherwise
}

func (e *Engine) attempt(ctx context.Context, src *source, res core.Resolution) (attempt, error) {
	started := time.Now()
	results, err := search(ctx, src, res.Query)
	e.opts.Metrics.ObserveRetrieval(time.Since(started))
	if err != nil {
		if ctx.Err() != nil {
			return attempt{}, fmt.Errorf("bot: search %q: %w", res.Query, ctx.Err())
		}
		return attempt{}, fmt.Errorf("bot: search %q: %w", res.Query, err)
	}
	if b, found, err := e.datedAttempt(ctx, src, res); err != nil || found {
		return b, err
	}
	a := e.extractFrom(res, results)
	// The article may say it in other words ("一天…稻子" / "每天收割…水稻"): when the question's own
	// words find no answer, its paraphrases (paraphrase.go) are searched too.
	if extra := core.ParaphraseQuery(res.Q); !a.Found && extra != "" {
		more, err := search(ctx, src, res.Query+" "+extra)
		if err != nil {
			return attempt{}, fmt.Errorf("bot: search %q with paraphrases: %w", res.Query, err)
		}
		if b := e.extractFrom(res, more); b.Found {
			return b, nil
		}
	}
	return a, nil
}

// extractFrom answers res from search results.
func (e *Engine) extractFrom(res core.Resolution, results []retrieval.Result) attempt {
	a := attempt{Res: res, Results: results}
	a.Cands = core.PrepareCandidates(results, core.CandidateArticles)
	var sm *logreg.Model
	if !e.opts.NoSentenceModel {
		sm = extract.SentenceModel
	}
	p, ok := extract.ExtractWith(res, a.Cands, sm)
	a.Pick = p
	if ok && p.Mismatch == "" {
		in := &core.CheckInput{P: &a.Pick, Res: &res, MinEv: e.attemptMinEvidence(), Model: e.answerModel()}
		a.Pick.Check, a.Pick.Mismatch = extract.Refuse(core.StageAttempt, in)
	}
	a.Found = ok && a.Pick.Mismatch == ""
	return a
}

// englishTerms are the words of an English question that can occur in a Chinese text: numbers,
// codes and acronyms ("119", "95X", "GDP"), lower-cased as the matcher sees them.
func englishTerms(q string) []intent.Term {
	var terms []intent.Term
	for i, run := range intent.ContentRuns(intent.Fold(q)) {
		lower := strings.ToLower(run)
		if englishStopwords[lower] {
			continue
		}
		if strings.ContainsAny(run, "0123456789") || len(run) >= 2 && strings.ToUpper(run) == run {
			terms = append(terms, intent.Term{Text: lower, Weight: 1, Run: i})
		}
	}
	return terms
}

// search retrieves for query; a question that ties itself to an edition's date ("11月8日的报纸上…",
// "今天的新闻") searches that date's editions first, and the whole library when they hold nothing.
func search(ctx context.Context, src *source, query string) ([]retrieval.Result, error) {
	opts := retrieval.SearchOptions{Limit: searchLimit}
	// A day without its year (10月23日的新闻) is that day in any year: datedAttempt ranks those.
	f, ok := retrieval.ParseDateFilter(query, src.newest)
	if ok && f.Edition && !src.newest.IsZero() && !core.Yearless(intent.Intent{Dates: qdate.Parse(query)}) {
		results, err := src.s.Search(ctx, query, f.Apply(opts))
		if err != nil || len(results) > 0 {
			return results, err
		}
	}
	return src.s.Search(ctx, query, opts)
}

// articlesOn lists the library's articles, only those of the edition date the question names when
// it names one that the library holds.
func articlesOn(src *source, question string) []corpus.Article {
	all := src.s.Articles()
	f, ok := retrieval.ParseDateFilter(question, src.newest)
	if !ok || src.newest.IsZero() {
		return all
	}
	var out []corpus.Article
	for _, a := range all {
		if a.Date >= f.From && a.Date <= f.To {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return all
	}
	return out
}

// articleOf is the ID of an answer's main source, "" when it cites none.
func articleOf(a Answer) string {
	if !a.Found || len(a.Citations) == 0 {
		return ""
	}
	return a.Citations[0].ArticleID
}

// answerModel is the model that decides whether an extracted answer that passed the checks is
// given, nil when the evidence threshold decides instead (Options.AnswerModel off, or no model
// built in).
func (e *Engine) answerModel() *logreg.Model {
	if !e.opts.AnswerModel {
		return nil
	}
	return forms.RefusalModel
}

// attemptMinEvidence is the evidence threshold of the checks (checkEvidence): none when the model
// decides.
func (e *Engine) attemptMinEvidence() float64 {
	if e.answerModel() != nil {
		return 0
	}
	return e.minEvidence
}
