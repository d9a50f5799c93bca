package bot

import (
	"context"
	"newsbot/bot/internal/intent"
	"strings"
	"testing"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/forms"
	"newsbot/corpus"
	"newsbot/retrieval"
)

func TestWithoutDates(t *testing.T) {
	for q, want := range map[string]string{
		"截至2025年10月15日加沙死了多少人": "加沙死了多少人",
		"２０２４年５月１３日的峰会":        "峰会",
		"去年国庆10月1日全国发送旅客多少":    "国庆全国发送旅客多少",
		"2023年1到4月全国出口多少":      "全国出口多少",
		"2025年是中越建交多少周年":       "2025年是中越建交多少周年",
	} {
		if got := core.WithoutDates(intent.Analyze(q)); got != want {
			t.Errorf("WithoutDates(%s) = %q, want %q", q, got, want)
		}
	}
}

func TestEditionYears(t *testing.T) {
	a := corpus.Article{Date: "2025-04-24", Text: "今年是协定达成10周年，去年同期增长5%。"}
	got := forms.EditionYears(a)
	for _, want := range []string{"2025年", "2024年"} {
		if !strings.Contains(got, want) {
			t.Errorf("editionYears = %q, want %s in it", got, want)
		}
	}
	if strings.Contains(got, "2026年") || forms.EditionYears(corpus.Article{}) != "" {
		t.Errorf("editionYears = %q: a year the text does not point to, or one from no date", got)
	}
}

// TestDatedQuestions: the date a reader names is matched against the edition date. Two editions
// report the same kind of event on different days; the text says only 今天. The question naming
// the day is answered from that day's report, and naming the year of an article that says 今年
// is no reason to refuse.
func TestDatedQuestions(t *testing.T) {
	arts := []corpus.Article{
		{ID: "a", Date: "2024-07-28", Kind: corpus.KindNews, Title: "射击队夺得男子气步枪金牌",
			Text: "今天下午，在男子气步枪决赛中，运动员李青山以251.2环的成绩夺得金牌。"},
		{ID: "b", Date: "2023-07-28", Kind: corpus.KindNews, Title: "射击队夺得男子气步枪金牌",
			Text: "今天下午，在男子气步枪决赛中，运动员周远以249.8环的成绩夺得金牌。"},
		{ID: "c", Date: "2025-04-24", Kind: corpus.KindNews, Title: "两国庆祝建交",
			Text: "今年是两国建交75周年，双方将举办系列纪念活动。"},
	}
	ix, err := retrieval.Build(context.Background(), arts, retrieval.Config{})
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(ix, Options{})
	for _, c := range []struct{ q, want, article string }{
		{"2024年7月28日男子气步枪决赛成绩是多少环？", "251.2", "a"},
		{"2023年7月28日男子气步枪决赛成绩是多少环？", "249.8", "b"},
		{"2025年是两国建交多少周年？", "75周年", "c"},
	} {
		a, err := e.Ask(context.Background(), "", c.q)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Found || !strings.Contains(a.Answer, c.want) || a.Citations[0].ArticleID != c.article {
			t.Errorf("%s → found %v %q (cites %v), want %s from %s", c.q, a.Found, a.Answer, a.Citations, c.want, c.article)
		}
	}
}

func TestTwoParts(t *testing.T) {
	for _, c := range []struct {
		q, first, second string
		ok               bool
	}{
		{"有多少户企业享受到补助，金额是多少？", "有多少户企业享受到补助", "金额是多少？", true},
		{"峰会的主题是什么，有多少人参会？", "峰会的主题是什么", "有多少人参会？", true},
		{"一期和二期，分别投资多少？", "", "", false},
		{"达茂旗的总面积是多少？", "", "", false},
		{"听说武进很美，那里有什么？", "", "", false}, // the first part asks nothing
	} {
		f, s, ok := twoParts(c.q)
		if f != c.first || s != c.second || ok != c.ok {
			t.Errorf("twoParts(%q) = %q, %q, %v; want %q, %q, %v", c.q, f, s, ok, c.first, c.second, c.ok)
		}
	}
}

// TestTwoPartAnswer: both parts are answered, the second as a follow-up of the first, each cited.
func TestTwoPartAnswer(t *testing.T) {
	e := builtinEngine(t, Options{})
	a, err := e.Ask(context.Background(), "", "达茂旗的总面积是多少，总人口有多少？")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Found || !strings.Contains(a.Answer, "18177") || !strings.Contains(a.Answer, "11.4万") {
		t.Errorf("two-part answer = %v %q", a.Found, a.Answer)
	}
	t.Logf("%s", a.Answer)
	if err := VerifyAnswer(a, e.Article); err != nil {
		t.Errorf("citations: %v", err)
	}
}

// TestWhenQuestionCarriesTheTime: a 什么时候/哪天 question is answered by the time expression that
// opens the event's sentence ("昨天上午，2024年武进区…活动启动"), not by the event's clause alone
// (whose 2024年 names the campaign), and time words without digits (今晨, 本月初, 上周五) count as
// times.
func TestWhenQuestionCarriesTheTime(t *testing.T) {
	t.Run("built-in edition", func(t *testing.T) {
		runAskCases(t, builtinEngine(t, Options{}), []askExpect{
			{"什么时候开始", "消防宣传月什么时候开始？", []string{"昨天上午"}, nil},
			{"哪天启动", "消防宣传月是哪天启动的？", []string{"昨天上午"}, nil},
		})
	})
	t.Run("time words", func(t *testing.T) {
		e := oneArticleEdition(t, "青山县近期活动",
			"昨天上午，2024年青山县“安全生产月”活动启动。\n今晨，县城新建的东环路正式通车。\n本月初，青山县农民丰收节开幕。\n"+
				"上周五，青山县第三届读书节在县图书馆开幕。\n当晚，县文化馆举办了一场惠民演出。\n日前，青山县首届菊花展在人民公园开幕。")
		runAskCases(t, e, []askExpect{
			{"昨天上午 before a year", "安全生产月是哪天启动的？", []string{"昨天上午"}, nil},
			{"今晨", "东环路什么时候通车？", []string{"今晨"}, nil},
			{"本月初", "农民丰收节什么时候开幕？", []string{"本月初"}, nil},
			{"上周五", "读书节是哪天开幕的？", []string{"上周五"}, nil},
			{"当晚", "惠民演出是什么时候举办的？", []string{"当晚"}, nil},
			// 日前 dates the report, not the event: nothing tells when the show opened.
			{"日前 is no time", "菊花展什么时候开幕？", nil, nil},
		})
	})
}

// TestDateToldByRelativeWords: an article's 上个月 or 昨天, resolved against its edition date,
// tells the day or month a question names although the edition is dated after its window.
func TestDateToldByRelativeWords(t *testing.T) {
	a := corpus.Article{Date: "2024-08-10", Text: "上个月，青山县接待游客100万人次。"}
	for q, want := range map[string]bool{
		"2024年7月青山县接待了多少游客？": true,
		"2024年6月青山县接待了多少游客？": false,
		"2023年7月青山县接待了多少游客？": false,
	} {
		if got := forms.CheckDateNamed(intent.Analyze(q), a) == ""; got != want {
			t.Errorf("CheckDateNamed(%s) passes %v, want %v", q, got, want)
		}
	}
}
