package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"newsbot/bot"
)

// findChromium returns a Chromium or Chrome binary, or skips the test when there is none.
func findChromium(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (/usr/bin/chromium or on PATH): skipping the real-browser test; install the Debian package chromium to run it")
	return ""
}

// browser is one headless Chromium tab with a fresh profile, and the JavaScript exceptions the
// page has thrown.
type browser struct {
	ctx context.Context // the tab, with the test's deadline
	tab context.Context // the tab, without it: for diagnostics after a timeout

	mu         sync.Mutex
	exceptions []string
}

// chatInBrowser serves the web chat over a fakeAsker and opens a 1280×800 browser for it.
func chatInBrowser(t *testing.T) (*browser, *fakeAsker, *httptest.Server) {
	t.Helper()
	fake := newFakeAsker()
	return newBrowser(t, 1280, 800), fake, serveAsker(t, fake)
}

func newBrowser(t *testing.T, width, height int) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(findChromium(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	b := &browser{}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(func(ev any) {
		if ex, ok := ev.(*runtime.EventExceptionThrown); ok {
			b.mu.Lock()
			d := ex.ExceptionDetails
			msg := fmt.Sprintf("%s at %s:%d", d.Text, d.URL, d.LineNumber+1)
			if d.Exception != nil {
				msg += ": " + d.Exception.Description
			}
			b.exceptions = append(b.exceptions, msg)
			b.mu.Unlock()
		}
	}))
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(tabCtx, 60*time.Second) // generous: CI machines can be busy
	t.Cleanup(cancel)
	b.ctx, b.tab = ctx, tabCtx
	return b
}

func (b *browser) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatalf("%s: %v\npage: %s", what, err, b.pageText())
	}
}

// pageText is the start of the page's visible text, to show what the page looked like when a
// step failed.
func (b *browser) pageText() string {
	ctx, cancel := context.WithTimeout(b.tab, 5*time.Second)
	defer cancel()
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText.slice(0, 3000)`))
	if err != nil {
		return "(unavailable: " + err.Error() + ")"
	}
	return text
}

func run[T any](t *testing.T, b *browser, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		t.Fatalf("%s: %v\npage: %s", what, err, b.pageText())
	}
	return v
}

func (b *browser) waitAnswers(t *testing.T, n int) {
	t.Helper()
	run(t, b, "wait for answer", chromedp.Poll[bool](
		`document.querySelectorAll('[data-role="answer"]').length >= `+string(rune('0'+n))))
}

const (
	questionBox  = `textarea[name="question"], input[name="question"]`
	lastAnswer   = `#log > [data-role="answer"]:last-child`
	articleView  = `[data-role="article"]`
	articleMark  = `[data-role="article"] mark`
	submitButton = `#ask-form button[type="submit"]`
)

