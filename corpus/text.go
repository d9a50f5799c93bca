package corpus

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the layout heuristics, in characters.
const (
	maxHeadLine    = 40 // a headline line (the one right above the lead may be longer)
	maxNearHead    = 60
	maxHeadLines   = 4  // kicker, title, subtitle and a column label at most
	maxColumnLabel = 16 // a column label attached to a photo caption
	maxPhotoTitle  = 20 // a photo's own title above its caption
)

// parseText parses a plain-text edition: page headers, headlines, datelines and bylines, body
// paragraphs rejoined where column and page breaks cut them, photo captions with their credits,
// and articles continued on another page. Lines are classified (lines.go), headlines marked and
// paragraphs rejoined (here), then the articles assembled in order (assemble.go).
func parseText(ed *Edition, text string) error {
	text = strings.TrimPrefix(text, "\uFEFF")
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	if isExport(text) {
		return parseExport(ed, text)
	}
	units := splitUnits(text)
	markHeads(units)
	units = joinParagraphs(units)
	markBriefs(units)
	markCaptions(units)
	var a assembler
	a.ed = ed
	for i := range units {
		a.add(&units[i])
	}
	a.finish()
	return nil
}

// markHeads marks the headline lines: the short, unfinished lines right above a lead or a
// continuation marker.
func markHeads(units []unit) {
	demoteBylineFragments(units)
	if markScraperHeads(units) {
		return
	}
	markIndentedHeads(units)
	if markClosedArticles(units) {
		return
	}
	// An edition may open with an article that has no dateline or byline under its headline.
	markHeadAt(units, 0)
	if !slices.ContainsFunc(units, func(u unit) bool { return u.kind == uLead || u.kind == uJumpFrom || u.kind == uCredit }) {
		markFirstHeadline(units)
		return
	}
	for i := range units {
		if units[i].kind == uCredit {
			markPhotoTitle(units, i)
			continue
		}
		if units[i].kind != uLead && units[i].kind != uJumpFrom {
			continue
		}
		for j, n := i-1, 0; j >= 0 && n < maxHeadLines; j, n = j-1, n+1 {
			u := &units[j]
			limit := maxHeadLine
			if n == 0 {
				limit = maxNearHead
			}
			if u.kind != uPara || u.fromLead || u.head || !headLike(u.text, limit) || subhead(u.text) && !isBracketed(u.text) ||
				isDateLine(u.text) {
				break
			}
			// Only the title may end with ！ or ？: a short exclamation further up is more
			// likely the last paragraph of the article before.
			if n > 0 && terminated(u.text) {
				break
			}
			u.head = true
		}
	}
}

// markClosedArticles marks the headlines of an edition whose articles are signed at their end
// ("…。" then "（本报记者 张三）" on a line of its own) rather than under their headlines: the
// first short unfinished lines of the edition, and those right after each closing byline, head
// the body text below them. It reports whether the edition is laid out so: it has bylines, and
// every one of them closes an article.
func markClosedArticles(units []unit) bool {
	closing := 0
	for i, u := range units {
		switch {
		case u.kind == uJumpFrom, u.kind == uLead && !closesArticle(units, i):
			return false
		case u.kind == uLead:
			closing++
		}
	}
	if closing == 0 {
		return false
	}
	markHeadAt(units, 0)
	for i, u := range units {
		if u.kind == uLead {
			markHeadAt(units, i+1)
		}
	}
	return true
}

// closesArticle reports a byline alone on its line right after a finished paragraph.
func closesArticle(units []unit, i int) bool {
	if !units[i].bylineOnly || i == 0 {
		return false
	}
	prev := units[i-1]
	return prev.kind == uPara && !prev.head && terminated(prev.text)
}

// markHeadAt marks one or two short unfinished lines from units[i] on as a headline when body
// text follows them; the body then opens an article.
func markHeadAt(units []unit, i int) {
	for i < len(units) && units[i].kind != uPara {
		i++
	}
	n := 0
	for n < 2 && i+n+1 < len(units) && units[i+n].kind == uPara && headLike(units[i+n].text, maxHeadLine) &&
		!terminated(units[i+n].text) && !subhead(units[i+n].text) {
		n++
	}
	if n == 0 || i+n >= len(units) || units[i+n].kind != uPara || continuesText(units[i+n].text) ||
		i+n+1 < len(units) && units[i+n+1].kind == uCredit { // a photo's title over its caption
		return
	}
	for j := i; j < i+n; j++ {
		units[j].head = true
	}
	units[i+n].opens = true
}

