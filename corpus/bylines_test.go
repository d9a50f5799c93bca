package corpus

import (
	"strings"
	"testing"
)

// TestSlashBylines checks bylines written with a slash, as Taiwanese and Hong Kong papers and
// magazines print them, on their own line in a text edition and as the first paragraph of an
// article page; and that a place line or a sentence with a slash is no byline.
func TestSlashBylines(t *testing.T) {
	bylines := []string{"報導．攝影╱陳美君", "撰文╱黃子瑜　攝影╱鄭凱文", "文／劉怡萱　圖／楊承翰", "記者蔡明哲／高雄報導",
		"記者許雅婷、周子豪／綜合報導", "文字／吳思穎", "采访、整理／孙晓雯"}
	for _, by := range bylines {
		if got, _, ok := bylineLine(by); !ok || got != by {
			t.Errorf("bylineLine(%q) = %q, %v", by, got, ok)
		}
		page := "<html><head><title>市集重新開張 - 東岸日報</title></head><body><h1>市集重新開張</h1><div class=\"content\"><p>" + by +
			"</p><p>停業半年的傳統市集今天重新開張，攤商與老顧客都鬆了一口氣。</p><p>市府表示，整修後的市集增設了通風與排水設施。</p></div></body></html>"
		ed, err := Parse("page.html", []byte(page), Meta{})
		if err != nil {
			t.Fatal(err)
		}
		want := strings.ReplaceAll(by, "　", " ") // an ideographic space is typesetting
		if a := ed.Articles[0]; a.Byline != want || a.Text[:len("停業")] != "停業" {
			t.Errorf("page with %q: byline %q, text %.12q", by, a.Byline, a.Text)
		}
	}
	for _, s := range []string{"台北／綜合報導", "他說：這是甲／乙兩案的比較。", "營收／成本比持續下降", "文／"} {
		if _, _, ok := bylineLine(s); ok {
			t.Errorf("bylineLine(%q) took it for a byline", s)
		}
	}
}

// TestHeadlineInfoElements checks the elements an e-paper article page sets under its headline:
// an author heading, a date and source line; read as byline and edition information, not text.
func TestHeadlineInfoElements(t *testing.T) {
	page := `<html><body><div class="text_c"><h3>春耕时节</h3><h1>万亩高标准农田完成改造</h1><h2></h2>` +
		`<h4>本报记者  何晓东  通讯员  邹敏</h4><div class="sha_left"><span>2025年03月18日</span><span>来源：东平日报</span></div>` +
		`<div id="ozoom"><p>　　今年以来，县里完成一万二千亩高标准农田改造，灌溉水利用率明显提高。</p></div></div></body></html>`
	ed, err := Parse("page.html", []byte(page), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	a := ed.Articles[0]
	got := [5]string{a.Kicker, a.Title, a.Byline, a.Date, a.Paper}
	want := [5]string{"春耕时节", "万亩高标准农田完成改造", "本报记者 何晓东 通讯员 邹敏", "2025-03-18", "东平日报"}
	if got != want || a.Text != "今年以来，县里完成一万二千亩高标准农田改造，灌溉水利用率明显提高。" {
		t.Errorf("got %q, text %q; want %q", got, a.Text, want)
	}
}
