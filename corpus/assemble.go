package corpus

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// item is an article being assembled.
type item struct {
	art       Article
	paras     []string
	startPage int
	jumpTo    int    // page the article continues on, 0 if none
	resume    bool   // continued from another page: the next paragraph may finish the last one
	dateline  string // lead-in left once the byline is out, recorded as a label
	subtitle  string // the subtitle (副题) under the title, which opens the text
	role      string // a photo credit's role word ("本报记者"), recorded as a label
	signed    bool   // opened by a byline or info line alone: a dateline next opens its body
}

// assembler turns classified units into articles, in order of appearance.
type assembler struct {
	ed        *Edition
	items     []*item
	cur       *item // where body paragraphs go
	news      *item // the last news article
	orphans   []string
	heads     []string
	slots     []int8   // each head line's slot in a slotted layout (1 kicker, 2 title, 3 subtitle), else 0
	caption   []string // a photo caption waiting for its credit
	page      int      // current page number, 0 before any page header
	pageLabel string   // current page as Article.Page shows it
	date      string   // current page's date
}

func (a *assembler) add(u *unit) {
	if u.mark != "" {
		a.ed.Labels = append(a.ed.Labels, u.mark)
	}
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
		switch {
		case u.head:
			a.heads = append(a.heads, u.text)
			a.slots = append(a.slots, u.slot)
		case u.briefs:
			// The column label is recorded; each brief below it is named by its own text.
			a.ed.Labels = append(a.ed.Labels, a.heads...)
			a.ed.Labels = append(a.ed.Labels, u.text)
			a.heads, a.slots = nil, nil
		case u.brief:
			a.addBrief(u)
		case u.opens && len(a.heads) > 0:
			a.addLead(&unit{kind: uLead})
			a.addPara(u)
		default:
			a.addPara(u)
		}
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
	// "记者 李明" on its own line under the headline (or an info line "作者：… 来源：… 发布时间：…"),
	// then "本报讯 …": the dateline opens the body of the article the byline line started, not a
	// second article without a headline.
	if len(a.heads) == 0 && !u.bylineOnly && a.cur != nil && a.cur.art.Kind == KindNews &&
		len(a.cur.paras) == 0 && (a.cur.dateline == "" || a.cur.signed) && a.cur.art.Title != "" {
		a.cur.dateline = strings.Join(nonEmpty(a.cur.dateline, u.dateline), " ")
		a.cur.signed = false
		if a.cur.art.Byline == "" {
			a.cur.art.Byline = u.byline
		} else if u.byline != "" {
			a.ed.Labels = append(a.ed.Labels, u.byline) // repeated: recorded, not lost
		}
		return
	}
	it := a.newItem(KindNews)
	it.subtitle = a.takeHeadline(&it.art)
	it.dateline = u.dateline
	it.signed = u.bylineOnly
	it.art.Byline = u.byline
	if u.date != "" { // from an info line
		it.art.Date = u.date
	}
	if u.paper != "" {
		it.art.Paper = u.paper
		if a.ed.Paper == "" {
			a.ed.Paper = u.paper
		}
	}
	a.cur, a.news = it, it
}

// addBrief starts a news item for one brief; its bullet is recorded, not part of the text.
func (a *assembler) addBrief(u *unit) {
	it := a.newItem(KindNews)
	_, size := utf8.DecodeRuneInString(u.text)
	it.dateline = u.text[:size]
	if text := trimSpace(u.text[size:]); text != "" {
		it.paras = append(it.paras, text)
	}
	a.cur, a.news = it, it
}

// takeHeadline gives the headline lines gathered so far their roles, and clears them: by their
// slots in a slotted layout (引题, 标题 and 副题 each on its line, an empty one left blank), else
// by what they say (setHeadline).
func (a *assembler) takeHeadline(art *Article) (subtitle string) {
	heads, slots := a.heads, a.slots
	a.heads, a.slots = nil, nil
	if !slices.Contains(slots, 2) || slices.Contains(slots, 0) {
		return setHeadline(art, heads)
	}
	var sub []string
	for i, h := range heads {
		switch slots[i] {
		case 1:
			art.Kicker = h
		case 2:
			art.Title = h
		default:
			sub = append(sub, h)
		}
	}
	return strings.Join(sub, " ")
}

