package qdate

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// asked is the reference date of the tests: a question asked on 2026-12-07.
var asked = time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)

// windows prints the windows of a question's expressions, one "text: from..to" each.
func windows(q string) string {
	var parts []string
	for _, e := range Parse(q) {
		for _, w := range e.Windows(asked, 2022) {
			parts = append(parts, fmt.Sprintf("%s:%s..%s", e.Text, w.From, w.To))
		}
	}
	return strings.Join(parts, " ")
}

func TestParseResolves(t *testing.T) {
	for _, c := range []struct{ q, want string }{
		// a day and a month with their year, to the report lag after
		{"2024年7月28日谁拿了金牌", "2024年7月28日:2024-07-28..2024-07-30"},
		{"2024年2月的航线", "2024年2月:2024-02-01..2024-03-02"},
		{"二〇二四年十月一日开通的线路", "2024年10月1日:2024-10-01..2024-10-03"},
		// relative words against the asking time
		{"去年10月1日的客流", "去年10月1日:2025-10-01..2025-10-03"},
		{"上个月新开了几家店", "上个月:2026-11-01..2026-12-02"},
		{"昨天的降雨量", "昨天:2026-12-06..2026-12-08"},
		{"上周召开的会议", "上周:2026-11-30..2026-12-08"},
		// a holiday is its period; a year-less day after it takes its year
		{"去年国庆10月1日发送旅客多少", "去年国庆:2025-10-01..2025-10-10 10月1日:2025-10-01..2025-10-03"},
		{"2024年春节假期", "2024年春节:2024-02-10..2024-02-19"},
		// spans: by their end first, then whole
		{"2023年1月1日至5月20日累计多少", "2023年1月1日至5月20日:2023-05-20..2023-05-22 2023年1月1日至5月20日:2023-01-01..2023-05-22"},
		{"2023年1到4月的出口", "2023年1到4月:2023-04-30..2023-05-31 2023年1到4月:2023-01-01..2023-05-31"},
		{"今年1—5月接待游客", "今年1—5月:2026-05-31..2026-07-01 今年1—5月:2026-01-01..2026-07-01"},
		{"2022年前三季度合同额", "2022年前三季度:2022-09-30..2022-10-31 2022年前三季度:2022-01-01..2022-10-31"},
		{"2024年12月6日至7日举办", "2024年12月6日至7日:2024-12-07..2024-12-09 2024年12月6日至7日:2024-12-06..2024-12-09"},
		{"2023年1月1日——5月20日累计多少", "2023年1月1日——5月20日:2023-05-20..2023-05-22 2023年1月1日——5月20日:2023-01-01..2023-05-22"},
		// a year alone is a fact's year: no window
		{"2023年全国新增减税降费多少", ""},
		{"去年粮食产量", ""},
		{"2022—2023年冬春航季", ""},
		// nothing dated, or no such day
		{"2023年2月30日的会议", ""},
		{"1号线几点开", ""},
		{"3个月内完成", ""},
	} {
		if got := windows(c.q); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.q, got, c.want)
		}
	}
}

// A date without its year matches that day in every year, the latest on or before the asking
// time first.
func TestYearlessDateEveryYear(t *testing.T) {
	es := Parse("10月23日发布了什么")
	if len(es) != 1 {
		t.Fatalf("Parse = %v, want one expression", es)
	}
	ws := es[0].Windows(asked, 2022)
	var froms []string
	for _, w := range ws {
		froms = append(froms, w.From)
		if w.Group != ws[0].Group {
			t.Errorf("window %v not an alternative of %v", w, ws[0])
		}
	}
	if got := strings.Join(froms, " "); got != "2026-10-23 2025-10-23 2024-10-23 2023-10-23 2022-10-23" {
		t.Errorf("windows from %s", got)
	}
	// asked on 2026-10-01, this year's 10月23日 is still to come
	early := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	if ws := es[0].Windows(early, 2025); len(ws) != 1 || ws[0].From != "2025-10-23" {
		t.Errorf("asked 2026-10-01: %v, want 2025-10-23 alone", ws)
	}
	if !es[0].Agrees("2023-10-24", asked, 2022) || es[0].Agrees("2023-10-27", asked, 2022) {
		t.Error("Agrees: 2023-10-24 should agree (the day after), 2023-10-27 not")
	}
}

