package main

import (
	"context"
	"fmt"

	"newsbot/bot"
	"newsbot/retrieval"
)

// cmdEval runs an eval set (DESIGN.md format) and prints retrieval and answer metrics.
func (a *app) cmdEval(ctx context.Context, args []string) error {
	fs := a.g.flagSet("eval", a.stderr)
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if fs.NArg() == 0 {
		return usagef("eval: name one or more eval sets (FILE.jsonl)")
	}
	var cases []retrieval.EvalCase
	for _, path := range fs.Args() {
		cs, err := retrieval.LoadEvalSet(path)
		if err != nil {
			return usageError{err}
		}
		cases = append(cases, cs...)
	}
	eng, _, err := a.cliEngine(ctx)
	if err != nil {
		return err
	}
	rep, err := bot.Evaluate(ctx, eng, cases)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	// The report lists every failed case after the figures.
	return rep.Write(a.stdout)
}
