package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"newsbot/bot"
	"newsbot/bot/metrics"
	"newsbot/bot/telegram"
	"newsbot/corpus"
	"newsbot/corpus/poll"
	"newsbot/retrieval"
	"newsbot/store/files"
	"newsbot/store/postgres"
)

// conversationsFile is the conversation log in the data folder (without a database).
const conversationsFile = "conversations.jsonl"

// databaseOpenTimeout bounds connecting to the database and migrating it at start.
const databaseOpenTimeout = 30 * time.Second

// followInterval is how often a replica reads the library's version in case a NOTIFY was missed
// (its listening connection was down when another replica ingested).
const followInterval = 5 * time.Second

// database opens the database named by --database-url (NEWSBOT_DATABASE_URL) once per process,
// migrating it to this binary's schema.
func (a *app) database(ctx context.Context) (*postgres.Store, error) {
	a.dbOnce.Do(func() {
		octx, cancel := context.WithTimeout(ctx, databaseOpenTimeout)
		defer cancel()
		a.store, a.dbErr = postgres.Open(octx, a.g.databaseURL)
		if a.dbErr != nil {
			a.dbErr = fmt.Errorf("--database-url: %w", a.dbErr)
		}
	})
	return a.store, a.dbErr
}

// closeStore closes the database pool and removes the staging folders of this process.
func (a *app) closeStore() {
	if a.store != nil {
		a.store.Close()
	}
	if a.vecPool != nil {
		a.vecPool.Close()
	}
	for _, dir := range a.tempDirs {
		os.RemoveAll(dir)
	}
}

// databaseLabel names the database in messages, without its password.
func (a *app) databaseLabel() string { return postgres.Redact(a.g.databaseURL) }