// markIndentedHeads marks headlines in an edition that sets paragraphs off by indentation and
// has no datelines or bylines to go by: a short unfinished line that is not indented, right above
// an indented paragraph, heads a new article (and one more such line above it is its kicker).
func markIndentedHeads(units []unit) {
	indented, paras := 0, 0
	for _, u := range units {
		if u.kind == uLead || u.kind == uJumpFrom {
			return // headlines are found above the leads
		}
		if u.kind == uPara {
			paras++
			if u.indent {
				indented++
			}
		}
	}
	if indented < 3 || indented*3 < paras { // not an indented layout
		return
	}
	for i := 0; i+1 < len(units); i++ {
		u, next := &units[i], &units[i+1]
		if u.kind != uPara || u.indent || u.head || u.fromLead || next.kind != uPara || !next.indent ||
			!headLike(u.text, maxHeadLine) || strings.ContainsAny(u.text, "，,；;") || terminated(u.text) ||
			subhead(u.text) || isDateLine(u.text) ||
			continuesText(next.text) || !terminated(next.text) && runesAtMost(next.text, maxColumnLabel) {
			continue // the next line must be body text, not the rest of a split label
		}
		u.head, next.opens = true, true
		if j := i - 1; j >= 0 && units[j].kind == uPara && !units[j].indent && !units[j].head &&
			headLike(units[j].text, maxHeadLine) && !terminated(units[j].text) && !subhead(units[j].text) {
			units[j].head = true
		}
	}
}

// maxSlots is the number of lines of a headline block in the scraper layout: 引题, 标题, 副题.
const maxSlots = 3

// markScraperHeads marks the headlines of the layout scrapers of e-paper sites write: every body
// paragraph indented (with ideographic spaces), each article's headline set above its first
// paragraph on lines of their own, not indented, datelines and bylines inside the paragraphs. A
// run of at most three such lines above an indented paragraph heads a new article, whatever the
// lead says. When every block spans exactly three lines with its blank ones (the scraper wrote
// 引题, 标题 and 副题 each on its line, an empty one as a blank line), each line's slot gives its
// role. It reports whether the edition is laid out so.
func markScraperHeads(units []unit) bool {
	type block struct{ from, to int } // head lines units[from:to], an indented line at units[to]
	var blocks []block
	indented := 0
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case u.kind == uPara && asciiClausePunct(u.text):
			return false // text extracted from a PDF page, whose line starts do not mark paragraphs
		case u.fromLead || u.kind == uHeader || u.kind == uLabel:
			continue
		case u.indent:
			indented++
			continue
		case u.kind != uPara || !scraperHeadLine(u.text):
			return false // an unindented line that is no headline: not this layout
		}
		j := i
		for j < len(units) && units[j].kind == uPara && !units[j].indent && !units[j].fromLead {
			if !scraperHeadLine(units[j].text) {
				return false // every line of a headline block must read as one, not only its first
			}
			j++
		}
		if j-i > maxSlots || j < len(units) && !units[j].indent {
			return false
		}
		if j < len(units) {
			blocks = append(blocks, block{i, j})
		}
		i = j - 1
	}
	if indented < 3 || len(blocks) < 2 {
		return false
	}
	slotted := true
	for _, b := range blocks {
		span := units[b.to].gap
		for k := b.from; k < b.to; k++ {
			span += units[k].gap + 1
		}
		slotted = slotted && span == maxSlots
	}
	for _, b := range blocks {
		pos := units[b.from].gap
		for k := b.from; k < b.to; k++ {
			if k > b.from {
				pos += units[k].gap
			}
			units[k].head = true
			if pos++; slotted {
				units[k].slot = int8(pos)
			}
		}
		units[b.to].opens = true
	}
	return true
}

