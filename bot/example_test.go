package bot_test

import (
	"context"
	"fmt"

	"newsbot/bot"
	"newsbot/corpus"
	"newsbot/retrieval"
)

// An engine over the built-in edition answers with a verified citation; the returned
// conversation carries a follow-up that leaves out its subject.
func ExampleEngine_Ask() {
	ed, err := corpus.Builtin()
	if err != nil {
		panic(err)
	}
	ix, err := retrieval.Build(context.Background(), ed.Articles, retrieval.Config{})
	if err != nil {
		panic(err)
	}
	e := bot.NewEngine(ix, bot.Options{})

	a, _ := e.Ask(context.Background(), "", "达茂旗的总面积是多少？")
	fmt.Println(a.Answer, a.Found)
	fmt.Println(a.Citations[0].Title)
	b, _ := e.Ask(context.Background(), a.Conversation, "那人口呢？")
	fmt.Println(b.Answer)
	c, _ := e.Ask(context.Background(), "", "武进区去年的GDP是多少？")
	fmt.Println(c.Found)
	// Output:
	// 达茂旗总面积18177平方千米。[1] true
	// 武进与内蒙古达茂旗缔结友好城市
	// 达茂旗总人口11.4万人。[1]
	// false
}

func ExampleFormatText() {
	fmt.Print(bot.FormatText(bot.Answer{
		Answer: "达茂旗总面积18177平方千米。[1]",
		Found:  true,
		Citations: []bot.Citation{{N: 1, ArticleID: "a1", Title: "武进与内蒙古达茂旗缔结友好城市",
			Byline: "记者 朱梦琪", Edition: "武进日报 2024-11-08", Quote: "达茂旗是……总面积18177平方千米……"}},
	}))
	// Output:
	// 达茂旗总面积18177平方千米。[1]
	//
	// 来源：
	// [1] 《武进与内蒙古达茂旗缔结友好城市》 记者 朱梦琪 · 武进日报 2024-11-08
	//     “达茂旗是……总面积18177平方千米……”
}

// CheckQuestion tells a channel why a question is refused before it is looked up.
func ExampleCheckQuestion() {
	for _, q := range []string{"  达茂旗在哪里？\n", "", "？？？"} {
		clean, rejected := bot.CheckQuestion(q)
		fmt.Printf("%q %q\n", clean, rejected)
	}
	// Output:
	// "达茂旗在哪里？" ""
	// "" "empty"
	// "" "no_text"
}
