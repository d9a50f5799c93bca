package retrieval

import (
	"context"
	"testing"
	"time"

	"newsbot/corpus"
)

func TestQueryWindow(t *testing.T) {
	newest := func() time.Time { return time.Date(2026, 8, 22, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		q        string
		from, to string
		day, ok  bool
	}{
		{"2025年8月10日甘肃哪个县在搜救失联人员？", "2025-08-10", "2025-08-12", true, true},
		{"２０２４年２月国际航线运输总周转量是多少？", "2024-02-01", "2024-03-02", false, true},
		{"二〇二四年十二月三十一日发布了什么", "2024-12-31", "2025-01-02", true, true},
		{"2023年全国粮食产量是多少？", "", "", false, false}, // a year is no edition window
		{"2025年2月30日有什么新闻", "2025-02-01", "2025-03-02", false, true},
		// a span of days is reported when it ends
		{"2023年1月1日至5月20日青山港累计吞吐量多少", "2023-05-20", "2023-05-22", true, true},
		{"2024年12月6日至7日举办了什么", "2024-12-07", "2024-12-09", true, true},
		{"2023年1月1日——5月20日青山港累计吞吐量多少", "2023-05-20", "2023-05-22", true, true},
		// a relative year against the archive's newest edition
		{"去年10月1日发布了什么", "2025-10-01", "2025-10-03", true, true},
		{"今年5月国际航线运输总周转量是多少？", "2026-05-01", "2026-06-02", false, true},
	} {
		w, ok := queryWindow(c.q, newest)
		if ok != c.ok || w.From != c.from || w.To != c.to || w.Day != c.day {
			t.Errorf("queryWindow(%q) = %+v, %v; want %s..%s day %v, %v", c.q, w, ok, c.from, c.to, c.day, c.ok)
		}
	}
	// A day without its year is that day in every year, reported up to datedReportLag days after.
	for _, q := range []string{"8月10日甘肃哪个县在搜救失联人员？", "1月1日至8月10日甘肃累计降雨多少"} {
		w, ok := queryWindow(q, newest)
		if !ok || !w.AnyYear || !w.Day {
			t.Fatalf("queryWindow(%q) = %+v, %v; want a day in any year", q, w, ok)
		}
		for date, want := range map[string]bool{"2025-08-10": true, "2023-08-12": true, "2024-08-13": false, "2025-08-09": false, "": false} {
			if got := w.contains(date); got != want {
				t.Errorf("%q window %+v contains %q = %v, want %v", q, w, date, got, want)
			}
		}
	}
	w, ok := queryWindow("12月31日发布了什么", newest)
	if !ok || !w.contains("2024-01-02") || !w.contains("2025-12-31") || w.contains("2025-01-03") {
		t.Errorf("12月31日: window %+v, %v; want 12-31..01-02 of any year", w, ok)
	}
	if _, ok := queryWindow("2023年全国粮食产量是多少？", func() time.Time { t.Fatal("reference asked for a year alone"); return time.Time{} }); ok {
		t.Error("a year alone gave an edition window")
	}
}

// TestDatePriorRanksTheNamedEdition: of two articles on the same topic, the one of the named day
// is retrieved first, and the order is the same as before when no day is named.
func TestDatePriorRanksTheNamedEdition(t *testing.T) {
	news := func(id, date, title, text string) corpus.Article {
		return corpus.Article{ID: id, Paper: "新闻联播", Date: date, Kind: corpus.KindNews, Title: title, Text: text}
	}
	arts := append([]corpus.Article(nil),
		news("a", "2025-08-08", "甘肃榆中县山洪灾害救援", "甘肃榆中县山洪灾害发生后，救援人员连夜搜救失联人员，已搜救出多名群众。"),
		news("b", "2025-08-10", "各地防汛救灾加紧推进", "甘肃榆中县继续搜救失联人员，各地防汛救灾工作加紧推进。"),
		news("c", "2024-05-01", "五一假期出行", "五一假期全国铁路发送旅客超过一千万人次。"))
	ix, err := Build(context.Background(), arts, Config{})
	if err != nil {
		t.Fatal(err)
	}
	first := func(q string) string {
		rs, err := ix.Search(context.Background(), q, SearchOptions{Limit: 3})
		if err != nil || len(rs) == 0 {
			t.Fatalf("Search(%q) = %v, %v", q, rs, err)
		}
		return rs[0].Article.ID
	}
	if got := first("2025年8月10日甘肃榆中县搜救失联人员"); got != "b" {
		t.Errorf("dated question: first %s, want b (the named day's edition)", got)
	}
	if got := first("2025年8月8日甘肃榆中县搜救失联人员"); got != "a" {
		t.Errorf("dated question: first %s, want a (the named day's edition)", got)
	}
	// Without a date the report of the disaster comes first; a day without its year still
	// names its edition.
	if got := first("甘肃榆中县搜救失联人员"); got != "a" {
		t.Errorf("undated question: first %s, want a", got)
	}
	if got := first("8月10日甘肃榆中县搜救失联人员"); got != "b" {
		t.Errorf("a day without its year: first %s, want b (that day's edition)", got)
	}
}
