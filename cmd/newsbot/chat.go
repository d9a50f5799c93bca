package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

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

func (a *app) chatLoop(ctx context.Context, eng *bot.Engine) error {
	sc := bufio.NewScanner(a.stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	conversation := ""
	for {
		fmt.Fprint(a.stdout, "\n问> ")
		if !sc.Scan() {
			fmt.Fprintln(a.stdout)
			return sc.Err()
		}
		q := strings.TrimSpace(sc.Text())
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
