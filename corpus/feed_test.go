package corpus

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// feedInput is what conservation counts in a feed: each item's title, author and the visible
// text of its content. (The feed's own title and the items' links, guids and dates are metadata.)
func feedInput(t testing.TB, text string) string {
	t.Helper()
	doc, err := readFeed(text)
	if err != nil {
		t.Fatalf("readFeed: %v", err)
	}
	var b strings.Builder
	for _, it := range doc.items {
		if trimSpace(htmlText(it.content)) == "" {
			continue // skipped, recorded in Edition.Skipped
		}
		b.WriteString(it.title + "\n" + it.author + "\n" + htmlText(it.content) + "\n")
	}
	return b.String()
}

var atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">临江晚报</title>
  <id>urn:uuid:0c4d5e1a-feed</id>
  <updated>2025-03-02T21:00:00+08:00</updated>
  <entry>
    <title>滨江步道夜间照明全线开通</title>
    <id>tag:ljwb.example.cn,2025:0302-0007</id>
    <link rel="alternate" href="https://ljwb.example.cn/2025/0302/7.html"/>
    <published>2025-03-02T19:40:00+08:00</published>
    <author><name>周明远</name></author>
    <content type="html">&lt;p&gt;本报讯（记者 周明远）昨晚，滨江步道夜间照明工程全线开通，12公里步道沿线新装灯具八百余盏。&lt;/p&gt;&lt;p&gt;市城管局表示，灯光将于每晚22时后调暗一半。&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="html">渡口&lt;b&gt;新船&lt;/b&gt;下水</title>
    <id>tag:ljwb.example.cn,2025:0302-0008</id>
    <link href="https://ljwb.example.cn/2025/0302/8.html"/>
    <updated>2025-03-01T23:10:00+08:00</updated>
    <summary>老渡口换上一艘电动客渡船，单程缩短至六分钟。</summary>
  </entry>
  <entry>
    <title>只有标题的一条</title>
    <id>tag:ljwb.example.cn,2025:0302-0009</id>
  </entry>
</feed>
`

var jsonFeed = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "东湖日报",
  "home_page_url": "https://dhrb.example.cn/",
  "items": [
    {
      "id": "dhrb-20250611-2-01",
      "url": "https://dhrb.example.cn/html/2025-06/11/content_201.htm",
      "title": "湖区三万亩早稻开镰",
      "content_html": "<h3>夏收夏种</h3><h1>湖区三万亩早稻开镰</h1><h2>——今年早稻亩产预计增加二十公斤</h2><p>本报讯（记者 许文静 通讯员 卢涛）10日，湖区三万亩早稻进入收割期，百余台收割机下田作业。</p>",
      "date_published": "2025-06-11T06:00:00+08:00",
      "authors": [{"name": "许文静"}],
      "tags": ["第2版"]
    },
    {
      "id": 202,
      "url": "https://dhrb.example.cn/html/2025-06/11/content_202.htm",
      "title": "社区图书室延长开放时间",
      "content_text": "即日起，东湖街道各社区图书室开放时间延长至晚上九点。\n周末照常开放。",
      "date_published": "2025-06-10T22:00:00+08:00"
    }
  ]
}`