// setHeadline gives the headline lines their roles (splitHeadline): column label, kicker, main
// title and subtitle. The subtitle is returned, to open the text: the articles contract has no
// field for it, and in the text it stays searchable and quotable.
func setHeadline(art *Article, heads []string) (subtitle string) {
	h := splitHeadline(heads)
	art.Column, art.Kicker, art.Title = h.column, h.kicker, h.title
	return strings.Join(h.subtitle, " ")
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
		it.subtitle = a.takeHeadline(&it.art)
		a.ed.Labels = append(a.ed.Labels, u.text)
		a.cur, a.news = it, it
		return
	}
	// The repeated headline above the marker is recorded, not repeated in the article.
	a.ed.Labels = append(a.ed.Labels, a.heads...)
	a.ed.Labels = append(a.ed.Labels, u.text)
	a.heads, a.slots = nil, nil
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
	it.subtitle = a.takeHeadline(&it.art)
	it.art.Byline, it.role = creditName(u.byline)
	it.dateline = u.dateline
	it.paras, a.caption = a.caption, nil
	a.cur = it
}

// dropEndMark records the end mark of an article ("（完）" on a line of its own, "（责任编辑：赵六）"
// closing its last paragraph): not its text.
func (it *item) dropEndMark(ed *Edition) {
	n := len(it.paras)
	if n > 1 && endMarks[strings.ReplaceAll(it.paras[n-1], " ", "")] {
		ed.Labels = append(ed.Labels, it.paras[n-1])
		it.paras = it.paras[:n-1]
		n--
	}
	if n == 0 {
		return
	}
	last := it.paras[n-1]
	if m := editorNoteRe.FindStringIndex(last); m != nil && terminated(trimSpace(last[:m[0]])) {
		ed.Labels = append(ed.Labels, last[m[0]:])
		it.paras[n-1] = trimSpace(last[:m[0]])
	}
}

// editorNoteRe matches an editor's credit closing a paragraph: （责任编辑：赵六）, (编辑 钱七).
var editorNoteRe = regexp.MustCompile(`[（(](?:责任编辑|責任編輯|编辑|編輯|责编|責編|校对|校對)[：:\s\x{3000}]*[^（()）]{1,20}[）)]$`)

var endMarks = map[string]bool{"（完）": true, "(完)": true, "【完】": true, "[完]": true, "（全文完）": true, "(全文完)": true}

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
		// "…及时维修。（王丽）": a name alone, after the last sentence of a short item.
		n := trailingNameRe.FindStringSubmatchIndex(last)
		if n == nil || !isSurnameStart(last[n[6]:n[7]]) {
			return
		}
		// As trailingBylineRe's: the match from the bracket on, bracket, name, bracket.
		m = []int{n[4], n[9], n[4], n[5], n[6], n[7], n[8], n[9]}
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
	for n > 1 && !terminated(last.paras[n-1]) && runesAtMost(last.paras[n-1], maxColumnLabel) && !labelled(last.paras[n-1]) {
		n--
	}
	a.ed.Labels = append(a.ed.Labels, last.paras[n:]...)
	last.paras = last.paras[:n]
}

// finish turns the items into articles. Text before the first article becomes an untitled
// article (or, when nothing else is there, the whole edition one article under its first lines).
func (a *assembler) finish() {
	for _, it := range a.items {
		it.dropEndMark(a.ed)
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
	a.heads, a.slots = nil, nil
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
			a.ed.Labels = append(a.ed.Labels, nonEmpty(it.art.Column, it.dateline, it.role, it.art.Byline)...)
			continue
		}
		// The dateline ("本报讯()": what is left of it once the byline is out) is recorded, not
		// shown; a subtitle opens the text.
		a.ed.Labels = append(a.ed.Labels, nonEmpty(it.dateline, it.role)...)
		if it.subtitle != "" {
			it.paras = append([]string{it.subtitle}, it.paras...)
			it.art.Text = strings.Join(it.paras, "\n")
		}
		if it.art.Text+it.art.Title+it.art.Kicker+it.art.Byline+it.art.Column == "" {
			continue
		}
		if it.art.Kind == KindNews && it.art.Text+it.art.Title+it.art.Kicker+it.art.Column == "" {
			// Only a byline: the signature closing the article before ("（本报记者 张三）").
			if n := len(a.ed.Articles); n > 0 && a.ed.Articles[n-1].Byline == "" && a.ed.Articles[n-1].Kind == KindNews {
				a.ed.Articles[n-1].Byline = it.art.Byline
			} else {
				a.ed.Labels = append(a.ed.Labels, it.art.Byline)
			}
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
