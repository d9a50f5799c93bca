package telegram

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"newsbot/bot"
	"newsbot/corpus"
)

// Telegram's size limits.
const (
	maxMessageUnits  = 4096 // UTF-16 code units of visible text per message
	maxCallbackBytes = 64
	articlesPerPage  = 10
	buttonRunes      = 28 // longer button labels are cut (Telegram would elide them anyway)
)

// escapeHTML escapes the three characters Telegram's HTML parse mode requires escaped.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "<>&") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// utf16Len is s's length as Telegram counts it: UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r) // a valid rune: ranging over a string yields no surrogates
	}
	return n
}

// block is a piece of a message: its HTML and the length of its visible text.
type block struct {
	html  string
	units int
}

// plain makes blocks of escaped text, cut at sentence ends (or anywhere, as a last resort) so
// that none exceeds limit units.
func plain(text string, limit int) []block {
	var out []block
	for _, piece := range cutText(text, limit) {
		out = append(out, block{html: escapeHTML(piece), units: utf16Len(piece)})
	}
	return out
}

// styled wraps escaped text in a tag; the tag itself is not visible text.
func styled(tag, text string) block {
	return block{html: "<" + tag + ">" + escapeHTML(text) + "</" + tag + ">", units: utf16Len(text)}
}

// cutText splits text into pieces of at most limit units, preferring to cut after a sentence
// end, and never inside a character.
func cutText(text string, limit int) []string {
	var out []string
	for utf16Len(text) > limit {
		cut, units, lastSentence := 0, 0, 0
		for i, r := range text {
			w := utf16.RuneLen(r)
			if units+w > limit {
				break
			}
			units += w
			cut = i + utf8.RuneLen(r)
			if strings.ContainsRune("。！？!?；;…\n", r) {
				lastSentence = cut
			}
		}
		if lastSentence > 0 {
			cut = lastSentence
		}
		out = append(out, text[:cut])
		text = text[cut:]
	}
	if text != "" || len(out) == 0 {
		out = append(out, text)
	}
	return out
}

// pack joins blocks into messages of at most limit visible units, separating blocks by sep and
// numbering the parts "（i/n）" when there is more than one.
func pack(blocks []block, sep string, limit int) []string {
	const partMark = 16 // room for "\n\n（12/34）"
	var parts []string
	var cur strings.Builder
	units := 0
	for _, b := range blocks {
		need := b.units
		if cur.Len() > 0 {
			need += utf16Len(sep)
		}
		if cur.Len() > 0 && units+need > limit-partMark {
			parts = append(parts, cur.String())
			cur.Reset()
			units, need = 0, b.units
		}
		if cur.Len() > 0 {
			cur.WriteString(sep)
		}
		cur.WriteString(b.html)
		units += need
	}
	if cur.Len() > 0 || len(parts) == 0 {
		parts = append(parts, cur.String())
	}
	if len(parts) > 1 {
		for i := range parts {
			parts[i] += fmt.Sprintf("\n\n（%d/%d）", i+1, len(parts))
		}
	}
	return parts
}

// paragraphs makes blocks of text's non-empty lines, each within the part limit.
func paragraphs(text string) []block {
	var out []block
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, plain(line, maxMessageUnits-64)...)
		}
	}
	return out
}

// articleSource resolves citations and buttons to articles.
type articleSource interface {
	Articles() []corpus.Article
	Article(id string) (corpus.Article, bool)
}

// renderAnswer formats an answer: its text, then numbered sources (headline, byline, edition),
// and a "原文 [n]" button per cited article.
func renderAnswer(a bot.Answer, src articleSource, prefix []block) ([]string, *tgbotapi.InlineKeyboardMarkup) {
	blocks := append([]block(nil), prefix...)
	blocks = append(blocks, paragraphs(a.Answer)...)
	if len(blocks) == len(prefix) {
		blocks = append(blocks, plain(tx.NoAnswer, maxMessageUnits)...)
	}
	if len(a.Citations) > 0 {
		title := tx.Sources
		if !a.Found {
			title = tx.Related
		}
		blocks = append(blocks, styled("b", title))
		for _, c := range a.Citations {
			if !a.Found {
				c.Quote = "" // related articles, not evidence: their sentences would mislead
			}
			blocks = append(blocks, citationBlock(c, a.Answer, src))
		}
	}
	return pack(blocks, "\n\n", maxMessageUnits), sourceButtons(a.Citations)
}

// citationBlock is one numbered source: "[n] headline", then byline · edition, then the quote
// when the answer does not already hold it.
func citationBlock(c bot.Citation, answer string, src articleSource) block {
	headline, edition := c.Title, c.Edition
	if art, ok := src.Article(c.ArticleID); ok {
		if headline == "" {
			headline = art.Headline()
		}
		if edition == "" {
			edition = art.EditionLabel()
		}
	}
	if edition == "" {
		edition = c.Page
	}
	if headline == "" {
		headline = tx.Untitled
	}
	head := fmt.Sprintf("[%d] ", c.N)
	var b strings.Builder
	b.WriteString(escapeHTML(head) + "<b>" + escapeHTML(headline) + "</b>")
	units := utf16Len(head + headline)
	var meta []string
	for _, s := range []string{c.Byline, edition} {
		if s = strings.TrimSpace(s); s != "" {
			meta = append(meta, s)
		}
	}
	if len(meta) > 0 {
		line := "\n" + strings.Join(meta, " · ")
		b.WriteString(escapeHTML(line))
		units += utf16Len(line)
	}
	if q := strings.TrimSpace(c.Quote); q != "" && !strings.Contains(answer, q) {
		q = cutText(q, 300)[0]
		b.WriteString("\n<i>“" + escapeHTML(q) + "”</i>")
		units += utf16Len(q) + 3
	}
	return block{html: b.String(), units: units}
}

