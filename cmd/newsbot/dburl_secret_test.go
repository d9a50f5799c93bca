package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"testing"

	"newsbot/internal/redact"
)

// echoPostgres is a PostgreSQL server that asks for a cleartext password and refuses it with an
// error message that quotes it, as a misconfigured server or proxy may: the password reaches
// whatever prints the client's connection error.
func echoPostgres(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go echoPassword(c)
		}
	}()
	return ln.Addr().String()
}

func echoPassword(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	for {
		var n, code uint32
		if binary.Read(r, binary.BigEndian, &n) != nil || n < 8 || binary.Read(r, binary.BigEndian, &code) != nil {
			return
		}
		if _, err := io.CopyN(io.Discard, r, int64(n-8)); err != nil {
			return
		}
		if code != 80877103 && code != 80877104 { // not an SSL or GSS encryption request
			break
		}
		c.Write([]byte("N")) // no encryption: go on in the clear
	}
	c.Write([]byte{'R', 0, 0, 0, 8, 0, 0, 0, 3}) // AuthenticationCleartextPassword
	var typ byte
	var n uint32
	if binary.Read(r, binary.BigEndian, &typ) != nil || typ != 'p' || binary.Read(r, binary.BigEndian, &n) != nil || n < 5 {
		return
	}
	pw := make([]byte, n-4)
	if _, err := io.ReadFull(r, pw); err != nil {
		return
	}
	var body []byte
	for _, f := range []string{"SFATAL", "VFATAL", "C28P01", fmt.Sprintf("Mpassword authentication failed: %q is wrong", strings.TrimRight(string(pw), "\x00"))} {
		body = append(append(body, f...), 0)
	}
	body = append(body, 0)
	msg := append([]byte{'E'}, binary.BigEndian.AppendUint32(nil, uint32(len(body)+4))...)
	c.Write(append(msg, body...))
}

// TestDatabasePasswordRedacted: the password of a --database-url given as a flag (before or after
// the command), like one given in NEWSBOT_DATABASE_URL, never reaches a printed error or a log
// line, even when the server echoes it back in its refusal.
func TestDatabasePasswordRedacted(t *testing.T) {
	addr := echoPostgres(t)
	const password = "pw-Sekr1t-4711"
	dsn := (&url.URL{Scheme: "postgres", User: url.UserPassword("newsbot", password), Host: addr,
		Path: "/newsbot", RawQuery: "sslmode=disable&connect_timeout=5"}).String()
	tests := []struct {
		name string
		env  env
		args []string
	}{
		{"flag before the command", nil, []string{"--database-url", dsn, "articles"}},
		{"flag after the command", nil, []string{"articles", "--database-url=" + dsn}},
		{"flag, json log", nil, []string{"--log-format", "json", "--database-url", dsn, "ask", "达茂旗面积"}},
		{"environment", env{"NEWSBOT_DATABASE_URL": dsn}, []string{"articles"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, err := runCmd(t, tc.env, "", tc.args...)
			if err == nil {
				t.Fatalf("the server refused the password, yet no error:\n%s%s", stdout, stderr)
			}
			printed := stdout + stderr + err.Error()
			if strings.Contains(printed, password) || strings.Contains(printed, "Sekr1t") {
				t.Errorf("the password was printed:\n%s", printed)
			}
			if !strings.Contains(printed, "password authentication failed") || !strings.Contains(printed, redact.Mask) {
				t.Errorf("the server's refusal, masked, is not in the output:\n%s", printed)
			}
		})
	}
}
