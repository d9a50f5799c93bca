package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"newsbot/bot"
)

// cmdAsk answers one question, or with no question one question a line from stdin, loading the
// index once.
func (a *app) cmdAsk(ctx context.Context, args []string) error {
	fs := a.g.flagSet("ask", a.stderr)
	asJSON := fs.Bool("json", false, "print the answer JSON of DESIGN.md (JSON Lines in batch mode)")
	explain := fs.Bool("explain", false, "say why it answered or refused (with --json: as \"explain\")")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if *explain {
		ctx = bot.WithExplain(ctx)
	}
	if fs.NArg() > 0 {
		if err := checkQuestionArg(toUTF8(strings.Join(fs.Args(), " "))); err != nil {
			return err
		}
	}
	eng, log, err := a.cliEngine(ctx)
	if err != nil {
		return err
	}
	out := answerWriter{w: a.stdout, json: *asJSON}
	if fs.NArg() > 0 {
		ans, err := eng.Ask(ctx, "", toUTF8(strings.Join(fs.Args(), " ")))
		if err != nil {
			return fmt.Errorf("answer: %w", err)
		}
		return out.write(ans, false)
	}
	if isTerminal(a.stdin) {
		// Nothing tells an interactive user that ask now reads questions: say so.
		fmt.Fprintln(a.stderr, "newsbot ask: 每行输入一个问题，Ctrl-D 结束（或者: newsbot ask 问题）")
	}
	return a.askBatch(ctx, eng, out, log)
}

// checkQuestionArg refuses a question given on the command line that is no question (empty or
// blank, over bot.MaxQuestionRunes, control characters) as bad input, exit 2, as POST /api/ask
// answers 400 or 413: a script that passed an empty variable learns so from the exit status. In
// batch mode such a line gets its answer line instead, so the output stays zipped with the input.
func checkQuestionArg(q string) error {
	switch _, rejected := bot.CheckQuestion(q); rejected {
	case bot.RejectEmpty:
		return usageError{fmt.Errorf("ask: the question is empty: give one (newsbot ask 达茂旗的总面积是多少？), or none to read questions from stdin")}
	case bot.RejectTooLong:
		return usageError{fmt.Errorf("ask: the question is too long: %d characters, at most %d",
			utf8.RuneCountInString(strings.TrimSpace(q)), bot.MaxQuestionRunes)}
	case bot.RejectControl:
		return usageError{fmt.Errorf("ask: the question holds control characters or invalid text")}
	}
	return nil
}

// askBatch answers each line of stdin, writing exactly one output line per input line, so the
// output can be zipped with the input. A failed question gets an error line and the batch goes
// on; the exit status then reports the failure. Input may be UTF-8 (with a BOM, CRLF line
// ends), UTF-16 with a BOM, or GBK/GB18030, as Windows tools write it.
func (a *app) askBatch(ctx context.Context, eng *bot.Engine, out answerWriter, log *slog.Logger) error {
	next := readLines(ctx, textReader(a.stdin))
	failed := 0
	for first := true; ; first = false {
		line, ok, err := next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		q := toUTF8(line)
		if first {
			q = strings.TrimPrefix(q, "\uFEFF")
		}
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
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("questions from stdin interrupted: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("%d questions failed", failed)
	}
	return nil
}

// textReader reads r as UTF-8: a stream that opens with a UTF-16 byte-order mark (PowerShell,
// Notepad's "Unicode") is decoded; anything else passes through, line by line fixed by toUTF8.
func textReader(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	head, _ := br.Peek(2)
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return transform.NewReader(br, unicode.BOMOverride(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()))
	}
	return br
}

// toUTF8 returns s unchanged when it is UTF-8; otherwise it reads it as GB18030 (GBK's superset,
// what a Chinese Windows console or file holds) when that decodes cleanly. Text that is neither
// is returned as it is, for the engine to refuse.
func toUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().String(s)
	if err != nil || !utf8.ValidString(out) || strings.ContainsRune(out, utf8.RuneError) {
		return s
	}
	return out
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
	if ans.Explain != nil && !oneLine {
		text = strings.TrimRight(text, "\n") + "\n\n" + bot.FormatExplanation(*ans.Explain)
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
