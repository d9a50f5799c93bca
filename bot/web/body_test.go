package web

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

func encode(t *testing.T, enc encoding.Encoding, s string) string {
	t.Helper()
	out, err := enc.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return out
}

func multipartBody(t *testing.T, fields map[string]string) (body, contentType string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String(), mw.FormDataContentType()
}

// TestAskBodyForms checks that /api/ask understands the bodies real clients send besides the
// contract's UTF-8 JSON: HTML forms (curl -d, curl -F), a bare text/plain question, a declared
// or undeclared Chinese legacy charset, UTF-16 and a byte-order mark.
func TestAskBodyForms(t *testing.T) {
	const q = "达茂旗面积多大？"
	jsonQ := `{"question":"` + q + `","conversation":"c-7"}`
	mpBody, mpType := multipartBody(t, map[string]string{"question": q, "conversation": "c-7"})
	utf16LE := encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), jsonQ)
	tests := []struct {
		name        string
		contentType string
		body        string
		wantConv    string
		wantQ       string // default q
		query       string
	}{
		{name: "query string, no body", query: "?" + url.Values{"question": {q}, "conversation": {"c-7"}}.Encode(), wantConv: "c-7"},
		{name: "json", contentType: "application/json", body: jsonQ, wantConv: "c-7"},
		{name: "json under curl -d's form type", contentType: "application/x-www-form-urlencoded", body: jsonQ, wantConv: "c-7"},
		{name: "form", contentType: "application/x-www-form-urlencoded",
			body: url.Values{"question": {q}, "conversation": {"c-7"}}.Encode(), wantConv: "c-7"},
		{name: "form with a charset", contentType: "application/x-www-form-urlencoded; charset=GBK",
			body: url.Values{"question": {encode(t, simplifiedchinese.GBK, q)}}.Encode()},
		{name: "multipart form", contentType: mpType, body: mpBody, wantConv: "c-7"},
		{name: "text/plain question", contentType: "text/plain; charset=utf-8", body: q + "\n"},
		{name: "a bare JSON string", contentType: "application/json", body: `"` + q + `"`},
		{name: "text/plain JSON", contentType: "text/plain", body: jsonQ, wantConv: "c-7"},
		{name: "json declared gbk", contentType: "application/json; charset=gbk", body: encode(t, simplifiedchinese.GBK, jsonQ), wantConv: "c-7"},
		{name: "json declared GB2312", contentType: "application/json;charset=\"GB2312\"", body: encode(t, simplifiedchinese.GBK, jsonQ), wantConv: "c-7"},
		{name: "json declared big5", contentType: "application/json; charset=big5", body: encode(t, traditionalchinese.Big5, `{"question":"達茂旗面積多大？"}`),
			wantQ: "達茂旗面積多大？"},
		{name: "json undeclared gbk", contentType: "application/json", body: encode(t, simplifiedchinese.GBK, jsonQ), wantConv: "c-7"},
		{name: "json no content type, gb18030", body: encode(t, simplifiedchinese.GB18030, jsonQ), wantConv: "c-7"},
		{name: "json with a UTF-8 BOM", contentType: "application/json", body: "\uFEFF" + jsonQ, wantConv: "c-7"},
		{name: "json in UTF-16 with a BOM", contentType: "application/json", body: utf16LE, wantConv: "c-7"},
		{name: "json declared utf-16", contentType: "application/json; charset=utf-16", body: utf16LE, wantConv: "c-7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFakeAsker()
			h := newTestServer(t, Options{Asker: fake}).Handler()
			var header []string
			if tt.contentType != "" {
				header = []string{"Content-Type", tt.contentType}
			}
			got := do(t, h, "POST", "/api/ask"+tt.query, tt.body, header...)
			if got.status != 200 {
				t.Fatalf("status %d, want 200; body %s", got.status, got.body)
			}
			want := tt.wantQ
			if want == "" {
				want = q
			}
			calls := fake.Calls()
			if len(calls) != 1 || calls[0].question != want {
				t.Fatalf("asker calls = %+v, want one with question %q", calls, want)
			}
			if tt.wantConv != "" && calls[0].conversation != tt.wantConv {
				t.Errorf("conversation = %q, want %q", calls[0].conversation, tt.wantConv)
			}
		})
	}
}

func TestAskBodyFormErrors(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		wantStatus  int
		wantError   string
	}{
		{"unknown charset", "application/json; charset=klingon", `{"question":"面积"}`, 415, `unsupported charset "klingon"`},
		{"form misspelt field", "application/x-www-form-urlencoded", "q=%E9%9D%A2%E7%A7%AF", 400, `unknown field "q"`},
		{"form empty question", "application/x-www-form-urlencoded", "question=+", 400, `field "question" is empty`},
		{"bad form", "application/x-www-form-urlencoded", "question=%zz", 400, "bad form body"},
		{"multipart without boundary", "multipart/form-data", "x", 400, "boundary"},
		{"text/plain blank", "text/plain", "  \n", 400, `field "question" is empty`},
		{"declared UTF-8 that is GBK", "application/json; charset=utf-8", "{\"question\":\"\xc3\xe6\xbb\xfd\"}", 200, ""},
		{"not text in any encoding", "application/json", "{\"question\":\"\xff\xff\x80\"}", 400, "neither UTF-8 nor GB18030"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newTestServer(t, Options{}).Handler()
			got := do(t, h, "POST", "/api/ask", tt.body, "Content-Type", tt.contentType)
			if got.status != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %s", got.status, tt.wantStatus, got.body)
			}
			if tt.wantError == "" {
				return
			}
			if msg := jsonError(t, got.body); !strings.Contains(msg, tt.wantError) {
				t.Errorf("error %q, want it to contain %q", msg, tt.wantError)
			}
		})
	}
}

// FuzzAskBody posts arbitrary bodies under arbitrary Content-Types: the server answers each
// with JSON and a 200, 400, 413 or 415, never a panic or a 500.
func FuzzAskBody(f *testing.F) {
	seeds := []struct{ contentType, body string }{
		{"application/json", `{"question":"面积"}`},
		{"application/x-www-form-urlencoded", "question=%E9%9D%A2%E7%A7%AF&conversation=c"},
		{"application/x-www-form-urlencoded; charset=gbk", "question=%C3%E6%BB%FD"},
		{"multipart/form-data; boundary=xx", "--xx\r\nContent-Disposition: form-data; name=\"question\"\r\n\r\n面积\r\n--xx--\r\n"},
		{"text/plain", "面积"},
		{"text/plain; charset=utf-16", "\xff\xfe\x62\x97"},
		{"application/json; charset=big5", "{\"question\":\"\xad\xb1\xbfn\"}"},
		{"", "\xef\xbb\xbf{\"question\":\"面积\"}"},
		{"application/json; charset=nope", "{}"},
		{";;", "\xff\xfe"},
	}
	for _, s := range seeds {
		f.Add(s.contentType, s.body)
	}
	h := newTestServer(f, Options{MaxBodyBytes: 1024}).Handler()
	f.Fuzz(func(t *testing.T, contentType, body string) {
		req := httptest.NewRequest("POST", "/api/ask", strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 400, 413, 415:
		default:
			t.Fatalf("Content-Type %q body %q: status %d: %s", contentType, body, rec.Code, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("Content-Type %q body %q: response is not JSON: %s", contentType, body, rec.Body)
		}
	})
}
