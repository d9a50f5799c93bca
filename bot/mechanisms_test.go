package bot

import (
	"context"
	"testing"

	"newsbot/bot/internal/extract"
	"newsbot/corpus"
)

// mechanismArticles are synthetic news items (not from any eval set) that pin the extractive
// answerer's mechanisms: yes/no questions, periods' ends, anaphora, done vs planned, statistics,
// paraphrases, verbatim answers and short clauses.
func mechanismArticles() []corpus.Article {
	return []corpus.Article{
		{ID: "art", Title: "青山湖美术馆举办宋代书画展", Byline: "记者 林青", Kind: corpus.KindNews,
			Text: "4月2日,“丹青千秋——宋代书画精品展”在青山湖美术馆开幕。展览共展出书画作品96件(组),其中国家一级文物8件,多件作品为首次展出。\n" +
				"美术馆副馆长孙立平介绍,展期将持续至7月15日,市民可通过美术馆官方网站免费预约参观,每天限流2000人次。"},
		{ID: "bus", Title: "城东至青湖镇公交线路开通", Byline: "记者 王雨", Kind: corpus.KindNews,
			Text: "5月8日上午,城东至青湖镇的Z3路公交正式开通,沿线3万余名居民出行更加方便。\n" +
				"Z3路公交全长26.4公里,起点为城东客运枢纽,终点为青湖镇卫生院,沿途设站18个。线路每天发车30个班次,全程票价3元,70周岁以上老人凭卡免费乘车。\n" +
				"据市交通局介绍,该线路投放了12辆氢燃料电池公交车,车内均配备无障碍设施。"},
		{ID: "estate", Title: "我市老旧小区改造提速", Byline: "记者 赵敏", Kind: corpus.KindNews,
			Text: "记者从市住建局获悉,截至去年底,我市已累计改造老旧小区268个,惠及居民5.2万户。今年,我市计划再改造老旧小区90个。\n" +
				"市住建局局长何文军介绍,每个小区改造最高可获补助300万元,审批时间由原来的20个工作日缩短至5个工作日。"},
		{ID: "contest", Title: "区青年创业大赛落幕", Byline: "记者 钱程", Kind: corpus.KindNews,
			Text: "昨天,区青年创业大赛决赛在科技园举行,12支队伍同台比拼。\n最终,南湖街道代表队获得第一名,北塘镇代表队获得第二名。"},
		{ID: "harvest", Title: "我县夏收进度过半", Byline: "记者 孟田", Kind: corpus.KindNews,
			Text: "连日来,全县组织农机抢收水稻,调度收割机600余台,平均每天收割3200亩。"},
		{ID: "lecture", Title: "作家走进校园", Byline: "记者 韦青", Kind: corpus.KindNews,
			Text: "昨天,市作家协会主席林海在青湖大学作专题讲座,与300余名学生分享创作经验。"},
		{ID: "metro", Title: "地铁5号线北延段开工", Byline: "记者 丁一", Kind: corpus.KindNews,
			Text: "地铁5号线北延段全长12.3公里,均为高架线,共设华林路站、北湖站、机场北站等7座车站,其中机场北站可与国铁北沿江高铁换乘。" +
				"试运营期间,北延段运营时间为6:00至22:30。"},
		{ID: "meals", Title: "老年助餐点扩面", Byline: "记者 严冬", Kind: corpus.KindNews,
			Text: "全市已建成老年助餐点120个,今年将再建30个。年满80周岁的老人在助餐点就餐,每餐可享受4元补贴。"},
		{ID: "songs", Title: "第三届青湖民歌节在柳塘村开幕", Byline: "记者 蓝天", Kind: corpus.KindNews,
			Text: "6月20日晚,第三届青湖民歌节在柳塘村开幕。本届民歌节为期4天,设置民歌擂台赛、非遗市集等活动。\n" +
				"柳塘村已建成民歌传习所,累计培训学员800余人次。"},
		{ID: "weather", Title: "明起我市迎来降温", Byline: "记者 温雪", Kind: corpus.KindNews,
			Text: "受冷空气影响,15日夜间至16日,我市将出现明显降温和大风天气,北部山区可能出现霜冻。"},
		{ID: "school", Title: "青湖中学新校区启用", Byline: "记者 孙悦", Kind: corpus.KindNews,
			Text: "青湖中学新校区总投资2.1亿元,建筑面积3.6万平方米,建有教学楼、食堂等设施,共设教学班36个,可容纳学生1800名。新校区启用后,周边村组的学生将实现就近入学,每天往返路程缩短8公里。\n" +
				"在桂花苑小区,80岁的李大爷以前住7楼,如今楼里加装了电梯。"},
	}
}

