package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserWithoutJavaScript checks what the README says of the page with scripts off: it
// shows the notice pointing to the HTTP API, and /?question=… asks nothing (no answer appears,
// no question reaches the engine).
func TestBrowserWithoutJavaScript(t *testing.T) {
	b, fake, srv := chatInBrowser(t)
	scriptsOff := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return chromedp.Void{}, err
	}
	b.do(t, "open the page with scripts off", scriptsOff,
		chromedp.Navigate(srv.URL+"/?question="+url.QueryEscape("达茂旗的面积是多少？")),
		chromedp.WaitVisible(chromedp.CSS(".noscript")))
	notice := run(t, b, "notice", chromedp.Text(chromedp.CSS(".noscript")))
	if !strings.Contains(notice, "JavaScript") || !strings.Contains(notice, "/api/ask") {
		t.Errorf("notice %q: want it to say the page needs JavaScript and name the API", notice)
	}
	if n := len(fake.Calls()); n != 0 {
		t.Errorf("%d questions asked with scripts off; the README says none is", n)
	}
}
