package redact

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"strings"
	"testing"
)

const (
	apiKey = "sk-test-0123456789abcdef"
	token  = "123456:AAE-secret_token"
)

// TestHandlerMasksEveryRecordPart: the secrets never reach the log output, whether in the
// message, a string, an error, a value printed with fmt, a group or a logger's attributes, in
// plain or URL-escaped spelling, with the text and the JSON handler.
func TestHandlerMasksEveryRecordPart(t *testing.T) {
	r := New(apiKey, token, "", "abc")
	for _, mk := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var out bytes.Buffer
		log := slog.New(Handler(mk(&out), r)).With("key", apiKey)
		log.Info("calling with "+apiKey,
			"err", fmt.Errorf("401: {\"error\":\"Bearer %s\"}", apiKey),
			"url", "https://api.telegram.org/bot"+url.PathEscape(token)+"/getMe",
			"query", "t="+url.QueryEscape(token),
			"any", struct{ K string }{apiKey}, "word", "abc",
			slog.Group("g", "inner", token))
		got := out.String()
		if strings.Contains(got, apiKey) || strings.Contains(got, "AAE-secret_token") || strings.Contains(got, "AAE-secret") {
			t.Errorf("a secret reached the log:\n%s", got)
		}
		if strings.Count(got, Mask) < 7 {
			t.Errorf("want 7 masks, log:\n%s", got)
		}
		if !strings.Contains(got, "abc") {
			t.Error("a 3-byte 'secret' was masked; too short to be one")
		}
	}
}

// TestErrorMasksAndKeepsChain: the printed error is masked, and the chain still answers
// errors.Is/As.
func TestErrorMasksAndKeepsChain(t *testing.T) {
	r := New(apiKey)
	base := &fs.PathError{Op: "open", Path: "/x", Err: fs.ErrPermission}
	err := r.Error(fmt.Errorf("embed: 401 Bearer %s: %w", apiKey, base))
	if strings.Contains(err.Error(), apiKey) || !strings.Contains(err.Error(), Mask) {
		t.Errorf("Error() = %q, want the key masked", err)
	}
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrPermission) || !errors.As(err, &pe) {
		t.Error("the masked error lost its chain")
	}
	plain := errors.New("nothing secret")
	if r.Error(plain) != plain || r.Error(nil) != nil {
		t.Error("an error without a secret should come back as it was")
	}
}

func TestWriterMasks(t *testing.T) {
	var out bytes.Buffer
	w := Writer(&out, New(apiKey))
	n, err := fmt.Fprintf(w, "refused: Bearer %s\n", apiKey)
	if err != nil || n != len("refused: Bearer \n")+len(apiKey) || strings.Contains(out.String(), apiKey) {
		t.Errorf("Writer wrote %q (%d, %v)", out.String(), n, err)
	}
}
