package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"newsbot/corpus"
	"newsbot/corpus/fetch"
	"newsbot/retrieval"
)

// cmdIngest adds editions to the library, all or nothing per file, then adds them to the search
// index as a new segment (--reindex rebuilds it from scratch). A refused file is named with its
// reason and the exit status is 2; the accepted ones stay. A running server picks the new segment
// up by itself (see reloader).
func (a *app) cmdIngest(ctx context.Context, args []string) error {
	err := a.ingest(ctx, args)
	if err != nil && ctx.Err() != nil && !errors.As(err, new(committedError)) {
		// Ctrl-C or SIGTERM before the commit: say that nothing changed (exit 130 all the same).
		return fmt.Errorf("ingest stopped before its commit: nothing was stored, the library and its index are as they were")
	}
	return err
}

// committedError is an ingest failure after its run was committed.
type committedError struct{ error }

func (e committedError) Unwrap() error { return e.error }

func (a *app) ingest(ctx context.Context, args []string) (err error) {
	committed := false
	defer func() {
		if err != nil && committed {
			err = committedError{err}
		}
	}()
	fs := a.g.flagSet("ingest", a.stderr)
	paper := fs.String("paper", "", "newspaper name for these editions")
	date := fs.String("date", "", "edition date, YYYY-MM-DD")
	reindex := fs.Bool("reindex", false, "rebuild the search index from the library (e.g. after changing the embedder)")
	noWait := fs.Bool("no-wait", false, "fail at once (exit 2) when another process is writing the library, instead of waiting")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if *date != "" {
		if _, err := time.Parse(time.DateOnly, *date); err != nil {
			return usagef("--date: want YYYY-MM-DD, got %q", *date)
		}
	}
	if fs.NArg() == 0 && !*reindex {
		return usagef("ingest: name the files or folders to add (or --reindex)")
	}
	log, err := a.logger()
	if err != nil {
		return err
	}
	cfg, err := a.retrievalConfig()
	if err != nil {
		return err
	}
	a.refit = *reindex // with --vectors pgvector: the shared embedder is fitted anew, every vector rewritten
	lib, dir, publish, err := a.ingestLibrary(ctx)
	if err != nil {
		return err
	}
	wl, err := a.lockLibrary(ctx, lib, *noWait, log)
	if err != nil {
		return err
	}
	defer wl.Unlock()
	meta := corpus.Meta{Paper: *paper, Date: *date}
	urls, paths := splitURLs(fs.Args())
	// The run's editions are staged and go in only with the index that holds them (commitIngest):
	// interrupted before that, the library and its index are as they were.
	run := lib.Begin()
	defer run.Discard()
	report := corpus.IngestReport{}
	if len(paths) > 0 {
		opt := corpus.IngestOptions{Meta: meta, Progress: a.ingestProgress(log), Feed: mergeFeed}
		if report, err = corpus.IngestRun(ctx, run, paths, opt); err != nil {
			return dataError(fmt.Errorf("ingest: %w", err))
		}
	}
	if len(urls) > 0 {
		_, articles, refused := a.ingestURLs(ctx, run, urls, meta, log)
		report.Files += len(urls)
		report.Articles += articles
		report.Refused = append(report.Refused, refused...)
	}
	for _, r := range report.Refused {
		fmt.Fprintf(a.stderr, "refused %s: %v\n", r.File, r.Err)
	}
	if n := len(report.NotEditions); n > 0 {
		fmt.Fprintf(a.stderr, "newsbot: skipped %d files found in folders that are not editions (another format, or no Chinese text): %s\n",
			n, strings.Join(report.NotEditions, ", "))
	}
	indexed, err := a.commitIngest(ctx, run, dir, cfg, log, publish, *reindex, len(wl.Quarantined) > 0, &report)
	if err != nil {
		return err
	}
	committed = true
	*reindex = *reindex && publish == nil // with a database every replica rebuilds its own index
	if fs.NArg() > 0 {
		fmt.Fprintf(a.stdout, "ingested %d of %d files and URLs: %d editions (%d replaced), %d articles; library %s\n",
			report.Files-len(report.Refused), report.Files, len(report.Accepted), report.Replaced, report.Articles, dir)
	}
	if *reindex {
		fmt.Fprintf(a.stdout, "reindexed the library: %d articles; library %s\n", indexed, dir)
	}
	if len(report.Refused) > 0 {
		return usageError{fmt.Errorf("%d of %d files and URLs refused: %w", len(report.Refused), report.Files, errReported)}
	}
	if report.Files == 0 && fs.NArg() > 0 {
		return usagef("ingest: no files found in %s (%d left out as no edition)", strings.Join(fs.Args(), ", "), len(report.NotEditions))
	}
	return nil
}