func TestExtractiveMechanisms(t *testing.T) {
	e := NewEngineFor(bigramSearcher{mechanismArticles()}, Options{})
	tests := []askExpect{
		{"yes/no A-not-A finds the deciding fact", "看书画展要不要钱？", []string{"免费"}, []string{"开幕"}},
		{"yes/no 吗 with a paraphrase", "老人坐Z3路公交要花钱吗？", []string{"免费"}, nil},
		{"until what date", "书画展展到什么时候？", []string{"7月15日"}, []string{"4月2日"}},
		{"brackets kept as written", "展览共展出多少件书画作品？", []string{"96件(组)"}, nil},
		{"counted noun after the question word", "有多少件国家一级文物？", []string{"8件"}, []string{"96件"}},
		{"anaphora 该线路 carries the subject", "Z3路用的是什么车？", []string{"氢燃料电池公交车"}, []string{"26.4公里"}},
		{"the text's own letters, not the question's", "z3路公交的起点在哪里？", []string{"城东客运枢纽"}, []string{"z3"}},
		{"money question skips a sentence without money", "坐Z3路公交要多少钱？", []string{"3元"}, nil},
		{"done figure for 已经", "我市已经改造了多少个老旧小区？", []string{"268个"}, []string{"90个"}},
		{"planned figure for 计划", "今年计划改造多少个老旧小区？", []string{"90个"}, []string{"268个"}},
		{"duration in working days", "小区改造审批原来要多长时间？", []string{"20个工作日"}, nil},
		{"an average is not a maximum", "改造一个小区平均要花多少钱？", nil, nil},
		{"冠军 paraphrased as 第一名, won by a team", "创业大赛最后谁拿了冠军？", []string{"南湖街道代表队"}, []string{"北塘镇"}},
		{"稻子 and 一天 paraphrased", "一天能收多少亩稻子？", []string{"3200亩"}, nil},
		{"a named fee is not an investment", "新校区住宿费每学期多少钱？", nil, nil},
		{"money for a subsidy, not a count", "老人每餐补贴多少？", []string{"4元"}, []string{"120个"}},
		{"a duration, not a date's month", "民歌节持续多久？", []string{"4天"}, []string{"6月"}},
		{"a time in the clause before the event", "降温什么时候开始？", []string{"15日夜间"}, nil},
		{"天气 asks what, not when", "降温时北部山区可能出现什么天气？", []string{"霜冻"}, nil},
		{"counted people", "新校区能住多少学生？", []string{"1800名"}, []string{"8公里"}},
		{"a measure word 楼", "李大爷以前住几楼？", []string{"7楼"}, nil},
		{"until what hour", "北延段每天运营到几点？", []string{"22:30"}, nil},
		{"a yes/no answer is the clause about what is asked", "Z3路公交有没有无障碍设施？", []string{"无障碍设施"}, []string{"12辆"}},
		{"a distance is not a length", "北延段离机场北站多远？", nil, nil},
		{"the counted noun before its number", "新校区有多少个教学班？", []string{"36个"}, []string{"3.6万平方米"}},
		{"which of several named things: the one by the question's words", "北延段哪个站可以换乘国铁？", []string{"机场北站"}, []string{"华林路站"}},
		{"a deciding fact about something else is no answer", "市民去看民歌节要门票吗？", nil, nil},
		{"where a place is, not what was done there", "青湖大学在哪里？", nil, nil},
		{"a keyword answer is the clause about it, 其中 named", "北延段 换乘", []string{"北延段机场北站", "换乘"}, []string{"12.3公里", "其中"}},
	}
	runAskCases(t, e, tests)
}

