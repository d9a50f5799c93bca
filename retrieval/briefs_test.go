package retrieval

import (
	"context"
	"slices"
	"testing"

	"newsbot/corpus"
)

// roundUpText is a round-up in the layout of a broadcast's news briefs (invented news): a lead
// ending in a colon, then title lines each over its brief.
const roundUpText = "本台消息（晚间新闻）：\n" +
	"全省新增减税降费三百亿元\n省税务局今天发布，去年全省新增减税降费三百亿元，其中制造业占比最高。\n" +
	"春季招聘行动启动\n省人社厅今天启动春季招聘行动，活动将持续至4月上旬，集中开展招聘服务。\n" +
	"两项快递地方标准发布\n省市场监管局今天发布两项快递地方标准，主要涉及包装和服务质量。"

func TestBriefsOf(t *testing.T) {
	bs := briefsOf(roundUpText)
	var titles []string
	for _, b := range bs {
		titles = append(titles, roundUpText[b.title.Start:b.title.End])
	}
	want := []string{"全省新增减税降费三百亿元", "春季招聘行动启动", "两项快递地方标准发布"}
	if len(titles) != len(want) {
		t.Fatalf("briefs titled %q, want %q", titles, want)
	}
	for i := range want {
		if titles[i] != want[i] {
			t.Errorf("brief %d titled %q, want %q", i, titles[i], want[i])
		}
	}
	if body := roundUpText[bs[1].body.Start:bs[1].body.End]; body != "省人社厅今天启动春季招聘行动，活动将持续至4月上旬，集中开展招聘服务。" {
		t.Errorf("second brief's text %q", body)
	}
	for _, text := range []string{
		"省人社厅今天启动春季招聘行动。\n活动将持续至4月上旬，集中开展招聘服务。",             // paragraphs, no titles
		"本台消息（晚间新闻）：\n春季招聘行动启动\n省人社厅今天启动春季招聘行动，活动将持续至4月上旬。", // one titled item
	} {
		if bs := briefsOf(text); bs != nil {
			t.Errorf("briefsOf(%q) = %v, want none (no round-up)", text, bs)
		}
	}
}

// TestRerankReadsBriefTitles: a question on one brief of a round-up retrieves the round-up before
// a whole article on the brief's topic that does not hold the asked fact, for the brief's title
// names the question's words as a headline would; without the brief title's weight the whole
// article, whose headline names them, comes first.
func TestRerankReadsBriefTitles(t *testing.T) {
	news := func(id, date, title, text string) corpus.Article {
		return corpus.Article{ID: id, Paper: "晚间新闻", Date: date, Kind: corpus.KindNews, Title: title, Text: text}
	}
	arts := []corpus.Article{
		news("roundup", "2024-01-25", "省内新闻快讯", roundUpText),
		news("whole", "2024-04-13", "春季招聘行动持续推进 发布岗位超四十万个", "省人社厅介绍，春季招聘行动今天收官，各地共发布岗位超四十万个，帮助二十万人实现就业。"),
		news("other", "2024-05-01", "五一假期出行", "五一假期全省铁路发送旅客超过一百万人次。"),
	}
	ix, err := Build(context.Background(), arts, Config{})
	if err != nil {
		t.Fatal(err)
	}
	// The brief title's weight is 0 in rank_model.json (it raised hit@1, not answers): the
	// mechanism is tested at the weight that was measured.
	ix.rank = &rankModel{mean: defaultRankModel.mean, scale: defaultRankModel.scale, weights: slices.Clone(defaultRankModel.weights)}
	ix.rank.weights[fBriefHead] = 0.1
	q := "春季招聘行动持续到什么时候？"
	rs, err := ix.Search(context.Background(), q, SearchOptions{Limit: 3})
	if err != nil || len(rs) == 0 {
		t.Fatalf("Search(%q) = %v, %v", q, rs, err)
	}
	if rs[0].Article.ID != "roundup" {
		t.Errorf("first %s, want the round-up holding the brief", rs[0].Article.ID)
	}
	st, err := ix.candidates(context.Background(), q, SearchOptions{}, 10, nil)
	if err != nil || st == nil {
		t.Fatal(err)
	}
	// A title naming little of the question is no headline for it.
	if x := ix.queryFacts("省人社厅启动了什么服务", "省人社厅启动了什么服务"); len(x.content) > 0 {
		if head, _ := briefCoverages(roundUpText, x.content, x.weights, x.alts, x.credit, true); head != 0 {
			t.Errorf("brief title share %.2f for a question its titles hardly name, want 0", head)
		}
	}
	for i, a := range st.pool {
		x := st.features[i]
		switch ix.articles[a].ID {
		case "roundup":
			if !(x[fBriefHead] > 0.5) || !(x[fBrief] >= x[fBriefHead]) {
				t.Errorf("round-up brief features %.2f %.2f, want its brief title to hold most of the question", x[fBriefHead], x[fBrief])
			}
		case "whole":
			if x[fBriefHead] != 0 || x[fBrief] != 0 {
				t.Errorf("a whole article has brief features %.2f %.2f, want 0", x[fBriefHead], x[fBrief])
			}
		}
	}
}
