package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"

	"newsbot/bot"
	"newsbot/bot/web"
	"newsbot/corpus"
)

// oneArticle is a stand-in for *bot.Engine.
type oneArticle struct{ a corpus.Article }

func (o oneArticle) Ask(_ context.Context, conversation, question string) (bot.Answer, error) {
	return bot.Answer{Question: question, Answer: "总面积1066平方千米。[1]", Found: true, Conversation: "c1",
		Citations: []bot.Citation{{N: 1, ArticleID: o.a.ID, Title: o.a.Headline(), Quote: "总面积1066平方千米"}}}, nil
}
func (o oneArticle) Articles() []corpus.Article { return []corpus.Article{o.a} }
func (o oneArticle) Article(id string) (corpus.Article, bool) {
	return o.a, id == o.a.ID
}

// Build the server over an engine and ask through the JSON API. cmd/newsbot serves the same
// handler with web.ListenAndServe(ctx, "127.0.0.1:8080", s.Handler(), ready).
func ExampleNew() {
	s, err := web.New(web.Options{Asker: oneArticle{corpus.Article{ID: "wj", Title: "武进概况", Text: "武进总面积1066平方千米。"}}})
	if err != nil {
		panic(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	res, err := srv.Client().Post(srv.URL+"/api/ask", "application/json", strings.NewReader(`{"question": "武进面积多大？"}`))
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	fmt.Println(res.Status)
	fmt.Print(string(body))

	res, err = srv.Client().Post(srv.URL+"/api/ask", "application/json", strings.NewReader(`{"q": "?"}`))
	if err != nil {
		panic(err)
	}
	body, _ = io.ReadAll(res.Body)
	res.Body.Close()
	fmt.Println(res.Status)
	fmt.Print(string(body))
	// Output:
	// 200 OK
	// {"question":"武进面积多大？","answer":"总面积1066平方千米。[1]","found":true,"citations":[{"n":1,"article_id":"wj","title":"武进概况","byline":"","edition":"","page":"","quote":"总面积1066平方千米"}],"conversation":"c1"}
	// 400 Bad Request
	// {"error":"unknown field \"q\"; expected \"question\" and \"conversation\""}
}

// Highlight marks a citation's quote in the article text, whatever the width of its punctuation.
func ExampleHighlight() {
	for _, seg := range web.Highlight("达茂旗总面积18177平方千米,辖12个苏木乡镇。", "总面积18177平方千米，辖") {
		fmt.Printf("%v %q\n", seg.Mark, seg.Text)
	}
	// Output:
	// false "达茂旗"
	// true "总面积18177平方千米,辖"
	// false "12个苏木乡镇。"
}
