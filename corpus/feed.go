package corpus

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// FormatFeed is an RSS 2.0 (or RSS 1.0), Atom 1.0 or JSON Feed 1.1 document (Edition.Format).
const FormatFeed = "feed"

var errNoContent = errors.New("no content")

// feedItem is one item of a feed, whatever its dialect: its HTML content goes through the HTML
// article reader, the rest gives the article's URL, ID, date and byline.
type feedItem struct {
	title   string   // plain text
	link    string   // the item's web page
	guid    string   // the item's own id (guid, Atom id, JSON Feed id)
	date    string   // as written: RFC 1123, RFC 3339 …
	author  string   // plain text
	content string   // HTML
	labels  []string // categories: a page name such as "第01版：要闻"
}

// feedDoc is what every dialect reads into.
type feedDoc struct {
	title string
	lang  string // the feed's language ("zh-cn"), "" when it names none
	items []feedItem
}

// isFeed reports a document that is a feed: an <rss>, <rdf:RDF> or <feed> root (after an XML
// declaration, comments or a stylesheet instruction) or a JSON object naming a jsonfeed.org
// version.
func isFeed(text string) bool {
	head := strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
	if strings.HasPrefix(head, "{") {
		return strings.Contains(head[:min(len(head), 4096)], "jsonfeed.org/version")
	}
	root := xmlRoot(head[:min(len(head), 4096)])
	return root == "rss" || root == "rdf:RDF" || root == "feed"
}

// xmlRoot is the name of the first element of an XML document, "" when it does not open with one.
func xmlRoot(head string) string {
	for strings.HasPrefix(head, "<?") || strings.HasPrefix(head, "<!--") || strings.HasPrefix(head, "<!DOCTYPE") {
		end := ">"
		if strings.HasPrefix(head, "<!--") {
			end = "-->"
		}
		i := strings.Index(head, end)
		if i < 0 {
			return ""
		}
		head = strings.TrimSpace(head[i+len(end):])
	}
	if !strings.HasPrefix(head, "<") {
		return ""
	}
	name := head[1:]
	if i := strings.IndexAny(name, " \t\r\n/>"); i >= 0 {
		name = name[:i]
	}
	return name
}

// parseFeed reads a feed: each item becomes an article through the HTML article reader (so an
// e-paper item's 引题, 标题, 副题 and byline block come out as on its page), with the item's link
// as URL, its guid (else link) as the source of its ID, its date, and the feed's title as paper.
// An item without content is recorded in Edition.Skipped.
func parseFeed(ed *Edition, text string) error {
	doc, err := readFeed(text)
	if err != nil {
		return err
	}
	if ed.Paper == "" {
		ed.Paper = titleOfPage(trimSpace(doc.title))
	}
	zone := feedZone(doc.lang)
	for i, it := range doc.items {
		if err := addFeedItem(ed, it, zone); err != nil {
			ed.Skipped = append(ed.Skipped, fmt.Sprintf("item %d (%s): %v", i+1, firstNonEmpty(it.guid, it.link, it.title), err))
		}
	}
	return nil
}

// readFeed reads a feed in any of the three dialects.
func readFeed(text string) (feedDoc, error) {
	t := strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
	if strings.HasPrefix(t, "{") {
		return readJSONFeed(t)
	}
	switch xmlRoot(t[:min(len(t), 4096)]) {
	case "feed":
		return readAtom(t)
	default:
		return readRSS(t)
	}
}

