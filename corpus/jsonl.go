package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// ErrMalformed is wrapped by Parse when a JSON Lines record is not valid JSON or has fields of
// the wrong type.
var ErrMalformed = errors.New("malformed record")

// record is one JSON Lines article record: {"id","date","title","text","url","paper","page",
// "byline"}; "source" names the paper when "paper" is absent, "content"/"body" stand for "text",
// "headline" for "title", "author"/"authors" for "byline", "pub_date"/"publish_date"/"published"
// for "date" (a date-time or a Chinese date gives its day).
type record struct {
	ID    flexString `json:"id"`
	Date  flexString `json:"date"`
	Title string     `json:"title"`
	// Names other exports use for the same fields.
	Headline    string     `json:"headline"`
	PubDate     flexString `json:"pub_date"`
	PublishDate flexString `json:"publish_date"`
	Published   flexString `json:"published"`
	Authors     string     `json:"authors"`
	Kicker      string     `json:"kicker"`
	Subtitle    string     `json:"subtitle"`
	Text        string     `json:"text"`
	Content     string     `json:"content"`
	Body        string     `json:"body"`
	URL         string     `json:"url"`
	Paper       string     `json:"paper"`
	Source      string     `json:"source"`
	Page        flexString `json:"page"`
	Byline      string     `json:"byline"`
	Author      string     `json:"author"`
	Column      string     `json:"column"`
	Kind        string     `json:"kind"`
}

// flexString accepts a JSON string or number.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	if string(b) == "null" {
		*f = ""
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a string or a number, got %s", b)
	}
	*f = flexString(n.String())
	return nil
}

// recordLists are the names exports and APIs give their list of articles.
type recordLists struct {
	Articles []record `json:"articles"`
	Items    []record `json:"items"`
	List     []record `json:"list"`
	Records  []record `json:"records"`
	News     []record `json:"news"`
}

// list is the first list present.
func (l recordLists) list() []record {
	for _, rs := range [][]record{l.Articles, l.Items, l.List, l.Records, l.News} {
		if rs != nil {
			return rs
		}
	}
	return nil
}

// dataRecords reads the records of a "data" envelope: a list, or an object holding one.
func dataRecords(raw json.RawMessage) []record {
	var rs []record
	if json.Unmarshal(raw, &rs) == nil {
		return rs
	}
	var inner recordLists
	if json.Unmarshal(raw, &inner) == nil {
		return inner.list()
	}
	return nil
}

// parseJSONL parses JSON Lines article records (or a JSON array of them). Each record with text
// becomes one article; a record with an empty text is skipped and recorded in Edition.Skipped.
func parseJSONL(ed *Edition, text string) error {
	trimmed := strings.TrimSpace(text)
	if strings.HasPrefix(trimmed, "{") && !strings.Contains(trimmed, "\n{") {
		// One JSON document: a record, or an edition with its articles (as the library stores).
		var doc struct {
			record
			recordLists
			Data json.RawMessage `json:"data"` // an API's envelope: a list, or an object holding one
		}
		if err := json.Unmarshal([]byte(trimmed), &doc); err == nil {
			doc.Articles = doc.list()
			if doc.Articles == nil && len(doc.Data) > 0 {
				doc.Articles = dataRecords(doc.Data)
			}
			if doc.Articles == nil {
				addRecord(ed, &doc.record, "record 1")
				return nil
			}
			for i := range doc.Articles {
				r := &doc.Articles[i]
				r.Paper = firstNonEmpty(r.Paper, doc.Paper)
				r.Date = flexString(firstNonEmpty(string(r.Date), string(doc.Date)))
				addRecord(ed, r, "article "+strconv.Itoa(i+1))
			}
			return nil
		}
	}
	if strings.HasPrefix(trimmed, "[") {
		var recs []record
		if err := json.Unmarshal([]byte(trimmed), &recs); err != nil {
			return fmt.Errorf("%w: JSON array: %v", ErrMalformed, err)
		}
		for i := range recs {
			addRecord(ed, &recs[i], "record "+strconv.Itoa(i+1))
		}
		return nil
	}
	lineNo := 0
	for len(text) > 0 {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		lineNo++
		line = trimSpace(line)
		if line == "" {
			continue
		}
		var rec record
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			return fmt.Errorf("%w: line %d: %v", ErrMalformed, lineNo, err)
		}
		addRecord(ed, &rec, "line "+strconv.Itoa(lineNo))
	}
	return nil
}

