package web

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"newsbot/bot"
	"newsbot/corpus"
)

// xssTitle and xssText try to run script if the page or API ever treats text as HTML.
const (
	xssTitle = `<script>window.__xss="title"</script>标题<img src=x onerror="window.__xss='title-img'">`
	xssText  = "第一段<img src=x onerror=\"window.__xss='img'\">正文。\n第二段<script>window.__xss='script'</script>结束。"
	xssQuote = `<img src=x onerror="window.__xss='img'">正文。`
)

func testArticles() []corpus.Article {
	return []corpus.Article{
		{
			ID: "a1", Paper: "武进日报", Date: "2024-11-08", Page: "第2版", Kind: corpus.KindNews,
			Kicker: "共赴“新”征程", Title: "武进与内蒙古达茂旗缔结友好城市", Byline: "记者 朱梦琪",
			Text: "本报讯 (记者 朱梦琪) 昨天,武进区政府与达茂旗政府正式签署协议。\n" +
				"达茂旗总面积18177平方千米,辖12个苏木乡镇,总人口11.4万人。\n武进总面积1066平方千米。",
		},
		{
			ID: "xss", Kind: corpus.KindNews, Title: xssTitle, Byline: `<b>记者</b>`,
			Text: xssText,
		},
	}
}

type askCall struct{ conversation, question string }

// fakeAsker answers from a fixed list of articles: a question naming "面积" or "人口" finds a1, one
// naming "脚本" finds the XSS article, anything else is refused. It records every call.
type fakeAsker struct {
	articles []corpus.Article
	// ask, when set, replaces the built-in answers (errors, panics, slow answers).
	ask func(ctx context.Context, conversation, question string) (bot.Answer, error)

	mu    sync.Mutex
	calls []askCall
	convs int
}

func newFakeAsker() *fakeAsker { return &fakeAsker{articles: testArticles()} }

func (f *fakeAsker) Ask(ctx context.Context, conversation, question string) (bot.Answer, error) {
	f.mu.Lock()
	f.calls = append(f.calls, askCall{conversation, question})
	if conversation == "" {
		f.convs++
		conversation = fmt.Sprintf("conv-%d", f.convs)
	}
	f.mu.Unlock()
	if f.ask != nil {
		return f.ask(ctx, conversation, question)
	}
	ans := bot.Answer{Question: question, Conversation: conversation}
	switch {
	case strings.Contains(question, "面积"):
		ans.Found = true
		ans.Answer = "达茂旗总面积18177平方千米。[1]"
		ans.Citations = []bot.Citation{f.cite(1, "a1", "达茂旗总面积18177平方千米，辖12个苏木乡镇")}
	case strings.Contains(question, "人口"):
		ans.Found = true
		ans.Answer = "达茂旗总人口11.4万人。[1]"
		ans.Citations = []bot.Citation{f.cite(1, "a1", "总人口11.4万人。")}
	case strings.Contains(question, "脚本"):
		ans.Found = true
		ans.Answer = `答案<script>window.__xss="answer"</script>。[1]`
		ans.Citations = []bot.Citation{f.cite(1, "xss", xssQuote)}
	default:
		ans.Answer = "抱歉，本期报纸中没有找到相关内容。"
	}
	return ans, nil
}

func (f *fakeAsker) cite(n int, id, quote string) bot.Citation {
	a, _ := f.Article(id)
	return bot.Citation{N: n, ArticleID: id, Title: a.Headline(), Byline: a.Byline, Edition: a.EditionLabel(),
		Page: a.Page, Quote: quote}
}

func (f *fakeAsker) Articles() []corpus.Article { return f.articles }

func (f *fakeAsker) Article(id string) (corpus.Article, bool) {
	for _, a := range f.articles {
		if a.ID == id {
			return a, true
		}
	}
	return corpus.Article{}, false
}

func (f *fakeAsker) Calls() []askCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]askCall(nil), f.calls...)
}
