package corpus

import (
	"cmp"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// junkTags never hold article text.
var junkTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true, atom.Nav: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Button: true, atom.Svg: true,
	atom.Template: true, atom.Select: true, atom.Input: true, atom.Object: true, atom.Embed: true,
}

// junkWords in a class or id mark navigation, advertising and page furniture.
var junkWords = []string{"nav", "menu", "ad", "ads", "advert", "advertisement", "banner", "footer",
	"share", "comment", "comments", "sidebar", "breadcrumb", "related", "recommend", "copyright",
	"toolbar", "login", "search", "social", "popup", "modal", "sponsor", "promo", "subscribe", "hidden"}

// parseHTML reads one e-paper article page: headline (with kicker and subtitle around it), byline
// and body paragraphs from the markup; scripts, navigation and advertising are dropped.
func parseHTML(ed *Edition, text string) error {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return fmt.Errorf("%w: HTML: %v", ErrUndecodable, err)
	}
	return readHTML(ed, doc, false)
}

// parseHTMLFragment reads the HTML of one article without a page around it (a feed item's
// content) as parseHTML reads a page, and records the text it takes for no field (a dateline
// block beside the headline, a heading among the headline's) as labels: every character of the
// fragment's visible text lands in one place.
func parseHTMLFragment(ed *Edition, fragment string) error {
	doc, err := html.Parse(strings.NewReader("<html><body>" + fragment + "</body></html>"))
	if err != nil {
		return fmt.Errorf("%w: HTML: %v", ErrUndecodable, err)
	}
	return readHTML(ed, doc, true)
}

// readHTML reads a parsed page or fragment: a page of several articles, or one article.
func readHTML(ed *Edition, doc *html.Node, fragment bool) error {
	meta := htmlMeta(doc)
	if fragment {
		meta = map[string]string{} // a fragment has no page whose metadata could name it
	}
	pruneJunk(doc)
	if pageHeadings(doc) != nil {
		return parseHTMLPage(ed, doc, meta)
	}
	var a Article
	a.Kind = KindNews
	taken := map[*html.Node]bool{} // elements whose text went to a field
	h1 := headline(doc, firstNonEmpty(meta["og:title"], meta["title"]))
	var headGroup *html.Node // the last element of the headline block
	if h1 != nil {
		a.Title = nodeText(h1)
		var subtitle string
		var kn, sn *html.Node
		a.Kicker, subtitle, kn, sn = headlineNeighbours(h1)
		taken[h1], taken[kn], taken[sn] = true, true, true
		headGroup = cmp.Or(sn, h1)
		defer func() { // the articles contract has no subtitle: it opens the text
			if subtitle != "" && len(ed.Articles) == 1 {
				ed.Articles[0].Text = subtitle + "\n" + ed.Articles[0].Text
			}
		}()
	} else {
		a.Title = titleOfPage(firstNonEmpty(meta["og:title"], meta["title"]))
	}
	var hi headInfo
	var bylineNode *html.Node
	var bylineLabel string
	a.Byline, bylineLabel, bylineNode = bylineElement(doc)
	if bylineNode != nil && bylineNode.Parent != nil && a.Byline != "" {
		// Taken as the byline, it is not a paragraph: left in the body, an unterminated
		// "记者 钱多" would be joined to the lead paragraph after it.
		bylineNode.Parent.RemoveChild(bylineNode)
		hi.labels = nonEmpty(bylineLabel)
	}
	if headGroup != nil {
		// The byline and edition lines under the headline: "本报记者 王远", "《人民日报》（…第 01 版）".
		under := readHeadInfo(headGroup)
		if a.Byline == "" {
			a.Byline = under.byline
		} else {
			under.labels = append(nonEmpty(under.byline), under.labels...)
		}
		for _, n := range under.nodes {
			n.Parent.RemoveChild(n)
		}
		hi.labels = append(hi.labels, under.labels...)
	}
	ed.Labels = append(ed.Labels, hi.labels...)
	if info := strings.Join(hi.labels, " "); info != "" {
		ed.Paper = firstNonEmpty(ed.Paper, paperInBrackets(info), labelledFields(info)["paper"])
		if d := firstNonEmpty(matchDate(dateRe, info), matchDate(numericDateRe, info)); d != "" {
			ed.Date, a.Date = d, d
		}
		if m := pageRe.FindStringSubmatch(info); m != nil {
			_, a.Page = pageOf(m)
		}
	}
	if a.Byline == "" {
		a.Byline = strings.TrimSpace(meta["author"])
	}
	body := bodyContainer(doc)
	paras := htmlParagraphs(body, h1)
	if fragment {
		ed.Labels = append(ed.Labels, fragmentRest(doc, body, h1, taken)...)
	}
	// An info line opening the body: "作者：本报记者 周丽　来源：青山日报　发布时间：…".
	var info []string
	for len(paras) > 0 && (isInfoLine(paras[0]) || isDateTimeLine(paras[0])) {
		info = append(info, paras[0])
		if u := infoUnit(paras[0], 0); a.Byline == "" && u.byline != "" {
			a.Byline = u.byline // the rest of the line is recorded
			ed.Labels = append(ed.Labels, nonEmpty(trimSpace(u.dateline))...)
		} else {
			ed.Labels = append(ed.Labels, paras[0])
		}
		paras = paras[1:]
	}
	if len(paras) > 0 {
		paras = takeLead(ed, &a.Byline, paras)
		if len(paras) > 0 && a.Byline == "" {
			if by, mark, ok := bylineLine(paras[0]); ok {
				a.Byline = by
				ed.Labels = append(ed.Labels, nonEmpty(mark)...)
				paras = paras[1:]
			}
		}
	}
	a.Text = strings.Join(paras, "\n")
	if a.Text == "" {
		return ErrNoArticles
	}
	a.URL = meta["og:url"]
	ed.Paper = firstNonEmpty(strings.TrimSpace(meta["og:site_name"]), ed.Paper)
	outside := textOutside(doc, body)
	// An info line outside the body: "作者：本报记者 周丽　来源：青山日报　发布时间：2025-10-12".
	fields := labelledFields(strings.Join(append(info, outside), "\n"))
	// (Not in a fragment, where the text outside the body is recorded as it is.)
	if by := fields["byline"]; a.Byline == "" && !fragment && by != "" && namesOnly(by) {
		a.Byline = by
	}
	if p := fields["paper"]; ed.Paper == "" && looksLikePaper(p) {
		ed.Paper = p
	}
	if d := firstNonEmpty(htmlDate(meta, doc, outside), recordDate(fields["date"])); d != "" {
		ed.Date, a.Date = d, d
	}
	for _, where := range []string{outside, meta["title"]} { // "青山日报数字报-第2版:经济"
		if m := pageRe.FindStringSubmatch(where); m != nil {
			_, a.Page = pageOf(m)
			break
		}
	}
	ed.Articles = append(ed.Articles, a)
	return nil
}

