package corpus

import "strings"

// Kinds of items an edition holds.
const (
	KindNews  = "news"
	KindPhoto = "photo"
)

// Article is one item of an edition: a news article or a photo caption. Its JSON form is the
// articles contract of DESIGN.md (`newsbot articles --json`); Source, URL and GUID are extensions.
type Article struct {
	ID     string `json:"id"`     // stable across re-ingests of the same edition
	Paper  string `json:"paper"`  // newspaper name, "" when unknown (never invented)
	Date   string `json:"date"`   // YYYY-MM-DD, "" when unknown
	Page   string `json:"page"`   // e.g. "第2版", "" when unknown
	Column string `json:"column"` // column label, e.g. 重点项目进行时
	Kind   string `json:"kind"`   // KindNews or KindPhoto
	Kicker string `json:"kicker"` // line above the headline (引题)
	Title  string `json:"title"`  // main headline; may be "" for a photo caption
	Byline string `json:"byline"` // e.g. "记者 朱梦琪", "徐芊卉 摄"
	Text   string `json:"text"`   // body, paragraphs separated by "\n"
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
	GUID   string `json:"guid,omitempty"` // a feed item's guid (else its link): the same item in a later poll has the same
}

// Headline is the title, or for an item without one (a photo caption) its column label or the
// start of its text, so that every article can be named in a citation.
func (a Article) Headline() string {
	if a.Title != "" {
		return a.Title
	}
	if a.Column != "" {
		return a.Column
	}
	r := []rune(a.Text)
	if len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return string(r)
}

// EditionLabel names the edition an article comes from from what is known of it: paper, date and
// page, e.g. "武进日报 2024-11-08 第2版". Unknown parts are left out, never invented; when none
// is known it is the source file's name (the built-in edition: "wujin-2024-11.txt"), else "".
func (a Article) EditionLabel() string {
	var parts []string
	for _, p := range []string{a.Paper, a.Date, a.Page} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return a.Source
	}
	return strings.Join(parts, " ")
}
