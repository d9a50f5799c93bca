package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults of Options.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBytes     = 32 << 20
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "newsbot/1 (+feed and e-paper ingest)"
)

// Sentinel errors, usable with errors.Is; a FetchError wraps them with the URL.
var (
	ErrScheme       = errors.New("only http and https URLs can be fetched")
	ErrTooLarge     = errors.New("response body too large")
	ErrTooManyHops  = errors.New("too many redirects")
	ErrNotFetchable = errors.New("not a fetchable URL")
)

// Options configure a Client; zero fields take the defaults.
type Options struct {
	Timeout      time.Duration     // the whole request, body included; default DefaultTimeout
	MaxBytes     int64             // largest body read; default DefaultMaxBytes
	MaxRedirects int               // redirects followed; default DefaultMaxRedirects
	UserAgent    string            // default DefaultUserAgent
	Transport    http.RoundTripper // default http.DefaultTransport
}

// Client fetches URLs under the limits of Options. It is safe for concurrent use.
type Client struct {
	opts Options
	hc   *http.Client
}

// New returns a Client with opts' limits.
func New(opts Options) *Client {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	c := &Client{opts: opts}
	c.hc = &http.Client{Transport: opts.Transport, Timeout: opts.Timeout, CheckRedirect: c.checkRedirect}
	return c
}

// checkRedirect bounds the redirects and keeps them on http and https.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opts.MaxRedirects {
		return fmt.Errorf("%w (more than %d)", ErrTooManyHops, c.opts.MaxRedirects)
	}
	if err := CheckURL(req.URL.String()); err != nil {
		return err
	}
	return nil
}

// IsURL reports whether s is meant as a URL rather than a file path: it has a scheme and a
// host ("http://…", "ftp://…"). Such an argument is fetched or refused, never read as a file.
func IsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && len(u.Scheme) > 1 && strings.HasPrefix(s[len(u.Scheme):], "://")
}

// CheckURL accepts an absolute http or https URL with a host.
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotFetchable, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return fmt.Errorf("%w (got %q)", ErrScheme, u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%w: no host", ErrNotFetchable)
	}
	return nil
}

// Validators are what a server said of the last copy it sent, for a conditional request.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// Response is a fetched document.
type Response struct {
	URL         string // after redirects
	Body        []byte // nil when NotModified
	ContentType string // media type without parameters, lower case
	NotModified bool   // 304: the copy the Validators describe is current
	Validators  Validators
}

// Error is a failed fetch: the URL, the HTTP status when the server answered, and why.
type Error struct {
	URL    string
	Status int // 0 when no answer was had
	Err    error
}

func (e *Error) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("fetch %s: HTTP %d %s: %v", e.URL, e.Status, http.StatusText(e.Status), e.Err)
	}
	return fmt.Sprintf("fetch %s: %v", e.URL, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Refused reports a fetch refused for what was asked (a scheme other than http(s), a malformed
// URL) rather than for what the server did: bad input, not a transient failure.
func Refused(err error) bool {
	return errors.Is(err, ErrScheme) || errors.Is(err, ErrNotFetchable)
}

// Get fetches rawURL, conditionally when v holds validators. A status other than 200 and 304,
// a body over the cap, a timeout or a network error is an *Error.
func (c *Client) Get(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	if err := CheckURL(rawURL); err != nil {
		return nil, &Error{URL: rawURL, Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, &Error{URL: rawURL, Err: fmt.Errorf("%w: %v", ErrNotFetchable, err)}
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, &Error{URL: rawURL, Err: unwrapURLError(err)}
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), Validators: Validators{
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}
	out.ContentType, _, _ = mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		out.NotModified = true
		if out.Validators == (Validators{}) {
			out.Validators = v
		}
		return out, nil
	default:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return nil, &Error{URL: rawURL, Status: resp.StatusCode, Err: errors.New("the server did not send the document")}
	}
	if resp.ContentLength > c.opts.MaxBytes {
		return nil, &Error{URL: rawURL, Status: resp.StatusCode,
			Err: fmt.Errorf("%w: %d bytes announced, at most %d", ErrTooLarge, resp.ContentLength, c.opts.MaxBytes)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		return nil, &Error{URL: rawURL, Status: resp.StatusCode, Err: fmt.Errorf("reading the body: %w", unwrapURLError(err))}
	}
	if int64(len(body)) > c.opts.MaxBytes {
		return nil, &Error{URL: rawURL, Status: resp.StatusCode,
			Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, c.opts.MaxBytes)}
	}
	out.Body = body
	return out, nil
}

// unwrapURLError drops net/http's *url.Error wrapper, which repeats the method and URL that
// Error already names.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("timed out: %w", ue.Err)
		}
		return ue.Err
	}
	return err
}