// headline finds the article's headline element: the <h1> that the page title names (a site's
// logo may be an <h1> too), else the first <h1>.
func headline(doc *html.Node, pageTitle string) *html.Node {
	var all []*html.Node
	walk(doc, func(n *html.Node) bool {
		if n.DataAtom == atom.H1 && nodeText(n) != "" {
			all = append(all, n)
			return false
		}
		return n.DataAtom != atom.Head
	})
	if len(all) == 0 { // no <h1>: an element marked as the title
		if t := findFirst(doc, isTitleElement); t != nil {
			return t
		}
	}
	var best *html.Node
	bestLen := 0
	for _, h := range all { // the longest h1 the page title holds
		if t := nodeText(h); pageTitle != "" && strings.Contains(pageTitle, t) && len(t) > bestLen {
			best, bestLen = h, len(t)
		}
	}
	if best != nil || len(all) == 0 {
		return best
	}
	return all[0]
}

// isTitleElement reports an element whose class or id marks it as the article's title.
func isTitleElement(n *html.Node) bool {
	if n.Type != html.ElementNode || n.DataAtom == atom.Title || n.DataAtom == atom.Head {
		return false
	}
	words := attr(n, "class") + " " + attr(n, "id")
	if !hasWord(words, []string{"title", "headline", "biaoti", "tit"}) || hasWord(words, []string{"sub", "subtitle", "pre", "site", "page"}) {
		return false
	}
	t := nodeText(n)
	return t != "" && utf8.RuneCountInString(t) <= maxNearHead
}

// titleOfPage takes the article's title from a page title such as "标题 - 武进日报数字报".
func titleOfPage(s string) string {
	for _, sep := range []string{" - ", " — ", " | ", "｜", "_"} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}

// htmlMeta collects <meta name|property=… content=…> values and the <title>.
func htmlMeta(doc *html.Node) map[string]string {
	m := map[string]string{}
	walk(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Meta:
			key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
			if key != "" && m[key] == "" {
				m[key] = strings.TrimSpace(attr(n, "content"))
			}
		case atom.Title:
			if m["title"] == "" {
				m["title"] = nodeText(n)
			}
		case atom.Time:
			if m["time"] == "" {
				m["time"] = firstNonEmpty(attr(n, "datetime"), nodeText(n))
			}
		}
		return true
	})
	return m
}