// asciiClausePunct reports an ASCII comma or semicolon between Chinese characters. Scrapers save a
// site's text, set in full-width punctuation; the mix is the mark of text extracted from PDF
// columns (as the built-in edition is), where an unindented line is as often a paragraph's
// broken-off end as a headline.
func asciiClausePunct(s string) bool {
	var prev rune
	rs := []rune(s)
	for i, r := range rs {
		if (r == ',' || r == ';') && i+1 < len(rs) && unicode.Is(unicode.Han, prev) && unicode.Is(unicode.Han, rs[i+1]) {
			return true
		}
		prev = r
	}
	return false
}

// scraperHeadLine reports an unindented line that can stand in a scraper layout's headline block.
func scraperHeadLine(s string) bool {
	return headLike(s, maxNearHead) && !subhead(s) && !isDateLine(s)
}

// continuesText reports text that opens with punctuation, the rest of something cut.
func continuesText(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("）)》」』”’，,。、；;：:！？!?", first)
}

// markFirstHeadline marks the headline of an edition with no dateline, byline or credit to go
// by: the first one or two short unfinished lines, when body text follows them.
func markFirstHeadline(units []unit) {
	i := 0
	for i < len(units) && units[i].kind != uPara {
		i++
	}
	n := 0
	for n < 2 && i+n+1 < len(units) && units[i+n].kind == uPara && headLike(units[i+n].text, maxHeadLine) &&
		!terminated(units[i+n].text) {
		n++
	}
	if i+n >= len(units) || units[i+n].kind != uPara {
		return
	}
	for j := i; j < i+n; j++ {
		units[j].head = true
	}
}

// demoteBylineFragments turns back into text a "byline" line that continues a paragraph cut
// mid-sentence ("记者了解到" after a line ending "…据悉，"): a real byline follows a headline or a
// finished paragraph.
//
// A byline written without a space ("记者来到哈尔" could be "记者张三") counts only right under a
// headline.
func demoteBylineFragments(units []unit) {
	for i := range units {
		u := &units[i]
		if u.kind != uLead || !u.bylineOnly {
			continue
		}
		var prev *unit
		if i > 0 {
			prev = &units[i-1]
		}
		underHeadline := prev != nil && prev.kind == uPara && !prev.fromLead && !terminated(prev.text) &&
			headLike(prev.text, maxNearHead)
		cutParagraph := prev != nil && prev.kind == uPara && !terminated(prev.text) && !underHeadline
		spaced := strings.ContainsAny(u.byline, " \t\u3000")
		if cutParagraph || !spaced && !underHeadline {
			*u = unit{kind: uPara, text: u.text, gap: u.gap}
		}
	}
}

// markPhotoTitle marks the title of a photo: one or two short phrases above its caption.
func markPhotoTitle(units []unit, credit int) {
	caption := credit - 1
	if caption < 1 || units[caption].kind != uPara || units[caption].fromLead || !terminated(units[caption].text) {
		return
	}
	first := caption
	for j := caption - 1; j >= 0 && j >= caption-2; j-- {
		u := &units[j]
		if u.kind != uPara || u.fromLead || u.head || !runesAtMost(u.text, maxPhotoTitle) ||
			strings.ContainsAny(u.text, "，,。、；;：:") || terminated(u.text) {
			break
		}
		first = j
	}
	// A title stands after something finished: not after a lead or a cut paragraph, whose
	// continuation such a short line would be.
	if first == caption {
		return
	}
	if p := textBefore(units, first); p >= 0 {
		switch prev := units[p]; {
		case prev.kind == uLead, prev.kind == uJumpFrom, prev.kind == uPara && !prev.head && !terminated(prev.text):
			return
		}
	}
	for j := first; j < caption; j++ {
		units[j].head = true
	}
}

// textBefore finds the unit of running text before units[i], looking past page furniture and
// photos (a credit and its caption) set in between; -1 if none.
func textBefore(units []unit, i int) int {
	p := i - 1
	for p >= 0 {
		switch units[p].kind {
		case uHeader, uLabel:
			p--
		case uCredit:
			p--
			if p >= 0 && units[p].kind == uPara {
				p-- // its caption
			}
		default:
			return p
		}
	}
	return p
}

