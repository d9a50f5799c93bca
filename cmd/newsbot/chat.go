package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"newsbot/bot"
)

// cmdChat is an interactive terminal conversation: follow-up questions keep their context; /new
// starts a new conversation; Ctrl-D (end of input) ends the chat.
func (a *app) cmdChat(ctx context.Context, args []string) error {
	fs := a.g.flagSet("chat", a.stderr)
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	eng, _, err := a.cliEngine(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "newsbot：请就本期报纸提问（可以追问；/new 开始新对话，/articles 列出文章，Ctrl-D 退出）。")
	return a.chatLoop(ctx, eng)
}

// chatLoop converses until end of input, /quit, or Ctrl-C (ctx), which ends it even while it
// waits for a line: a read from a terminal cannot be interrupted, so lines come from a goroutine.
func (a *app) chatLoop(ctx context.Context, eng *bot.Engine) error {
	next := readLines(ctx, textReader(a.stdin))
	conversation := ""
	for first := true; ; first = false {
		fmt.Fprint(a.stdout, "\n问> ")
		line, ok, err := next()
		if !ok {
			fmt.Fprintln(a.stdout)
			return err
		}
		q := strings.TrimSpace(toUTF8(line))
		if first {
			q = strings.TrimPrefix(q, "\uFEFF")
		}
		switch q {
		case "":
			continue
		case "/new":
			conversation = ""
			fmt.Fprintln(a.stdout, "（新的对话）")
			continue
		case "/articles":
			for i, art := range eng.Articles() {
				fmt.Fprintf(a.stdout, "%d. %s  %s\n", i+1, art.Headline(), art.Byline)
			}
			continue
		case "/quit", "/exit":
			return nil
		}
		ans, err := eng.Ask(ctx, conversation, q)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			fmt.Fprintf(a.stdout, "出错了：%v\n", err)
			continue
		}
		conversation = ans.Conversation
		fmt.Fprintln(a.stdout, strings.TrimRight(bot.FormatText(ans), "\n"))
	}
}

// readLines reads r line by line in a goroutine. Each call of the returned function gives the
// next line without its line end; ok is false at end of input (err nil), on a read error, or
// once ctx ends (err nil: an interrupt ends the input politely). The goroutine may stay blocked
// in a read after ctx ends; the process is about to exit then.
func readLines(ctx context.Context, r io.Reader) func() (line string, ok bool, err error) {
	type result struct {
		line string
		err  error
	}
	lines := make(chan result)
	go func() {
		defer close(lines)
		br := bufio.NewReaderSize(r, 64*1024)
		for {
			line, err := readLine(br, maxLineBytes)
			if err == nil || (errors.Is(err, io.EOF) && len(line) > 0) {
				select {
				case lines <- result{line: strings.TrimRight(string(line), "\r")}:
				case <-ctx.Done():
					return
				}
			}
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				select {
				case lines <- result{err: err}:
				case <-ctx.Done():
				}
				return
			}
		}
	}()
	return func() (string, bool, error) {
		select {
		case <-ctx.Done():
			return "", false, nil
		case res, open := <-lines:
			if !open {
				return "", false, nil
			}
			if res.err != nil {
				return "", false, fmt.Errorf("read from stdin: %w", res.err)
			}
			return res.line, true, nil
		}
	}
}

// maxLineBytes is how much of one input line is kept; a question is at most a few hundred
// characters, so a longer line is cut here and refused as too long by the engine, rather than
// ending the whole input.
const maxLineBytes = 64 << 10

// readLine reads one line without its "\n", keeping at most max bytes of it (cut at a character
// boundary) and discarding the rest. At the end of input it returns the last line, if any, with
// io.EOF.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if room := max - len(line); room > 0 {
			line = append(line, chunk[:min(len(chunk), room)]...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil:
			return trimPartialRune(line, max), err
		}
		return trimPartialRune(bytes.TrimSuffix(line, []byte("\n")), max), nil
	}
}

// trimPartialRune drops an incomplete UTF-8 character left at the end of a line cut at max bytes.
func trimPartialRune(b []byte, max int) []byte {
	if len(b) < max {
		return b
	}
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}
