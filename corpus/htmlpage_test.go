package corpus

import (
	"strings"
	"testing"
)

func TestHTMLPageOfSeveralArticles(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>青山日报 2025年12月1日 第3版 社会</title></head><body>
<div class="page">
<h2>青山县开展冬季消防安全检查</h2>
<p class="author">本报记者 高远</p>
<p>11月30日，县消防救援大队对城区28家人员密集场所开展消防安全检查，发现隐患46处。</p>
<p>大队负责人提醒，冬季用火用电增多，市民要注意安全。</p>
<h2>青山县举办老年人智能手机培训班</h2>
<p>通讯员 柳青</p>
<p>近日，县老年大学开设智能手机培训班，首期吸引60余名老人参加。</p>
<h2>白石镇新建文化广场投用</h2>
<p>本报讯（记者 高远）白石镇文化广场日前投入使用，广场面积5000平方米。</p>
</div></body></html>`
	ed, err := Parse("page.html", []byte(page), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ title, byline, lead string }{
		{"青山县开展冬季消防安全检查", "本报记者 高远", "11月30日，县消防救援大队"},
		{"青山县举办老年人智能手机培训班", "通讯员 柳青", "近日，县老年大学"},
		{"白石镇新建文化广场投用", "记者 高远", "白石镇文化广场日前"},
	}
	if len(ed.Articles) != len(want) {
		for _, a := range ed.Articles {
			t.Logf("%q %q %q", a.Title, a.Byline, a.Text)
		}
		t.Fatalf("got %d articles, want %d", len(ed.Articles), len(want))
	}
	for i, a := range ed.Articles {
		if a.Title != want[i].title || a.Byline != want[i].byline || !strings.HasPrefix(a.Text, want[i].lead) {
			t.Errorf("article %d = %q %q %q, want %q %q %q…", i, a.Title, a.Byline, a.Text, want[i].title, want[i].byline, want[i].lead)
		}
		if a.Paper != "青山日报" || a.Date != "2025-12-01" || a.Page != "第3版" {
			t.Errorf("article %d paper, date, page = %q %q %q, want 青山日报 2025-12-01 第3版", i, a.Paper, a.Date, a.Page)
		}
	}
}

// TestHTMLArticlePageWithSections checks that an article page whose body has section headings
// stays one article.
func TestHTMLArticlePageWithSections(t *testing.T) {
	page := `<html><head><title>我区出台优化营商环境新举措</title></head><body><div class="content">
<div class="title">我区出台优化营商环境新举措</div>
<p>本报讯（记者 赵磊）日前，我区印发《关于持续优化营商环境的若干措施》，推出30条新举措。</p>
<h2>一、提升政务服务效能</h2><p>全面推行“一件事一次办”，企业开办时间压缩至0.5个工作日以内。</p>
<h2>二、强化要素保障</h2><p>我区将统筹安排工业用地1500亩，优先保障重大产业项目用地需求。</p>
</div></body></html>`
	ed, err := Parse("article.html", []byte(page), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ed.Articles) != 1 || ed.Articles[0].Title != "我区出台优化营商环境新举措" {
		t.Errorf("got %d articles, first %q; want one, 我区出台优化营商环境新举措", len(ed.Articles), ed.Articles[0].Title)
	}
}
