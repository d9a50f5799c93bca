package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// Sentinel errors of Parse, usable with errors.Is. Parse wraps them with the file name and the
// reason, so that a refused file can be named to the user.
var (
	ErrEmpty       = errors.New("empty file")
	ErrBinary      = errors.New("binary file, not text")
	ErrUndecodable = errors.New("text in no known encoding")
	ErrNoArticles  = errors.New("no article found")
)

// Formats Parse recognises (Edition.Format).
const (
	FormatText  = "text"
	FormatHTML  = "html"
	FormatJSONL = "jsonl"
)

// parsers read an edition's decoded text in each format.
var parsers = map[string]func(ed *Edition, text string) error{
	FormatText:     parseText,
	FormatHTML:     parseHTML,
	FormatJSONL:    parseJSONL,
	FormatFeed:     parseFeed,
	FormatMarkdown: parseMarkdown,
}

// Formats whose articles carry their own dates, each its record's or item's.
func datedRecords(format string) bool {
	return format == FormatJSONL || format == FormatFeed || format == FormatMarkdown
}

// ParseError is the error Parse returns: which file failed and why. It unwraps to one of the
// sentinel errors (or to the underlying cause).
type ParseError struct {
	File string // name as given to Parse
	Err  error
}

func (e *ParseError) Error() string { return fmt.Sprintf("corpus: %s: %v", e.File, e.Err) }
func (e *ParseError) Unwrap() error { return e.Err }

// Parse parses one edition file. name is its path or file name (used for the format, for metadata
// such as a YYYY-MM-DD date, and in errors); meta overrides what the file says.
//
// The format comes from the extension (.txt, .html/.htm, .jsonl/.json) and, when that says
// nothing, from the content. Text may be in UTF-8 (with or without a BOM), UTF-16, GB18030/GBK or
// Big5: the encoding is detected, never configured. The text is kept as written: full-width and
// ASCII punctuation and traditional characters are not converted, so a quote taken from
// Article.Text is an exact substring of the edition.
func Parse(name string, data []byte, meta Meta) (*Edition, error) {
	ed, err := parse(name, data, meta)
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	return ed, nil
}

func parse(name string, data []byte, meta Meta) (*Edition, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	meta.Paper = strings.TrimSpace(meta.Paper)
	if meta.Date = strings.TrimSpace(meta.Date); meta.Date != "" {
		d, err := NormalizeDate(meta.Date)
		if err != nil {
			return nil, err
		}
		meta.Date = d
	}
	if kind, hint := documentKind(data); kind != "" {
		return nil, fmt.Errorf("%w: %s; %s", ErrBinary, kind, hint)
	}
	text, enc, err := decode(data)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, ErrEmpty
	}
	ed := &Edition{Source: filepath.Base(name), Encoding: enc, Paper: meta.Paper}
	ed.Format = detectFormat(name, text, meta.ContentType)
	parse, ok := parsers[ed.Format]
	if !ok {
		ed.Format, parse = FormatText, parseText
	}
	err = parse(ed, text)
	if err != nil {
		return nil, err
	}
	if len(ed.Articles) == 0 {
		return nil, ErrNoArticles
	}
	finish(ed, name, meta)
	sum := sha256.Sum256(data)
	ed.Checksum = hex.EncodeToString(sum[:16])
	return ed, nil
}

// detectFormat decides the format by the content when it is unmistakable (a feed, HTML markup, a
// JSON object or array), else by the content type a server gave, else by the extension; plain
// text by default.
func detectFormat(name, text, contentType string) string {
	head := strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
	if len(head) > 1024 {
		head = head[:1024]
	}
	lower := strings.ToLower(head)
	switch {
	case isFeed(text):
		return FormatFeed
	case isMarkdownNotes(text):
		return FormatMarkdown
	case strings.HasPrefix(lower, "<!doctype html"), strings.HasPrefix(lower, "<html"),
		strings.HasPrefix(lower, "<?xml") && strings.Contains(lower, "<html"):
		return FormatHTML
	case looksJSON(text):
		return FormatJSONL
	}
	if f := formatOfType(contentType); f != "" {
		return f
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".rss", ".atom":
		return FormatFeed
	case ".md", ".markdown", ".mdown":
		return FormatMarkdown
	case ".html", ".htm", ".xhtml", ".shtml":
		return FormatHTML
	case ".jsonl", ".json", ".ndjson":
		return FormatJSONL
	case ".txt", ".text":
		return FormatText
	}
	if strings.Contains(lower, "<body") || strings.Contains(lower, "<head") || strings.Contains(lower, "<p>") {
		return FormatHTML
	}
	return FormatText
}

