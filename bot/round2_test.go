package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// round2Edition writes a one-article edition (headline, 本报讯 lead, body) under a temporary folder,
// parses and indexes it the way the library does, and returns an engine over it.
func round2Edition(t *testing.T, headline, body string) *Engine {
	t.Helper()
	path := filepath.Join(t.TempDir(), "edition.txt")
	text := headline + "\n本报讯（记者 张三）" + body + "\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatalf("write %s: %v", path, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	ed, err := corpus.Parse(filepath.Base(path), data, corpus.Meta{})
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	ix, err := retrieval.Build(context.Background(), ed.Articles, retrieval.Config{})
	if err != nil {
		t.Fatalf("index %s: %v", path, err)
	}
	return NewEngine(ix, Options{})
}

// TestGrowthQuestionWantsTheChange: a 增长/下降/提高 多少 question asks for the change (a rate, or
// an amount after 增长/增加), not the level the sentence also tells.
func TestGrowthQuestionWantsTheChange(t *testing.T) {
	e := round2Edition(t, "青山县前三季度经济稳中有进",
		"前三季度全县实现地区生产总值312.6亿元，同比增长6.2%。全县规上工业增加值达到85.4亿元，比上年增加7.3亿元。居民人均可支配收入下降0.8%。")
	runAskCases(t, e, []askExpect{
		{"growth rate of GDP", "青山县前三季度GDP增长多少？", []string{"6.2%"}, nil},
		{"growth amount", "规上工业增加值增加了多少？", []string{"7.3亿元"}, nil},
		{"a fall", "居民人均可支配收入下降多少？", []string{"0.8%"}, nil},
		{"the level is still asked plainly", "青山县前三季度地区生产总值是多少？", []string{"312.6亿元"}, nil},
	})
	levels := round2Edition(t, "白石镇今年粮食丰收",
		"今年全镇粮食总产量达到5.6万吨，粮食种植面积3.1万亩。全镇农民人均收入增长到3.2万元。全年社会消费品零售总额增长率为7.1%。")
	runAskCases(t, levels, []askExpect{
		{"a level alone tells no change", "全镇粮食总产量增长了多少？", nil, nil},
		{"增长到 tells the level reached", "农民人均收入增长了多少？", nil, nil},
		{"增长率为", "社会消费品零售总额增长多少？", []string{"7.1%"}, nil},
		{"the level of a measure", "全镇粮食总产量是多少？", []string{"5.6万吨"}, nil},
	})
	target := round2Edition(t, "全县消费市场持续回暖",
		"全年全县社会消费品零售总额达到486亿元，同比增长7.5%。其中，网络零售额92亿元，增长18.3%；实体零售额394亿元，增长5.1%。\n"+
			"县商务局局长王五表示，明年将举办促消费活动50场以上，力争全县网络零售额增长20%以上。")
	rates := round2Edition(t, "白沙县经济运行平稳",
		"前三季度全县实现地区生产总值208.4亿元，同比增长5.9%，增速比上半年提高0.4个百分点。今年全县新增市场主体3200户。")
	runAskCases(t, rates, []askExpect{
		{"增速 asks the rate, not its change", "白沙县GDP增速是多少？", []string{"5.9%"}, []string{"0.4"}},
		{"the comparison's base is no measure", "白沙县GDP比去年增长多少？", []string{"5.9%"}, nil},
		{"the measure between 新增 and its number", "市场主体增加了多少？", []string{"3200户"}, nil},
	})
	runAskCases(t, target, []askExpect{
		{"the change told a clause after its measure, not a target", "网络零售额增长了多少？", []string{"18.3%"}, []string{"20%"}},
	})
}

// TestHowManyPeopleTakesApproximateCounts: a 多少人 question is met by a count of people (名, 人,
// 位…) even when approximate (余, 多, 近) and the counted noun is 老人 or the like.
func TestHowManyPeopleTakesApproximateCounts(t *testing.T) {
	e := round2Edition(t, "社区开办老年人智能手机培训班",
		"近日，社区开办老年人智能手机培训班，首期吸引60余名老人参加。社区还组织了书法兴趣班，共有30多位居民报名。"+
			"\n防诈骗讲座已举办3期，社区计划明年再开设5个班。")
	runAskCases(t, e, []askExpect{
		{"approximate count of 老人", "老年人智能手机培训班首期有多少人参加？", []string{"60余名"}, nil},
		{"counted in 位", "书法兴趣班有多少人报名？", []string{"30多位"}, nil},
		{"几个人 counted in 名", "首期有几人参加培训班？", []string{"60余名"}, nil},
		{"a count of sessions is no count of people", "防诈骗讲座有多少人参加？", nil, nil},
	})
	// Counts written in Chinese numerals, round figures with their approximation.
	words := round2Edition(t, "社区活动丰富多彩",
		"社区开设书画培训班，共有三百余名老人报名参加。\n社区志愿服务队成立，近百名居民加入。\n迎新年长跑活动吸引上千人参加。")
	runAskCases(t, words, []askExpect{
		{"三百余名", "书画培训班有多少人报名？", []string{"三百余名"}, nil},
		{"近百名", "志愿服务队有多少人加入？", []string{"近百名"}, nil},
		{"上千人", "迎新年长跑活动有多少人参加？", []string{"上千人"}, nil},
	})
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
		e := round2Edition(t, "青山县近期活动",
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

// TestValidConversationID: a client may choose its own conversation IDs in any script; only
// control characters, invalid UTF-8, blanks and overlong IDs are replaced.
func TestValidConversationID(t *testing.T) {
	tests := []struct {
		name, id string
		want     bool
	}{
		{"hex", "9fec76b69445d9dff703ec6b4f94a5ed", true},
		{"Chinese", "用户-张三", true},
		{"inner space", "user 42", true},
		{"64 bytes of Chinese", strings.Repeat("张", 21) + "a", true},
		{"empty", "", false},
		{"blank", "   ", false},
		{"newline", "用户\n张三", false},
		{"escape", "abc\x1b[31m", false},
		{"DEL", "abc\x7f", false},
		{"invalid UTF-8", "abc\xff", false},
		{"zero-width format character", "ab\u200bc", false},
		{"overlong", strings.Repeat("张", maxConversationIDBytes/3+1), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := validID(tc.id); got != tc.want {
				t.Errorf("validID(%q) = %v, want %v", tc.id, got, tc.want)
			}
		})
	}
}

// TestChosenConversationIDKeepsFollowUps: a follow-up under a client's own non-ASCII ID is answered
// in its conversation, under that same ID.
func TestChosenConversationIDKeepsFollowUps(t *testing.T) {
	e := round2Edition(t, "青山县前三季度经济稳中有进",
		"前三季度全县实现地区生产总值312.6亿元，同比增长6.2%。全县常住人口52.3万人。")
	const id = "用户-张三"
	first, err := e.Ask(context.Background(), id, "青山县前三季度地区生产总值是多少？")
	if err != nil {
		t.Fatal(err)
	}
	if first.Conversation != id {
		t.Fatalf("first answer's conversation = %q, want %q", first.Conversation, id)
	}
	next, err := e.Ask(context.Background(), id, "那人口呢？")
	if err != nil {
		t.Fatal(err)
	}
	if next.Conversation != id {
		t.Errorf("follow-up's conversation = %q, want %q", next.Conversation, id)
	}
	if !strings.Contains(next.Answer, "52.3万人") {
		t.Errorf("follow-up answer = %q, want it to hold 52.3万人", next.Answer)
	}
}