// headLike reports a line that can be (part of) a headline: short, not ending mid-sentence or
// with a full stop.
func headLike(s string, limit int) bool {
	if !runesAtMost(s, limit) || strings.Contains(s, "。") {
		return false
	}
	if first, _ := utf8.DecodeRuneInString(s); strings.ContainsRune("）)》」』”’，,。、；;：:！？!?", first) {
		return false // the rest of something cut, not the start of a headline
	}
	if isNameList(s) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune("，,、；;：:", r)
}

// joinParagraphs rejoins paragraphs cut at column and page breaks: a body line that does not end
// a sentence is continued by the next body line, across page headers and recorded labels.
func joinParagraphs(units []unit) []unit {
	out := units[:0]
	open := -1 // index in out of a paragraph that may be continued
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case u.kind == uHeader || u.kind == uLabel:
			out = append(out, u)
			continue
		case open >= 0 && u.kind == uPara && !u.head && i+1 < len(units) && units[i+1].kind == uCredit && continues(units, i+2):
			// A photo and its caption set inside a cut paragraph: kept apart, the paragraph open.
			// (When no text goes on after the credit, the cut paragraph was the caption itself,
			// wrapped over lines.)
			out = append(out, u, units[i+1])
			i++
			continue
		case u.kind != uPara || u.head:
			open = -1
		case open >= 0 && !subhead(u.text) && !bulleted(u.text) && !(labelled(out[open].text) && labelled(u.text)):
			out[open].text = joinText(out[open].text, u.text)
			if terminated(out[open].text) {
				open = -1
			}
			continue
		}
		out = append(out, u)
		open = -1
		if u.kind == uPara && !u.head && !terminated(u.text) && !subhead(u.text) {
			open = len(out) - 1
		}
	}
	return out
}

// briefMarks open the items of a news-briefs column.
const briefMarks = "●•■◆▲□◇◎★☆▪▶►" // not ·, which joins the parts of a name (青蓝·共成长)

// maxBriefsLabel bounds the label of a briefs column, brackets included: 【简讯】, 【本地快讯】.
const maxBriefsLabel = 12

// markBriefs marks a column of news briefs: a label alone on its line ("【简讯】", "【快讯】",
// "简讯") over items each opened by a bullet. Each brief is a news item of its own, so that
// an answer from one cites it, not the article printed above the column.
func markBriefs(units []unit) {
	for i := 0; i+1 < len(units); i++ {
		u := &units[i]
		if u.kind != uPara || u.head || !isBriefsLabel(u.text) || !isBrief(units[i+1]) {
			continue
		}
		u.briefs = true
		for j := i + 1; j < len(units) && isBrief(units[j]); j++ {
			units[j].brief = true
			i = j
		}
	}
}

func isBriefsLabel(s string) bool {
	if !runesAtMost(s, maxBriefsLabel) {
		return false
	}
	if strings.HasPrefix(s, "【") && strings.HasSuffix(s, "】") && strings.Count(s, "【") == 1 {
		return true
	}
	// Unbracketed, only a label that names a briefs column: 简讯, 本地快讯, 经济动态.
	return hasAnySuffix(s, briefsLabels) && !strings.ContainsAny(s, "，。,；;：:！？!? ")
}

var briefsLabels = []string{"简讯", "簡訊", "快讯", "快訊", "短讯", "短訊", "速览", "速覽", "速递", "速遞", "简报", "簡報", "动态", "動態", "一句话新闻"}

func isBrief(u unit) bool { return u.kind == uPara && !u.head && bulleted(u.text) }

// bulleted reports a line opened by a bullet: an item of its own, never the rest of a paragraph.
func bulleted(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(briefMarks, r)
}

// labelledRe opens a line of a list of labelled items: "时间：", "地点：", "主办单位：", "问：".
var labelledRe = regexp.MustCompile(`^\p{Han}{1,5}[：:]`)

// labelled reports a line opening with a label. Two such lines in a row are items of a list
// ("时间：9月5日" / "地点：县图书馆"), not a paragraph cut at a column break.
func labelled(s string) bool { return labelledRe.MatchString(s) }

// continues reports whether units[j] can go on with a paragraph cut before a photo: body text,
// not a headline nor a short unfinished label such as a column name.
func continues(units []unit, j int) bool {
	if j >= len(units) || units[j].kind != uPara || units[j].head {
		return false
	}
	return terminated(units[j].text) || !runesAtMost(units[j].text, maxColumnLabel)
}

