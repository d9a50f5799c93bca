package corpus

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A saved e-paper page may hold several articles, each under its own heading, where an article
// page holds one under its <h1>. pageHeadings finds such articles' headings; parseHTMLPage lays
// the page out as text (headings, bylines and paragraphs on lines of their own) and reads it as
// a text edition, whose headline, byline and dateline rules then apply to each article.

// minLeadRunes is how long a paragraph under a heading must be for the heading to head an article.
const minLeadRunes = 15

// pageHeadings returns the headings of the articles of a page holding several, or nil for an
// article page: two or more <h1> (or, with no <h1>, <h2> or else <h3>) each followed by a
// paragraph of text before the next. Section headings (一、…) do not count.
func pageHeadings(doc *html.Node) []*html.Node {
	for _, level := range []atom.Atom{atom.H1, atom.H2, atom.H3} {
		var hs []*html.Node
		walk(doc, func(n *html.Node) bool {
			if n.DataAtom == level && nodeText(n) != "" && !subhead(nodeText(n)) {
				hs = append(hs, n)
				return false
			}
			return n.DataAtom != atom.Head
		})
		if level == atom.H1 && len(hs) == 1 {
			return nil // an article page
		}
		if len(hs) < 2 {
			continue
		}
		if headedCount(doc, hs) >= 2 {
			return hs
		}
		return nil
	}
	return nil
}

// headedCount counts the headings of hs followed, before the next of them, by a paragraph of
// at least minLeadRunes characters.
func headedCount(doc *html.Node, hs []*html.Node) int {
	heading := map[*html.Node]bool{}
	for _, h := range hs {
		heading[h] = true
	}
	var cur *html.Node // the last heading passed, until it counts
	n := 0
	walk(doc, func(x *html.Node) bool {
		switch {
		case heading[x]:
			cur = x
			return false
		case cur != nil && x.DataAtom == atom.P && !runesAtMost(nodeText(x), minLeadRunes-1):
			n++
			cur = nil
			return false
		}
		return x.DataAtom != atom.Head
	})
	return n
}

// parseHTMLPage reads a page of several articles as a text edition: the page title first (a
// page header such as "青山日报 2025年12月1日 第3版" gives paper, date and page), then each block
// element's text on a line of its own, headings set apart by blank lines.
func parseHTMLPage(ed *Edition, doc *html.Node, meta map[string]string) error {
	var b strings.Builder
	if t := trimSpace(meta["title"]); t != "" {
		if _, ok := pageHeader(t); ok {
			b.WriteString(t + "\n\n")
		}
	}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(strings.Join(strings.Fields(n.Data), " "))
			return
		case n.DataAtom == atom.Br:
			b.WriteString("\n")
			return
		case n.DataAtom == atom.Head:
			return
		}
		heading := isHeadingAtom(n.DataAtom)
		block := heading || isBlock(n.DataAtom)
		if heading {
			b.WriteString("\n\n")
		} else if block {
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
		if block {
			b.WriteString("\n")
		}
	}
	visit(doc)
	if err := parseText(ed, b.String()); err != nil {
		return err
	}
	if len(ed.Articles) == 0 {
		return ErrNoArticles
	}
	if ed.Paper == "" {
		ed.Paper = strings.TrimSpace(meta["og:site_name"])
	}
	return nil
}
