package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/tmc/langchaingo/embeddings"
	"github.com/tmc/langchaingo/llms"

	"newsbot/bot"
	"newsbot/bot/metrics"
	"newsbot/corpus"
	"newsbot/internal/redact"
	"newsbot/retrieval"
	"newsbot/store/pgvector"
	"newsbot/store/postgres"
)

// app carries what every command needs: the global flags and the process' environment.
type app struct {
	g      *globals
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer // masks every configured secret
	// stderrTTY: the process' stderr is a terminal (stderr itself is wrapped).
	stderrTTY bool
	red       *redact.Redactor

	dbOnce   sync.Once
	dbErr    error
	store    *postgres.Store // --database-url, opened on first use
	tempDirs []string        // removed at exit
	// indexVersion is the database library version of the index last built.
	indexVersion atomic.Int64

	vecOnce  sync.Once
	vecErr   error
	vecStore *pgvector.Store // --vectors pgvector, opened on first use
	vecPool  *pgxpool.Pool
	vecGen   atomic.Uint64 // names the shared embedder the index last built embeds with
	refit    bool          // ingest --reindex: the pgvector embedder is fitted anew
}

// indexFile is the search index's file inside the data folder.
const indexFile = "index.bin"

// retrievalConfig builds the retrieval configuration from the environment: the embedder
// (NEWSBOT_EMBEDDER local, openai or ollama) and the --dict words.
func (a *app) retrievalConfig() (retrieval.Config, error) {
	var cfg retrieval.Config
	if _, err := a.pgvectorOn(); err != nil {
		return cfg, err
	}
	if a.g.dict != "" {
		words, err := retrieval.LoadDictFile(a.g.dict)
		if err != nil {
			return cfg, usageError{fmt.Errorf("--dict: %w", err)}
		}
		cfg.DictWords = words
	}
	emb, id, err := a.embedder()
	if err != nil {
		return cfg, err
	}
	cfg.Embedder, cfg.EmbedderID = emb, id
	return cfg, nil
}

// embedder returns the configured embedder and its ID; nil means the local default.
func (a *app) embedder() (embeddings.Embedder, string, error) {
	kind := a.getenv("NEWSBOT_EMBEDDER")
	model := a.getenv("NEWSBOT_EMBED_MODEL")
	switch kind {
	case "", "local":
		return nil, "", nil
	case "openai":
		if model == "" {
			return nil, "", usagef("NEWSBOT_EMBEDDER=openai needs NEWSBOT_EMBED_MODEL")
		}
		batch, err := a.envInt("NEWSBOT_EMBED_BATCH", 64)
		if err != nil {
			return nil, "", err
		}
		key := firstNonEmpty(a.getenv("NEWSBOT_EMBED_API_KEY"), a.getenv("OPENAI_API_KEY"))
		base := firstNonEmpty(a.getenv("NEWSBOT_EMBED_BASE_URL"), "https://api.openai.com/v1")
		e, err := retrieval.NewOpenAIEmbedder(base, model, key, batch)
		if err != nil {
			return nil, "", usageError{fmt.Errorf("NEWSBOT_EMBEDDER=openai: %w", err)}
		}
		return e, "openai:" + model, nil
	case "ollama":
		if model == "" {
			return nil, "", usagef("NEWSBOT_EMBEDDER=ollama needs NEWSBOT_EMBED_MODEL")
		}
		e, err := retrieval.NewOllamaEmbedder(a.ollamaURL(), model)
		if err != nil {
			return nil, "", usageError{fmt.Errorf("NEWSBOT_EMBEDDER=ollama: %w", err)}
		}
		return e, "ollama:" + model, nil
	default:
		return nil, "", usagef("NEWSBOT_EMBEDDER: want local, openai or ollama, got %q", kind)
	}
}

func (a *app) ollamaURL() string {
	return firstNonEmpty(a.getenv("NEWSBOT_OLLAMA_URL"), "http://127.0.0.1:11434")
}

