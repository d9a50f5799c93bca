package bot

import (
	"context"
	"newsbot/bot/internal/intent"
	"testing"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/forms"
	"newsbot/corpus"
	"newsbot/retrieval"
)

// archiveEngine answers over two days' editions of one paper (invented news) and the built-in
// edition beside them.
func archiveEngine(t *testing.T) *Engine {
	t.Helper()
	ed, err := corpus.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	news := func(id, date, title, text string) corpus.Article {
		return corpus.Article{ID: id, Paper: "晚间新闻", Date: date, Kind: corpus.KindNews, Title: title, Text: text}
	}
	arts := append(append([]corpus.Article(nil), ed.Articles...),
		news("d1", "2024-04-01", "青山县春灌全面展开", "今天（4月1日），青山县春灌全面展开，全县已灌溉农田12万亩。"),
		news("d2", "2024-04-01", "青山县新建三座泵站", "青山县新建的三座提水泵站今天投入使用，每天提水30万立方米。"),
		news("d3", "2024-04-02", "青山县召开防汛会议", "青山县今天召开防汛工作会议，部署汛期各项工作。"),
		news("d4", "2025-03-03", "青山县会见外国代表团", "3月3日，青山县县长会见了来访的友好城市代表团。"))
	ix, err := retrieval.Build(context.Background(), arts, retrieval.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return NewEngine(ix, Options{})
}

// TestPaperListing: "2024年4月1日晚间新闻有哪些新闻" lists that edition's articles (not one
// article about 4月1日), a paper named with no date lists its newest edition, and a date the
// library holds no edition of is said so.
func TestPaperListing(t *testing.T) {
	e := archiveEngine(t)
	for _, c := range []struct {
		q         string
		found     bool
		want, not []string
		citations int
	}{
		{"2024年4月1日晚间新闻有哪些新闻？", true, []string{"青山县春灌全面展开", "青山县新建三座泵站"}, []string{"防汛"}, 2},
		{"晚间新闻都报道了哪些新闻", true, []string{"青山县会见外国代表团"}, []string{"春灌", "达茂旗"}, 1},
		{"2019年5月3日晚间新闻有哪些新闻", false, []string{"没有2019年5月3日"}, nil, 0},
	} {
		a, err := e.Ask(context.Background(), "", c.q)
		if err != nil {
			t.Fatal(err)
		}
		if a.Found != c.found || len(a.Citations) != c.citations {
			t.Errorf("%s → found %v, %d citations: %q", c.q, a.Found, len(a.Citations), a.Answer)
		}
		checkHolds(t, c.q, a.Answer, c.want, c.not)
	}
}

// TestDateNamedNoEdition: a day named with its year that no edition covers is not answered from
// an article of another day on the same topic, unless its text tells that day.
func TestDateNamedNoEdition(t *testing.T) {
	e := archiveEngine(t)
	for _, c := range []struct {
		q     string
		found bool
	}{
		{"2025年3月3日青山县县长会见了谁？", true},
		{"2023年3月3日青山县县长会见了谁？", false},
		{"2024年4月1日青山县灌溉了多少亩农田？", true},
		{"2022年4月1日青山县灌溉了多少亩农田？", false},
	} {
		a, err := e.Ask(context.Background(), "", c.q)
		if err != nil {
			t.Fatal(err)
		}
		if a.Found != c.found {
			t.Errorf("%s → found %v, want %v: %q", c.q, a.Found, c.found, a.Answer)
		}
	}
	a := corpus.Article{Date: "2024-06-10", Text: "2019年5月，亚洲文明对话大会在北京举行。2019年1月3日，月球车着陆。"}
	for q, want := range map[string]bool{
		"2019年5月亚洲文明对话大会在哪里举行？":   true,
		"2019年1月3日什么着陆了？":         true,
		"2019年5月3日亚洲文明对话大会在哪里举行？": false,
		"2024年6月10日有什么新闻？":        true,
		"2024年6月20日有什么新闻？":        false,
	} {
		if got := forms.CheckDateNamed(intent.Analyze(q), a) == ""; got != want {
			t.Errorf("checkDateNamed(%s) passes %v, want %v", q, got, want)
		}
	}
}

// TestYearSpanNamed: a season spanning two years ("2022—2023年冬春航季") is told by an article
// holding either year (its edition's 今年 included), and the span's first year is no number the
// quote must hold.
func TestYearSpanNamed(t *testing.T) {
	q := intent.Analyze("2022—2023年冬春航季每周安排多少班国际航班？")
	if why := core.CheckYearsNamed(q, "今年冬春航季每周安排国际航班840班 2022年", ""); why != "" {
		t.Errorf("checkYearsNamed refused: %s", why)
	}
	if why := core.CheckYearsNamed(q, "今年冬春航季每周安排国际航班840班 2021年", ""); why == "" {
		t.Errorf("checkYearsNamed took an article of neither year")
	}
	if why := core.CheckNumbersNamed(q, "其中每周安排国际航班840班", ""); why != "" {
		t.Errorf("checkNumbersNamed refused: %s", why)
	}
}

// TestAskedTitleBesideQuestionWord: of two titles, the one beside the question word is asked.
func TestAskedTitleBesideQuestionWord(t *testing.T) {
	for q, want := range map[string]string{
		"哪位菲律宾总统祝贺习近平当选国家主席？": "总统",
		"国家主席会见的菲律宾总统是谁？":     "总统",
		"达茂旗的旗长是谁？":           "旗长",
	} {
		if got := core.AskedTitle(intent.Analyze(q)); got != want {
			t.Errorf("askedTitle(%s) = %q, want %q", q, got, want)
		}
	}
}

func TestWithoutDayPart(t *testing.T) {
	for ev, want := range map[string]string{"晚上办": "", "晚上举办": "举办", "举办": "举办", "上午开幕": "开幕", "": ""} {
		if got := core.WithoutDayPart(ev); got != want {
			t.Errorf("withoutDayPart(%q) = %q, want %q", ev, got, want)
		}
	}
}

// TestMeasuredAfterItsFigure: "全长约12公里的青山大桥" tells the bridge's length, the thing
// measured following its figure.
func TestMeasuredAfterItsFigure(t *testing.T) {
	q := intent.Analyze("青山大桥全长多少公里？")
	if why := core.CheckUnits(q, "全长约12公里的青山大桥是一座跨江大桥", ""); why != "" {
		t.Errorf("checkUnits refused the length told before the bridge: %s", why)
	}
}

// TestJiHaoAsksADate: 几号 asks a date ("几号开学", "从几号到几号") unless a numbered thing
// follows it (几号线, 几号楼).
func TestJiHaoAsksADate(t *testing.T) {
	for q, want := range map[string]intent.Type{
		"王沪宁访问朝鲜是从几号到几号？": intent.Date,
		"学校几号开学？":         intent.Date,
		"展览展到几号？":         intent.Date,
		"地铁几号线到机场？":       intent.Number,
		"几号楼最高？":          intent.Number,
	} {
		if got := intent.Analyze(q).Type; got != want {
			t.Errorf("%s: type %s, want %s", q, got, want)
		}
	}
}