// commitIngest puts an ingest's run in with its index: the index of the library as it will be
// (with --reindex rebuilt whole, else the run's editions added as a segment) is saved first and
// the run's editions renamed into place after it, so an interrupt before the index save leaves
// the library and its index as they were, and one after it finds both saved. With a database
// the run goes into the staging library and is published. It returns the articles indexed by
// --reindex, and fills in rep's editions.
func (a *app) commitIngest(ctx context.Context, run *corpus.Run, dir string, cfg retrieval.Config, log *slog.Logger,
	publish func(context.Context, *corpus.IngestReport) error, reindex, quarantined bool, rep *corpus.IngestReport) (indexed int, err error) {
	var ix *retrieval.Index // the index saved with the run's editions, compacted after the commit
	switch {
	case publish != nil:
	case reindex:
		if indexed, err = a.reindex(ctx, run, dir, cfg, log); err != nil {
			return 0, err
		}
	case run.Len() > 0 || quarantined:
		// The new editions are added to the index as a segment (the first ingest builds it).
		if ix, err = a.updateIndex(ctx, run, dir, cfg, log, nil); err != nil {
			return 0, err
		}
	}
	defer func() {
		if err != nil && len(rep.Accepted) > 0 {
			err = committedError{err} // the run's editions are in
		}
	}()
	if rep.Accepted, rep.Replaced, err = run.Commit(); err != nil {
		return 0, dataError(fmt.Errorf("ingest: %w (the index was saved with them: the next ingest brings it back in line)", err))
	}
	if publish != nil {
		if err := publish(ctx, rep); err != nil {
			return 0, fmt.Errorf("ingest: %w", err)
		}
	}
	if ix != nil && ctx.Err() == nil {
		// Compacted only once the run's editions and their index are committed: servers answer
		// from them meanwhile, and a stop or crash during compaction leaves that index.
		if _, err := a.compactIndex(ctx, dir, cfg, log, ix); err != nil && ctx.Err() == nil {
			return 0, err
		}
	}
	if ctx.Err() != nil && len(rep.Accepted) > 0 {
		fmt.Fprintln(a.stderr, "newsbot: interrupted while the index was being saved: the save was finished, and the run's editions are in with it")
	}
	return indexed, nil
}

// splitURLs separates the arguments naming URLs (fetched, or refused when not http(s)) from
// file and folder paths.
func splitURLs(args []string) (urls, paths []string) {
	for _, a := range args {
		if fetch.IsURL(a) {
			urls = append(urls, a)
		} else {
			paths = append(paths, a)
		}
	}
	return urls, paths
}

// reindex rebuilds and saves the index of the whole library and returns how many articles it
// holds; the caller holds the library's lock.
func (a *app) reindex(ctx context.Context, lib libraryView, dir string, cfg retrieval.Config, log *slog.Logger) (int, error) {
	start := time.Now()
	ix, err := a.rebuildIndex(ctx, lib, dir, cfg, log)
	if err != nil {
		return 0, err
	}
	log.Info("search index saved", "articles", len(ix.Articles()), "chunks", ix.Chunks(),
		"embedder", ix.EmbedderID(), "took", time.Since(start).Round(time.Millisecond))
	return len(ix.Articles()), nil
}

// indexProgress sets cfg.Progress to draw a bar on a terminal, or to log each indexing stage as
// it starts otherwise (a long build is never silent); the returned function ends the bar.
func (a *app) indexProgress(cfg *retrieval.Config, log *slog.Logger) (finish func()) {
	if !a.stderrIsTerminal() {
		last := ""
		cfg.Progress = func(stage string, done, total int) {
			if stage != last {
				last = stage
				log.Info("indexing", "stage", stage, "of", total)
			}
		}
		return func() {}
	}
	var bar *progressbar.ProgressBar
	cfg.Progress = func(stage string, done, total int) {
		if bar == nil || bar.GetMax() != total {
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(a.stderr),
				progressbar.OptionSetDescription("indexing"), progressbar.OptionShowCount(),
				progressbar.OptionClearOnFinish())
		}
		bar.Describe(stage)
		_ = bar.Set(done)
	}
	return func() {
		if bar != nil {
			_ = bar.Finish()
		}
	}
}

// ingestProgress draws a progress bar over the input bytes on a terminal, and writes a plain log
// line per file otherwise.
func (a *app) ingestProgress(log *slog.Logger) func(corpus.IngestEvent) {
	if !a.stderrIsTerminal() {
		return func(ev corpus.IngestEvent) {
			if ev.NotEdition {
				return // named in one line at the end
			}
			if ev.Err != nil {
				log.Warn("file refused", "file", ev.File, "n", ev.Index, "of", ev.Total, "err", ev.Err)
				return
			}
			log.Info("file ingested", "file", ev.File, "n", ev.Index, "of", ev.Total,
				"edition", ev.EditionID, "articles", ev.Articles, "replaced", ev.Replaced)
		}
	}
	var bar *progressbar.ProgressBar
	return func(ev corpus.IngestEvent) {
		if bar == nil {
			bar = progressbar.NewOptions64(ev.TotalBytes, progressbar.OptionSetWriter(a.stderr),
				progressbar.OptionSetDescription("ingesting"), progressbar.OptionShowBytes(true),
				progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
		}
		_ = bar.Set64(ev.DoneBytes)
		if ev.Err != nil {
			_ = bar.Clear()
			fmt.Fprintf(a.stderr, "refused %s: %v\n", ev.File, ev.Err)
		}
		if ev.Index == ev.Total {
			_ = bar.Finish()
		}
	}
}