// llm returns the configured generative model (NEWSBOT_LLM openai or ollama), or nil for the
// default extractive answerer.
func (a *app) llm() (llms.Model, error) {
	kind := a.getenv("NEWSBOT_LLM")
	model := a.getenv("NEWSBOT_LLM_MODEL")
	switch kind {
	case "", "none", "extractive":
		return nil, nil
	case "openai":
		if model == "" {
			return nil, usagef("NEWSBOT_LLM=openai needs NEWSBOT_LLM_MODEL (e.g. deepseek-chat, qwen-plus)")
		}
		key := firstNonEmpty(a.getenv("NEWSBOT_LLM_API_KEY"), a.getenv("OPENAI_API_KEY"))
		base := firstNonEmpty(a.getenv("NEWSBOT_LLM_BASE_URL"), "https://api.openai.com/v1")
		m, err := bot.NewOpenAIModel(base, model, key)
		if err != nil {
			return nil, usageError{fmt.Errorf("NEWSBOT_LLM=openai: %w", err)}
		}
		return m, nil
	case "ollama":
		if model == "" {
			return nil, usagef("NEWSBOT_LLM=ollama needs NEWSBOT_LLM_MODEL (e.g. qwen2.5)")
		}
		m, err := bot.NewOllamaModel(a.ollamaURL(), model)
		if err != nil {
			return nil, usageError{fmt.Errorf("NEWSBOT_LLM=ollama: %w", err)}
		}
		return m, nil
	default:
		return nil, usagef("NEWSBOT_LLM: want openai or ollama, got %q", kind)
	}
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// library opens the library in the data folder for reading: nothing is created or written, so a
// read-only or missing folder serves. An edition file that cannot be read is skipped and named
// on stderr with its reason.
func (a *app) library() (*corpus.Library, string, error) {
	dir, err := a.dataDir()
	if err != nil {
		return nil, "", err
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, "", usagef("data folder %s (--data or NEWSBOT_DATA) is a file, not a folder", dir)
	}
	lib, err := corpus.OpenLibrary(dir)
	if err != nil {
		return nil, "", dataError(fmt.Errorf("open library %s: %w", dir, err))
	}
	lib.OnDamage(func(d corpus.Damage) {
		fmt.Fprintf(a.stderr, "newsbot: skipped damaged edition file %s: %v (the next ingest moves it to editions/quarantine)\n", d.File, d.Err)
	})
	return lib, dir, nil
}

// lockLibrary takes the library's writers' lock for the whole of a write (see corpus.Lock):
// waiting, with a message, while another writer holds it, or failing at once with noWait. It
// logs the repairs taking the lock made (stale temporary files, quarantined editions).
func (a *app) lockLibrary(ctx context.Context, lib *corpus.Library, noWait bool, log *slog.Logger) (*corpus.WriteLock, error) {
	wl, err := lib.Lock(ctx, corpus.LockOptions{NoWait: noWait, Waiting: func(holder string) {
		fmt.Fprintf(a.stderr, "newsbot: another process is writing the library %s (%s); waiting for it (Ctrl-C stops, --no-wait fails at once)\n", lib.Dir(), holder)
	}})
	switch {
	case errors.Is(err, corpus.ErrBusy):
		return nil, usageError{fmt.Errorf("%w; try again when it is done", err)}
	case err != nil:
		return nil, dataError(err)
	}
	for _, f := range wl.Removed {
		log.Info("removed a temporary file a stopped writer left", "file", f)
	}
	for _, d := range wl.Quarantined {
		log.Warn("quarantined a corrupt edition file", "file", d.File, "err", d.Err)
	}
	return wl, nil
}

// dataError marks a data folder the user pointed at but this process may not use (no
// permission, a file on the path, a read-only file system) as bad input rather than an internal
// failure.
func dataError(err error) error {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EROFS) {
		return usageError{err}
	}
	return err
}

