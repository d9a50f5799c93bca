package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserOtherWaysToAsk drives the page the ways other clients do: Shift+Enter breaks the
// line without sending, a form submitted without the page's handler (chromedp.Submit calls
// HTMLFormElement.submit(), which skips submit events) still gets its question answered in
// the same conversation, and /?question=… asks at once.
func TestBrowserOtherWaysToAsk(t *testing.T) {
	b, fake, srv := chatInBrowser(t)
	b.do(t, "open the page", chromedp.Navigate(srv.URL), chromedp.WaitVisible(chromedp.CSS(questionBox)))

	t.Run("Shift+Enter breaks the line", func(t *testing.T) {
		b.do(t, "type two lines", chromedp.SendKeys(chromedp.CSS(questionBox), "第一行"),
			chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierShift)),
			chromedp.SendKeys(chromedp.CSS(questionBox), "第二行"))
		if got := run(t, b, "box", chromedp.Evaluate[string](`document.querySelector('textarea[name="question"]').value`)); got != "第一行\n第二行" {
			t.Errorf("box holds %q, want two lines", got)
		}
		if n := run(t, b, "questions", chromedp.Evaluate[int](`document.querySelectorAll('#log > .msg.user').length`)); n != 0 {
			t.Errorf("Shift+Enter sent %d questions, want none", n)
		}
		b.do(t, "clear", chromedp.Evaluate[chromedp.Void](`document.querySelector('textarea[name="question"]').value = ''`))
	})

	t.Run("double Enter and double click send once", func(t *testing.T) {
		fake := newFakeAsker()
		srv := serveAsker(t, fake)
		b.do(t, "open the page", chromedp.Navigate(srv.URL), chromedp.WaitVisible(chromedp.CSS(questionBox)),
			chromedp.SendKeys(chromedp.CSS(questionBox), "达茂旗的面积是多少？\n\n"))
		b.waitAnswers(t, 1)
		b.do(t, "click twice", chromedp.SendKeys(chromedp.CSS(questionBox), "那人口呢？"),
			chromedp.Click(chromedp.CSS(submitButton)), chromedp.Click(chromedp.CSS(submitButton)))
		b.waitAnswers(t, 2)
		if n := run(t, b, "questions", chromedp.Evaluate[int](`document.querySelectorAll('#log > .msg.user').length`)); n != 2 {
			t.Errorf("%d questions shown, want 2", n)
		}
		if n := len(fake.Calls()); n != 2 {
			t.Errorf("%d questions sent, want 2", n)
		}
	})

	t.Run("form submitted without the handler", func(t *testing.T) {
		b.do(t, "open the page", chromedp.Navigate(srv.URL), chromedp.WaitVisible(chromedp.CSS(questionBox)))
		b.submitNatively(t, "达茂旗的面积是多少？")
		b.waitAnswers(t, 1)
		if got := run(t, b, "answer", chromedp.Text(chromedp.CSS(lastAnswer))); !strings.Contains(got, "18177") {
			t.Errorf("answer shows %q", got)
		}
		if loc := run(t, b, "address", chromedp.Location()); strings.Contains(loc, "question=") {
			t.Errorf("address %q still holds the question (a reload would ask it again)", loc)
		}
		b.submitNatively(t, "那人口呢？")
		run(t, b, "wait for the follow-up", chromedp.Poll[bool](`[...document.querySelectorAll('[data-role="answer"]')].some(e => e.textContent.includes('11.4万'))`))
		calls := fake.Calls()
		if len(calls) != 2 || calls[1].question != "那人口呢？" || calls[1].conversation != "conv-1" {
			t.Errorf("asker calls %+v: want the follow-up in conv-1", calls)
		}
	})

	t.Run("question in the address", func(t *testing.T) {
		b.do(t, "open a link", chromedp.Navigate(srv.URL+"/?question=%E8%BE%BE%E8%8C%82%E6%97%97%E9%9D%A2%E7%A7%AF"))
		b.waitAnswers(t, 1)
		if got := run(t, b, "answer", chromedp.Text(chromedp.CSS(lastAnswer))); !strings.Contains(got, "18177") {
			t.Errorf("answer shows %q", got)
		}
	})
	t.Run("behind a reverse proxy under a path prefix", func(t *testing.T) {
		// As nginx's `location /newsbot/ { proxy_pass http://127.0.0.1:8080/; }` serves it.
		mux := http.NewServeMux()
		mux.Handle("/newsbot/", http.StripPrefix("/newsbot", newTestServer(t, Options{}).Handler()))
		proxied := httptest.NewServer(mux)
		defer proxied.Close()
		b.do(t, "open the page", chromedp.Navigate(proxied.URL+"/newsbot/"), chromedp.WaitVisible(chromedp.CSS(questionBox)),
			chromedp.SendKeys(chromedp.CSS(questionBox), "达茂旗的面积是多少？\n"))
		b.waitAnswers(t, 1)
		b.do(t, "open the source", chromedp.Click(chromedp.CSS(lastAnswer+` a.cite[data-citation="1"]`)),
			chromedp.WaitVisible(chromedp.CSS(articleMark)))
		if !run(t, b, "style sheet", chromedp.Evaluate[bool](`document.styleSheets.length > 0 && document.styleSheets[0].cssRules.length > 0`)) {
			t.Errorf("the style sheet did not load under the prefix")
		}
	})
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.exceptions) > 0 {
		t.Errorf("the page threw: %v", b.exceptions)
	}
}

// submitNatively types q and submits the form with HTMLFormElement.submit() (chromedp.Submit),
// then waits until the page it navigates to has loaded.
func (b *browser) submitNatively(t *testing.T, q string) {
	t.Helper()
	b.do(t, "submit natively", chromedp.Evaluate[chromedp.Void](`window.__beforeSubmit = true`),
		chromedp.SetValue(chromedp.CSS(questionBox), q), chromedp.Submit(chromedp.CSS(questionBox)))
	// Evaluating fails while the old page is torn down; retry until the new page answers.
	for {
		loaded, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.__beforeSubmit === undefined && document.readyState === 'complete'`))
		if err == nil && loaded {
			return
		}
		if b.ctx.Err() != nil {
			t.Fatalf("the page did not load after a native submit: %v\npage: %s", err, b.pageText())
		}
	}
}
