package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// askFields are the fields of an ask request; others are ignored (and named when the question is
// missing, as a hint at a misspelling).
var askFields = []string{"question", "conversation"}

// errUnsupportedCharset is a request whose declared charset is unknown: 415.
var errUnsupportedCharset = errors.New("unsupported charset")

// errInvalidText is a body that is not text in any encoding it could be in.
var errInvalidText = errors.New("invalid text")

// errBadForm is a form body that does not parse.
var errBadForm = errors.New("bad form body")

// readAsk reads an ask request in any of the forms clients send: a JSON object (the contract),
// an HTML form (application/x-www-form-urlencoded, as `curl -d question=…` sends, or
// multipart/form-data, as `curl -F` sends), or a bare question as text/plain. A charset the
// Content-Type declares (gbk, gb18030, big5, utf-16…) is honoured; without one, a body that is not
// UTF-8 is read as UTF-16 by its byte-order mark or else as GB18030, the usual encoding of Chinese
// text on Windows. A JSON body under a form or text Content-Type (curl -d '{…}') is still JSON.
func readAsk(body io.Reader, contentType string) (req AskRequest, unknown []string, err error) {
	raw, err := io.ReadAll(body)
	if err != nil {
		return req, nil, err
	}
	mediaType, params, perr := mime.ParseMediaType(contentType)
	if perr != nil {
		mediaType, params = "", nil
	}
	charset := strings.ToLower(strings.TrimSpace(params["charset"]))
	switch {
	case mediaType == "multipart/form-data":
		return readMultipart(raw, params["boundary"], charset)
	case mediaType == "application/x-www-form-urlencoded" && !looksLikeJSON(raw, charset):
		return readForm(raw, charset)
	}
	text, err := decodeCharset(raw, charset)
	if err != nil {
		return req, nil, err
	}
	if mediaType == "text/plain" && !looksLikeJSON([]byte(text), "utf-8") {
		return AskRequest{Question: text}, nil, nil
	}
	if trimmed := strings.TrimSpace(text); strings.HasPrefix(trimmed, `"`) {
		// A bare JSON string is the question itself.
		var q string
		if err := json.Unmarshal([]byte(trimmed), &q); err == nil {
			return AskRequest{Question: q}, nil, nil
		}
	}
	unknown, err = decodeOne(strings.NewReader(text), &req, askFields...)
	return req, unknown, err
}

// looksLikeJSON reports whether a body opens as a JSON object or array.
func looksLikeJSON(raw []byte, charset string) bool {
	text, err := decodeCharset(raw, charset)
	if err != nil {
		return false
	}
	text = strings.TrimLeft(text, " \t\r\n")
	return strings.HasPrefix(text, "{") || strings.HasPrefix(text, "[")
}

func readForm(raw []byte, charset string) (AskRequest, []string, error) {
	values, err := url.ParseQuery(string(raw))
	if err != nil {
		return AskRequest{}, nil, fmt.Errorf("%w: %v", errBadForm, err)
	}
	return formRequest(values, charset)
}

func readMultipart(raw []byte, boundary, charset string) (AskRequest, []string, error) {
	if boundary == "" {
		return AskRequest{}, nil, fmt.Errorf("%w: multipart/form-data without a boundary", errBadForm)
	}
	form, err := multipart.NewReader(bytes.NewReader(raw), boundary).ReadForm(int64(len(raw)) + 1)
	if err != nil {
		return AskRequest{}, nil, fmt.Errorf("%w: %v", errBadForm, err)
	}
	defer form.RemoveAll()
	return formRequest(url.Values(form.Value), charset)
}

// formRequest takes the ask fields from form values, decoding their bytes from charset.
func formRequest(values url.Values, charset string) (AskRequest, []string, error) {
	var req AskRequest
	var unknown []string
	for name, vs := range values {
		if len(vs) == 0 {
			continue
		}
		v, err := decodeCharset([]byte(vs[0]), charset)
		if err != nil {
			return req, nil, err
		}
		switch name {
		case "question":
			req.Question = v
		case "conversation":
			req.Conversation = v
		default:
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	return req, unknown, nil
}

// decodeCharset returns raw as UTF-8 text, without a byte-order mark.
func decodeCharset(raw []byte, charset string) (string, error) {
	var dec transform.Transformer
	switch charset {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		dec = guessDecoder(raw)
	default:
		enc, err := htmlindex.Get(charset)
		if err != nil {
			return "", fmt.Errorf("%w %q: send UTF-8, or declare gbk, gb18030, big5 or utf-16", errUnsupportedCharset, charset)
		}
		dec = enc.NewDecoder()
		if strings.HasPrefix(charset, "utf-16") {
			// A byte-order mark overrides the declared byte order, as senders often get it wrong.
			dec = unicode.BOMOverride(dec)
		}
	}
	if dec != nil {
		out, _, err := transform.Bytes(dec, raw)
		if err != nil {
			return "", fmt.Errorf("body is not valid %s: %w", charset, err)
		}
		raw = out
	}
	if !utf8.Valid(raw) {
		return "", fmt.Errorf("%w: the body is neither UTF-8 nor GB18030; declare its charset", errInvalidText)
	}
	return strings.TrimPrefix(string(raw), "\uFEFF"), nil
}

// guessDecoder picks the decoder of a body that declares no charset, or UTF-8: none for UTF-8,
// UTF-16 by its byte-order mark, and GB18030 (a superset of GBK and GB2312) for other bytes that
// decode cleanly, since clients on Chinese Windows often send GBK whatever they declare.
func guessDecoder(raw []byte) transform.Transformer {
	switch {
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return unicode.BOMOverride(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder())
	case utf8.Valid(raw):
		return nil
	}
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), raw)
	if err != nil || !utf8.Valid(out) || bytes.ContainsRune(out, utf8.RuneError) {
		return nil
	}
	return simplifiedchinese.GB18030.NewDecoder()
}