// loadIndex returns the index to serve; it never writes (saving is for writers, which hold the
// library's lock). An empty library serves the built-in edition, indexed in memory. Otherwise
// the saved index is loaded without re-embedding (only the segments current lacks when it is the
// index the saved one grew from: retrieval.Index.Refresh). When the library holds editions the
// saved index lacks or holds stale (e.g. a crash between the two), they are added in memory as
// a segment and the removed ones tombstoned, unless committed is set (a server reloading because
// a writer saved: a writer may still be adding editions, and only the index it committed is a
// whole version). A missing index, or one saved before indexes tracked editions, is built in
// memory with progress shown, as is one in an older file format or a damaged one (a file that
// fails its checksum, a missing segment: named in the warning; check reports it).
func (a *app) loadIndex(ctx context.Context, log *slog.Logger, committed bool, current *retrieval.Index) (*retrieval.Index, error) {
	cfg, err := a.retrievalConfig()
	if err != nil {
		return nil, err
	}
	if a.g.databaseURL != "" {
		ix, _, err := a.databaseIndex(ctx, log, cfg, current)
		return ix, err
	}
	lib, dir, err := a.library()
	if err != nil {
		return nil, err
	}
	stamps, err := lib.Stamps()
	if err != nil {
		return nil, dataError(fmt.Errorf("read library %s: %w", dir, err))
	}
	if len(stamps) == 0 {
		return builtinIndex(ctx, cfg)
	}
	path := filepath.Join(dir, indexFile)
	ix, err := openIndex(ctx, path, cfg, current)
	switch {
	case err == nil && (committed || len(ix.Sources()) > 0):
		if committed {
			return ix, nil
		}
		next, changed, err := a.catchUp(ctx, lib, ix, stamps)
		if changed {
			log.Warn("the library changed since its search index was saved; adding its editions in memory (the next ingest saves them)", "index", path)
		}
		return next, err
	case err == nil:
		log.Warn("the search index predates incremental updates; indexing the library in memory (run 'newsbot ingest --reindex' to save it)", "index", path)
	case errors.Is(err, fs.ErrNotExist):
		log.Warn("no saved search index; indexing the library in memory (run 'newsbot ingest --reindex' to save it)", "index", path)
	case errors.Is(err, retrieval.ErrIndexFormat):
		log.Warn("the search index was saved by an older newsbot; indexing the library in memory (the next ingest rebuilds it)", "index", path, "err", err)
	case errors.Is(err, retrieval.ErrCorruptIndex):
		log.Warn("the search index is damaged; indexing the library in memory (run 'newsbot ingest --reindex' to repair it)", "index", path, "err", err)
	default:
		return nil, fmt.Errorf("load search index: %w (run 'newsbot ingest --reindex' to rebuild it)", err)
	}
	return a.buildIndex(ctx, lib, dir, cfg, log)
}

// openIndex opens the saved index, reading only what current lacks when it is an earlier
// version of it.
func openIndex(ctx context.Context, path string, cfg retrieval.Config, current *retrieval.Index) (*retrieval.Index, error) {
	if current != nil && len(current.Sources()) > 0 {
		return current.Refresh(ctx, path, cfg)
	}
	return retrieval.Open(ctx, path, cfg)
}

// buildIndex indexes every edition of the library in memory from scratch (the local embedder's
// IDF fitted anew), with a progress bar on a terminal and a log line a stage otherwise.
func (a *app) buildIndex(ctx context.Context, lib libraryView, dir string, cfg retrieval.Config, log *slog.Logger) (*retrieval.Index, error) {
	stamps, err := lib.Stamps() // before reading: an edition rewritten meanwhile is re-read by the next update
	if err != nil {
		return nil, dataError(fmt.Errorf("read library %s: %w", dir, err))
	}
	eds, err := lib.Editions()
	if err != nil {
		return nil, dataError(fmt.Errorf("read library %s: %w", dir, err))
	}
	batches := make([]retrieval.Batch, 0, len(eds))
	for _, ed := range eds {
		batches = append(batches, retrieval.Batch{Source: ed.ID, Stamp: stamps[ed.ID], Articles: ed.Articles})
	}
	if len(eds) == 0 { // the built-in edition is served
		arts, err := lib.Articles()
		if err != nil {
			return nil, err
		}
		batches = []retrieval.Batch{{Articles: arts}}
	}
	finish := a.indexProgress(&cfg, log)
	ix, err := retrieval.BuildSources(ctx, batches, cfg)
	finish()
	if err != nil {
		return nil, fmt.Errorf("build search index: %w", err)
	}
	return ix, nil
}