// TestBrowserChat drives the real page in headless Chromium: ask (Enter), see the answer with a
// source, open the source and see the quote highlighted, ask a follow-up (submit button) in the
// same conversation, check that markup in articles and answers stays text, and browse the list.
func TestBrowserChat(t *testing.T) {
	b, fake, srv := chatInBrowser(t)

	b.do(t, "open the page", chromedp.Navigate(srv.URL), chromedp.WaitVisible(chromedp.CSS(questionBox)))
	run(t, b, "wait for the article list", chromedp.Poll[bool](`document.getElementById('edition').textContent.includes('2 篇文章')`))

	t.Run("ask with Enter and open the source", func(t *testing.T) {
		b.do(t, "type a question", chromedp.SendKeys(chromedp.CSS(questionBox), "达茂旗的面积是多少？\n"))
		b.waitAnswers(t, 1)
		if got := run(t, b, "box after Enter", chromedp.Evaluate[string](`document.querySelector('textarea[name="question"]').value`)); got != "" {
			t.Errorf("question box holds %q after sending, want it empty", got)
		}
		if got := run(t, b, "answer text", chromedp.Text(chromedp.CSS(lastAnswer))); !strings.Contains(got, "18177") || !strings.Contains(got, "武进与内蒙古达茂旗缔结友好城市") {
			t.Errorf("answer shows %q, want the answer and its source's title", got)
		}
		b.do(t, "click the citation", chromedp.Click(chromedp.CSS(lastAnswer+` a.cite[data-citation="1"]`)),
			chromedp.WaitVisible(chromedp.CSS(articleMark)))
		if got := run(t, b, "highlighted quote", chromedp.Text(chromedp.CSS(articleMark))); got != "达茂旗总面积18177平方千米,辖12个苏木乡镇" {
			t.Errorf("marked %q, want the quoted sentence as printed", got)
		}
		if got := run(t, b, "article headline", chromedp.Text(chromedp.CSS(articleView+" h2"))); got != "武进与内蒙古达茂旗缔结友好城市" {
			t.Errorf("article view headline %q", got)
		}
	})

	t.Run("follow-up with the submit button", func(t *testing.T) {
		b.do(t, "type a follow-up", chromedp.SendKeys(chromedp.CSS(questionBox), "那人口呢？"),
			chromedp.Click(chromedp.CSS(submitButton)))
		b.waitAnswers(t, 2)
		if got := run(t, b, "follow-up answer", chromedp.Text(chromedp.CSS(lastAnswer))); !strings.Contains(got, "11.4万") {
			t.Errorf("follow-up answer shows %q", got)
		}
		calls := fake.Calls()
		if len(calls) != 2 || calls[0].conversation != "" || calls[1].conversation != "conv-1" {
			t.Errorf("asker calls %+v: want a new conversation, then the follow-up in conv-1", calls)
		}
		b.do(t, "open the follow-up's source", chromedp.Click(chromedp.CSS(lastAnswer+` a.source[data-citation="1"]`)),
			chromedp.WaitVisible(chromedp.CSS(articleMark)))
		if got := run(t, b, "highlighted quote", chromedp.Text(chromedp.CSS(articleMark))); got != "总人口11.4万人。" {
			t.Errorf("marked %q", got)
		}
	})

	t.Run("markup in answers and articles stays text", func(t *testing.T) {
		b.do(t, "ask", chromedp.SendKeys(chromedp.CSS(questionBox), "脚本\n"))
		b.waitAnswers(t, 3)
		if got := run(t, b, "answer", chromedp.Text(chromedp.CSS(lastAnswer))); !strings.Contains(got, `<script>window.__xss="answer"</script>`) {
			t.Errorf("answer shows %q, want the markup as literal text", got)
		}
		b.do(t, "open the article", chromedp.Click(chromedp.CSS(lastAnswer+` a.cite[data-citation="1"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[data-role="article"][data-article-id="xss"] mark`)))
		if got := run(t, b, "headline", chromedp.Text(chromedp.CSS(articleView+" h2"))); got != xssTitle {
			t.Errorf("headline %q, want %q literally", got, xssTitle)
		}
		if got := run(t, b, "mark", chromedp.Text(chromedp.CSS(articleMark))); got != xssQuote {
			t.Errorf("mark %q, want %q literally", got, xssQuote)
		}
		checks := map[string]string{
			`typeof window.__xss`:                     "undefined",
			`String(document.images.length)`:          "0",
			`String(document.scripts.length)`:         "1",
			`document.scripts[0].getAttribute('src')`: "static/app.js",
		}
		for expr, want := range checks {
			if got := run(t, b, expr, chromedp.Evaluate[string](expr)); got != want {
				t.Errorf("%s = %q, want %q", expr, got, want)
			}
		}
	})

	t.Run("article list", func(t *testing.T) {
		b.do(t, "open the list", chromedp.Click(chromedp.CSS("#show-articles")),
			chromedp.WaitVisible(chromedp.CSS(`.article-list a[data-article="a1"]`)))
		if n := run(t, b, "count", chromedp.Evaluate[int](`document.querySelectorAll('.article-list li').length`)); n != 2 {
			t.Errorf("list shows %d articles, want 2", n)
		}
		b.do(t, "open an article", chromedp.Click(chromedp.CSS(`.article-list a[data-article="a1"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[data-role="article"][data-article-id="a1"]`)))
		if n := run(t, b, "marks", chromedp.Evaluate[int](`document.querySelectorAll('[data-role="article"] mark').length`)); n != 0 {
			t.Errorf("article opened from the list has %d marks, want none", n)
		}
		if got := run(t, b, "body", chromedp.Text(chromedp.CSS(articleView+" .article-body"))); !strings.Contains(got, "武进总面积1066平方千米。") {
			t.Errorf("article body %q lacks its last paragraph", got)
		}
	})

	t.Run("phone-sized screen", func(t *testing.T) {
		b.do(t, "phone viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
			chromedp.Click(chromedp.CSS("#side-close")), chromedp.WaitNotVisible(chromedp.CSS("#side")))
		fits := `(() => {
			const inView = (sel) => { const r = document.querySelector(sel).getBoundingClientRect();
				return r.width > 0 && r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight; };
			return [document.documentElement.scrollWidth <= innerWidth, inView('textarea[name="question"]'),
				inView('#ask-form button[type="submit"]'), inView('#show-articles')].join(',');
		})()`
		if got := run(t, b, "layout", chromedp.Evaluate[string](fits)); got != "true,true,true,true" {
			t.Errorf("phone layout checks (no sideways scroll, box, send, list button in view) = %s", got)
		}
		b.do(t, "open a source", chromedp.Click(chromedp.CSS(lastAnswer+` a.cite[data-citation="1"]`)),
			chromedp.WaitVisible(chromedp.CSS(articleMark)))
		cover := `(() => { const r = document.getElementById('side').getBoundingClientRect();
			return r.left === 0 && r.width === innerWidth; })()`
		if !run(t, b, "article covers the screen", chromedp.Evaluate[bool](cover)) {
			t.Errorf("article view does not cover the phone screen")
		}
		b.do(t, "close it", chromedp.Click(chromedp.CSS("#side-close")), chromedp.WaitNotVisible(chromedp.CSS("#side")),
			chromedp.EmulateViewport(1280, 800))
	})

	if dir := os.Getenv("NEWSBOT_SCREENSHOTS"); dir != "" {
		screenshots(t, b, dir, "fake-")
	}

	t.Run("a quick follow-up waits for its conversation", func(t *testing.T) {
		// The first answer is held back until the follow-up has been typed and sent.
		release := make(chan struct{})
		slow := newFakeAsker()
		inner := newFakeAsker()
		slow.ask = func(ctx context.Context, conv, q string) (bot.Answer, error) {
			if strings.Contains(q, "面积") {
				<-release
			}
			return inner.Ask(ctx, conv, q)
		}
		srv2 := serveAsker(t, slow)
		b.do(t, "open the page", chromedp.Navigate(srv2.URL), chromedp.WaitVisible(chromedp.CSS(questionBox)),
			chromedp.SendKeys(chromedp.CSS(questionBox), "达茂旗面积？\n"),
			chromedp.SendKeys(chromedp.CSS(questionBox), "那人口呢？\n"))
		run(t, b, "both questions shown", chromedp.Poll[bool](`document.querySelectorAll('#log > .msg.user').length === 2`))
		close(release)
		b.waitAnswers(t, 2)
		calls := slow.Calls()
		if len(calls) != 2 || calls[0].question != "达茂旗面积？" || calls[1].conversation != "conv-1" {
			t.Errorf("calls %+v: want the follow-up sent in the first question's conversation", calls)
		}
	})
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.exceptions) > 0 {
		t.Errorf("the page threw: %v", b.exceptions)
	}
}