func addRecord(ed *Edition, rec *record, where string) {
	body := firstNonEmpty(rec.Text, rec.Content, rec.Body)
	if strings.TrimSpace(body) == "" {
		what := where
		if rec.ID != "" {
			what += " (id " + string(rec.ID) + ")"
		}
		ed.Skipped = append(ed.Skipped, what+": empty text")
		return
	}
	a := Article{
		Kind:   kindOf(rec.Kind),
		Title:  trimSpace(firstNonEmpty(rec.Title, rec.Headline)),
		Kicker: trimSpace(rec.Kicker),
		Column: trimSpace(rec.Column),
		Byline: trimSpace(firstNonEmpty(rec.Byline, rec.Author, rec.Authors)),
		Paper:  trimSpace(firstNonEmpty(rec.Paper, paperFromSource(rec.Source))),
		Page:   pageLabel(string(rec.Page)),
		URL:    strings.TrimSpace(rec.URL),
	}
	a.Date = recordDate(string(rec.Date), string(rec.PubDate), string(rec.PublishDate), string(rec.Published))
	paras := paragraphs(body)
	// A record may carry its dateline and byline in the text: "本报讯（记者 张三）…", or a bare
	// "本报讯 " beside a byline field. The dateline is recorded, not left in the text, as a text
	// edition's is; a byline the record names already is recorded too.
	paras = takeLead(ed, &a.Byline, paras)
	subtitle := nonEmpty(trimSpace(rec.Subtitle))
	if lines := paragraphs(a.Title); len(lines) > 1 {
		// A scraper's headline block in one field, "引题\n标题\n副题": the lines get their roles.
		h := splitHeadline(lines)
		a.Title, subtitle = h.title, append(h.subtitle, subtitle...)
		for _, f := range []struct {
			field *string
			v     string
		}{{&a.Kicker, h.kicker}, {&a.Column, h.column}} {
			if *f.field == "" {
				*f.field = f.v
			} else {
				ed.Labels = append(ed.Labels, nonEmpty(f.v)...) // the record named its own: recorded
			}
		}
	}
	if len(subtitle) > 0 { // no subtitle field: it opens the text
		paras = append([]string{strings.Join(subtitle, " ")}, paras...)
	}
	a.Text = strings.Join(paras, "\n")
	ed.Articles = append(ed.Articles, a)
	ed.recordIDs = append(ed.recordIDs, string(rec.ID))
}

// paragraphs splits a text into its non-blank lines, trimmed.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == '\u2029' }) {
		if p = trimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// paperFromSource takes a paper's name from a provenance string: "新闻联播 (CCTV) via …" names
// 新闻联播 (CCTV).
func paperFromSource(s string) string {
	if i := strings.Index(s, " via "); i >= 0 {
		s = s[:i]
	}
	switch strings.ToLower(filepath.Ext(s)) { // a file name (the library's own "source") is no paper
	case ".txt", ".text", ".html", ".htm", ".jsonl", ".json", ".ndjson", ".xhtml", ".shtml":
		return ""
	}
	return strings.TrimSpace(s)
}

// pageLabel writes a page number as 第N版; other page names are kept as given.
func pageLabel(p string) string {
	p = strings.TrimSpace(p)
	if allDigits(p) {
		n, _ := strconv.Atoi(p)
		if n == 0 {
			return ""
		}
		return "第" + strconv.Itoa(n) + "版"
	}
	return p
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// kindOf keeps a record's kind when it is one of ours.
func kindOf(k string) string {
	if k == KindPhoto {
		return KindPhoto
	}
	return KindNews
}

// recordDate is the day of the first of a record's dates that names one: 2025-10-14,
// 2025-10-14 08:00:00, 2025-10-14T08:00:00+08:00 or 2025年10月14日.
func recordDate(dates ...string) string {
	for _, s := range dates {
		if d, ok := normalizeDate(s); ok {
			return d
		}
		if d := firstNonEmpty(matchDate(numericDateRe, s), matchDate(dateRe, s)); d != "" {
			return d
		}
	}
	return ""
}

// matchDate is the date the first match of re (year, month and day submatches) in s names, or ""
// when there is none or it is no calendar date.
func matchDate(re *regexp.Regexp, s string) string {
	m := re.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	d, _ := makeDate(parseNumber(m[1]), parseNumber(m[2]), parseNumber(m[3]))
	return d
}