// htmlDate takes a page's date from its metadata, then from the text around the article.
func htmlDate(meta map[string]string, doc *html.Node, outside string) string {
	for _, k := range []string{"article:published_time", "publishdate", "pubdate", "date", "publish_date", "dc.date", "time"} {
		v := meta[k]
		if len(v) >= 10 {
			if d, ok := normalizeDate(v[:10]); ok {
				return d
			}
		}
		if d, ok := normalizeDate(v); ok {
			return d
		}
		if d := matchDate(dateRe, v); d != "" {
			return d
		}
	}
	if d := matchDate(dateRe, outside); d != "" {
		return d
	}
	// "2024-12-05 星期四 第3版": a numeric date counts beside a page or weekday, as in text headers.
	if pageRe.MatchString(outside) || weekdayRe.MatchString(outside) {
		return matchDate(numericDateRe, outside)
	}
	return ""
}

// pruneJunk removes scripts, styles, navigation, advertising and hidden elements.
func pruneJunk(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || (c.Type == html.ElementNode && isJunk(c)) {
			n.RemoveChild(c)
		} else {
			pruneJunk(c)
		}
		c = next
	}
}

func isJunk(n *html.Node) bool {
	if junkTags[n.DataAtom] {
		return true
	}
	if n.DataAtom == atom.Header && findFirst(n, func(c *html.Node) bool { return c.DataAtom == atom.H1 }) == nil {
		return true
	}
	if _, hidden := attrOK(n, "hidden"); hidden || strings.Contains(strings.ReplaceAll(attr(n, "style"), " ", ""), "display:none") {
		return true
	}
	if role := attr(n, "role"); role == "navigation" || role == "banner" || role == "complementary" {
		return true
	}
	return hasWord(attr(n, "class")+" "+attr(n, "id"), junkWords)
}

// hasWord reports whether a class or id list holds one of words as a word (split at spaces,
// hyphens, underscores and case changes are not considered).
func hasWord(s string, words []string) bool {
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '\t'
	}) {
		for _, w := range words {
			if f == w {
				return true
			}
		}
	}
	return false
}

// headlineNeighbours finds the kicker (a short heading just above the headline) and the subtitle
// (just below it), with their elements.
func headlineNeighbours(h1 *html.Node) (kicker, subtitle string, kn, sn *html.Node) {
	if p := prevElement(h1); p != nil && (isHeading(p) || isHeadLine(p)) {
		kicker, kn = nodeText(p), p
	}
	if n := nextElement(h1); n != nil && (isHeading(n) || isHeadLine(n)) {
		subtitle, sn = nodeText(n), n
	}
	return kicker, subtitle, kn, sn
}

// isHeadLine reports a kicker or subtitle set as a paragraph beside the headline, not as a
// heading (<p class="kicker">学有所教</p><h1>…</h1><p class="sub">…</p>): a short block that
// ends no sentence and is no byline, info or date line. Left in the body, it ends no sentence,
// so the paragraphs after it were joined onto it.
func isHeadLine(n *html.Node) bool {
	if n.DataAtom != atom.P && n.DataAtom != atom.Div {
		return false
	}
	s := nodeText(n)
	if s == "" || utf8.RuneCountInString(s) > maxNearHead || terminated(s) || isInfoLine(s) ||
		isDateTimeLine(s) || isEditionInfo(s) {
		return false
	}
	if _, ok := bylineOf(s); ok {
		return false
	}
	_, _, ok := bylineLine(s)
	return !ok
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return utf8.RuneCountInString(nodeText(n)) <= maxNearHead
	}
	return false
}

// prevElement is the element just before n, nil when text other than white space comes first.
func prevElement(n *html.Node) *html.Node {
	return adjacentElement(n.PrevSibling, func(p *html.Node) *html.Node { return p.PrevSibling })
}

// nextElement is the element just after n, nil when text other than white space comes first.
func nextElement(n *html.Node) *html.Node {
	return adjacentElement(n.NextSibling, func(p *html.Node) *html.Node { return p.NextSibling })
}

// adjacentElement walks siblings from p by step to the first element, stopping (nil) at text
// other than white space.
func adjacentElement(p *html.Node, step func(*html.Node) *html.Node) *html.Node {
	for ; p != nil; p = step(p) {
		if p.Type == html.ElementNode {
			return p
		}
		if p.Type == html.TextNode && strings.TrimSpace(p.Data) != "" {
			return nil
		}
	}
	return nil
}