// TestObservanceDay checks a day of observance with its year is one day's window
// (2023年全国防灾减灾日 is 2023-05-12), as a holiday is.
func TestObservanceDay(t *testing.T) {
	es := Parse("2023年全国防灾减灾日的主题是什么")
	if len(es) != 1 || es[0].From.Holiday != "全国防灾减灾日" || es[0].From.Year != 2023 {
		t.Fatalf("Parse = %+v", es)
	}
}

func TestHolidayAgrees(t *testing.T) {
	for _, c := range []struct {
		h, date string
		want    bool
	}{
		{"国庆", "2024-10-05", true},
		{"国庆", "2025-10-10", true}, // 2025's days off ran to 10-08, reported two days after
		{"国庆", "2024-11-05", false},
		{"春节", "2024-02-12", true},
		{"春节", "2025-02-12", false},
		{"中秋", "2023-10-02", true},
		{"防灾减灾日", "2023-05-12", true}, // a day of observance: that day, reported on it
		{"防灾减灾日", "2023-06-12", false},
	} {
		if got := HolidayAgrees(c.h, c.date); got != c.want {
			t.Errorf("HolidayAgrees(%s, %s) = %v, want %v", c.h, c.date, got, c.want)
		}
	}
}

func TestWrittenAndYearOnly(t *testing.T) {
	es := Parse("2023年全国GDP，今年3月5日")
	if len(es) != 2 || !es[0].YearOnly() || !es[0].Written() || es[1].Written() || es[1].YearOnly() {
		t.Fatalf("Parse = %+v", es)
	}
}

// TestReckoned checks a relative year refined to a day is the reader's reckoning (it names
// editions like a written year), and a relative month, span, written or year-less date is not.
func TestReckoned(t *testing.T) {
	for q, want := range map[string]bool{
		"去年8月22日俄方称": true, "今年6月29日的会议": true, "前年1月30日": true,
		"今年1到5月": false, "去年8月": false, "2024年1月3日": false, "6月29日": false, "去年": false,
	} {
		es := Parse(q)
		if len(es) == 0 {
			t.Fatalf("Parse(%q) found no date", q)
		}
		if got := es[0].Reckoned(); got != want {
			t.Errorf("Parse(%q)[0].Reckoned() = %v, want %v (%+v)", q, got, want, es[0])
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2023年1月1日至5月20日", "去年国庆10月1日", "1到4月", "12月6至7日", "上周", "2022—2023年"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, e := range Parse(q) {
			if !strings.Contains(Normalize(q), e.Text) {
				t.Fatalf("%q: expression %q not in the question", q, e.Text)
			}
			for _, w := range e.Windows(asked, 2022) {
				if w.From > w.To {
					t.Fatalf("%q: window %v ends before it starts", q, w)
				}
			}
		}
	})
}

// An article's own relative words resolve against its edition date.
func TestPeriodOfAnArticlesWords(t *testing.T) {
	edition := time.Date(2024, 8, 1, 0, 0, 0, 0, time.UTC)
	var got []string
	for _, e := range Parse("昨天，全市召开会议。上个月，全市接待游客100万人次。") {
		if from, to, ok := e.Period(edition); ok && e.Relative() {
			got = append(got, e.Text+":"+from.Format(time.DateOnly)+".."+to.Format(time.DateOnly))
		}
	}
	if s := strings.Join(got, " "); s != "昨天:2024-07-31..2024-07-31 上个月:2024-07-01..2024-07-31" {
		t.Errorf("periods %s", s)
	}
	if _, _, ok := Parse("10月23日")[0].Period(edition); ok {
		t.Error("a day without its year has no period of its own")
	}
}
