package retrieval

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"newsbot/corpus"
)

func TestBuildRejectsBadArticles(t *testing.T) {
	tests := []struct {
		name    string
		arts    []corpus.Article
		wantErr string
	}{
		{"missing id", []corpus.Article{{Title: "甲", Text: "正文。"}}, "has no ID"},
		{"duplicate id", []corpus.Article{{ID: "x", Text: "一。"}, {ID: "x", Text: "二。"}}, `share the ID "x"`},
		{"unknown embedder id", nil, "none configured"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Config{}
			if tt.arts == nil {
				cfg.EmbedderID = "openai:text-embedding-3-small"
			}
			_, err := Build(context.Background(), tt.arts, cfg)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Build error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestSearchResults(t *testing.T) {
	ix := builtIndex(t)
	rs, err := ix.Search(context.Background(), "达茂旗的总面积是多少？", SearchOptions{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("got %d results, want 3", len(rs))
	}
	if !strings.Contains(rs[0].Article.Title, "达茂旗") {
		t.Errorf("first result %q, want the Damao article", rs[0].Article.Title)
	}
	if !strings.Contains(rs[0].Passages[0].Text, "18177平方千米") {
		t.Errorf("best passage %q does not hold the answer", rs[0].Passages[0].Text)
	}
	if rs[0].Coverage != 1 || rs[1].Coverage >= 1 {
		t.Errorf("coverage %v then %v: want 1 for the answer, less for the others", rs[0].Coverage, rs[1].Coverage)
	}
	if rs[0].Dense <= 0 || rs[0].Score <= rs[1].Score {
		t.Errorf("first result dense %v score %v, second score %v", rs[0].Dense, rs[0].Score, rs[1].Score)
	}
	for _, r := range rs {
		for _, p := range r.Passages {
			if r.Article.Text[p.Start:p.End] != p.Text {
				t.Errorf("passage [%d:%d] is not the article's text there", p.Start, p.End)
			}
		}
		if len(r.Passages) > passagesPerHit {
			t.Errorf("%d passages", len(r.Passages))
		}
	}
}

func TestSearchCoverageSignalsMissingAnswers(t *testing.T) {
	ix := builtIndex(t)
	for _, q := range []string{"苹果公司的CEO是谁？", "常州地铁几号线通到武进？"} {
		rs, err := ix.Search(context.Background(), q, SearchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) > 0 && rs[0].Coverage >= 0.6 {
			t.Errorf("%s: best result %q covers %.2f of the question", q, rs[0].Article.Headline(), rs[0].Coverage)
		}
	}
}

func TestSearchFilters(t *testing.T) {
	arts := fixtureArticles(t)
	for i := range arts {
		arts[i].Paper = "武进日报"
		arts[i].Date = fmt.Sprintf("2024-11-%02d", 5+i)
	}
	arts[5].Paper = "常州日报"
	ix, err := Build(context.Background(), arts, Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts SearchOptions
		want []string // article IDs allowed
	}{
		{"one day", SearchOptions{DateFrom: "2024-11-06", DateTo: "2024-11-06"}, []string{arts[1].ID}},
		{"range", SearchOptions{DateFrom: "2024-11-08", DateTo: "2024-11-09"}, []string{arts[3].ID, arts[4].ID}},
		{"paper", SearchOptions{Paper: "常州日报"}, []string{arts[5].ID}},
		{"paper and date", SearchOptions{Paper: "武进日报", DateFrom: "2024-11-10"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Limit = 10
			rs, err := ix.Search(context.Background(), "武进 调研 活动 项目", tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rs {
				got = append(got, r.Article.ID)
			}
			if strings.Join(sorted(got), ",") != strings.Join(sorted(tt.want), ",") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestSearchEdgeCases(t *testing.T) {
	ix := builtIndex(t)
	if rs, err := ix.Search(context.Background(), "请问？", SearchOptions{}); err != nil || len(rs) != 0 {
		t.Errorf("filler-only query = %v, %v; want nothing", rs, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, "达茂旗", SearchOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled search error = %v", err)
	}
	empty, err := Build(context.Background(), nil, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if rs, err := empty.Search(context.Background(), "达茂旗", SearchOptions{}); err != nil || len(rs) != 0 {
		t.Errorf("empty index search = %v, %v", rs, err)
	}
	headlineOnly, err := Build(context.Background(), []corpus.Article{{ID: "h", Title: "只有标题的快讯"}}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if rs, err := headlineOnly.Search(context.Background(), "标题快讯", SearchOptions{}); err != nil || len(rs) != 1 || len(rs[0].Passages) != 0 {
		t.Errorf("headline-only article search = %+v, %v", rs, err)
	}
	if a, ok := ix.Article(ix.Articles()[2].ID); !ok || a.ID != ix.Articles()[2].ID {
		t.Errorf("Article lookup failed")
	}
	if _, ok := ix.Article("nope"); ok {
		t.Errorf("Article(nope) found something")
	}
}

func TestConcurrentSearches(t *testing.T) {
	ix := builtIndex(t)
	questions := []string{"达茂旗的总面积", "恽淇丞", "消防宣传月", "安康医疗", "宅基地档案", "青锐共创"}
	want := make([]string, len(questions))
	for i, q := range questions {
		rs, err := ix.Search(context.Background(), q, SearchOptions{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = rs[0].Article.ID
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(questions))
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, q := range questions {
				rs, err := ix.Search(context.Background(), q, SearchOptions{Limit: 1})
				if err != nil {
					errs <- err
					return
				}
				if rs[0].Article.ID != want[i] {
					errs <- fmt.Errorf("%s: got %s, want %s", q, rs[0].Article.ID, want[i])
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestEvalCaseMatches(t *testing.T) {
	a := corpus.Article{ID: "abc", Kicker: "共赴“新”征程", Title: "11个村（社区）干部项目展演", Column: "重点项目进行时"}
	tests := []struct {
		article string
		want    bool
	}{
		{"abc", true},
		{"村(社区)干部", true},
		{"共赴", true},
		{"重点项目进行时", true},
		{"消防", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := (EvalCase{Article: tt.article}).Matches(a); got != tt.want {
			t.Errorf("Matches(%q) = %v, want %v", tt.article, got, tt.want)
		}
	}
	// A brief with no title is named by the start of its text, as its citations name it.
	brief := corpus.Article{ID: "b", Text: "1月12日，市农产品交易中心年货节开幕，200余家商户参展，活动持续至2月10日。"}
	for article, want := range map[string]bool{"年货节开幕": true, "活动持续至2月10日": false} {
		if got := (EvalCase{Article: article}).Matches(brief); got != want {
			t.Errorf("brief: Matches(%q) = %v, want %v", article, got, want)
		}
	}
}

func TestBuildProgressAndCancel(t *testing.T) {
	arts := fixtureArticles(t)
	var stages []string
	last := map[string]int{}
	ix, err := Build(context.Background(), arts, Config{Progress: func(stage string, done, total int) {
		if done < last[stage] || done > total {
			t.Errorf("progress %s %d/%d after %d", stage, done, total, last[stage])
		}
		if last[stage] == 0 {
			stages = append(stages, stage)
		}
		last[stage] = done
	}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(stages, ",") != "embed,index" || last["embed"] != ix.Chunks() || last["index"] != ix.Chunks() {
		t.Errorf("progress stages %v ended at %v, want embed and index up to %d", stages, last, ix.Chunks())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, arts, Config{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Build with a cancelled context = %v, want context.Canceled", err)
	}
}

// TestTermWeightsLoneCharacters checks that a lone character is weighed by how many articles
// hold it: lone characters are not index terms, and weighed as unseen, a particle such as 着
// counted as the rarest word of a question and swamped the coverage rerank.
func TestTermWeightsLoneCharacters(t *testing.T) {
	texts := []string{
		"村干部比赛中，湖塘镇项目组夺得冠军。",
		"他拿着文件走进会场，会议随后开始。",
		"工人们拿着工具，忙着检修线路。",
		"志愿者拿着宣传单，走进社区。",
		"居民拿着号码牌排队办理业务。",
	}
	var arts []corpus.Article
	for i, text := range texts {
		arts = append(arts, corpus.Article{ID: fmt.Sprint("a", i), Kind: corpus.KindNews, Title: fmt.Sprint("标题", i), Text: text})
	}
	ix, err := Build(context.Background(), arts, Config{})
	if err != nil {
		t.Fatal(err)
	}
	w := ix.termWeights([]string{"拿", "着", "冠军", "夺"})
	for _, common := range []int{0, 1} {
		for _, rare := range []int{2, 3} {
			if w[common] >= w[rare] {
				t.Errorf("weights %v: a character in 4 of 5 articles weighs %.2f, not less than one in 1 of 5 (%.2f)", w, w[common], w[rare])
			}
		}
	}
	if again := ix.termWeights([]string{"拿"}); again[0] != w[0] {
		t.Errorf("remembered weight of 拿 = %.3f, first %.3f", again[0], w[0])
	}
}

// TestSentenceCoverageRerank checks that an article holding the question's words in one sentence
// outranks one, such as a round-up of briefs, that names them more often but scattered.
func TestSentenceCoverageRerank(t *testing.T) {
	arts := []corpus.Article{
		{ID: "roundup", Kind: corpus.KindNews, Title: "国内快讯", Text: "多地举行发布会，现场气氛热烈。" +
			"某省发布首批试点城市，覆盖多个领域。各地公布名单，涉及重点企业。发布会现场，专家解读政策。" +
			"首批项目已经开工，名单将动态调整。"},
		{ID: "answer", Kind: corpus.KindNews, Title: "青年干部项目展演", Text: "昨天下午，我区举行项目展演。" +
			"现场，首批“青蓝合伙人”名单发布。学员们展示了实践成果。"},
	}
	for i := range 6 { // unrelated items, so that the words are not everywhere
		arts = append(arts, corpus.Article{ID: fmt.Sprint("other", i), Kind: corpus.KindNews,
			Title: fmt.Sprint("其他新闻", i), Text: "今年粮食生产再获丰收，农民收入稳步增长。"})
	}
	ix, err := Build(context.Background(), arts, Config{})
	if err != nil {
		t.Fatal(err)
	}
	ix.rank = nil // the hand-set rerank over ix.fusion
	ix.fusion.sentence = 0.4
	top := func() string {
		rs, err := ix.Search(context.Background(), "现场发布了首批什么名单？", SearchOptions{Limit: 2})
		if err != nil || len(rs) == 0 {
			t.Fatalf("Search: %v, %d results", err, len(rs))
		}
		return rs[0].Article.ID
	}
	if got := top(); got != "answer" {
		t.Errorf("top result = %s, want answer (the words in one sentence)", got)
	}
	ix.fusion.sentence = 0
	if got := top(); got != "roundup" {
		t.Errorf("without the sentence rerank the top result = %s, want roundup (else this test shows nothing)", got)
	}
}