// databaseIndex returns the in-process index of the database's articles (the built-in edition's
// when it holds none) and the library version it reflects. An index built from the database
// (current) is updated by the editions that changed since (one new segment, compacted when the
// dead share grows); otherwise it is built whole. The index is not saved: the database is the
// library.
func (a *app) databaseIndex(ctx context.Context, log *slog.Logger, cfg retrieval.Config, current *retrieval.Index) (*retrieval.Index, int64, error) {
	st, err := a.database(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := a.migrateOnce(ctx, st, log); err != nil {
		return nil, 0, err
	}
	cfg, refitted, err := a.denseConfig(ctx, st, cfg, log)
	if err != nil {
		return nil, 0, err
	}
	if refitted {
		current = nil // the vectors were rebuilt with a new embedder: so is the index
	}
	stamps, version, err := st.Stamps(ctx)
	if err != nil {
		return nil, 0, err
	}
	// The version this index reflects is where following the database starts: a change made
	// while the index is being built is picked up after.
	a.indexVersion.Store(version)
	if len(stamps) == 0 {
		ix, err := builtinIndex(ctx, cfg)
		return ix, version, err
	}
	start := time.Now()
	have := map[string]string{}
	if current != nil {
		have = current.Sources() // empty for the built-in edition's index: built whole below
	}
	var add []retrieval.Batch
	for _, id := range sortedKeys(stamps) {
		if have[id] == stamps[id] {
			continue
		}
		ed, stamp, err := st.Edition(ctx, id)
		if err != nil {
			return nil, 0, err
		}
		if ed != nil { // removed since the stamps were read: the next version removes it
			add = append(add, retrieval.Batch{Source: id, Stamp: stamp, Articles: ed.Articles})
		}
	}
	var gone []string
	for _, id := range sortedKeys(have) {
		if _, ok := stamps[id]; !ok {
			gone = append(gone, id)
		}
	}
	var ix *retrieval.Index
	if len(have) == 0 {
		ix, err = retrieval.BuildSources(ctx, add, cfg)
	} else {
		ix, err = current.Update(ctx, add, gone, nil) // compacted in the background once served (reloader)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("search index from the database: %w", err)
	}
	log.Info("search index follows the database", "library_version", version, "editions_indexed", len(add),
		"editions_removed", len(gone), "whole", len(have) == 0, "articles", len(ix.Articles()),
		"segments", ix.Segments(), "took", time.Since(start).Round(time.Millisecond))
	return ix, version, nil
}

// databaseArticles lists the database's articles, or the built-in edition's when it holds none.
func (a *app) databaseArticles(ctx context.Context) ([]corpus.Article, error) {
	st, err := a.database(ctx)
	if err != nil {
		return nil, err
	}
	eds, _, err := st.Editions(ctx)
	if err != nil {
		return nil, err
	}
	if len(eds) == 0 {
		b, err := corpus.Builtin()
		if err != nil {
			return nil, err
		}
		return b.Articles, nil
	}
	var arts []corpus.Article
	for _, ed := range eds {
		arts = append(arts, ed.Articles...)
	}
	return arts, nil
}

// ingestLibrary returns the library ingest writes to and a name for it. With a database, that is a
// staging library in a temporary folder, and publish stores what was ingested into the database in
// one transaction (replicas then pick it up); without one, the data folder's library and no publish.
func (a *app) ingestLibrary(ctx context.Context) (*corpus.Library, string, func(context.Context, *corpus.IngestReport) error, error) {
	if a.g.databaseURL == "" {
		lib, dir, err := a.library()
		return lib, dir, nil, err
	}
	st, err := a.database(ctx)
	if err != nil {
		return nil, "", nil, err
	}
	tmp, err := os.MkdirTemp("", "newsbot-ingest-")
	if err != nil {
		return nil, "", nil, fmt.Errorf("staging folder: %w", err)
	}
	a.tempDirs = append(a.tempDirs, tmp)
	lib, err := corpus.OpenLibrary(tmp)
	if err != nil {
		return nil, "", nil, err
	}
	publish := func(ctx context.Context, rep *corpus.IngestReport) error {
		eds, err := lib.Editions()
		if err != nil {
			return err
		}
		replaced, err := a.storeEditions(ctx, st, eds)
		if err != nil {
			return err
		}
		rep.Replaced = replaced
		return nil
	}
	return lib, a.databaseLabel(), publish, nil
}

// migrateOnce copies the data folder's library into an empty database (a replica started with
// --database-url beside the library it served before). A database holding editions is left as
// it is.
func (a *app) migrateOnce(ctx context.Context, st *postgres.Store, log *slog.Logger) error {
	n, err := st.EditionCount(ctx)
	if err != nil || n > 0 {
		return err
	}
	copied, err := a.migrateDataFolder(ctx, st)
	if err != nil {
		return err
	}
	if copied > 0 {
		log.Info("data folder library copied into the empty database", "editions", copied, "database", a.databaseLabel())
	}
	return nil
}

// migrateDataFolder stores every edition of the data folder's library in the database (unchanged
// ones change nothing) and returns how many it holds.
func (a *app) migrateDataFolder(ctx context.Context, st *postgres.Store) (int, error) {
	dir, err := a.dataDir()
	if err != nil {
		return 0, err
	}
	if _, err := os.Stat(dir); err != nil {
		return 0, nil // no data folder: nothing to copy
	}
	lib, err := corpus.OpenLibrary(dir)
	if err != nil {
		return 0, dataError(fmt.Errorf("open library %s: %w", dir, err))
	}
	eds, err := lib.Editions()
	if err != nil {
		return 0, dataError(fmt.Errorf("read library %s: %w", dir, err))
	}
	if _, err := a.storeEditions(ctx, st, eds); err != nil {
		return 0, fmt.Errorf("copy library %s into the database: %w", dir, err)
	}
	return len(eds), nil
}

// cmdMigrate copies the data folder's library into the database: idempotent, so running it twice
// (or on every deploy) stores each edition once.
func (a *app) cmdMigrate(ctx context.Context, args []string) error {
	fs := a.g.flagSet("migrate", a.stderr)
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if fs.NArg() > 0 {
		return usagef("migrate takes no arguments, got %q", fs.Args())
	}
	if a.g.databaseURL == "" {
		return usagef("migrate: set --database-url or NEWSBOT_DATABASE_URL to the database to copy the library into")
	}
	st, err := a.database(ctx)
	if err != nil {
		return err
	}
	before, err := st.Version(ctx)
	if err != nil {
		return err
	}
	n, err := a.migrateDataFolder(ctx, st)
	if err != nil {
		return err
	}
	after, err := st.Version(ctx)
	if err != nil {
		return err
	}
	dir, _ := a.dataDir()
	fmt.Fprintf(a.stdout, "database %s: schema version %d; %d editions of %s stored (library changed: %v)\n",
		a.databaseLabel(), postgres.SchemaVersion(), n, dir, after != before)
	return nil
}

// conversationStore is where the engine keeps conversations: the database when there is one, so
// that a follow-up may reach any replica; with persist, a log in the data folder, so that a
// restart keeps follow-ups (memory when the folder cannot be written); otherwise memory (nil).
func (a *app) conversationStore(ctx context.Context, log *slog.Logger, persist bool) (bot.ConversationStore, error) {
	if a.g.databaseURL == "" {
		if !persist {
			return nil, nil
		}
		dir, err := a.dataDir()
		if err == nil {
			err = os.MkdirAll(dir, 0o755)
		}
		var c *files.Conversations
		if err == nil {
			c, err = files.OpenConversations(filepath.Join(dir, conversationsFile), bot.DefaultConversationTTL, bot.DefaultMaxConversations)
		}
		if err != nil {
			log.Warn("conversations are kept in memory only (a restart forgets follow-ups)", "err", err)
			return nil, nil
		}
		return c, nil
	}
	st, err := a.database(ctx)
	if err != nil {
		return nil, err
	}
	return st.Conversations(), nil
}

// followDatabase keeps the engine's index current with the database's library until ctx ends:
// on each new version (another replica ingested) it builds a fresh index beside the serving one
// and swaps it in, so answering never pauses. It also prunes idle conversations.
func (a *app) followDatabase(ctx context.Context, eng *bot.Engine, log *slog.Logger, m *metrics.Metrics, rl *reloader) {
	st, err := a.database(ctx)
	if err != nil {
		return
	}
	since := a.indexVersion.Load()
	go a.pruneConversations(ctx, st, log)
	st.Follow(ctx, since, followInterval, func(v int64) {
		log.Info("library changed in the database; rebuilding the index", "library_version", v)
		_ = rl.reload(ctx, false)
	})
}

// pruneConversations deletes conversations idle past their TTL, and the record of Telegram
// answers sent longer ago than telegram.KeepReplies, hourly.
func (a *app) pruneConversations(ctx context.Context, st *postgres.Store, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := st.Conversations().Prune(ctx, time.Now().Add(-bot.DefaultConversationTTL)); err != nil {
				log.Warn("pruning idle conversations", "err", err)
			}
			if _, err := st.Replies().Prune(ctx, time.Now().Add(-telegram.KeepReplies)); err != nil {
				log.Warn("pruning sent Telegram answers", "err", err)
			}
		}
	}
}