// rebuildIndex indexes every article of the library and saves the index atomically; the
// caller holds the library's lock.
func (a *app) rebuildIndex(ctx context.Context, lib libraryView, dir string, cfg retrieval.Config, log *slog.Logger) (*retrieval.Index, error) {
	ix, err := a.buildIndex(ctx, lib, dir, cfg, log)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, indexFile)
	if err := beforeIndexSave(ctx); err != nil {
		return nil, err
	}
	if err := setAsideForeignIndex(path, log); err != nil {
		return nil, err
	}
	if err := ix.Save(path); err != nil {
		return nil, dataError(fmt.Errorf("save search index (the library keeps its previous index): %w", err))
	}
	return ix, nil
}

// setAsideForeignIndex renames a file at path that is not a newsbot index to
// path.foreign-<unix time>, kept like a quarantined edition, so that the rebuild can save: Save
// refuses to overwrite such a file, while check and the readers send the operator to
// 'ingest --reindex' to repair it.
func setAsideForeignIndex(path string, log *slog.Logger) error {
	if _, err := retrieval.ReadHeader(path); err == nil || !errors.Is(err, retrieval.ErrCorruptIndex) {
		return nil // a newsbot index (whole or not, Save replaces it), none, or unreadable (Save says why)
	}
	kept := fmt.Sprintf("%s.foreign-%d", path, time.Now().Unix())
	if err := os.Rename(path, kept); err != nil {
		return dataError(fmt.Errorf("set aside %s, which is not a newsbot index: %w", path, err))
	}
	log.Warn("the index file is not a newsbot index: kept aside, a new one is saved", "index", path, "kept", kept)
	return nil
}

// builtinIndex indexes the built-in edition in memory.
func builtinIndex(ctx context.Context, cfg retrieval.Config) (*retrieval.Index, error) {
	ed, err := corpus.Builtin()
	if err != nil {
		return nil, fmt.Errorf("parse built-in edition: %w", err)
	}
	ix, err := retrieval.Build(ctx, ed.Articles, cfg)
	if err != nil {
		return nil, fmt.Errorf("index built-in edition: %w", err)
	}
	return ix, nil
}

// engine loads the index and builds the answering engine with the configured answerer.
func (a *app) engine(ctx context.Context, log *slog.Logger, m *metrics.Metrics) (*bot.Engine, error) {
	model, err := a.llm()
	if err != nil {
		return nil, err
	}
	timeout, err := a.envDuration("NEWSBOT_LLM_TIMEOUT", 20*time.Second)
	if err != nil {
		return nil, err
	}
	ix, err := a.loadIndex(ctx, log, false, nil)
	if err != nil {
		return nil, err
	}
	m.SetIndexSize(len(ix.Articles()), ix.Chunks())
	// The servers (serve and telegram, the commands with metrics) keep conversations across
	// restarts; the one-shot commands need not write them.
	convs, err := a.conversationStore(ctx, log, m != nil)
	if err != nil {
		return nil, err
	}
	return bot.NewEngine(ix, bot.Options{Metrics: m, LLM: model, LLMTimeout: timeout, Logger: log,
		Conversations: convs}), nil
}

// cliEngine builds the logger and an engine without metrics, for the one-shot commands.
func (a *app) cliEngine(ctx context.Context) (*bot.Engine, *slog.Logger, error) {
	log, err := a.logger()
	if err != nil {
		return nil, nil, err
	}
	eng, err := a.engine(ctx, log, nil)
	return eng, log, err
}

// stderrIsTerminal reports whether to draw on stderr as a terminal.
func (a *app) stderrIsTerminal() bool { return a.stderrTTY && a.getenv("TERM") != "dumb" }