// markCaptions marks the paragraphs right above a photo credit as captions. The lead
// paragraph of an article is never one.
func markCaptions(units []unit) {
	for i := 0; i+1 < len(units); i++ {
		if u := &units[i]; u.kind == uPara && !u.head && !u.fromLead && units[i+1].kind == uCredit {
			u.caption = true
		}
	}
}

// joinText joins two pieces of one paragraph: directly for Chinese and numbers, with a space
// between two Latin letters (Latin words are wrapped at spaces, Chinese text anywhere).
func joinText(a, b string) string {
	x, _ := utf8.DecodeLastRuneInString(a)
	y, _ := utf8.DecodeRuneInString(b)
	if isASCIILetter(x) && isASCIILetter(y) {
		return a + " " + b
	}
	return a + b
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// terminated reports text that ends a sentence (closing quotes and brackets aside).
func terminated(s string) bool {
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		switch {
		case strings.ContainsRune("。！？!?…", r):
			return true
		case r == ')' || r == '）':
			// "…。（完）", "…。（记者 张三）" end a paragraph; "11个村(社区)" goes on.
			open := strings.LastIndexAny(s, "(（")
			if open < 0 {
				return true
			}
			inner := s[open:]
			before := trimSpace(s[:open])
			return before == "" || terminated(before) || strings.ContainsAny(inner, "完摄攝记記")
		case r == '.':
			p, _ := utf8.DecodeLastRuneInString(s[:len(s)-size])
			return p < '0' || p > '9'
		case strings.ContainsRune("”’」』\"'》】]", r):
			s = s[:len(s)-size]
		default:
			return false
		}
	}
	return false
}

// subhead reports a section heading inside an article (一、… （二）… 1. … ■…), which stands as
// its own paragraph.
func subhead(s string) bool {
	if !runesAtMost(s, maxHeadLine) {
		return false
	}
	if hasAnyPrefix(s, []string{"■", "□", "◆", "◇", "●", "▲", "【"}) {
		return true
	}
	r, size := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("一二三四五六七八九十", r) {
		next, _ := utf8.DecodeRuneInString(s[size:])
		return next == '、'
	}
	if strings.ContainsRune("①②③④⑤⑥⑦⑧⑨⑩", r) {
		return true
	}
	if r >= '0' && r <= '9' { // 1. 1、 10． (not 6.2%)
		i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
		if i > 0 && i <= 2 {
			next, size := utf8.DecodeRuneInString(s[i:])
			after, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[i+size:], " \u3000"))
			return (next == '.' || next == '、' || next == '．') && unicode.Is(unicode.Han, after)
		}
	}
	if r == '（' || r == '(' {
		next, _ := utf8.DecodeRuneInString(s[size:])
		return strings.ContainsRune("一二三四五六七八九十", next)
	}
	return false
}

// runesAtMost reports whether s has at most n characters, without counting a long string through.
func runesAtMost(s string, n int) bool {
	if len(s) <= n {
		return true
	}
	if len(s) > n*utf8.UTFMax {
		return false
	}
	for range s {
		if n--; n < 0 {
			return false
		}
	}
	return true
}

// isBracketed reports a line wrapped in 【】, the way column labels and some kickers are set.
func isBracketed(s string) bool { return strings.HasPrefix(s, "【") }

// isDateLine reports a line that is only a date ("2022年11月30日"), as under a signed notice:
// never part of a headline.
func isDateLine(s string) bool {
	if !strings.Contains(s, "年") || !strings.HasSuffix(s, "日") {
		return false
	}
	loc := dateRe.FindStringIndex(s)
	return loc != nil && loc[0] == 0 && trimSpace(s[loc[1]:]) == ""
}

// isNameList reports a line of many short words apart (a list of names: "刘金国　刘学新　许罗德
// …"), which a headline is not.
func isNameList(s string) bool {
	fields := strings.Fields(s)
	if len(fields) <= 4 {
		return false
	}
	short := 0
	for _, f := range fields {
		if i := strings.IndexAny(f, "（("); i > 0 { // 訚柏（纳西族）
			f = f[:i]
		}
		if runesAtMost(f, 4) {
			short++
		}
	}
	return short*5 >= len(fields)*4
}