// sourceButtons are one "原文 [n]" button per cited article, three to a row.
func sourceButtons(cs []bot.Citation) *tgbotapi.InlineKeyboardMarkup {
	var row []tgbotapi.InlineKeyboardButton
	var rows [][]tgbotapi.InlineKeyboardButton
	seen := map[string]bool{}
	for _, c := range cs {
		if c.ArticleID == "" || seen[c.ArticleID] {
			continue
		}
		seen[c.ArticleID] = true
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(fmt.Sprintf(tx.SourceButton, c.N), articleData(c.ArticleID)))
		if len(row) == 3 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil
	}
	m := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return &m
}

// Callback data: "a:<article id>" (or "h:<hash>" for an ID too long for 64 bytes) opens an
// article, "q:<question>" or "x:<n>" asks an example question, "p:<n>" pages the article list.
func articleData(id string) string {
	if d := "a:" + id; len(d) <= maxCallbackBytes {
		return d
	}
	return "h:" + idHash(id)
}

func idHash(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:15])
}

// resolveArticle finds the article a callback names.
func resolveArticle(data string, src articleSource) (corpus.Article, bool) {
	switch {
	case strings.HasPrefix(data, "a:"):
		return src.Article(data[2:])
	case strings.HasPrefix(data, "h:"):
		for _, a := range src.Articles() {
			if idHash(a.ID) == data[2:] {
				return a, true
			}
		}
	}
	return corpus.Article{}, false
}

// renderArticle formats a whole article, split at paragraph boundaries into messages under
// Telegram's limit.
func renderArticle(a corpus.Article) []string {
	var head []string
	if a.Kicker != "" {
		head = append(head, "<i>"+escapeHTML(a.Kicker)+"</i>")
	}
	head = append(head, "<b>"+escapeHTML(a.Headline())+"</b>")
	units := utf16Len(a.Kicker) + utf16Len(a.Headline()) + 1
	var meta []string
	for _, s := range []string{a.Byline, a.EditionLabel(), a.Column} {
		if s != "" && s != a.Headline() {
			meta = append(meta, s)
		}
	}
	if len(meta) > 0 {
		line := strings.Join(meta, " · ")
		head = append(head, escapeHTML(line))
		units += utf16Len(line) + 1
	}
	blocks := []block{{html: strings.Join(head, "\n"), units: units}}
	blocks = append(blocks, paragraphs(a.Text)...)
	return pack(blocks, "\n\n", maxMessageUnits)
}

// articleLabel is an article's name in lists: "N. headline".
func articleLabel(n int, a corpus.Article) string {
	return strconv.Itoa(n) + ". " + a.Headline()
}

// renderArticleList is page (0-based) of the article list with a button per article and
// paging buttons.
func renderArticleList(arts []corpus.Article, page int) (string, *tgbotapi.InlineKeyboardMarkup) {
	if len(arts) == 0 {
		return tx.NoArticles, nil
	}
	pages := (len(arts) + articlesPerPage - 1) / articlesPerPage
	page = min(max(page, 0), pages-1)
	var b strings.Builder
	fmt.Fprintf(&b, tx.ListHeader, len(arts))
	if pages > 1 {
		fmt.Fprintf(&b, tx.ListPage, page+1, pages)
	}
	b.WriteString("）\n")
	var rows [][]tgbotapi.InlineKeyboardButton
	for i := page * articlesPerPage; i < min(len(arts), (page+1)*articlesPerPage); i++ {
		a := arts[i]
		line := articleLabel(i+1, a)
		if a.Byline != "" {
			line += "（" + a.Byline + "）"
		}
		b.WriteString("\n" + escapeHTML(line))
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData(cutRunes(articleLabel(i+1, a), buttonRunes), articleData(a.ID))))
	}
	b.WriteString(tx.ListFooter)
	var nav []tgbotapi.InlineKeyboardButton
	if page > 0 {
		nav = append(nav, tgbotapi.NewInlineKeyboardButtonData(tx.PreviousPage, "p:"+strconv.Itoa(page-1)))
	}
	if page < pages-1 {
		nav = append(nav, tgbotapi.NewInlineKeyboardButtonData(tx.NextPage, "p:"+strconv.Itoa(page+1)))
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	m := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return b.String(), &m
}

func cutRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// exampleQuestions are /start's examples: the configured ones, or one per headline.
func exampleQuestions(configured []string, arts []corpus.Article) []string {
	if len(configured) > 0 {
		return configured[:min(3, len(configured))]
	}
	var out []string
	for _, a := range arts {
		if a.Title == "" || a.Kind == corpus.KindPhoto {
			continue
		}
		out = append(out, fmt.Sprintf(tx.ExampleQuestion, a.Title))
		if len(out) == 3 {
			break
		}
	}
	return out
}

// exampleButtons are one button per example question, which asks it when pressed.
func exampleButtons(qs []string) *tgbotapi.InlineKeyboardMarkup {
	if len(qs) == 0 {
		return nil
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for i, q := range qs {
		data := "q:" + q
		if len(data) > maxCallbackBytes {
			data = "x:" + strconv.Itoa(i)
		}
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(cutRunes(q, 40), data)))
	}
	m := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return &m
}

// htmlTag matches the tags of the HTML this package writes (and any other tag).
var htmlTag = regexp.MustCompile(`<[^<>]*>`)

// htmlToText is the visible text of a message written for HTML parse mode: tags dropped and
// entities unescaped, for sending it without parse mode.
func htmlToText(s string) string {
	return html.UnescapeString(htmlTag.ReplaceAllString(s, ""))
}