// xmlDecoder reads the feed's text, already decoded to UTF-8 whatever its declaration says, and
// forgives what real feeds get wrong: HTML entities (&nbsp;), a stray ampersand. (Not
// xml.HTMLAutoClose: it takes <link> for HTML's empty element, and RSS's <link> holds the URL.)
func xmlDecoder(text string) *xml.Decoder {
	d := xml.NewDecoder(strings.NewReader(text))
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	d.Strict = false
	d.Entity = xml.HTMLEntity
	return d
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        string   `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	DCDate      string   `xml:"http://purl.org/dc/elements/1.1/ date"`
	Author      string   `xml:"author"`
	Creator     string   `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Description rssHTML  `xml:"description"`
	Encoded     rssHTML  `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	Categories  []string `xml:"category"`
}

// rssHTML is an element holding HTML: escaped or in a CDATA section as the specification wants,
// or as markup written straight into the element, as some feeds do.
type rssHTML struct {
	Text  string `xml:",chardata"`
	Inner string `xml:",innerxml"`
}

func (h rssHTML) html() string {
	inner := trimSpace(h.Inner)
	if strings.Contains(inner, "<") && !strings.HasPrefix(inner, "<![CDATA[") {
		return inner // markup, not text: the elements' text alone would lose the headings
	}
	return h.Text
}

// readRSS reads RSS 2.0 (items in the channel) and RSS 1.0 (items beside it).
func readRSS(text string) (feedDoc, error) {
	var doc struct {
		Channel struct {
			Title    string    `xml:"title"`
			Language string    `xml:"language"`
			Items    []rssItem `xml:"item"`
		} `xml:"channel"`
		Items []rssItem `xml:"item"`
	}
	if err := xmlDecoder(text).Decode(&doc); err != nil {
		return feedDoc{}, fmt.Errorf("%w: RSS: %v", ErrMalformed, err)
	}
	out := feedDoc{title: doc.Channel.Title, lang: trimSpace(doc.Channel.Language)}
	for _, it := range append(doc.Channel.Items, doc.Items...) {
		out.items = append(out.items, feedItem{
			title: plainText(it.Title), link: trimSpace(it.Link), guid: trimSpace(it.GUID),
			date: firstNonEmpty(it.PubDate, it.DCDate), author: plainText(firstNonEmpty(it.Creator, it.Author)),
			content: firstNonEmpty(it.Encoded.html(), it.Description.html()), labels: it.Categories,
		})
	}
	return out, nil
}

// atomText is an Atom text construct: type "text", "html" or "xhtml" (inline markup).
type atomText struct {
	Type  string `xml:"type,attr"`
	Text  string `xml:",chardata"`
	Inner string `xml:",innerxml"`
}

// html is the construct as HTML.
func (t atomText) html() string {
	switch t.Type {
	case "xhtml":
		return t.Inner
	case "html", "text/html":
		return t.Text
	}
	return textToHTML(t.Text)
}

func readAtom(text string) (feedDoc, error) {
	var doc struct {
		Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Title   atomText `xml:"title"`
		Entries []struct {
			Title atomText `xml:"title"`
			ID    string   `xml:"id"`
			Links []struct {
				Rel  string `xml:"rel,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Published string     `xml:"published"`
			Updated   string     `xml:"updated"`
			Authors   []feedName `xml:"author"`
			Summary   atomText   `xml:"summary"`
			Content   atomText   `xml:"content"`
			Category  []struct {
				Term  string `xml:"term,attr"`
				Label string `xml:"label,attr"`
			} `xml:"category"`
		} `xml:"entry"`
	}
	if err := xmlDecoder(text).Decode(&doc); err != nil {
		return feedDoc{}, fmt.Errorf("%w: Atom: %v", ErrMalformed, err)
	}
	out := feedDoc{title: plainText(doc.Title.html()), lang: doc.Lang}
	for _, e := range doc.Entries {
		it := feedItem{title: plainText(e.Title.html()), guid: trimSpace(e.ID), date: firstNonEmpty(e.Published, e.Updated),
			author: names(e.Authors)}
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				it.link = trimSpace(l.Href)
				break
			}
		}
		it.content = e.Content.html()
		if trimSpace(plainText(it.content)) == "" {
			it.content = e.Summary.html()
		}
		for _, c := range e.Category {
			it.labels = append(it.labels, firstNonEmpty(c.Label, c.Term))
		}
		out.items = append(out.items, it)
	}
	return out, nil
}

// feedName is an author: Atom's <author><name>, JSON Feed's {"name"}.
type feedName struct {
	Name string `xml:"name" json:"name"`
}

func names(ns []feedName) string {
	var out []string
	for _, n := range ns {
		if s := trimSpace(n.Name); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, " ")
}