// formatOfType is the format a media type names ("application/rss+xml; charset=utf-8"), "" for
// one that names none of ours.
func formatOfType(contentType string) string {
	t, _, _ := strings.Cut(strings.ToLower(contentType), ";")
	switch strings.TrimSpace(t) {
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return FormatFeed
	case "text/html", "application/xhtml+xml":
		return FormatHTML
	case "application/json", "application/x-ndjson", "application/jsonl":
		return FormatJSONL
	case "text/plain":
		return FormatText
	case "text/markdown", "text/x-markdown":
		return FormatMarkdown
	}
	return ""
}

// looksJSON reports text whose first line is a JSON object, or that is one JSON value.
func looksJSON(text string) bool {
	t := strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
	if t == "" || (t[0] != '{' && t[0] != '[') {
		return false
	}
	first := t
	if i := strings.IndexByte(t, '\n'); i >= 0 {
		first = strings.TrimSpace(t[:i])
	}
	return json.Valid([]byte(first)) || (len(t) < 64<<20 && json.Valid([]byte(t)))
}

// finish fills in what is derived after parsing: edition metadata (flags, then path, then what
// the file says, never invented), IDs, and the per-article copies of paper, date and source.
func finish(ed *Edition, name string, meta Meta) {
	if meta.Paper != "" {
		ed.Paper = meta.Paper
	}
	if ed.Paper == "" && datedRecords(ed.Format) {
		ed.Paper = commonField(ed.Articles, func(a *Article) string { return a.Paper })
	}
	pathDate := dateFromPath(name)
	switch {
	case meta.Date != "":
		ed.Date = meta.Date
	case pathDate != "" && !datedRecords(ed.Format):
		ed.Date = pathDate
	case ed.Format == FormatFeed, ed.Format == FormatMarkdown:
		ed.Date = newestDate(ed.Articles)
	case ed.Format == FormatJSONL:
		ed.Date = commonField(ed.Articles, func(a *Article) string { return a.Date })
	case ed.Date == "":
		ed.Date = firstArticleDate(ed.Articles)
	}
	for i := range ed.Articles {
		a := &ed.Articles[i]
		// A byline's spacing is typesetting (an ideographic space between role and name,
		// several between names): one ASCII space in every format.
		a.Byline = strings.Join(strings.Fields(a.Byline), " ")
		if meta.Paper != "" || a.Paper == "" {
			a.Paper = ed.Paper
		}
		// The user's date wins; a date in the path names the whole edition except for JSON
		// Lines and feeds, whose records carry their own dates.
		switch {
		case meta.Date != "":
			a.Date = meta.Date
		case !datedRecords(ed.Format) && pathDate != "":
			a.Date = pathDate
		case a.Date == "":
			a.Date = ed.Date
			if a.Date == "" {
				a.Date = pathDate
			}
		}
		if a.Source == "" {
			a.Source = ed.Source
		}
		if a.Kind == "" {
			a.Kind = KindNews
		}
	}
	ed.setID(editionID(ed))
}

// setID gives the edition its ID and its articles theirs, derived from it.
func (ed *Edition) setID(id string) {
	ed.ID = id
	seen := make(map[string]bool, len(ed.recordIDs))
	for i := range ed.Articles {
		record := ""
		if i < len(ed.recordIDs) {
			record = ed.recordIDs[i]
		}
		if seen[record] { // a record id used twice in a file: fall back to the position
			record = ""
		}
		seen[record] = record != ""
		if ed.Format == FormatFeed && record != "" {
			// A feed item is the same item in every poll of its feed, whatever the edition.
			ed.Articles[i].ID = shortHash("feed item\x00" + record)
			continue
		}
		ed.Articles[i].ID = articleID(id, i, record, &ed.Articles[i])
	}
}

// commonField is the value of a field all articles share, or "".
func commonField(as []Article, field func(*Article) string) string {
	v := ""
	for i := range as {
		if i == 0 {
			v = field(&as[i])
		} else if field(&as[i]) != v {
			return ""
		}
	}
	return v
}

// newestDate is the latest of the articles' dates (a feed's items span days), "" when none has one.
func newestDate(as []Article) string {
	d := ""
	for _, a := range as {
		d = max(d, a.Date)
	}
	return d
}

func firstArticleDate(as []Article) string {
	for _, a := range as {
		if a.Date != "" {
			return a.Date
		}
	}
	return ""
}

// documentKind names a document format that holds text but is not text (a PDF, a Word file),
// with a hint how to ingest it; "" for anything else. Read as text, their markup would become
// an article of garbage.
func documentKind(data []byte) (kind, hint string) {
	data = bytes.TrimLeft(data, "\xef\xbb\xbf \t\r\n")
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "a PDF document", "extract its text first, e.g. pdftotext -layout FILE.pdf FILE.txt"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "a ZIP archive (Word .docx, .odt or EPUB)", "save it as plain text (.txt) or HTML, or unpack it"
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "an Office document (Word .doc)", "save it as plain text (.txt) or HTML"
	case bytes.HasPrefix(data, []byte("{\\rtf")):
		return "an RTF document", "save it as plain text (.txt) or HTML"
	}
	return "", ""
}