func TestHasAnaphor(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"据介绍,该线路投放了8辆公交车", true},
		{"其展品多为首次展出", true},
		{"项目总投资3亿元", true},
		{"其中一级文物12件", false},
		{"此外,双方将加强合作", false},
		{"全县共有项目30个", false},
	}
	for _, tc := range tests {
		t.Run(tc.s, func(t *testing.T) {
			if got := extract.HasAnaphor(tc.s); got != tc.want {
				t.Errorf("hasAnaphor(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
}

func TestCheckStatistic(t *testing.T) {
	runCheckCases(t, "checkStatistic", extract.CheckStatistic, []checkCase{
		{"平均要花多少钱？", "每台最高可获补贴20万元", true},
		{"最多能补贴多少钱？", "每台最高可获补贴20万元", false},
		{"平均每天收割多少亩？", "平均每天收割1.1万亩", false},
		{"要花多少钱？", "每台最高可获补贴20万元", false},
		{"人均收入是多少？", "农民人均可支配收入3.2万元", false},
	})
}

// TestParaphrasesKeepRefusals: with the paraphrase table, the eval sets' unanswerable questions
// over the built-in edition stay refused.
func TestParaphrasesKeepRefusals(t *testing.T) {
	e := builtinEngine(t, Options{})
	for _, c := range evalCases(t) {
		if c.Kind != "unanswerable" {
			continue
		}
		ans, err := e.Ask(context.Background(), "", c.Q)
		if err != nil {
			t.Fatal(err)
		}
		if ans.Found {
			t.Errorf("%s: got answer %q, want a refusal", c.Q, ans.Answer)
		}
	}
}

func TestCheckOtherEntity(t *testing.T) {
	runCheckCases(t, "checkOtherEntity", extract.CheckOtherEntity, []checkCase{
		{"常州地铁几号线通到武进？", "深圳地铁16号线开通运营", true},
		{"复旦大学在哪里？", "同济大学位于上海市杨浦区", true},
		{"常州地铁几号线通到武进？", "常州地铁5号线将延伸至武进", false},
		{"两地政府签署的是什么协议？", "武进区政府与达茂旗政府签署协议", false},
		{"参加跨镇作业的合作社有多少家？", "23家合作社开展跨镇作业", false},
	})
}

func TestCheckWhereItIs(t *testing.T) {
	runCheckCases(t, "checkWhereItIs", extract.CheckWhereItIs, []checkCase{
		{"青湖大学在哪里？", "宣讲团成员分别在青湖大学、西藏等地宣讲", true},
		{"青湖大学在哪里？", "青湖大学位于城东新区", false},
		{"青湖大学在哪里？", "位于城东新区的青湖大学", false},
		{"青湖大学在哪里？", "复旦大学、青湖大学入选第一批名单", true},
		{"公交的起点在哪里？", "公交全长26.4公里,起点为城东客运枢纽", false},
		{"林海在哪里作讲座？", "林海在青湖大学作讲座", false},
	})
}

func TestSpanIsolation(t *testing.T) {
	tests := []struct {
		name, q, passage, want string
	}{
		{"the asked noun after the span", "他早年加入了哪个剧社任编剧？", "他早年加入青湖剧社任编剧，后转入电影界。", "青湖剧社"},
		{"an ordinal with its measure", "文昭王是南国第多少代国王？", "文昭王是南国第22代国王，在位十三年。", "第22代"},
		{"a short shared word stays", "青湖明珠传媒公司的母公司是什么？", "青湖明珠传媒公司的母公司是青湖文化投资集团。", "青湖文化投资集团"},
		{"a head noun's phrase", "该线路用的是什么车？", "该线路投放了12辆氢燃料电池公交车，车内配备无障碍设施。", "氢燃料电池公交车"},
		{"the end of a period", "书画展展到什么时候？", "4月2日书画展开幕，展期将持续至7月15日。", "7月15日"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := answerSpan(tc.q, tc.passage); got != tc.want {
				t.Errorf("answerSpan(%q) = %q, want %q", tc.q, got, tc.want)
			}
		})
	}
}