// TestFeedDialects reads the same kinds of items from RSS, Atom and JSON Feed: headline roles
// from the content's headings, byline, url, guid, date and paper.
func TestFeedDialects(t *testing.T) {
	type want struct{ kicker, title, byline, url, guid, date, page, textStart string }
	tests := []struct {
		name, input string
		paper       string
		want        []want
		skipped     int
	}{
		{"atom.xml", atomFeed, "临江晚报", []want{
			{"", "滨江步道夜间照明全线开通", "记者 周明远", "https://ljwb.example.cn/2025/0302/7.html", "tag:ljwb.example.cn,2025:0302-0007", "2025-03-02", "", "昨晚，滨江步道"},
			{"", "渡口新船下水", "", "https://ljwb.example.cn/2025/0302/8.html", "tag:ljwb.example.cn,2025:0302-0008", "2025-03-01", "", "老渡口换上"},
		}, 1},
		{"feed.json", jsonFeed, "东湖日报", []want{
			{"夏收夏种", "湖区三万亩早稻开镰", "记者 许文静 通讯员 卢涛", "https://dhrb.example.cn/html/2025-06/11/content_201.htm", "dhrb-20250611-2-01", "2025-06-11", "第2版", "——今年早稻亩产"},
			{"", "社区图书室延长开放时间", "", "https://dhrb.example.cn/html/2025-06/11/content_202.htm", "202", "2025-06-10", "", "即日起"},
		}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ed, err := Parse(tc.name, []byte(tc.input), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			if ed.Format != FormatFeed || ed.Paper != tc.paper {
				t.Errorf("format %s paper %q, want feed %q", ed.Format, ed.Paper, tc.paper)
			}
			if len(ed.Articles) != len(tc.want) || len(ed.Skipped) != tc.skipped {
				t.Fatalf("%d articles, %d skipped (%q), want %d, %d", len(ed.Articles), len(ed.Skipped), ed.Skipped, len(tc.want), tc.skipped)
			}
			for i, w := range tc.want {
				a := ed.Articles[i]
				got := want{a.Kicker, a.Title, a.Byline, a.URL, a.GUID, a.Date, a.Page, ""}
				if !strings.HasPrefix(a.Text, w.textStart) {
					t.Errorf("article %d text %q, want it to start %q", i, a.Text, w.textStart)
				}
				w.textStart = ""
				if got != w {
					t.Errorf("article %d:\n got %+v\nwant %+v", i, got, w)
				}
			}
			if err := conserved(feedInput(t, tc.input), ed); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestFeedItemIDs checks that an item keeps its ID across polls (another file name, other items
// around it) and that items without a guid are told apart by their links.
func TestFeedItemIDs(t *testing.T) {
	rss := func(items ...string) []byte {
		return []byte(`<rss version="2.0"><channel><title>某报</title>` + strings.Join(items, "") + `</channel></rss>`)
	}
	item := func(guid, link, text string) string {
		return `<item><title>标题` + text + `</title><link>` + link + `</link>` + guid + `<description>&lt;p&gt;` + text + `正文。&lt;/p&gt;</description></item>`
	}
	a := item("<guid>g-1</guid>", "https://x.example/1", "甲")
	b := item("", "https://x.example/2", "乙")
	first, err := Parse("poll-1.xml", rss(a, b), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	second, err := Parse("poll-2.xml", rss(item("", "https://x.example/3", "丙"), b, a), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, art := range second.Articles {
		ids[art.GUID] = art.ID
	}
	for _, art := range first.Articles {
		if ids[art.GUID] != art.ID {
			t.Errorf("item %s: ID %s in the first poll, %s in the second", art.GUID, art.ID, ids[art.GUID])
		}
	}
	if first.Articles[1].GUID != "https://x.example/2" {
		t.Errorf("an item without a guid is known by its link, got %q", first.Articles[1].GUID)
	}
}

// TestFeedErrors checks that a broken feed is refused with an error naming the file, never read
// as one article of markup.
func TestFeedErrors(t *testing.T) {
	tests := []struct {
		input string
		want  error
	}{
		{`<rss version="2.0"><channel><item><title>甲</title><description>正文</description></item>`, ErrMalformed},
		{`{"version": "https://jsonfeed.org/version/1.1", "items": [`, ErrMalformed},
		{`<rss version="2.0"><channel><title>某报</title></channel></rss>`, ErrNoArticles},
		{`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>只有标题</title></entry></feed>`, ErrNoArticles},
	}
	for _, tc := range tests {
		_, err := Parse("news.xml", []byte(tc.input), Meta{})
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), "news.xml") {
			t.Errorf("Parse(%.40q): %v, want %v naming the file", tc.input, err, tc.want)
		}
	}
}

// FuzzFeed checks that the feed reader never panics, returns valid UTF-8 and keeps every
// character of the items it reads. The seeds run as normal tests.
func FuzzFeed(f *testing.F) {
	f.Add(atomFeed)
	f.Add(jsonFeed)
	f.Add(string(readFile(f, "testdata/editions/epaper-feed.xml")))
	f.Add(`<rss><channel><item><title>甲&amp;乙</title><description><![CDATA[<h1>甲</h1><p>作者：张三</p><p>本报讯（记者 李四）正文。</p>]]></description></item></channel></rss>`)
	f.Add(`<rss><channel><item><description>&lt;h3&gt;引&lt;/h3&gt;&lt;h1&gt;题&lt;/h1&gt;&lt;h4&gt;另&lt;/h4&gt;&lt;h2&gt;副&lt;/h2&gt;&lt;p&gt;文&amp;nbsp;本。&lt;/p&gt;</description></item></channel></rss>`)
	f.Add(`{"version":"https://jsonfeed.org/version/1","items":[{"id":1,"content_text":"甲\n乙","author":{"name":"丙"}}]}`)
	f.Fuzz(func(t *testing.T, input string) {
		ed, err := Parse("feed.xml", []byte(input), Meta{})
		if err != nil || ed.Format != FormatFeed {
			return
		}
		for _, a := range ed.Articles {
			for _, s := range append(articleFields(a), a.ID, a.URL, a.GUID, a.Date) {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8: %q", s)
				}
			}
		}
		text, _, err := decode([]byte(input))
		if err != nil {
			t.Fatal(err)
		}
		if err := conserved(feedInput(t, text), ed); err != nil {
			t.Fatalf("%v\ninput: %q", err, input)
		}
	})
}

// TestFeedQuirks reads what real feeds get wrong or do their own way: HTML written straight into
// <description> (not escaped), HTML entities XML does not define, a GBK feed that declares it.
func TestFeedQuirks(t *testing.T) {
	raw := `<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>西岭日报</title><item><title>山区公路改造完工</title>` +
		`<link>https://xl.example.cn/1</link><description><h3>交通强县</h3><h1>山区公路改造完工</h1><p>本报讯（记者 邓云）全长&nbsp;四十公里的山区公路改造完工。</p></description></item></channel></rss>`
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(raw)
	if err != nil {
		t.Fatal(err)
	}
	for name, input := range map[string]string{"utf8": strings.Replace(raw, "gb2312", "utf-8", 1), "gbk": gbk} {
		ed, err := Parse("feed.xml", []byte(input), Meta{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		a := ed.Articles[0]
		if a.Kicker != "交通强县" || a.Title != "山区公路改造完工" || a.Byline != "记者 邓云" || ed.Paper != "西岭日报" ||
			!strings.HasPrefix(a.Text, "全长") {
			t.Errorf("%s: %q %q %q %q %q", name, a.Kicker, a.Title, a.Byline, ed.Paper, a.Text)
		}
	}
}

// TestFeedDates checks an item's day: as written with its offset, and for a date written in UTC
// (as feed generators write a paper's midnight in China time) the day in China time, unless the
// feed is in another language.
func TestFeedDates(t *testing.T) {
	tests := []struct{ date, lang, want string }{
		{"Sun, 05 Jan 2025 00:30:00 +0800", "", "2025-01-05"},
		{"Sat, 04 Jan 2025 16:00:00 GMT", "zh-cn", "2025-01-05"},
		{"Sat, 04 Jan 2025 16:00:00 GMT", "", "2025-01-05"},
		{"2025-01-04T16:00:00Z", "zh-TW", "2025-01-05"},
		{"Sat, 04 Jan 2025 16:00:00 GMT", "en-us", "2025-01-04"},
		{"2025-01-04T23:10:00-05:00", "", "2025-01-04"},
		{"2025年1月5日", "", "2025-01-05"},
		{"yesterday", "", ""},
	}
	for _, tc := range tests {
		if got := feedDate(tc.date, feedZone(tc.lang)); got != tc.want {
			t.Errorf("feedDate(%q, %q) = %q, want %q", tc.date, tc.lang, got, tc.want)
		}
	}
}
