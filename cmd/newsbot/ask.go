package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"newsbot/bot"
)

// cmdAsk answers one question, or with no question one question a line from stdin, loading the
// index once.
func (a *app) cmdAsk(ctx context.Context, args []string) error {
	fs := a.g.flagSet("ask", a.stderr)
	asJSON := fs.Bool("json", false, "print the answer JSON of DESIGN.md (JSON Lines in batch mode)")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	eng, log, err := a.cliEngine(ctx)
	if err != nil {
		return err
	}
	out := answerWriter{w: a.stdout, json: *asJSON}
	if fs.NArg() > 0 {
		ans, err := eng.Ask(ctx, "", strings.Join(fs.Args(), " "))
		if err != nil {
			return fmt.Errorf("answer: %w", err)
		}
		return out.write(ans, false)
	}
	return a.askBatch(ctx, eng, out, log)
}

// askBatch answers each line of stdin, writing exactly one output line per input line, so the
// output can be zipped with the input. A failed question gets an error line and the batch goes
// on; the exit status then reports the failure.
func (a *app) askBatch(ctx context.Context, eng *bot.Engine, out answerWriter, log *slog.Logger) error {
	sc := bufio.NewScanner(a.stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	failed := 0
	for sc.Scan() {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		q := strings.TrimRight(sc.Text(), "\r")
		ans, err := eng.Ask(ctx, "", q)
		if err != nil {
			failed++
			log.Error("answer failed", "err", err)
			if werr := out.writeError(q, err); werr != nil {
				return werr
			}
			continue
		}
		if err := out.write(ans, true); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read questions from stdin: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("%d questions failed", failed)
	}
	return nil
}

// answerWriter prints answers as readable text or JSON.
type answerWriter struct {
	w    io.Writer
	json bool
}

func (o answerWriter) write(ans bot.Answer, oneLine bool) error {
	if o.json {
		enc := json.NewEncoder(o.w)
		enc.SetEscapeHTML(false)
		return enc.Encode(ans)
	}
	text := bot.FormatText(ans)
	if oneLine {
		text = strings.Join(strings.Fields(strings.ReplaceAll(text, "\n", " ")), " ")
	}
	_, err := fmt.Fprintln(o.w, strings.TrimRight(text, "\n"))
	return err
}

func (o answerWriter) writeError(q string, err error) error {
	if o.json {
		enc := json.NewEncoder(o.w)
		enc.SetEscapeHTML(false)
		return enc.Encode(map[string]any{"question": q, "error": err.Error()})
	}
	_, werr := fmt.Fprintf(o.w, "错误：%v\n", err)
	return werr
}
