package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"newsbot/store/postgres/pgtest"
)

// outageProxy forwards TCP connections to the database until down is called: then it cuts every
// open connection and refuses new ones until up, as a restarting database server looks to its
// clients.
type outageProxy struct {
	ln     net.Listener
	target string
	down   atomic.Bool
	mu     sync.Mutex
	conns  map[net.Conn]bool
}

func newOutageProxy(t *testing.T, target string) *outageProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &outageProxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	t.Cleanup(func() { ln.Close(); p.cut() })
	go p.serve()
	return p
}

func (p *outageProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if p.down.Load() {
			c.Close()
			continue
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns[c], p.conns[s] = true, true
		p.mu.Unlock()
		go func() { io.Copy(s, c); s.Close(); c.Close() }()
		go func() { io.Copy(c, s); s.Close(); c.Close() }()
	}
}

func (p *outageProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		c.Close()
	}
	p.conns = map[net.Conn]bool{}
}

// TestReplicaSurvivesDatabaseOutage: questions asked while the database is away get a clear 503
// (never a 500), the replica recovers by itself when it is back, and every question answered 200
// has its conversation turn in the database.
func TestReplicaSurvivesDatabaseOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	db := pgtest.NewDatabase(t)
	u, _ := url.Parse(db)
	proxy := newOutageProxy(t, u.Host)
	viaProxy := *u
	viaProxy.Host = proxy.ln.Addr().String()
	r := startReplica(t, env{"NEWSBOT_DATA": t.TempDir(), "NEWSBOT_DATABASE_URL": viaProxy.String()})

	var ok, unavailable, other atomic.Int32
	var mu sync.Mutex
	answered := map[string]bool{}
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				conv := fmt.Sprintf("load-%d-%d", w, i)
				_, status := r.ask(t, conv, "达茂旗的总面积是多少？")
				switch status {
				case 200:
					ok.Add(1)
					mu.Lock()
					answered[conv] = true
					mu.Unlock()
				case 503:
					unavailable.Add(1)
				default:
					other.Add(1)
				}
			}
		}()
	}
	waitFor := func(what string, cond func() bool) {
		deadline := time.Now().Add(30 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("%s: not within 30 s (ok %d, 503 %d, other %d)", what, ok.Load(), unavailable.Load(), other.Load())
			}
			time.Sleep(20 * time.Millisecond) // watching counters other goroutines move, with a deadline
		}
	}
	waitFor("answers before the outage", func() bool { return ok.Load() >= 20 })
	proxy.down.Store(true)
	proxy.cut()
	outageStart := ok.Load()
	waitFor("503s during the outage", func() bool { return unavailable.Load() >= 10 })
	during := ok.Load() - outageStart
	proxy.down.Store(false)
	recovered := ok.Load()
	start := time.Now()
	waitFor("answers after the database is back", func() bool { return ok.Load() >= recovered+20 })
	recovery := time.Since(start)
	stop()
	wg.Wait()
	if n := other.Load(); n != 0 {
		t.Errorf("%d answers neither 200 nor 503", n)
	}
	if during > 4 { // requests in flight at the cut may still have been answered
		t.Errorf("%d questions answered 200 while the database was away", during)
	}
	conn, err := pgx.Connect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	stored := map[string]bool{}
	rows, err := conn.Query(context.Background(), "SELECT DISTINCT conversation FROM conversation_turns")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		_ = rows.Scan(&c)
		stored[c] = true
	}
	lost := 0
	for c := range answered {
		if !stored[c] {
			lost++
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d questions answered 200 have no stored turn", lost, len(answered))
	}
	t.Logf("database away then back: %d answered, %d clear 503s, 0 other; answering again %v after it came back; no turn lost",
		ok.Load(), unavailable.Load(), recovery.Round(time.Millisecond))
}
