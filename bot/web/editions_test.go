package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"newsbot/corpus"
)

// threeEditions are two issues of one paper and one of another, out of order, plus an undated
// item.
func threeEditions() []corpus.Article {
	return []corpus.Article{
		{ID: "old1", Paper: "青山日报", Date: "2026-12-06", Title: "昨天的头条", Kind: corpus.KindNews, Text: "旧闻。"},
		{ID: "new1", Paper: "青山日报", Date: "2026-12-07", Page: "第1版", Kicker: "民生实事", Title: "青山湖大桥今天通车", Kind: corpus.KindNews, Text: "大桥通车。"},
		{ID: "undated", Title: "没有日期的稿件", Kind: corpus.KindNews, Text: "不知哪天。"},
		{ID: "new2", Paper: "青山日报", Date: "2026-12-07", Page: "第2版", Title: "城东新建三所小学", Kind: corpus.KindNews, Text: "三所小学。"},
		{ID: "other", Paper: "湖畔晚报", Date: "2026-12-06", Title: "晚报消息", Kind: corpus.KindNews, Text: "晚报。"},
	}
}

func TestEditionsNewestFirst(t *testing.T) {
	h := newTestServer(t, Options{Asker: &fakeAsker{articles: threeEditions()}}).Handler()
	got := do(t, h, "GET", "/api/editions", "")
	if got.status != http.StatusOK || got.header.Get("X-Total-Count") != "4" {
		t.Fatalf("status %d, X-Total-Count %q: %s", got.status, got.header.Get("X-Total-Count"), got.body)
	}
	var eds []EditionJSON
	if err := json.Unmarshal([]byte(got.body), &eds); err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, e := range eds {
		rows = append(rows, e.Date+" "+e.Paper+" "+string(rune('0'+e.Articles)))
		if e.Headlines != nil {
			t.Errorf("headlines listed without ?headlines=1: %+v", e)
		}
	}
	want := "2026-12-07 青山日报 2|2026-12-06 湖畔晚报 1|2026-12-06 青山日报 1|  1"
	if strings.Join(rows, "|") != want {
		t.Errorf("editions %q, want %q", strings.Join(rows, "|"), want)
	}

	got = do(t, h, "GET", "/api/editions?limit=1&headlines=1", "")
	eds = nil
	if err := json.Unmarshal([]byte(got.body), &eds); err != nil {
		t.Fatal(err)
	}
	if len(eds) != 1 || eds[0].Label != "青山日报 2026-12-07" || len(eds[0].Headlines) != 2 ||
		eds[0].Headlines[0] != (HeadlineJSON{ID: "new1", Kicker: "民生实事", Headline: "青山湖大桥今天通车", Page: "第1版"}) {
		t.Errorf("newest edition with headlines: %+v", eds)
	}
	// Every headline field is present, empty when the article has none (new2 has no kicker):
	// clients read the README's field list, not Go's omitempty.
	var raw []struct{ Headlines []map[string]any }
	if err := json.Unmarshal([]byte(got.body), &raw); err != nil {
		t.Fatal(err)
	}
	for _, h := range raw[0].Headlines {
		for _, k := range []string{"id", "kicker", "headline", "page"} {
			if _, ok := h[k]; !ok {
				t.Errorf("headline %v lacks %q", h, k)
			}
		}
	}
	for _, q := range []string{"?limit=-1", "?headlines=yes"} {
		if got := do(t, h, "GET", "/api/editions"+q, ""); got.status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", q, got.status)
		}
	}
	if got := do(t, h, "POST", "/api/editions", "{}"); got.status != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", got.status)
	}
}

// TestBrowserNewestHeadlines: the page lists the newest edition's headlines under the greeting,
// and a headline opens its article.
func TestBrowserNewestHeadlines(t *testing.T) {
	b := newBrowser(t, 1280, 800)
	srv := serveAsker(t, &fakeAsker{articles: threeEditions()})
	b.do(t, "open the page", chromedp.Navigate(srv.URL),
		chromedp.WaitVisible(chromedp.CSS(`[data-role="newest-edition"] [data-role="headlines"] a`)))
	if got := run(t, b, "edition title", chromedp.Text(chromedp.CSS(`[data-role="newest-edition"] h2`))); !strings.Contains(got, "青山日报 2026-12-07") || !strings.Contains(got, "2 篇") {
		t.Errorf("newest edition title %q", got)
	}
	got := run(t, b, "headlines", chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-role="headlines"] .title')].map((e) => e.textContent)`))
	if strings.Join(got, "|") != "青山湖大桥今天通车|城东新建三所小学" {
		t.Errorf("headlines %q", got)
	}
	b.do(t, "open a headline", chromedp.Click(chromedp.CSS(`[data-role="headlines"] a[data-headline="new2"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-role="article"][data-article-id="new2"]`)))
	if got := run(t, b, "article headline", chromedp.Text(chromedp.CSS(articleView+" h2"))); got != "城东新建三所小学" {
		t.Errorf("article view headline %q", got)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.exceptions) > 0 {
		t.Errorf("the page threw: %v", b.exceptions)
	}
}
