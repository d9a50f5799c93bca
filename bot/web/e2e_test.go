package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"newsbot/bot"
	"newsbot/bot/bottest"
)

// builtinEngine is the real engine over the built-in edition, shared with bot/telegram's tests.
var builtinEngine = bottest.BuiltinEngine

func newBuiltinEngine(tb testing.TB) *bot.Engine {
	tb.Helper()
	e, err := builtinEngine()
	if err != nil {
		tb.Fatalf("engine over the built-in edition: %v", err)
	}
	return e
}

// TestEndToEndBuiltin asks the real engine over the built-in edition through the HTTP API: an
// answer with a citation whose quote the article view can highlight, and a follow-up.
func TestEndToEndBuiltin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real index: skipped under -short")
	}
	h := newTestServer(t, Options{Asker: newBuiltinEngine(t)}).Handler()

	first := askJSON(t, h, "达茂旗的总面积是多少？", "")
	if !first.Found || !strings.Contains(first.Answer, "18177") || len(first.Citations) == 0 {
		t.Fatalf("answer %+v: want found, 18177 and a citation", first)
	}
	for _, c := range first.Citations {
		var a ArticleDetail
		got := do(t, h, "GET", "/api/articles/"+c.ArticleID+"?quote="+url.QueryEscape(c.Quote), "")
		if err := json.Unmarshal([]byte(got.body), &a); err != nil || got.status != 200 {
			t.Fatalf("article %s: status %d, %v: %s", c.ArticleID, got.status, err, got.body)
		}
		if c.Quote != "" && !a.Highlighted {
			t.Errorf("citation [%d] quote %q not highlighted in article %s", c.N, c.Quote, c.ArticleID)
		}
		if a.Headline != c.Title {
			t.Errorf("citation [%d] title %q, article headline %q", c.N, c.Title, a.Headline)
		}
	}

	followUp := askJSON(t, h, "那人口呢？", first.Conversation)
	if !followUp.Found || !strings.Contains(followUp.Answer, "11.4") {
		t.Errorf("follow-up answer %+v: want the population 11.4万", followUp)
	}

	refused := askJSON(t, h, "2030年世界杯在哪里举办？", "")
	if refused.Found {
		t.Errorf("unanswerable question answered: %+v", refused)
	}
	if refused.Citations == nil {
		t.Errorf("citations is null, want an array")
	}

	var list []ArticleJSON
	if err := json.Unmarshal([]byte(do(t, h, "GET", "/api/articles", "").body), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 6 {
		t.Errorf("built-in edition lists %d articles, want 6", len(list))
	}
}

// TestBrowserEndToEndBuiltin is the real page over the real engine: ask, open the source, see a
// highlighted quote that is part of the article.
func TestBrowserEndToEndBuiltin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real index: skipped under -short")
	}
	engine := newBuiltinEngine(t)
	b := newBrowser(t, 1024, 768)
	srv := serveAsker(t, engine)

	b.do(t, "open the page", chromedp.Navigate(srv.URL), chromedp.WaitVisible(chromedp.CSS(questionBox)))
	b.do(t, "ask", chromedp.SendKeys(chromedp.CSS(questionBox), "达茂旗的总面积是多少？\n"))
	b.waitAnswers(t, 1)
	if got := run(t, b, "answer", chromedp.Text(chromedp.CSS(lastAnswer))); !strings.Contains(got, "18177") {
		t.Errorf("answer shows %q, want 18177", got)
	}
	b.do(t, "open the source", chromedp.Click(chromedp.CSS(lastAnswer+` a.cite[data-citation="1"]`)),
		chromedp.WaitVisible(chromedp.CSS(articleMark)))
	mark := run(t, b, "mark", chromedp.Text(chromedp.CSS(articleMark)))
	body := run(t, b, "article", chromedp.Text(chromedp.CSS(articleView+" .article-body")))
	if mark == "" || !strings.Contains(body, mark) {
		t.Errorf("marked %q, want a non-empty part of the article %q", mark, body)
	}
	b.do(t, "follow-up", chromedp.SendKeys(chromedp.CSS(questionBox), "那人口呢？\n"))
	b.waitAnswers(t, 2)
	if got := run(t, b, "follow-up", chromedp.Text(chromedp.CSS(lastAnswer))); !strings.Contains(got, "11.4") {
		t.Errorf("follow-up shows %q, want 11.4", got)
	}
	b.do(t, "unanswerable", chromedp.SendKeys(chromedp.CSS(questionBox), "2030年世界杯在哪里举办？\n"))
	b.waitAnswers(t, 3)
	if found := run(t, b, "refusal", chromedp.Evaluate[string](`document.querySelector('#log > [data-role="answer"]:last-child').dataset.found`)); found != "false" {
		t.Errorf("unanswerable question shown with data-found=%q, want false", found)
	}
	if dir := os.Getenv("NEWSBOT_SCREENSHOTS"); dir != "" {
		screenshots(t, b, dir, "builtin-")
	}
}

func askJSON(t *testing.T, h http.Handler, question, conversation string) bot.Answer {
	t.Helper()
	body, err := json.Marshal(AskRequest{Question: question, Conversation: conversation})
	if err != nil {
		t.Fatal(err)
	}
	got := do(t, h, "POST", "/api/ask", string(body))
	if got.status != 200 {
		t.Fatalf("ask %q: status %d: %s", question, got.status, got.body)
	}
	var ans bot.Answer
	if err := json.Unmarshal([]byte(got.body), &ans); err != nil {
		t.Fatalf("ask %q: answer %s: %v", question, got.body, err)
	}
	return ans
}
