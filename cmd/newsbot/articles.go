package main

import (
	"context"
	"encoding/json"
	"fmt"

	"newsbot/corpus"
)

// cmdArticles lists the library's articles, or the built-in edition's when the library is empty.
func (a *app) cmdArticles(ctx context.Context, args []string) error {
	fs := a.g.flagSet("articles", a.stderr)
	asJSON := fs.Bool("json", false, "print a JSON array (DESIGN.md articles contract)")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if fs.NArg() > 0 {
		return usagef("articles takes no arguments, got %q", fs.Args())
	}
	arts, err := a.articles()
	if err != nil {
		return err
	}
	if *asJSON {
		if arts == nil {
			arts = []corpus.Article{}
		}
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(arts)
	}
	for i, art := range arts {
		line := fmt.Sprintf("%3d. %s", i+1, art.Headline())
		if art.Kind == corpus.KindPhoto {
			line += "（图片）"
		}
		if art.Byline != "" {
			line += "  " + art.Byline
		}
		if label := art.EditionLabel(); label != "" {
			line += "  [" + label + "]"
		}
		fmt.Fprintf(a.stdout, "%s  id=%s\n", line, art.ID)
	}
	return nil
}

// articles returns the library's articles, or the built-in edition's when the library is empty.
func (a *app) articles() ([]corpus.Article, error) {
	if a.g.databaseURL != "" {
		return a.databaseArticles(context.Background())
	}
	lib, dir, err := a.library()
	if err != nil {
		return nil, err
	}
	arts, err := lib.Articles()
	if err != nil {
		return nil, dataError(fmt.Errorf("read library %s: %w", dir, err))
	}
	return arts, nil
}