// bylineElement finds an element marked as the author or byline: its text, the label taken off
// it ("作者："), and the element; nil when none was taken.
func bylineElement(doc *html.Node) (byline, label string, _ *html.Node) {
	n := findFirst(doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && (attr(n, "itemprop") == "author" || attr(n, "rel") == "author" ||
			hasWord(attr(n, "class")+" "+attr(n, "id"), []string{"author", "byline", "writer", "reporter"}))
	})
	if n == nil {
		return "", "", nil
	}
	s := nodeText(n)
	for _, p := range []string{"作者：", "作者:", "文：", "文:", "作者 "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			label += p
			s = strings.TrimSpace(rest)
		}
	}
	if utf8.RuneCountInString(s) > 40 {
		return "", "", nil
	}
	return s, label, n
}

// bodyContainer finds the element that holds the article's text: each paragraph (<p>, or text
// directly in an element) counts fully for the element holding it and half for the one above.
// A wrapper around a single paragraph is looked through, so paragraphs wrapped one by one in
// their own <div> still elect the element around them all.
func bodyContainer(doc *html.Node) *html.Node {
	scores := map[*html.Node]int{}
	walk(doc, func(n *html.Node) bool {
		var length int
		var holder *html.Node
		switch {
		case n.DataAtom == atom.P:
			length, holder = utf8.RuneCountInString(nodeText(n)), n.Parent
		case n.Type == html.TextNode && n.Parent != nil && n.Parent.DataAtom != atom.P:
			length, holder = utf8.RuneCountInString(strings.TrimSpace(n.Data)), n.Parent
		default:
			return true
		}
		for holder != nil && holder.Parent != nil && onlyChild(holder) { // a wrapper of one paragraph
			holder = holder.Parent
		}
		if holder != nil && length > 0 {
			scores[holder] += 2 * length
			if holder.Parent != nil {
				scores[holder.Parent] += length
			}
		}
		return n.DataAtom != atom.P
	})
	var best *html.Node
	bestScore := 0
	walk(doc, func(n *html.Node) bool { // in document order, so ties go to the first
		if s := scores[n]; s > bestScore {
			best, bestScore = n, s
		}
		return true
	})
	if best == nil {
		return doc
	}
	return best
}

// onlyChild reports an element whose content is a single element (white space aside).
func onlyChild(n *html.Node) bool {
	if n.DataAtom != atom.Div && n.DataAtom != atom.Section && n.DataAtom != atom.Span {
		return false
	}
	elements := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode:
			elements++
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return false
		}
	}
	return elements == 1
}

// htmlParagraphs lists the text blocks of the body container: its paragraphs, or the lines of
// its text broken at <br> and block elements. The headline and the headings beside it are left
// out.
func htmlParagraphs(body, h1 *html.Node) []string {
	return joinFragments(blockTexts(body, func(n *html.Node) bool {
		return n == h1 || n != body && n.Type == html.ElementNode && isHeadingAtom(n.DataAtom) && h1 != nil && n.Parent == h1.Parent
	}))
}

// joinFragments rejoins pieces of a paragraph cut by line breaks: a piece that does not end a
// sentence is continued by the next one.
func joinFragments(paras []string) []string {
	out := paras[:0]
	for _, p := range paras {
		// An info line, a date line or a dateline (本报讯) never continues a paragraph.
		if n := len(out); n > 0 && !terminated(out[n-1]) && !subhead(out[n-1]) && !subhead(p) && !isInfoLine(out[n-1]) &&
			!standsAlone(out[n-1]) && !standsAlone(p) && !isInfoLine(p) && !isDateTimeLine(p) && !opensWithLead(p) {
			out[n-1] = joinText(out[n-1], p)
			continue
		}
		out = append(out, p)
	}
	return out
}

// opensWithLead reports a paragraph opening with a dateline or bracketed byline ("本报讯 …").
func opensWithLead(p string) bool {
	_, _, ok := lead(p)
	return ok
}

func isHeadingAtom(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Li, atom.Blockquote, atom.Tr, atom.Table,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Figure, atom.Figcaption, atom.Pre:
		return true
	}
	return false
}

// textOutside is the page's text outside the article body (where page numbers and dates are).
func textOutside(doc, body *html.Node) string {
	var b strings.Builder
	walk(doc, func(n *html.Node) bool {
		if n == body {
			return false
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		return n.DataAtom != atom.Head
	})
	return b.String()
}

// nodeText is the text of a node with white space collapsed.
func nodeText(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		return true
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// walk visits n and its descendants in document order; f returns false to skip children.
func walk(n *html.Node, f func(*html.Node) bool) {
	if !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func findFirst(n *html.Node, pred func(*html.Node) bool) *html.Node {
	var found *html.Node
	walk(n, func(c *html.Node) bool {
		if found != nil {
			return false
		}
		if pred(c) {
			found = c
			return false
		}
		return true
	})
	return found
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
