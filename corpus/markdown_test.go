package corpus

import (
	"testing"
	"unicode/utf8"
)

// TestMarkdownNotes checks the Markdown reader: several notes a file, headline roles from the
// heading levels, the quoted byline line with paper, date and page, front matter fallbacks.
func TestMarkdownNotes(t *testing.T) {
	input := "---\r\ntitle: 新能源公交线路再增五条\r\ndate: 2025-02-08\r\nauthor: 马骁\r\nsource_url: https://x.example/1\r\n---\r\n\r\n" +
		"### 绿色出行\r\n\r\n# 新能源公交线路再增五条\r\n\r\n## 全市公交电动化比例超过九成\r\n\r\n" +
		"> 本报记者  马骁  通讯员  丁宁《江城日报》（2025年02月08日第 02 版）\r\n\r\n" +
		"本报讯  市公交集团7日开通五条新能源公交线路。\r\n\r\n新线路覆盖城东新区。\r\n" +
		"---\ntitle: 只有前言的笔记\nauthor: 高远\ndate: 2025年2月7日\n---\n正文第一段，\n接着写完。\n"
	ed, err := Parse("notes.md", []byte(input), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if ed.Format != FormatMarkdown || len(ed.Articles) != 2 {
		t.Fatalf("format %s, %d articles, want markdown, 2", ed.Format, len(ed.Articles))
	}
	a, b := ed.Articles[0], ed.Articles[1]
	got := []string{a.Kicker, a.Title, a.Byline, a.Paper, a.Date, a.Page, a.URL, a.Text}
	want := []string{"绿色出行", "新能源公交线路再增五条", "本报记者 马骁 通讯员 丁宁", "江城日报", "2025-02-08", "第2版", "https://x.example/1",
		"全市公交电动化比例超过九成\n市公交集团7日开通五条新能源公交线路。\n新线路覆盖城东新区。"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("first note field %d = %q, want %q", i, got[i], want[i])
		}
	}
	if b.Title != "只有前言的笔记" || b.Byline != "高远" || b.Date != "2025-02-07" || b.Text != "正文第一段，接着写完。" {
		t.Errorf("second note: %q %q %q %q", b.Title, b.Byline, b.Date, b.Text)
	}
	if err := conserved(input, ed); err != nil {
		t.Error(err)
	}
}

// FuzzMarkdown checks that the Markdown reader never panics, returns valid UTF-8 and keeps every
// character of its input. The seeds run as normal tests.
func FuzzMarkdown(f *testing.F) {
	f.Add(string(readFile(f, "testdata/editions/evening-notes.md")))
	f.Add("---\ntitle: 甲\nauthor: [乙, 丙]\n---\n> 丁\n\n#\n## 戊\n正文。\n---\n")
	f.Add("---\ntitle: |\n  多行\n  标题\n---\n### 引\n### 引二\n# 题\n## 副\n## 副二\n> 本报记者 甲《某报》（2025年1月1日第1版）\n> 记者 乙\n本报讯（记者 丙）正文。\n***\n")
	f.Add("---\n: \n---\n---\nx: \"\"\n---\n")
	f.Fuzz(func(t *testing.T, input string) {
		ed, err := Parse("notes.md", []byte(input), Meta{})
		if err != nil || ed.Format != FormatMarkdown {
			return
		}
		for _, a := range ed.Articles {
			for _, s := range append(articleFields(a), a.ID, a.URL, a.Date, a.Paper, a.Page) {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8: %q", s)
				}
			}
		}
		text, _, err := decode([]byte(input))
		if err != nil {
			t.Fatal(err)
		}
		if err := conserved(text, ed); err != nil {
			t.Fatalf("%v\ninput: %q", err, input)
		}
	})
}

// TestMarkdownAuthorsList checks a byline given in front matter as a list under "authors:".
func TestMarkdownAuthorsList(t *testing.T) {
	input := "---\ntitle: 甲\nauthors:\n  - 郑小雨\n  - 何川\nsource: 某报\n---\n# 标题\n\n正文。\n"
	ed, err := Parse("n.md", []byte(input), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if a := ed.Articles[0]; a.Byline != "郑小雨 何川" || a.Paper != "某报" {
		t.Errorf("byline %q, paper %q; want 郑小雨 何川, 某报", a.Byline, a.Paper)
	}
	if err := conserved(input, ed); err != nil {
		t.Error(err)
	}
}

// TestMarkdownSeveralArticlesInANote checks a Markdown file of several articles under headings,
// with no front matter for each: an article per headline; a subheading inside an article, or a
// heading in a note that opens with text, cuts nothing.
func TestMarkdownSeveralArticlesInANote(t *testing.T) {
	input := "### 引题甲\n# 标题甲\n\n本报讯（记者 张明）正文甲。\n\n#### 小标题\n\n正文甲续。\n\n# 标题乙\n## 副题乙\n\n正文乙。\n\n" +
		"## 标题丙\n\n正文丙。\n"
	ed, err := Parse("page.md", []byte(input), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	var got [][3]string
	for _, a := range ed.Articles {
		got = append(got, [3]string{a.Kicker, a.Title, a.Byline})
	}
	want := [][3]string{{"引题甲", "标题甲", "记者 张明"}, {"", "标题乙", ""}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("articles %q, want %q", got, want)
	}
	if err := conserved(input, ed); err != nil {
		t.Error(err)
	}
	ed, err = Parse("page.md", []byte("正文开头。\n\n## 小标题\n\n正文。\n"), Meta{})
	if err != nil || len(ed.Articles) != 1 {
		t.Errorf("a note opening with text: %v, %d articles, want 1", err, len(ed.Articles))
	}
}
