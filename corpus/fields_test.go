package corpus

import (
	"maps"
	"strings"
	"testing"
)

func TestLabelledFields(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]string
	}{
		{"作者：本报记者 周丽　　来源：青山日报　　发布时间：2025-10-12 09:30",
			map[string]string{"byline": "本报记者 周丽", "paper": "青山日报", "date": "2025-10-12 09:30"}},
		{"来源: 临江晚报 | 作者: 陈晓燕 | 时间: 2025年9月4日",
			map[string]string{"paper": "临江晚报", "byline": "陈晓燕", "date": "2025年9月4日"}},
		{"標題：青山縣新建三所中學\n版次：第3版", map[string]string{"title": "青山縣新建三所中學", "page": "第3版"}},
		{"会议时间较往年提前。", map[string]string{}},
		{"作者：" + string(make([]rune, 0)) + "本文作者是一位在基层工作了三十多年的老党员，他说这里的变化说也说不完，写也写不尽，一言难尽",
			map[string]string{}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := labelledFields(tc.in); !maps.Equal(got, tc.want) {
				t.Errorf("labelledFields(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

// TestHTMLInfoLine checks an e-paper page that gives byline, paper and page only in an info line
// and the page title, not in marked elements.
func TestHTMLInfoLine(t *testing.T) {
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>青山日报数字报-第2版:经济</title></head><body>
<div class="nav">首页 | 上一版 | 下一版</div>
<div class="article"><h3>聚焦高质量发展</h3><h1>青山县前三季度GDP增长6.2%</h1>
<div class="info">作者：本报记者 周丽　　来源：青山日报　　发布时间：2025-10-12 09:30</div>
<div class="content"><p>　　10月11日，县统计局发布数据，前三季度全县地区生产总值312.6亿元，同比增长6.2%。</p>
<p>　　其中，规模以上工业增加值增长8.1%。</p></div></div></body></html>`
	ed, err := Parse("page.html", []byte(page), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	a := ed.Articles[0]
	got := [5]string{a.Title, a.Byline, a.Paper, a.Date, a.Page}
	want := [5]string{"青山县前三季度GDP增长6.2%", "本报记者 周丽", "青山日报", "2025-10-12", "第2版"}
	if got != want {
		t.Errorf("title, byline, paper, date, page = %q, want %q", got, want)
	}
	if !strings.HasPrefix(a.Text, "10月11日") {
		t.Errorf("text = %q, want it to open with the lead, not the info line", a.Text)
	}
}
