package corpus

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// headInfo is what the elements right under a headline block say, as e-paper article pages set
// them: a byline ("本报记者  王远", alone or followed by where the article ran) and edition
// information ("《人民日报》（2025年01月05日第 01 版）", "2025年03月12日 来源：人民日报").
type headInfo struct {
	byline string
	labels []string     // the rest of their text
	nodes  []*html.Node // the elements read
}

// maxHeadInfo bounds the elements read under a headline: an author line, a date line, a page line.
const maxHeadInfo = 3

// readHeadInfo reads the byline and edition information elements under a headline block, up to
// the first element that is neither (the body).
func readHeadInfo(head *html.Node) headInfo {
	var hi headInfo
	for n := nextElement(head); n != nil && len(hi.nodes) < maxHeadInfo; n = nextElement(n) {
		s := nodeText(n)
		by, rest, isByline := splitByline(s)
		switch {
		case s == "": // an empty author element
		case isByline && hi.byline == "":
			hi.byline = by
			hi.labels = append(hi.labels, nonEmpty(rest)...)
		case isInfoLine(s) || isEditionInfo(s):
			// "作者：本报记者 周丽　来源：青山日报　发布时间：…", also with the date and page first
			// ("2026年03月18日 第02版 来源：江北时报 作者：记者 莫小川").
			if u := infoUnit(s, 0); u.byline != "" && hi.byline == "" {
				hi.byline = u.byline
				hi.labels = append(hi.labels, nonEmpty(trimSpace(u.dateline))...)
			} else {
				hi.labels = append(hi.labels, s)
			}
		default:
			return hi
		}
		hi.nodes = append(hi.nodes, n)
	}
	return hi
}

// isEditionInfo reports a short line that says where and when an article ran: a date, a page, a
// paper in title brackets or a source ("来源：人民日报"), without a sentence.
func isEditionInfo(s string) bool {
	if !runesAtMost(s, maxNearHead) || strings.ContainsAny(s, "。！？") {
		return false
	}
	return dateRe.MatchString(s) || numericDateRe.MatchString(s) || pageRe.MatchString(s) ||
		paperInBrackets(s) != "" || labelledFields(s)["paper"] != ""
}

// dateTimeLineRe matches a line that is only a date and perhaps a time: "2025-05-07 05:30".
var dateTimeLineRe = regexp.MustCompile(`^(?:19|20)[0-9]{2}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?(?:[\sT\x{3000}]*[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?)?$`)

// isDateTimeLine reports a line that is only a date and perhaps a time.
func isDateTimeLine(s string) bool { return len(s) <= 40 && dateTimeLineRe.MatchString(s) }

// standsAlone reports a piece of text that is never the start or the rest of a paragraph cut by
// a line break: a byline line, a date line.
func standsAlone(s string) bool {
	if isDateTimeLine(s) {
		return true
	}
	_, _, ok := bylineLine(s)
	return ok
}

// splitByline reads a line that opens with a byline: alone ("本报记者  王远") or followed by where
// the article ran ("本报记者 王远《人民日报》（2025年01月05日第 01 版）"). It returns the byline and
// the rest of the line.
func splitByline(s string) (byline, rest string, ok bool) {
	if s == "" || !runesAtMost(s, 2*maxHeadLine) {
		return "", "", false
	}
	if by, ok := bylineOf(s); ok {
		return by, "", true
	}
	// Cut where the byline ends: before a paper's name or a bracket.
	for i, r := range s {
		if i == 0 || !strings.ContainsRune("《（([〔", r) {
			continue
		}
		if by, ok := bylineOf(trimSpace(s[:i])); ok {
			return by, trimSpace(s[i:]), true
		}
	}
	return "", "", false
}

// bylineOf reads a byline alone: "本报记者 王远", "文／王小明"; runs of spaces are written as one.
func bylineOf(s string) (string, bool) {
	by, mark, ok := bylineLine(s)
	if !ok || mark != "" {
		return "", false
	}
	return strings.Join(strings.Fields(by), " "), true
}

// paperBracketRe finds a paper's name in title brackets: 《人民日报》.
var paperBracketRe = regexp.MustCompile(`《([^《》]{2,16})》`)

// paperInBrackets is the paper named in title brackets, "" when none.
func paperInBrackets(s string) string {
	if m := paperBracketRe.FindStringSubmatch(s); m != nil && looksLikePaper(m[1]) {
		return m[1]
	}
	return ""
}

// fragmentRest is the text of a fragment that readHTML takes for no field: blocks outside the
// body container other than the elements taken (headline, kicker, subtitle), and the headings
// beside the headline that htmlParagraphs leaves out of the body.
func fragmentRest(doc, body, h1 *html.Node, taken map[*html.Node]bool) []string {
	rest := blockTexts(doc, func(n *html.Node) bool { return n == body || taken[n] })
	if h1 != nil && h1.Parent != nil && isInside(h1, body) {
		for c := h1.Parent.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && isHeadingAtom(c.DataAtom) && !taken[c] {
				rest = append(rest, nonEmpty(nodeText(c))...)
			}
		}
	}
	return rest
}

// isInside reports n within root.
func isInside(n, root *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}

// blockTexts lists the text blocks under root, broken at <br> and block elements, leaving out
// the elements skip names and <head>.
func blockTexts(root *html.Node, skip func(*html.Node) bool) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		out = append(out, paragraphs(cur.String())...)
		cur.Reset()
	}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if skip(n) || n.DataAtom == atom.Head {
			return
		}
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom == atom.Br {
				cur.WriteByte('\n')
				return
			}
			if isBlock(n.DataAtom) {
				flush()
				defer flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
	flush()
	return out
}

// htmlText is the visible text of an HTML fragment (scripts, styles and page furniture left out).
func htmlText(fragment string) string {
	doc, err := html.Parse(strings.NewReader("<html><body>" + fragment + "</body></html>"))
	if err != nil {
		return fragment
	}
	pruneJunk(doc)
	return strings.Join(blockTexts(doc, func(*html.Node) bool { return false }), "\n")
}
