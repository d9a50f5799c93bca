package corpus

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FormatMarkdown is Markdown notes, each under a YAML front matter block (Edition.Format).
const FormatMarkdown = "markdown"

// maxFrontMatterLines bounds a front matter block: a longer run between two "---" lines is a
// document's text cut by thematic breaks, not metadata.
const maxFrontMatterLines = 40

// isMarkdownNotes reports text that opens with a YAML front matter block.
func isMarkdownNotes(text string) bool {
	lines := strings.SplitN(normalizeNewlines(strings.TrimPrefix(text, "\uFEFF")), "\n", maxFrontMatterLines+2)
	i := 0
	for i < len(lines) && trimSpace(lines[i]) == "" {
		i++
	}
	_, _, ok := frontMatterAt(lines, i)
	return ok
}

func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// frontMatterAt reads a front matter block opening at lines[i]: "---", YAML "key: value" lines,
// "---". It returns the index of the closing line and the fields (keys lower-cased, values as
// text).
func frontMatterAt(lines []string, i int) (end int, fields map[string]string, ok bool) {
	if i >= len(lines) || trimSpace(lines[i]) != "---" {
		return 0, nil, false
	}
	for j := i + 1; j < len(lines) && j <= i+maxFrontMatterLines+1; j++ {
		if trimSpace(lines[j]) != "---" {
			continue
		}
		if j == i+1 {
			return 0, nil, false
		}
		var m map[string]any
		if err := yaml.Unmarshal([]byte(strings.Join(lines[i+1:j], "\n")), &m); err != nil || len(m) == 0 {
			return 0, nil, false
		}
		fields = make(map[string]string, len(m))
		for k, v := range m {
			fields[strings.ToLower(k)] = yamlText(v)
		}
		return j, fields, true
	}
	return 0, nil, false
}

// yamlText writes a front matter value as text: a list's items apart by spaces.
func yamlText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case []any:
		var parts []string
		for _, x := range v {
			parts = append(parts, yamlText(x))
		}
		return strings.Join(nonEmpty(parts...), " ")
	case map[string]any:
		return firstNonEmpty(yamlText(v["name"]), yamlText(v["title"]))
	}
	return trimSpace(fmt.Sprint(v))
}

// note is one Markdown note: its front matter (raw lines with their delimiters, and the fields
// read from them) and the lines of its body.
type note struct {
	raw    string
	fields map[string]string
	body   []string
}

// splitNotes cuts a Markdown file into its notes, each opened by a front matter block. Text
// before the first block is a note without one.
func splitNotes(text string) []note {
	lines := strings.Split(normalizeNewlines(strings.TrimPrefix(text, "\uFEFF")), "\n")
	var notes []note
	cur := &note{}
	for i := 0; i < len(lines); i++ {
		if end, fields, ok := frontMatterAt(lines, i); ok {
			if cur.raw != "" || hasText(cur.body) {
				notes = append(notes, *cur)
			}
			cur = &note{raw: strings.Join(lines[i:end+1], "\n"), fields: fields}
			i = end
			continue
		}
		cur.body = append(cur.body, lines[i])
	}
	if cur.raw != "" || hasText(cur.body) {
		notes = append(notes, *cur)
	}
	return notes
}

func hasText(lines []string) bool {
	for _, l := range lines {
		if trimSpace(l) != "" {
			return true
		}
	}
	return false
}

// mdBlock is a block of a note's body: a heading, a quoted line or a paragraph.
type mdBlock struct {
	level int    // heading level (1 for "#"), 0 for other blocks
	quote bool   // a "> " line
	mark  string // "#", "##", ">": recorded as a label
	text  string
}

// mdBlocks cuts a note's body into headings, quoted lines and paragraphs (lines apart by blank
// lines, rejoined). A thematic break ("***") is returned as a block with only a mark.
func mdBlocks(lines []string) []mdBlock {
	var blocks []mdBlock
	var para []string
	flush := func() {
		if len(para) > 0 {
			text := para[0]
			for _, p := range para[1:] {
				text = joinText(text, p)
			}
			blocks = append(blocks, mdBlock{text: text})
			para = nil
		}
	}
	for _, l := range lines {
		l = trimSpace(l)
		switch {
		case l == "":
			flush()
		case strings.HasPrefix(l, "#"):
			if mark, text, ok := markdownHeading(l); ok {
				flush()
				blocks = append(blocks, mdBlock{level: len(mark), mark: mark, text: text})
				continue
			}
			para = append(para, l)
		case strings.HasPrefix(l, ">"):
			flush()
			text := strings.TrimLeft(l, ">")
			blocks = append(blocks, mdBlock{quote: true, mark: l[:len(l)-len(text)], text: trimSpace(text)})
		case isThematicBreak(l):
			flush()
			blocks = append(blocks, mdBlock{mark: l})
		default:
			para = append(para, l)
		}
	}
	flush()
	return blocks
}

