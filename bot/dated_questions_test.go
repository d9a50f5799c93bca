package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// datedArchive answers over invented reports of recurring topics on several dates, asked at now.
func datedArchive(t *testing.T, now time.Time) *Engine {
	t.Helper()
	news := func(id, date, title, text string) corpus.Article {
		return corpus.Article{ID: id, Paper: "晚间新闻", Date: date, Kind: corpus.KindNews, Title: title, Text: text}
	}
	arts := []corpus.Article{
		news("rail24", "2024-10-02", "假期首日铁路客流创新高", "昨天，全国铁路发送旅客2010.5万人次，创单日历史新高。"),
		news("rail25", "2025-10-02", "假期首日铁路客流创新高", "昨天，全国铁路发送旅客2313.2万人次，创单日历史新高。"),
		news("port0102", "2023-01-02", "青山港迎来新年第一船", "元旦当天，青山港完成货物吞吐量12万吨，迎来新年第一艘集装箱船。"),
		news("port0521", "2023-05-21", "青山港吞吐量稳步增长", "今年1月1日至5月20日，青山港累计完成货物吞吐量3650万吨，同比增长8%。"),
		news("trade0518", "2023-05-18", "青山县外贸保持增长", "今年1至4月，青山县外贸出口额达120亿元，同比增长6.5%。"),
		news("trade0120", "2024-01-20", "青山县外贸再创新高", "2023年，青山县外贸出口额达400亿元，同比增长7.1%。"),
		news("bus1023", "2024-10-23", "青山县开通城乡公交专线", "今天，青山县开通了K18路城乡公交专线，连接县城与白沙镇。"),
		news("meet1023", "2025-10-23", "青山县召开安全生产会议", "今天，青山县召开安全生产工作会议，部署冬季安全生产工作。"),
		news("tour0610", "2025-06-10", "青山县入境游持续升温", "今年1至5月，青山县接待入境游客12万人次，同比增长35%。"),
		news("tour0605", "2026-06-05", "入境游市场加快恢复", "今年1至5月，全国接待入境游客243万人次，同比增长20%。"),
		news("line1005", "2025-10-05", "青川铁路客流持续增长", "10月1日至4日，青川铁路累计发送旅客36.8万人次，日均9.2万人次。"),
		news("drone0823", "2025-08-23", "俄乌冲突持续", "俄国防部22日说，过去一周俄军共击落1500架无人机。"),
		news("drone0923", "2025-09-23", "莫斯科遭无人机袭击", "俄方称，22日晚到今天，俄防空系统击落了30多架企图袭击莫斯科的无人机。俄方称防空系统仍在值守。"),
	}
	ix, err := retrieval.Build(context.Background(), arts, retrieval.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return NewEngine(ix, Options{Now: func() time.Time { return now }})
}

// TestDatedQuestionsResolve: relative words resolve against the asking time, a span is ranked by
// its end, a month range is not the year's figure, a day without its year matches that day in
// any year, and a holiday is a period of dates the edition date may agree with.
func TestDatedQuestionsResolve(t *testing.T) {
	asked := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name, q, want, article string
		now                    time.Time
	}{
		{"去年 asked in 2026", "去年国庆10月1日全国铁路发送旅客多少人次？", "2313.2万", "rail25", asked},
		{"去年 asked in 2025", "去年国庆10月1日全国铁路发送旅客多少人次？", "2010.5万", "rail24", asked.AddDate(-1, 0, 0)},
		{"a span is not its first day", "2023年1月1日至5月20日青山港累计完成货物吞吐量多少？", "3650万吨", "port0521", asked},
		{"a month range is not the year", "2023年1到4月青山县外贸出口额是多少？", "120亿元", "trade0518", asked},
		{"a day without its year", "10月23日青山县开通了哪条公交专线？", "K18路", "bus1023", asked},
		{"a day without its year tied to the paper", "10月23日的新闻里青山县开通了哪条公交专线？", "K18路", "bus1023", asked},
		// 今年 written from the report's point of view: a guessed year only ranks, and the
		// asking year's editions do not hold 青山县
		{"a guessed year only ranks", "青山县今年1到5月接待了多少入境游客？", "12万", "tour0610", asked},
		{"a holiday without its name in the text", "国庆期间青川铁路累计发送旅客多少人次？", "36.8万", "line1005", asked},
		// a day the reader reckoned with a relative year names its editions as a written year
		// does, though another month's report holds more of the question's words
		{"a reckoned day", "去年8月22日俄方称防空系统击落了多少架无人机？", "1500架", "drone0823", asked},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := datedArchive(t, c.now).Ask(context.Background(), "", c.q)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Found || !strings.Contains(a.Answer, c.want) || a.Citations[0].ArticleID != c.article {
				t.Errorf("%s → found %v %q (cites %v), want %s from %s", c.q, a.Found, a.Answer, a.Citations, c.want, c.article)
			}
		})
	}
}

// TestExplainDates: ask --explain shows each date the question names with the edition dates it
// resolved to, and the window the answer was searched in.
func TestExplainDates(t *testing.T) {
	e := datedArchive(t, time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC))
	a, err := e.Ask(WithExplain(context.Background()), "", "去年国庆10月1日全国铁路发送旅客多少人次？")
	if err != nil || a.Explain == nil {
		t.Fatalf("Ask: %v, explanation %v", err, a.Explain)
	}
	text := FormatExplanation(*a.Explain)
	for _, want := range []string{"date: 去年国庆: 2025-10-01..2025-10-10", "date: 10月1日: 2025-10-01..2025-10-03",
		"searched editions of 2025-10-01..2025-10-03"} {
		if !strings.Contains(text, want) {
			t.Errorf("explanation lacks %q:\n%s", want, text)
		}
	}
}
