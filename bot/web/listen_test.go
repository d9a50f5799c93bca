package web

import (
	"context"
	"net"
	"net/http"
	"testing"
)

func TestListenAndServe(t *testing.T) {
	h := newTestServer(t, Options{}).Handler()
	ctx, cancel := context.WithCancel(t.Context())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- ListenAndServe(ctx, "127.0.0.1:0", h, ready) }()
	url := <-ready
	res, err := http.Get(url + "healthz")
	if err != nil {
		t.Fatalf("GET healthz: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("healthz status %d", res.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("ListenAndServe after cancel = %v, want nil", err)
	}
	if _, err := http.Get(url + "healthz"); err == nil {
		t.Errorf("server still answers after shutdown")
	}
}

func TestListenAndServeBadAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if err := ListenAndServe(t.Context(), ln.Addr().String(), http.NotFoundHandler(), nil); err == nil {
		t.Errorf("ListenAndServe on a busy port = nil, want an error")
	}
}

func TestURL(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"127.0.0.1:8080", "http://127.0.0.1:8080/"},
		{"0.0.0.0:80", "http://127.0.0.1:80/"},
		{"[::]:8080", "http://127.0.0.1:8080/"},
		{"[::1]:8080", "http://[::1]:8080/"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			addr, err := net.ResolveTCPAddr("tcp", tt.addr)
			if err != nil {
				t.Fatal(err)
			}
			if got := URL(addr); got != tt.want {
				t.Errorf("URL(%s) = %q, want %q", tt.addr, got, tt.want)
			}
		})
	}
}

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true},
		{"localhost:8080", true},
		{"[::1]:8080", true},
		{":8080", false},
		{"0.0.0.0:8080", false},
		{"192.168.1.5:8080", false},
		{"example.com:80", false},
		{"nonsense", false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			if got := IsLoopback(tt.addr); got != tt.want {
				t.Errorf("IsLoopback(%q) = %v, want %v", tt.addr, got, tt.want)
			}
		})
	}
}
