package corpus

import (
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
// and articles continued on another page.
func parseText(ed *Edition, text string) error {
	text = strings.TrimPrefix(text, "\uFEFF")
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	units := splitUnits(text)
	markHeads(units)
	units = joinParagraphs(units)
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
		case open >= 0 && u.kind == uPara && !u.head && i+1 < len(units) && units[i+1].kind == uCredit:
			// A photo and its caption set inside a cut paragraph: kept apart, the paragraph open.
			out = append(out, u, units[i+1])
			i++
			continue
		case u.kind != uPara || u.head:
			open = -1
		case open >= 0 && !subhead(u.text):
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

// item is an article being assembled.
type item struct {
	art       Article
	paras     []string
	startPage int
	jumpTo    int    // page the article continues on, 0 if none
	resume    bool   // continued from another page: the next paragraph may finish the last one
	dateline  string // lead-in left once the byline is out, recorded as a label
	subtitle  string // a "——" line under the title, which opens the text
}

// assembler turns classified units into articles, in order of appearance.
type assembler struct {
	ed        *Edition
	items     []*item
	cur       *item // where body paragraphs go
	news      *item // the last news article
	orphans   []string
	heads     []string
	caption   []string // a photo caption waiting for its credit
	page      int      // current page number, 0 before any page header
	pageLabel string   // current page as Article.Page shows it
	date      string   // current page's date
}

func (a *assembler) add(u *unit) {
	switch u.kind {
	case uHeader:
		a.ed.Headers = append(a.ed.Headers, u.text)
		if u.page != 0 {
			a.page, a.pageLabel = u.page, u.pageLabel
		}
		if u.date != "" {
			a.date = u.date
			if a.ed.Date == "" {
				a.ed.Date = u.date
			}
		}
		if a.ed.Paper == "" && u.paper != "" {
			a.ed.Paper = u.paper
		}
	case uLabel:
		a.ed.Labels = append(a.ed.Labels, u.text)
	case uPara:
		if u.head {
			a.heads = append(a.heads, u.text)
			return
		}
		a.addPara(u)
	case uLead:
		a.addLead(u)
	case uJumpTo:
		a.ed.Labels = append(a.ed.Labels, u.text)
		if a.cur != nil {
			a.cur.jumpTo = u.page
		}
	case uJumpFrom:
		a.addJumpFrom(u)
	case uCredit:
		a.addCredit(u)
	}
}

func (a *assembler) newItem(kind string) *item {
	it := &item{art: Article{Kind: kind, Date: a.date}, startPage: a.page}
	it.art.Page = a.pageLabel
	a.items = append(a.items, it)
	return it
}

// addLead starts a news article under the headline lines gathered so far. A byline alone with no
// headline above it, after an article that has none, closes that article instead.
func (a *assembler) addLead(u *unit) {
	if len(a.heads) == 0 && u.bylineOnly && a.cur != nil && a.cur.art.Kind == KindNews &&
		a.cur.art.Byline == "" && len(a.cur.paras) > 0 {
		a.cur.art.Byline = u.byline
		a.cur.dateline += u.dateline
		return
	}
	it := a.newItem(KindNews)
	it.subtitle = setHeadline(&it.art, a.heads)
	a.heads = nil
	it.dateline = u.dateline
	it.art.Byline = u.byline
	a.cur, a.news = it, it
}

// setHeadline distributes headline lines: a subtitle starts with a dash (it is returned, to
// open the text: the articles contract has no field for it); of the others the last is the
// title, the one above it the kicker, anything above that a column label.
func setHeadline(art *Article, heads []string) (subtitle string) {
	var main, sub []string
	for _, h := range heads {
		if len(main) > 0 && hasAnyPrefix(h, []string{"——", "—", "--", "─"}) {
			sub = append(sub, h)
		} else if len(sub) > 0 {
			sub = append(sub, h)
		} else {
			main = append(main, h)
		}
	}
	subtitle = strings.Join(sub, " ")
	switch len(main) {
	case 0:
	case 1:
		art.Title = main[0]
	default:
		art.Title = main[len(main)-1]
		art.Kicker = main[len(main)-2]
		art.Column = strings.Join(main[:len(main)-2], "")
	}
	return subtitle
}

func (a *assembler) addPara(u *unit) {
	if u.caption {
		a.caption = append(a.caption, u.text)
		return
	}
	it := a.cur
	switch {
	case it == nil:
		a.orphans = append(a.orphans, u.text)
		return
	case it.art.Kind == KindPhoto:
		// A short label right after a photo is its column ("重点项目进行时"); other text after it
		// goes on with the article the photo was set in.
		if !terminated(u.text) && runesAtMost(u.text, maxColumnLabel) && it.art.Column == "" {
			it.art.Column = u.text
			return
		}
		if a.news == nil {
			a.orphans = append(a.orphans, u.text)
			a.cur = nil
			return
		}
		it = a.news
		a.cur = it
	}
	if it.resume && len(it.paras) > 0 && !terminated(it.paras[len(it.paras)-1]) {
		it.paras[len(it.paras)-1] = joinText(it.paras[len(it.paras)-1], u.text)
	} else {
		it.paras = append(it.paras, u.text)
	}
	it.resume = false
}

// addJumpFrom continues an article that jumped from another page, or when none is waiting
// starts one under the headline above the marker.
func (a *assembler) addJumpFrom(u *unit) {
	target := a.findJumped(u.page)
	if target == nil {
		it := a.newItem(KindNews)
		it.subtitle = setHeadline(&it.art, a.heads)
		a.heads = nil
		a.ed.Labels = append(a.ed.Labels, u.text)
		a.cur, a.news = it, it
		return
	}
	// The repeated headline above the marker is recorded, not repeated in the article.
	a.ed.Labels = append(a.ed.Labels, a.heads...)
	a.ed.Labels = append(a.ed.Labels, u.text)
	a.heads = nil
	target.resume = true
	target.jumpTo = 0
	a.cur, a.news = target, target
}

// findJumped finds the article continued here: one that jumped to this page from the page the
// marker names, best with the same headline; else any that jumped here.
func (a *assembler) findJumped(from int) *item {
	heading := strings.Join(a.heads, "")
	var best *item
	bestScore := 0
	for _, it := range a.items {
		if it.jumpTo == 0 || (a.page != 0 && it.jumpTo != a.page) {
			continue
		}
		score := 1
		if from != 0 && it.startPage == from {
			score += 2
		}
		if heading != "" && (strings.Contains(it.art.Title+it.art.Kicker, heading) || strings.Contains(heading, it.art.Title)) {
			score += 4
		}
		if score > bestScore {
			best, bestScore = it, score
		}
	}
	return best
}

// addCredit makes a photo item of the caption just before the credit (and a title above it).
// A credit with neither is recorded as a label.
func (a *assembler) addCredit(u *unit) {
	if len(a.caption) == 0 && len(a.heads) == 0 {
		a.ed.Labels = append(a.ed.Labels, nonEmpty(u.dateline, u.byline)...)
		return
	}
	it := a.newItem(KindPhoto)
	it.subtitle = setHeadline(&it.art, a.heads)
	a.heads = nil
	it.art.Byline = u.byline
	it.dateline = u.dateline
	it.paras, a.caption = a.caption, nil
	a.cur = it
}

// takeTrailingByline takes the byline of an article that has none from the end of its last
// paragraph, where some papers print it: "…。（记者 张三）".
func (it *item) takeTrailingByline() {
	n := len(it.paras)
	if it.art.Kind != KindNews || it.art.Byline != "" || n == 0 {
		return
	}
	last := it.paras[n-1]
	m := trailingBylineRe.FindStringSubmatchIndex(last)
	if m == nil {
		return
	}
	it.art.Byline = trimSpace(last[m[4]:m[5]])
	it.dateline += last[m[2]:m[3]] + last[m[6]:m[7]]
	if rest := trimSpace(last[:m[0]]); rest != "" {
		it.paras[n-1] = rest
	} else {
		it.paras = it.paras[:n-1]
	}
}

// dropTrailingLabels records as labels the short unfinished lines ending the edition after its
// last news article (a column label, a page note): they are not the article's text.
func (a *assembler) dropTrailingLabels() {
	if len(a.items) == 0 {
		return
	}
	last := a.items[len(a.items)-1]
	if last.art.Kind != KindNews || last.jumpTo != 0 {
		return
	}
	n := len(last.paras)
	for n > 1 && !terminated(last.paras[n-1]) && runesAtMost(last.paras[n-1], maxColumnLabel) {
		n--
	}
	a.ed.Labels = append(a.ed.Labels, last.paras[n:]...)
	last.paras = last.paras[:n]
}

// finish turns the items into articles. Text before the first article becomes an untitled
// article (or, when nothing else is there, the whole edition one article under its first lines).
func (a *assembler) finish() {
	for _, it := range a.items {
		it.takeTrailingByline()
	}
	if len(a.caption) > 0 { // cannot happen: a caption is always followed by its credit
		a.orphans = append(a.orphans, a.caption...)
	}
	var heads []string // an edition without datelines: the headline marked by markFirstHeadline
	if len(a.items) == 0 {
		heads = a.heads
	} else {
		a.orphans = append(a.orphans, a.heads...)
	}
	a.heads = nil
	var lead []Article
	if len(a.orphans) > 0 || len(heads) > 0 {
		var art Article
		paras := a.orphans
		if sub := setHeadline(&art, heads); sub != "" {
			paras = append([]string{sub}, paras...)
		}
		if allLabels(paras) && len(a.items) > 0 {
			a.ed.Labels = append(a.ed.Labels, paras...)
		} else {
			art.Kind = KindNews
			art.Date = a.ed.Date
			art.Text = strings.Join(paras, "\n")
			lead = append(lead, art)
		}
	}
	a.dropTrailingLabels()
	a.ed.Articles = slices.Grow(a.ed.Articles, len(lead)+len(a.items))
	a.ed.Articles = append(a.ed.Articles, lead...)
	for _, it := range a.items {
		it.art.Text = strings.Join(it.paras, "\n")
		if it.art.Kind == KindPhoto && it.art.Text == "" && it.art.Title == "" {
			// A credit with no caption: recorded, not an item of its own.
			a.ed.Labels = append(a.ed.Labels, nonEmpty(it.art.Column, it.dateline, it.art.Byline)...)
			continue
		}
		// The dateline ("本报讯()": what is left of it once the byline is out) is recorded, not
		// shown; a subtitle opens the text.
		a.ed.Labels = append(a.ed.Labels, nonEmpty(it.dateline)...)
		if it.subtitle != "" {
			it.paras = append([]string{it.subtitle}, it.paras...)
			it.art.Text = strings.Join(it.paras, "\n")
		}
		if it.art.Text+it.art.Title+it.art.Kicker+it.art.Byline+it.art.Column == "" {
			continue
		}
		a.ed.Articles = append(a.ed.Articles, it.art)
	}
}

func allLabels(paras []string) bool {
	for _, p := range paras {
		if terminated(p) || !runesAtMost(p, maxHeadLine) {
			return false
		}
	}
	return true
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
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