// isThematicBreak reports a Markdown rule: three or more of one of - * _ alone on a line.
func isThematicBreak(l string) bool {
	s := strings.ReplaceAll(l, " ", "")
	return len(s) >= 3 && (strings.Trim(s, "-") == "" || strings.Trim(s, "*") == "" || strings.Trim(s, "_") == "")
}

// parseMarkdown reads Markdown notes: each note's front matter gives its date, URL, paper and, when
// the body does not, its title and byline; its headings before the text are the headline ("###"
// kicker, "#" title, "##" subtitle); a quoted line under them its byline and where it ran
// ("> 本报记者  某某《人民日报》（2025年01月05日第 01 版）"). The front matter is recorded in
// Edition.Headers (less a value taken for a field) and the Markdown marks as labels, so that
// every character of the file lands in one place.
func parseMarkdown(ed *Edition, text string) error {
	for _, n := range splitNotes(text) {
		readNote(ed, n)
	}
	return nil
}

// readNote adds a note's articles: one, or one for each headline when its body holds several
// (a file of articles under "#" headings, without front matter for each). The front matter's
// title, byline and URL go to the first; its date, paper and page to all.
func readNote(ed *Edition, n note) {
	raw := n.raw
	for i, blocks := range splitArticles(mdBlocks(n.body)) {
		a := readArticleBlocks(ed, blocks)
		if i == 0 {
			if a.Title == "" {
				a.Title, raw = takeField(raw, n.fields, "title")
			}
			for _, key := range []string{"author", "authors", "byline"} {
				if a.Byline == "" && namesOnly(n.fields[key]) {
					a.Byline, raw = takeField(raw, n.fields, key)
				}
			}
			a.URL = firstNonEmpty(n.fields["source_url"], n.fields["url"], n.fields["link"], n.fields["permalink"])
		}
		if a.Title+a.Text == "" {
			ed.Labels = append(ed.Labels, nonEmpty(a.Kicker, a.Byline)...)
			continue
		}
		if d := recordDate(n.fields["date"]); d != "" {
			a.Date = d
		}
		a.Paper = firstNonEmpty(a.Paper, n.fields["paper"], n.fields["newspaper"], n.fields["publication"], paperFromSource(n.fields["source"]))
		if a.Page == "" {
			a.Page = pageLabel(n.fields["page"])
		}
		ed.Articles = append(ed.Articles, a)
		ed.recordIDs = append(ed.recordIDs, a.URL)
	}
	if raw != "" {
		ed.Headers = append(ed.Headers, raw)
	}
}

// splitArticles cuts a note's blocks at each headline after the first: a run of headings holding
// one of the first headline's title level or above, once text has come since. A note that opens
// with text is cut at "#" headings only. At least one (maybe empty) run of blocks is returned.
func splitArticles(blocks []mdBlock) [][]mdBlock {
	var out [][]mdBlock
	start, titleLevel, text := 0, 0, false
	for i := 0; i < len(blocks); {
		if blocks[i].level == 0 {
			text = text || blocks[i].text != ""
			i++
			continue
		}
		j := i
		for j < len(blocks) && blocks[j].level > 0 {
			j++
		}
		level := titleLevelOf(blocks[i:j])
		switch {
		case titleLevel == 0 && !text:
			titleLevel = level
		case titleLevel == 0:
			titleLevel = 1
			fallthrough
		default:
			if text && level <= titleLevel {
				out = append(out, blocks[start:i])
				start, text = i, false
			}
		}
		i = j
	}
	return append(out, blocks[start:])
}

// titleLevelOf is the level of the title of a run of headings: "#" when it holds one, else the
// first heading's (as takeHeadings reads it).
func titleLevelOf(run []mdBlock) int {
	for _, b := range run {
		if b.level == 1 {
			return 1
		}
	}
	return run[0].level
}

