package bot

import "testing"

// TestGrowthQuestionWantsTheChange: a 增长/下降/提高 多少 question asks for the change (a rate, or
// an amount after 增长/增加), not the level the sentence also tells.
func TestGrowthQuestionWantsTheChange(t *testing.T) {
	e := oneArticleEdition(t, "青山县前三季度经济稳中有进",
		"前三季度全县实现地区生产总值312.6亿元，同比增长6.2%。全县规上工业增加值达到85.4亿元，比上年增加7.3亿元。居民人均可支配收入下降0.8%。")
	runAskCases(t, e, []askExpect{
		{"growth rate of GDP", "青山县前三季度GDP增长多少？", []string{"6.2%"}, nil},
		{"growth amount", "规上工业增加值增加了多少？", []string{"7.3亿元"}, nil},
		{"a fall", "居民人均可支配收入下降多少？", []string{"0.8%"}, nil},
		{"the level is still asked plainly", "青山县前三季度地区生产总值是多少？", []string{"312.6亿元"}, nil},
	})
	levels := oneArticleEdition(t, "白石镇今年粮食丰收",
		"今年全镇粮食总产量达到5.6万吨，粮食种植面积3.1万亩。全镇农民人均收入增长到3.2万元。全年社会消费品零售总额增长率为7.1%。")
	runAskCases(t, levels, []askExpect{
		{"a level alone tells no change", "全镇粮食总产量增长了多少？", nil, nil},
		{"增长到 tells the level reached", "农民人均收入增长了多少？", nil, nil},
		{"增长率为", "社会消费品零售总额增长多少？", []string{"7.1%"}, nil},
		{"the level of a measure", "全镇粮食总产量是多少？", []string{"5.6万吨"}, nil},
	})
	target := oneArticleEdition(t, "全县消费市场持续回暖",
		"全年全县社会消费品零售总额达到486亿元，同比增长7.5%。其中，网络零售额92亿元，增长18.3%；实体零售额394亿元，增长5.1%。\n"+
			"县商务局局长王五表示，明年将举办促消费活动50场以上，力争全县网络零售额增长20%以上。")
	rates := oneArticleEdition(t, "白沙县经济运行平稳",
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
