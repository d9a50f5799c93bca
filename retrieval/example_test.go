package retrieval_test

import (
	"context"
	"fmt"

	"newsbot/corpus"
	"newsbot/retrieval"
)

func Example() {
	articles := []corpus.Article{
		{ID: "a1", Title: "武进与内蒙古达茂旗缔结友好城市", Text: "达茂旗总面积18177平方千米，总人口11.4万人。"},
		{ID: "a2", Title: "我区启动“119”消防宣传月活动", Text: "今年宣传月的主题是“全民消防，生命至上”。"},
	}
	ix, err := retrieval.Build(context.Background(), articles, retrieval.Config{})
	if err != nil {
		panic(err)
	}
	results, err := ix.Search(context.Background(), "達茂旗的總面積是多少？", retrieval.SearchOptions{Limit: 1})
	if err != nil {
		panic(err)
	}
	best := results[0]
	p := best.Passages[0]
	fmt.Println(best.Article.Title, best.Coverage)
	fmt.Println(p.Text == best.Article.Text[p.Start:p.End])
	// Output:
	// 武进与内蒙古达茂旗缔结友好城市 1
	// true
}

// ParaphrasesIn finds the paraphrase table's words in a folded question (NormalizeQuery), and
// Paraphrases gives each word's alternatives, e.g. to count a sentence saying 第一名 as
// answering a question about 冠军.
func ExampleParaphrasesIn() {
	for _, w := range retrieval.ParaphrasesIn(retrieval.NormalizeQuery("项目比赛最后谁拿了冠军？")) {
		fmt.Println(w, retrieval.Paraphrases(w))
	}
	// Output:
	// 冠军 [第一名 夺冠 金奖 一等奖]
	// 最后 [最终]
	// 比赛 [大赛 竞赛]
}