// shareTelegram, with a database, gives the Telegram bot the update journal replicas share and
// the advisory lock under which one replica polls. NEWSBOT_TELEGRAM_LEASE sets how long a dead
// replica's updates wait before another takes them over.
func (a *app) shareTelegram(ctx context.Context, cfg *telegram.Config) error {
	if a.g.databaseURL == "" {
		return nil
	}
	lease, err := a.envDuration("NEWSBOT_TELEGRAM_LEASE", postgres.DefaultLease)
	if err != nil {
		return err
	}
	st, err := a.database(ctx)
	if err != nil {
		return err
	}
	cfg.Journal = st.TelegramJournal(lease)
	cfg.Subscriptions = st.Subscriptions() // a claim wins once across replicas: each edition goes out once
	cfg.Replies = st.Replies()             // a reply to an answer continues from it on any replica
	cfg.PollLock = func(ctx context.Context, run func(context.Context) error) error {
		return st.WithLock(ctx, "telegram-poll", run)
	}
	return nil
}

// pollOnOneReplica runs the feed and folder polling (run) only on the replica holding the
// "feed-poll" advisory lock, so each feed is polled once however many replicas run; another
// replica takes over within seconds when that one dies. The replica's data folder library is the
// poller's staging area: it is first brought up to the database's editions, so that merging a
// feed's items into an edition never drops the items another replica polled before.
func (a *app) pollOnOneReplica(ctx context.Context, lib *corpus.Library, run func(context.Context) error, log *slog.Logger) {
	st, err := a.database(ctx)
	if err != nil {
		return
	}
	err = st.WithLock(ctx, "feed-poll", func(ctx context.Context) error {
		eds, _, err := st.Editions(ctx)
		if err != nil {
			return err
		}
		for _, ed := range eds {
			if err := lib.Add(ed); err != nil {
				return fmt.Errorf("staging the database's editions for polling: %w", err)
			}
		}
		log.Info("this replica polls the feeds", "database", a.databaseLabel())
		return run(ctx)
	})
	if err != nil {
		log.Error("feed polling stopped on this replica", "err", err)
	}
}

// publishPolled stores the staging library's editions in the database after a polling round
// that changed it (unchanged editions change nothing); every replica then rebuilds its index.
func (a *app) publishPolled(lib *corpus.Library) func(context.Context, poll.Round) error {
	return func(ctx context.Context, _ poll.Round) error {
		st, err := a.database(ctx)
		if err != nil {
			return err
		}
		eds, err := lib.Editions()
		if err != nil {
			return err
		}
		_, err = a.storeEditions(ctx, st, eds)
		return err
	}
}
