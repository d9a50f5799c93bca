package corpus

import (
	"strings"
	"testing"
)

// TestJSONLFieldAliases checks records exported under other field names and date formats.
func TestJSONLFieldAliases(t *testing.T) {
	tests := []struct {
		name, record              string
		title, byline, date, text string
	}{
		{"headline, author, pub_date with a time",
			`{"headline":"新增两条公交线路","content":"8路、9路开通。","author":"记者 郑好","pub_date":"2025-10-14 08:30:00"}`,
			"新增两条公交线路", "记者 郑好", "2025-10-14", "8路、9路开通。"},
		{"publish_date as an RFC 3339 time, authors",
			`{"title":"秋季招聘会","body":"120家企业参加。","authors":"记者 冯七","publish_date":"2025-10-15T09:00:00+08:00"}`,
			"秋季招聘会", "记者 冯七", "2025-10-15", "120家企业参加。"},
		{"published as a Chinese date",
			`{"title":"植树活动","text":"栽下苗木1.2万株。","published":"2025年10月13日 星期一"}`,
			"植树活动", "", "2025-10-13", "栽下苗木1.2万株。"},
		{"an impossible date gives way to the next field",
			`{"title":"标题","text":"正文。","date":"2025-02-30","pub_date":"2025-03-01"}`,
			"标题", "", "2025-03-01", "正文。"},
		{"a bare dateline opening the text beside a byline field",
			`{"title":"新增3处口袋公园","byline":"记者 贺晴","text":"本报讯 3月16日，3处口袋公园开放。\n今年计划建成15处。","date":"2026-03-17"}`,
			"新增3处口袋公园", "记者 贺晴", "2026-03-17", "3月16日，3处口袋公园开放。\n今年计划建成15处。"},
		{"a bare dateline and no byline anywhere",
			`{"title":"招聘会","text":"本报讯 186家企业进场招聘。","date":"2026-03-17"}`,
			"招聘会", "", "2026-03-17", "186家企业进场招聘。"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ed, err := Parse("records.jsonl", []byte(tc.record+"\n"), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ed.Articles) != 1 {
				t.Fatalf("got %d articles, want 1", len(ed.Articles))
			}
			a := ed.Articles[0]
			if a.Title != tc.title || a.Byline != tc.byline || a.Date != tc.date || a.Text != tc.text {
				t.Errorf("got title %q byline %q date %q text %q\nwant title %q byline %q date %q text %q",
					a.Title, a.Byline, a.Date, a.Text, tc.title, tc.byline, tc.date, tc.text)
			}
		})
	}
}

// TestJSONEnvelopes checks one JSON document holding the articles under the names APIs use.
func TestJSONEnvelopes(t *testing.T) {
	tests := map[string]string{
		"items":          `{"paper":"青山日报","items":[{"title":"甲","text":"甲文。"},{"title":"乙","text":"乙文。"}]}`,
		"data list":      `{"code":0,"msg":"ok","data":[{"title":"甲","text":"甲文。"},{"title":"乙","text":"乙文。"}]}`,
		"data.list":      `{"code":0,"data":{"total":2,"list":[{"title":"甲","content":"甲文。"},{"title":"乙","content":"乙文。"}]}}`,
		"pretty-printed": "{\n  \"records\": [\n    {\"title\": \"甲\", \"text\": \"甲文。\"},\n    {\"title\": \"乙\", \"text\": \"乙文。\"}\n  ]\n}\n",
	}
	for name, doc := range tests {
		t.Run(name, func(t *testing.T) {
			ed, err := Parse("export.json", []byte(doc), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ed.Articles) != 2 || ed.Articles[0].Title != "甲" || ed.Articles[1].Text != "乙文。" {
				t.Errorf("got %+v, want articles 甲 and 乙", ed.Articles)
			}
		})
	}
}

// TestJSONLHeadlineBlockTitle checks records whose title holds a scraper's whole headline block
// ("引题\n标题\n副题", empty lines stripped at its ends): the lines get their roles.
func TestJSONLHeadlineBlockTitle(t *testing.T) {
	input := `{"url":"u1","title":"金秋时节\n各地群众文化活动丰富多彩","content":"　　本报北京10月9日电  （记者郑海鸥）国庆假期，各地举办群众文化活动两万余场。"}` + "\n" +
		`{"url":"u2","title":"沿海港口集装箱吞吐量稳步增长\n——前三季度同比增长百分之七点二","content":"　　交通运输部9日发布数据。"}` + "\n"
	ed, err := Parse("rmrb.jsonl", []byte(input), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][4]string{
		{"金秋时节", "各地群众文化活动丰富多彩", "记者郑海鸥", "国庆假期"},
		{"", "沿海港口集装箱吞吐量稳步增长", "", "——前三季度"},
	}
	for i, w := range want {
		a := ed.Articles[i]
		if a.Kicker != w[0] || a.Title != w[1] || a.Byline != w[2] || !strings.HasPrefix(a.Text, w[3]) {
			t.Errorf("record %d: %q / %q / %q / %.12q, want %q", i, a.Kicker, a.Title, a.Byline, a.Text, w)
		}
	}
}
