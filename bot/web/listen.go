package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Timeouts of the HTTP server ListenAndServe runs. WriteTimeout leaves room for a slow answer
// (DefaultAskTimeout) before the connection is cut.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = DefaultAskTimeout + 15*time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
	shutdownTimeout   = 10 * time.Second
)

// ListenAndServe serves h on addr (e.g. "127.0.0.1:8080"; port 0 picks a free port) until ctx
// ends, then shuts down gracefully, letting requests in flight finish for up to 10 s. Once the
// listener is open it sends the server's URL (e.g. "http://127.0.0.1:8080/") on ready, if ready is
// not nil; give it a buffer of one or receive from it. It returns nil after a clean shutdown.
func ListenAndServe(ctx context.Context, addr string, h http.Handler, ready chan<- string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("web: listen on %s: %w", addr, err)
	}
	return Serve(ctx, ln, h, ready)
}

// Serve is ListenAndServe on an open listener, which it closes.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, ready chan<- string) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if ready != nil {
		select {
		case ready <- URL(ln.Addr()):
		case <-ctx.Done():
		}
	}
	select {
	case err := <-served:
		return fmt.Errorf("web: serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("web: shut down %s: %w", ln.Addr(), err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("web: serve on %s: %w", ln.Addr(), err)
	}
	return nil
}

// URL is the address a browser opens for a listener's address; an unspecified host (0.0.0.0,
// ::) is shown as 127.0.0.1, which reaches it from the same machine.
func URL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// IsLoopback reports whether addr ("host:port") listens on the loopback interface only; the
// caller can warn when the chat is exposed beyond this machine. "localhost" counts as loopback,
// an empty host (all interfaces) does not.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