// screenshots saves the page at desktop and phone width (NEWSBOT_SCREENSHOTS=DIR), for a person
// to look at during development.
func screenshots(t *testing.T, b *browser, dir, prefix string) {
	shoot := func(name string) {
		png := run(t, b, "screenshot", chromedp.CaptureScreenshot())
		path := filepath.Join(dir, prefix+name)
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", path)
	}
	b.do(t, "show a source", chromedp.Click(chromedp.CSS(`#log > [data-role="answer"] a.cite`)), chromedp.WaitVisible(chromedp.CSS(articleMark)))
	shoot("desktop-article.png")
	b.do(t, "close", chromedp.Click(chromedp.CSS("#side-close")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('log').scrollTop = 1e9`))
	shoot("desktop-chat.png")
	b.do(t, "phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	b.do(t, "scroll", chromedp.Evaluate[chromedp.Void](`document.getElementById('log').scrollTop = 1e9`))
	shoot("phone-chat.png")
	b.do(t, "show a source", chromedp.Click(chromedp.CSS(`#log > [data-role="answer"] a.cite`)), chromedp.WaitVisible(chromedp.CSS(articleMark)))
	shoot("phone-article.png")
	b.do(t, "list", chromedp.Click(chromedp.CSS("#side-close")), chromedp.Click(chromedp.CSS("#show-articles")),
		chromedp.WaitVisible(chromedp.CSS(".article-list")))
	shoot("phone-list.png")
}