// readArticleBlocks reads one article from a note's blocks: its headline, the quoted byline line
// under it, and its paragraphs (the lead's dateline recorded, its byline taken).
func readArticleBlocks(ed *Edition, blocks []mdBlock) Article {
	a := Article{Kind: KindNews}
	blocks, subtitle := takeHeadings(ed, &a, blocks)
	blocks = takeQuotedByline(ed, &a, blocks)
	var paras []string
	for _, b := range blocks {
		ed.Labels = append(ed.Labels, nonEmpty(b.mark)...)
		paras = append(paras, nonEmpty(b.text)...)
	}
	paras = takeLead(ed, &a.Byline, paras)
	a.Text = strings.Join(append(nonEmpty(subtitle), paras...), "\n")
	return a
}

// takeHeadings reads the headings opening a note's body as its headline: the first "#" heading is
// the title, a heading above it the kicker, the headings below it the subtitle (returned, to
// open the text). The rest of the blocks is returned.
func takeHeadings(ed *Edition, a *Article, blocks []mdBlock) (rest []mdBlock, subtitle string) {
	n := 0
	for n < len(blocks) && blocks[n].level > 0 {
		n++
	}
	head := blocks[:n]
	t := -1
	for i, b := range head {
		if b.level == 1 {
			t = i
			break
		}
	}
	if t < 0 && len(head) > 0 {
		t = 0 // no "#": the first heading is the title
	}
	if t < 0 {
		return blocks, ""
	}
	a.Title = head[t].text
	var above, below []string
	for i, b := range head {
		ed.Labels = append(ed.Labels, b.mark)
		switch {
		case i < t:
			above = append(above, b.text)
		case i > t:
			below = append(below, b.text)
		}
	}
	if len(above) > 0 {
		a.Kicker = above[len(above)-1]
		ed.Labels = append(ed.Labels, above[:len(above)-1]...) // a label above the kicker
	}
	return blocks[n:], strings.Join(below, " ")
}

// takeQuotedByline reads quoted lines under the headline that give the byline and where the
// article ran: "本报记者  刘洋《人民日报》（2025年01月05日第 01 版）".
func takeQuotedByline(ed *Edition, a *Article, blocks []mdBlock) []mdBlock {
	for len(blocks) > 0 && blocks[0].quote {
		by, rest, ok := splitByline(blocks[0].text)
		if !ok {
			break
		}
		ed.Labels = append(ed.Labels, blocks[0].mark)
		if a.Byline == "" {
			a.Byline = by
		} else {
			rest = by + rest
		}
		ed.Labels = append(ed.Labels, nonEmpty(rest)...)
		a.Paper = firstNonEmpty(a.Paper, paperInBrackets(rest))
		if d := matchDate(dateRe, rest); d != "" {
			a.Date = d
		}
		if m := pageRe.FindStringSubmatch(rest); m != nil {
			_, a.Page = pageOf(m)
		}
		blocks = blocks[1:]
	}
	return blocks
}

// takeField takes a front matter field's value for an article field: the value, and the raw
// front matter without it (its key, quotes, brackets and list dashes stay recorded). A list
// ("[周航, 吴敏]", or items on the lines below the key) gives its items apart by spaces.
func takeField(raw string, fields map[string]string, key string) (string, string) {
	v := fields[key]
	if v == "" {
		return "", raw
	}
	lines := strings.Split(raw, "\n")
	for i, line := range lines {
		k, _, ok := strings.Cut(line, ":")
		if !ok || !strings.EqualFold(trimSpace(k), key) {
			continue
		}
		end := i + 1 // the value's lines: the key's, and the indented or listed ones below it
		for end < len(lines) && (strings.HasPrefix(lines[end], " ") || strings.HasPrefix(lines[end], "\t") ||
			strings.HasPrefix(lines[end], "-") && trimSpace(lines[end]) != "---") {
			end++
		}
		value := strings.Join(lines[i:end], "\n")[len(k)+1:]
		for _, part := range strings.Fields(v) {
			j := strings.Index(value, part)
			if j < 0 {
				return "", raw // written otherwise (escaped, folded): left as it is
			}
			value = value[:j] + value[j+len(part):]
		}
		rest := append(append(append([]string{}, lines[:i]...), k+":"+value), lines[end:]...)
		return v, strings.Join(rest, "\n")
	}
	return "", raw
}