// readJSONFeed reads JSON Feed 1.1 (and 1.0's single author).
func readJSONFeed(text string) (feedDoc, error) {
	var doc struct {
		Version  string `json:"version"`
		Title    string `json:"title"`
		Language string `json:"language"`
		Items    []struct {
			ID            flexString `json:"id"`
			URL           string     `json:"url"`
			Title         string     `json:"title"`
			ContentHTML   string     `json:"content_html"`
			ContentText   string     `json:"content_text"`
			Summary       string     `json:"summary"`
			DatePublished string     `json:"date_published"`
			DateModified  string     `json:"date_modified"`
			Authors       []feedName `json:"authors"`
			Author        *feedName  `json:"author"`
			Tags          []string   `json:"tags"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		return feedDoc{}, fmt.Errorf("%w: JSON Feed: %v", ErrMalformed, err)
	}
	out := feedDoc{title: doc.Title, lang: doc.Language}
	for _, it := range doc.Items {
		authors := it.Authors
		if len(authors) == 0 && it.Author != nil {
			authors = []feedName{*it.Author}
		}
		content := it.ContentHTML
		if trimSpace(content) == "" {
			content = textToHTML(firstNonEmpty(it.ContentText, it.Summary))
		}
		out.items = append(out.items, feedItem{title: trimSpace(it.Title), link: trimSpace(it.URL), guid: trimSpace(string(it.ID)),
			date: firstNonEmpty(it.DatePublished, it.DateModified), author: names(authors), content: content, labels: it.Tags})
	}
	return out, nil
}

// textToHTML writes plain text as HTML, one paragraph a line.
func textToHTML(s string) string {
	var b strings.Builder
	for _, p := range paragraphs(s) {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
	}
	return b.String()
}

// plainText is the text of a title that may hold markup or entities, white space collapsed.
func plainText(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = htmlText(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// addFeedItem reads one item's content with the HTML article reader and gives the article what
// the item says of it. Every character of the item's title, author and content's text lands in
// one place: the item's title is the article's title when the content has no headline, and is
// recorded as a label when it repeats one; so is its author for the byline.
func addFeedItem(ed *Edition, it feedItem, zone *time.Location) error {
	if trimSpace(htmlText(it.content)) == "" {
		return errNoContent // a headline alone: nothing to answer from
	}
	sub := &Edition{}
	if err := parseHTMLFragment(sub, it.content); err != nil {
		return err
	}
	ed.Labels = append(ed.Labels, sub.Labels...)
	for i := range sub.Articles {
		a := &sub.Articles[i]
		if i == 0 && it.title != "" {
			if a.Title == "" {
				a.Title = it.title
			} else {
				ed.Labels = append(ed.Labels, it.title)
			}
		}
		if i == 0 && it.author != "" {
			// The item's declared author (Atom's <author>, RSS's dc:creator or author, JSON
			// Feed's authors) is its byline when it names people, unless the content's own
			// byline names them too (with their roles, or more people): a content byline
			// naming others (a dateline's （记者…）) is recorded, not lost. An author that is no
			// names (a site, an e-mail address) is recorded and the content's byline kept.
			if namesOnly(it.author) && !namesAll(a.Byline, it.author) {
				if a.Byline != "" {
					ed.Labels = append(ed.Labels, a.Byline)
				}
				a.Byline = it.author
			} else {
				ed.Labels = append(ed.Labels, it.author)
			}
		}
		a.URL = firstNonEmpty(it.link, a.URL)
		a.GUID = firstNonEmpty(it.guid, it.link)
		if d := feedDate(it.date, zone); d != "" {
			a.Date = d
		}
		if a.Date == "" {
			a.Date = sub.Date
		}
		if a.Page == "" {
			a.Page = pageIn(it.labels)
		}
		a.Paper = firstNonEmpty(sub.Paper, ed.Paper)
		ed.Articles = append(ed.Articles, *a)
		record := a.GUID
		if i > 0 && record != "" {
			record += "#" + strconv.Itoa(i)
		}
		ed.recordIDs = append(ed.recordIDs, record)
	}
	return nil
}

// namesAll reports whether byline names every person author names.
func namesAll(byline, author string) bool {
	if byline == "" {
		return false
	}
	for _, f := range strings.FieldsFunc(author, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("、,，/／;；", r)
	}) {
		for _, role := range bylineRoles {
			f = strings.TrimPrefix(f, role)
		}
		if f != "" && !strings.Contains(byline, f) {
			return false
		}
	}
	return true
}

// pageIn finds a page ("第01版") in an item's categories.
func pageIn(labels []string) string {
	for _, l := range labels {
		if m := pageRe.FindStringSubmatch(l); m != nil {
			if _, p := pageOf(m); p != "" {
				return p
			}
		}
	}
	return ""
}

// feedDates are the layouts of dates in feeds: RFC 1123 with its common variants, RFC 3339.
var feedDates = []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700", "Mon, 02 Jan 2006 15:04 -0700", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"}

// chinaTime is the time of the mainland, Taiwan, Hong Kong and Macau: UTC+8.
var chinaTime = time.FixedZone("UTC+8", 8*60*60)

// feedZone is the time zone a feed's papers are dated in, for a date written in UTC: China time
// for a Chinese feed or one that names no language (this bot reads Chinese papers), else UTC.
func feedZone(lang string) *time.Location {
	if l := strings.ToLower(lang); l == "" || strings.HasPrefix(l, "zh") {
		return chinaTime
	}
	return time.UTC
}

// feedDate is the day of a feed item's date: in the time zone it is written in (a paper dated
// "Sun, 05 Jan 2025 00:30:00 +0800" is the 5 January edition), or, written in UTC as many feed
// generators write it ("Sat, 04 Jan 2025 16:00:00 GMT"), in zone. "" when it names no date.
func feedDate(s string, zone *time.Location) string {
	s = trimSpace(s)
	if s == "" {
		return ""
	}
	for _, layout := range feedDates {
		if t, err := time.Parse(layout, s); err == nil {
			if _, offset := t.Zone(); offset == 0 {
				t = t.In(zone)
			}
			d, _ := makeDate(t.Year(), int(t.Month()), t.Day())
			return d
		}
	}
	return recordDate(s)
}
