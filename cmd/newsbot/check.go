package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// cmdCheck verifies a library without changing it: every edition file parses, no temporary file
// is left over, and the saved search index opens and matches the editions. It prints one line per
// problem and exits 2 when there is any, 0 with a summary otherwise.
func (a *app) cmdCheck(ctx context.Context, args []string) error {
	fs := a.g.flagSet("check", a.stderr)
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if fs.NArg() > 0 {
		return usagef("check takes no arguments, got %q", fs.Args())
	}
	cfg, err := a.retrievalConfig()
	if err != nil {
		return err
	}
	lib, dir, err := a.library()
	if err != nil {
		return err
	}
	lib.OnDamage(nil) // Check names the damaged files itself
	problems, summary, err := checkLibrary(ctx, lib, dir, cfg)
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintf(a.stderr, "newsbot check: %s\n", p)
	}
	if len(problems) > 0 {
		return usageError{fmt.Errorf("library %s: %d problem(s): %w", dir, len(problems), errReported)}
	}
	fmt.Fprintf(a.stdout, "library %s is sound: %s\n", dir, summary)
	return nil
}

// checkLibrary lists what is wrong with the library, and sums it up.
func checkLibrary(ctx context.Context, lib *corpus.Library, dir string, cfg retrieval.Config) (problems []string, summary string, err error) {
	damage, err := lib.Check()
	if err != nil {
		return nil, "", dataError(fmt.Errorf("check library %s: %w", dir, err))
	}
	for _, d := range damage {
		problems = append(problems, fmt.Sprintf("%v (readers skip it; the next ingest moves it to editions/quarantine)", d.Err))
	}
	for _, t := range lib.Temps() {
		problems = append(problems, fmt.Sprintf("leftover temporary file %s (the next ingest removes it)", t))
	}
	eds, err := lib.Editions()
	if err != nil {
		return nil, "", dataError(fmt.Errorf("check library %s: %w", dir, err))
	}
	articles := 0
	for _, ed := range eds {
		articles += len(ed.Articles)
	}
	summary = fmt.Sprintf("%d editions, %d articles", len(eds), articles)
	if len(eds) == 0 {
		return problems, summary + " (the built-in edition is served)", nil
	}
	stamps, err := lib.Stamps()
	if err != nil {
		return nil, "", dataError(fmt.Errorf("check library %s: %w", dir, err))
	}
	readable := make(map[string]string, len(eds))
	for _, ed := range eds {
		readable[ed.ID] = stamps[ed.ID]
	}
	path := filepath.Join(dir, indexFile)
	ix, err := retrieval.Open(ctx, path, cfg)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		problems = append(problems, fmt.Sprintf("no search index %s: readers index the library in memory each time (run 'newsbot ingest --reindex')", path))
	case err != nil:
		problems = append(problems, fmt.Sprintf("search index: %v (run 'newsbot ingest --reindex')", err))
	case !maps.Equal(ix.Sources(), readable):
		problems = append(problems, fmt.Sprintf("search index %s does not match the editions (it holds %d articles, the editions %d): run 'newsbot ingest --reindex'",
			path, len(ix.Articles()), articles))
	default:
		summary += fmt.Sprintf(", search index of %d chunks matches them", ix.Chunks())
	}
	return problems, summary, nil
}
