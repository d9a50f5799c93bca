package corpus

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// item is what the table tests check of an article.
type wantItem struct {
	kind, column, kicker, title, byline string
	paras                               []string
}

func gotItems(ed *Edition) []wantItem {
	var out []wantItem
	for _, a := range ed.Articles {
		out = append(out, wantItem{a.Kind, a.Column, a.Kicker, a.Title, a.Byline, strings.Split(a.Text, "\n")})
	}
	return out
}

func TestParseTextLayouts(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		want   []wantItem
		labels []string
		paper  string
		dates  []string // of the articles, when set
	}{
		{
			name:  "subtitle and column above the headline",
			input: "学习贯彻全会精神\n深化改革\n我区出台新举措\n——审批时限压缩40%\n\n本报讯（记者 张三）日前，我区出台新举措。\n",
			want:  []wantItem{{KindNews, "学习贯彻全会精神", "深化改革", "我区出台新举措", "记者 张三", []string{"——审批时限压缩40%", "日前，我区出台新举措。"}}},
		},
		{
			name:  "correspondent byline alone under the headline, lines not set apart",
			input: "稻田养鱼助农增收\n本报通讯员 王芳\n今年，白石镇推广稻田养鱼模式，面积达1200亩。\n",
			want:  []wantItem{{KindNews, "", "", "稻田养鱼助农增收", "本报通讯员 王芳", []string{"今年，白石镇推广稻田养鱼模式，面积达1200亩。"}}},
		},
		{
			name: "news briefs under a bracketed label are items of their own",
			input: "稻田养鱼助农增收\n\n本报讯（记者 王芳）今年，白石镇推广稻田养鱼模式。\n\n【简讯】\n" +
				"●9月1日，县图书馆新馆正式开放，馆藏图书30万册。\n● 县第二人民医院住院楼日前封顶。（记者 李明）\n",
			want: []wantItem{
				{KindNews, "", "", "稻田养鱼助农增收", "记者 王芳", []string{"今年，白石镇推广稻田养鱼模式。"}},
				{KindNews, "", "", "", "", []string{"9月1日，县图书馆新馆正式开放，馆藏图书30万册。"}},
				{KindNews, "", "", "", "记者 李明", []string{"县第二人民医院住院楼日前封顶。"}},
			},
			labels: []string{"【简讯】", "本报讯（）", "●", "●（）"},
		},
		{
			name: "news briefs under a bare 简讯 label",
			input: "首贷有了新渠道\n\n本报讯（记者 贺知远）小微企业凭纳税信用拿到贷款。\n\n简讯\n\n" +
				"■ 1月12日，年货节开幕，200余家商户参展。\n\n■ 1月14日，江川港首条集装箱航线开通。\n",
			want: []wantItem{
				{KindNews, "", "", "首贷有了新渠道", "记者 贺知远", []string{"小微企业凭纳税信用拿到贷款。"}},
				{KindNews, "", "", "", "", []string{"1月12日，年货节开幕，200余家商户参展。"}},
				{KindNews, "", "", "", "", []string{"1月14日，江川港首条集装箱航线开通。"}},
			},
		},
		{
			name:  "a bracketed line over ordinary paragraphs is no briefs column",
			input: "我区出台新举措\n\n本报讯（记者 张三）日前，我区出台新举措。\n\n【链接】\n\n去年全区新增市场主体2.1万户。\n",
			want:  []wantItem{{KindNews, "", "", "我区出台新举措", "记者 张三", []string{"日前，我区出台新举措。", "【链接】", "去年全区新增市场主体2.1万户。"}}},
		},
		{
			name:  "byline line with a mark, subheads kept apart",
			input: "我区出台新举措\n\n■本报记者 张三 通讯员 李四\n\n日前，我区出台新举措。\n\n一、提升效能\n\n企业开办时间压缩至0.5个工作日。\n",
			want:  []wantItem{{KindNews, "", "", "我区出台新举措", "本报记者 张三 通讯员 李四", []string{"日前，我区出台新举措。", "一、提升效能", "企业开办时间压缩至0.5个工作日。"}}},
		},
		{
			name:  "a byline-looking fragment continues a cut paragraph",
			input: "标题\n\n本报讯 全区企业开办时间压缩，\n记者了解到\n今年已有2.1万户受益。\n",
			want:  []wantItem{{KindNews, "", "", "标题", "", []string{"全区企业开办时间压缩，记者了解到今年已有2.1万户受益。"}}},
		},
		{
			name:  "byline line under the headline, then a dateline",
			input: "湖塘镇举办首届桂花节\n记者 李明\n本报讯 昨天上午，桂花节开幕。\n本届桂花节为期10天。\n",
			want:  []wantItem{{KindNews, "", "", "湖塘镇举办首届桂花节", "记者 李明", []string{"昨天上午，桂花节开幕。", "本届桂花节为期10天。"}}},
		},
		{
			name: "info line under each headline, then a bare dateline: one article each",
			input: "南湖大桥维修加固完工\n作者：记者 钱立群  来源：南湖晚报  发布时间：2026-03-15\n" +
				"本报讯 经过近5个月的施工，大桥恢复通行。\n该桥建成于1998年。\n\n" +
				"新开3条微循环公交线路\n作者：记者 唐雨桐  来源：南湖晚报  发布时间：2026-03-15\n" +
				"本报讯（记者 唐雨桐）3月14日，三条线路开通。\n",
			want: []wantItem{
				{KindNews, "", "", "南湖大桥维修加固完工", "记者 钱立群", []string{"经过近5个月的施工，大桥恢复通行。", "该桥建成于1998年。"}},
				{KindNews, "", "", "新开3条微循环公交线路", "记者 唐雨桐", []string{"3月14日，三条线路开通。"}},
			},
			paper: "南湖晚报",
		},
		{
			name:  "byline line, then a dateline repeating it",
			input: "湖塘镇举办首届桂花节\n\n记者 李明\n\n本报讯（记者 李明）昨天上午，桂花节开幕。\n",
			want:  []wantItem{{KindNews, "", "", "湖塘镇举办首届桂花节", "记者 李明", []string{"昨天上午，桂花节开幕。"}}},
		},
		{
			name:  "byline at the end of the article",
			input: "冬泳队迎来20周年\n\n本报讯 冬日清晨，队员跃入湖中。（记者 吴昊）\n",
			want:  []wantItem{{KindNews, "", "", "冬泳队迎来20周年", "记者 吴昊", []string{"冬日清晨，队员跃入湖中。"}}},
		},
		{
			name:   "a credit without a caption is recorded, a trailing label too",
			input:  "标题\n\n本报讯（记者 张三）正文第一段。\n\n张三 摄\n\n第二段正文。\n\n重点项目\n进行时\n",
			want:   []wantItem{{KindNews, "", "", "标题", "记者 张三", []string{"正文第一段。", "第二段正文。"}}},
			labels: []string{"张三 摄", "重点项目进行时", "本报讯（）"},
		},
		{
			name:   "inline jump markers",
			input:  "第1版\n\n标题甲\n\n本报讯（记者 张三）正文第一段，带动就业（转第2版）\n\n第2版\n\n（上接第1版）岗位3000余个。\n",
			want:   []wantItem{{KindNews, "", "", "标题甲", "记者 张三", []string{"正文第一段，带动就业岗位3000余个。"}}},
			labels: []string{"（转第2版）", "（上接第1版）", "本报讯（）"},
		},
		{
			name:  "no dateline anywhere: one article under its first line",
			input: "西太湖畔迎来首届马拉松\n\n11月10日，首届西太湖马拉松鸣枪开跑。\n\n近万名选手参赛。\n",
			want:  []wantItem{{KindNews, "", "", "西太湖畔迎来首届马拉松", "", []string{"11月10日，首届西太湖马拉松鸣枪开跑。", "近万名选手参赛。"}}},
		},
		{
			name:  "numeric date in a page header, caption and credit on one line",
			input: "2024.11.08 星期五 第3版 城乡\n\n标题甲\n\n本报讯 (记者 张三) 正文。\n\n图为工人在项目工地施工。 记者 李四 摄\n\n第二段。\n",
			want: []wantItem{
				{KindNews, "", "", "标题甲", "记者 张三", []string{"正文。", "第二段。"}},
				{KindPhoto, "", "", "", "李四 摄", []string{"图为工人在项目工地施工。"}},
			},
			labels: []string{"本报讯()", "记者"},
		},
		{
			name:  "a cut after a closing bracket; a short exclamation ends the article before",
			input: "标题甲\n\n本报讯（记者 张三）全区11个村(社区)\n干部参加活动。\n\n“太好了！”\n\n标题乙\n\n本报讯（记者 李四）正文。\n",
			want: []wantItem{
				{KindNews, "", "", "标题甲", "记者 张三", []string{"全区11个村(社区)干部参加活动。", "“太好了！”"}},
				{KindNews, "", "", "标题乙", "记者 李四", []string{"正文。"}},
			},
		},
		{
			name:  "main title and subtitle (副题) without a dash: the subtitle opens the text",
			input: "老旧小区加装电梯\n今年计划再装300台\n\n本报记者 陆思远\n\n记者昨天从市住建局了解到，我市已累计加装电梯1126台。\n",
			want: []wantItem{{KindNews, "", "", "老旧小区加装电梯", "本报记者 陆思远",
				[]string{"今年计划再装300台", "记者昨天从市住建局了解到，我市已累计加装电梯1126台。"}}},
		},
		{
			name:  "kicker, main title and subtitle",
			input: "稻香满田畴 丰收正当时\n我县早稻机收面积突破12万亩\n全县早稻平均亩产512公斤\n\n本报讯 (记者 韩晓峰) 连日来，我县抢收早稻。\n",
			want: []wantItem{{KindNews, "", "稻香满田畴 丰收正当时", "我县早稻机收面积突破12万亩", "记者 韩晓峰",
				[]string{"全县早稻平均亩产512公斤", "连日来，我县抢收早稻。"}}},
		},
		{
			name:   "a photo credit's role word is recorded apart",
			input:  "3月11日，植物园的早樱进入盛花期。\n\n本报记者 陆思远 摄\n\n责任编辑 周敏\n",
			want:   []wantItem{{KindPhoto, "", "", "", "陆思远 摄", []string{"3月11日，植物园的早樱进入盛花期。"}}},
			labels: []string{"责任编辑 周敏", "本报记者"},
		},
		{
			name:  "a credit naming two people is kept whole",
			input: "市民在湿地公园游玩。\n\n记者 张三 通讯员 李四 摄\n",
			want:  []wantItem{{KindPhoto, "", "", "", "记者 张三 通讯员 李四 摄", []string{"市民在湿地公园游玩。"}}},
		},
		{
			name:   "a masthead on the first line names the paper",
			input:  "武进日报\n\n共赴“新”征程\n武进与达茂旗缔结友好城市\n\n本报讯 (记者 朱梦琪) 昨天签约。\n",
			want:   []wantItem{{KindNews, "", "共赴“新”征程", "武进与达茂旗缔结友好城市", "记者 朱梦琪", []string{"昨天签约。"}}},
			labels: []string{"本报讯()"},
			paper:  "武进日报",
		},
		{
			name:  "traditional dateline and credit",
			input: "兩岸交流週開幕\n\n本報訊（記者 林志遠）活動為期一週。\n\n市民參觀展覽。\n\n記者 王強 攝\n",
			want: []wantItem{
				{KindNews, "", "", "兩岸交流週開幕", "記者 林志遠", []string{"活動為期一週。"}},
				{KindPhoto, "", "", "", "王強 攝", []string{"市民參觀展覽。"}},
			},
		},
		{
			name: "info lines under headlines",
			input: "临江区举办首届龙舟文化节\n作者：陈晓燕　来源：临江晚报　发布时间：2025-09-05 10:20\n" +
				"9月3日上午，龙舟文化节在滨江公园开幕。\n经过角逐，沙湾街道队获得冠军。\n\n" +
				"临江新建3所中学投入使用\n作者：刘强　来源：临江晚报　发布时间：2025-09-06 11:00\n今年秋季学期，3所中学投入使用。\n",
			want: []wantItem{
				{KindNews, "", "", "临江区举办首届龙舟文化节", "陈晓燕", []string{"9月3日上午，龙舟文化节在滨江公园开幕。", "经过角逐，沙湾街道队获得冠军。"}},
				{KindNews, "", "", "临江新建3所中学投入使用", "刘强", []string{"今年秋季学期，3所中学投入使用。"}},
			},
			dates: []string{"2025-09-05", "2025-09-06"},
			paper: "临江晚报",
		},
		{
			name: "Markdown headings",
			input: "# 临江区举办首届龙舟文化节\n\n作者：陈晓燕\n\n9月3日上午，龙舟文化节开幕。\n\n" +
				"## 临江新建3所中学\n\n作者：刘强\n\n今年秋季学期，3所中学投入使用。\n",
			want: []wantItem{
				{KindNews, "", "", "临江区举办首届龙舟文化节", "陈晓燕", []string{"9月3日上午，龙舟文化节开幕。"}},
				{KindNews, "", "", "临江新建3所中学", "刘强", []string{"今年秋季学期，3所中学投入使用。"}},
			},
		},
		{
			name: "a commentary signed by the paper's commentator after an interview",
			input: "让更多农产品走出大山\n——访县农业农村局局长陈立\n\n本报记者 马骏\n\n记者：今年有哪些亮点？\n陈立：粮食总产量达到28.6万吨。\n\n" +
				"以实干担当推动高质量发展\n\n本报评论员\n\n高质量发展是新时代的硬道理。\n",
			want: []wantItem{
				{KindNews, "", "", "让更多农产品走出大山", "本报记者 马骏", []string{"——访县农业农村局局长陈立", "记者：今年有哪些亮点？", "陈立：粮食总产量达到28.6万吨。"}},
				{KindNews, "", "", "以实干担当推动高质量发展", "本报评论员", []string{"高质量发展是新时代的硬道理。"}},
			},
		},
		{
			name: "Taiwanese bylines in 〔〕 and alone on a line",
			input: "台中捷運藍線動工 預計2032年通車\n\n〔記者王小明／台中報導〕台中捷運藍線今天舉行動工典禮，全長約24.78公里。\n\n" +
				"高雄港貨櫃量創新高\n\n記者李美玲／高雄報導\n高雄港今年前10月貨櫃裝卸量達820萬TEU。\n",
			want: []wantItem{
				{KindNews, "", "", "台中捷運藍線動工 預計2032年通車", "記者王小明／台中報導", []string{"台中捷運藍線今天舉行動工典禮，全長約24.78公里。"}},
				{KindNews, "", "", "高雄港貨櫃量創新高", "記者李美玲／高雄報導", []string{"高雄港今年前10月貨櫃裝卸量達820萬TEU。"}},
			},
		},
		{
			name: "bracketed agency and paper datelines, a bare name closing a short item",
			input: "行政院會通過明年度總預算\n\n（中央社記者王小明台北4日電）行政院會今天通過總預算案。\n\n" +
				"港府公布施政報告\n\n【明報專訊】行政長官今日發表施政報告。\n\n" +
				"市民反映路灯不亮 部门及时维修\n\n本报讯 近日，有市民反映城西路段路灯不亮，城管部门及时维修。（王丽）\n\n" +
				"会议要求\n\n本报讯 会议要求各部门落实责任（分工见附件）\n",
			want: []wantItem{
				{KindNews, "", "", "行政院會通過明年度總預算", "中央社記者王小明台北4日電", []string{"行政院會今天通過總預算案。"}},
				{KindNews, "", "", "港府公布施政報告", "", []string{"行政長官今日發表施政報告。"}},
				{KindNews, "", "", "市民反映路灯不亮 部门及时维修", "王丽", []string{"近日，有市民反映城西路段路灯不亮，城管部门及时维修。"}},
				{KindNews, "", "", "会议要求", "", []string{"会议要求各部门落实责任（分工见附件）"}},
			},
		},
		{
			name: "paragraphs set off by indentation, no datelines: a headline above each indented paragraph",
			input: "青山县举办首届桂花节\n　　10月8日，桂花节在桂花公园开幕，吸引游客2万余人次。\n" +
				"　　桂花节持续至10月20日，期间将举办摄影比赛。\n乡村振兴进行时\n白石镇修复古桥一座\n" +
				"　　近日，白石镇对清代古桥“永安桥”进行修缮，\n工程历时3个月，投入资金80万元。\n",
			want: []wantItem{
				{KindNews, "", "", "青山县举办首届桂花节", "", []string{"10月8日，桂花节在桂花公园开幕，吸引游客2万余人次。", "桂花节持续至10月20日，期间将举办摄影比赛。"}},
				{KindNews, "", "乡村振兴进行时", "白石镇修复古桥一座", "", []string{"近日，白石镇对清代古桥“永安桥”进行修缮，工程历时3个月，投入资金80万元。"}},
			},
		},
		{
			name: "articles signed at their end, bracketed bylines on lines of their own",
			input: "青山县召开农田水利建设推进会\n\n12月5日，青山县召开推进会。\n\n（本报记者 张三）\n\n" +
				"城南社区举办邻里节\n\n12月4日，城南社区举办邻里节。\n活动现场设置了义诊。\n\n（通讯员 李四）\n\n" +
				"白石镇新建农贸市场开业\n\n12月3日，白石镇农贸市场开业。\n",
			want: []wantItem{
				{KindNews, "", "", "青山县召开农田水利建设推进会", "本报记者 张三", []string{"12月5日，青山县召开推进会。"}},
				{KindNews, "", "", "城南社区举办邻里节", "通讯员 李四", []string{"12月4日，城南社区举办邻里节。", "活动现场设置了义诊。"}},
				{KindNews, "", "", "白石镇新建农贸市场开业", "", []string{"12月3日，白石镇农贸市场开业。"}},
			},
		},
		{
			name:  "questions and answers on lines of their own stay apart",
			input: "个人养老金怎么领\n\n本报讯（记者 赵六）记者就个人养老金领取采访了有关部门。\n\n问：个人养老金什么时候可以领取\n答：达到领取基本养老金年龄的，可以领取。\n",
			want:  []wantItem{{KindNews, "", "", "个人养老金怎么领", "记者 赵六", []string{"记者就个人养老金领取采访了有关部门。", "问：个人养老金什么时候可以领取", "答：达到领取基本养老金年龄的，可以领取。"}}},
		},
		{
			name: "a closing signature in an edition of other layouts is no article of its own",
			input: "城南社区举办邻里节\n\n文/李四 图/王五\n\n12月4日，城南社区举办邻里节。\n\n" +
				"白石镇新建农贸市场开业\n\n本报讯 12月3日，白石镇农贸市场开业。\n\n（本报记者 张三）\n",
			want: []wantItem{
				{KindNews, "", "", "城南社区举办邻里节", "文/李四 图/王五", []string{"12月4日，城南社区举办邻里节。"}},
				{KindNews, "", "", "白石镇新建农贸市场开业", "本报记者 张三", []string{"12月3日，白石镇农贸市场开业。"}},
			},
		},
		{
			name: "an edition opening with an article that has no dateline under its headline",
			input: "2025年12月5日 星期五 第2版 综合\n\n全县冬季供暖全面启动\n\n11月19日，县城集中供暖正式启动，覆盖居民小区126个。\n\n" +
				"农商银行发放助农贷款\n\n本报讯（通讯员 林森）今年以来，农商银行累计发放助农贷款9.6亿元。\n",
			want: []wantItem{
				{KindNews, "", "", "全县冬季供暖全面启动", "", []string{"11月19日，县城集中供暖正式启动，覆盖居民小区126个。"}},
				{KindNews, "", "", "农商银行发放助农贷款", "通讯员 林森", []string{"今年以来，农商银行累计发放助农贷款9.6亿元。"}},
			},
		},
		{
			name:  "an end mark is no text",
			input: "稻田养鱼助农增收\n\n本报讯（记者 王芳）今年，白石镇推广稻田养鱼模式。\n\n（完）\n",
			want:  []wantItem{{KindNews, "", "", "稻田养鱼助农增收", "记者 王芳", []string{"今年，白石镇推广稻田养鱼模式。"}}},
		},
		{
			name:  "a time line in a notice stays text",
			input: "县图书馆举办读书分享会\n\n本报讯（记者 李明）县图书馆将举办读书分享会。\n时间：9月5日上午9时\n地点：县图书馆二楼\n",
			want:  []wantItem{{KindNews, "", "", "县图书馆举办读书分享会", "记者 李明", []string{"县图书馆将举办读书分享会。", "时间：9月5日上午9时", "地点：县图书馆二楼"}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ed, err := Parse("t.txt", []byte(tc.input), Meta{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := gotItems(ed); !slices.EqualFunc(got, tc.want, func(a, b wantItem) bool {
				return a.kind == b.kind && a.column == b.column && a.kicker == b.kicker && a.title == b.title &&
					a.byline == b.byline && slices.Equal(a.paras, b.paras)
			}) {
				t.Errorf("items:\n got %q\nwant %q", got, tc.want)
			}
			if ed.Paper != tc.paper {
				t.Errorf("paper = %q, want %q", ed.Paper, tc.paper)
			}
			if tc.labels != nil && !slices.Equal(ed.Labels, tc.labels) {
				t.Errorf("labels = %q, want %q", ed.Labels, tc.labels)
			}
			for i, d := range tc.dates {
				if i < len(ed.Articles) && ed.Articles[i].Date != d {
					t.Errorf("article %d date = %q, want %q", i, ed.Articles[i].Date, d)
				}
			}
			if err := conserved(tc.input, ed); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestParseHTMLPages(t *testing.T) {
	tests := []struct {
		name, input           string
		title, byline, text   string
		date, page, notInText string
	}{
		{
			name:  "logo in an h1, article h1 named by the title",
			input: `<html><head><title>我区新建口袋公园12处 - 武进日报</title></head><body><h1 class="logo">武进日报</h1><div class="content"><h1>我区新建口袋公园12处</h1><p>本报讯（记者 张三）今年以来，我区新建口袋公园12处。</p><p>市民纷纷点赞。</p></div></body></html>`,
			title: "我区新建口袋公园12处", byline: "记者 张三", text: "今年以来，我区新建口袋公园12处。\n市民纷纷点赞。",
		},
		{
			name:  "no h1: title from the page title; body lines broken by br",
			input: `<html><head><title>冬泳队迎来20周年_武进新闻网</title><meta property="article:published_time" content="2024-11-15T08:00:00+08:00"></head><body><div id="main">冬日清晨，西太湖畔，<br>数十名冬泳爱好者跃入湖中。<br>这支队伍成立于2004年。</div><div class="nav">首页 第9版</div></body></html>`,
			title: "冬泳队迎来20周年", text: "冬日清晨，西太湖畔，数十名冬泳爱好者跃入湖中。\n这支队伍成立于2004年。", date: "2024-11-15", notInText: "首页",
		},
		{
			name:  "no h1: the element marked as the title",
			input: `<html><head><title>武进日报数字报</title></head><body><div class="art-title">区图书馆延长开放时间</div><div class="content"><p>即日起，区图书馆周末开放时间延长至晚上9点。</p></div></body></html>`,
			title: "区图书馆延长开放时间", text: "即日起，区图书馆周末开放时间延长至晚上9点。",
		},
		{
			name:  "each paragraph wrapped in its own div",
			input: `<html><body><h1>标题</h1><div class="txt"><div><p>第一段内容比较长，讲了事情的起因。</p></div><div><p>第二段内容也很长很长很长很长很长，讲了事情的经过和结果，还有很多细节。</p></div><div><p>第三段。</p></div></div><div class="links"><a href="/x">相关链接</a></div></body></html>`,
			title: "标题", text: "第一段内容比较长，讲了事情的起因。\n第二段内容也很长很长很长很长很长，讲了事情的经过和结果，还有很多细节。\n第三段。", notInText: "相关",
		},
		{
			name:  "a byline paragraph marked by its class, then the dateline",
			input: `<html><body><article><h1>洛阳镇建成智慧农业示范基地</h1><p class="byline">记者 钱多</p><p>本报讯 洛阳镇智慧农业示范基地近日建成，占地面积500亩。</p><p>基地引入无人机植保。</p></article></body></html>`,
			title: "洛阳镇建成智慧农业示范基地", byline: "记者 钱多", text: "洛阳镇智慧农业示范基地近日建成，占地面积500亩。\n基地引入无人机植保。", notInText: "本报讯",
		},
		{
			name:  "a numeric date in the page header beside the page",
			input: `<html><body><div class="head">2024-12-05 星期四 第3版</div><article><h1>标题</h1><p>正文一段很长的内容，说明了事情的来龙去脉。</p></article></body></html>`,
			title: "标题", text: "正文一段很长的内容，说明了事情的来龙去脉。", date: "2024-12-05", page: "第3版",
		},
		{
			name: "kicker and subtitle as paragraphs beside the headline, an info line, then the body in a div",
			input: `<html><head><title>江北新建两所幼儿园--江北时报</title></head><body><div class="main">` +
				`<p class="kicker">学有所教</p><h1>江北新建两所幼儿园</h1><p class="sub">新增学位720个</p>` +
				`<div class="info">2026年03月18日 第02版 来源：江北时报 作者：记者 莫小川</div>` +
				`<div id="ozoom"><p>本报讯 江北区今年新建两所公办幼儿园，新增学位720个，9月投入使用。</p>` +
				`<p>两所幼儿园分别位于滨江路和望湖路。</p></div></div></body></html>`,
			title: "江北新建两所幼儿园", byline: "记者 莫小川",
			text: "新增学位720个\n江北区今年新建两所公办幼儿园，新增学位720个，9月投入使用。\n两所幼儿园分别位于滨江路和望湖路。",
			date: "2026-03-18", page: "第2版", notInText: "本报讯",
		},
		{
			name:  "scripts, ads and comments dropped",
			input: `<html><body><h1>标题</h1><script>var s = "脚本文字";</script><!-- 注释 --><article><p>正文一段很长的内容，说明了事情的来龙去脉。</p><div class="ad"><p>广告文字，请勿购买。</p></div><p>第二段内容。</p></article><footer>版权所有</footer></body></html>`,
			title: "标题", text: "正文一段很长的内容，说明了事情的来龙去脉。\n第二段内容。", notInText: "广告",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ed, err := Parse("page.html", []byte(tc.input), Meta{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			a := ed.Articles[0]
			got := []string{a.Title, a.Byline, a.Text, a.Date, a.Page}
			want := []string{tc.title, tc.byline, tc.text, tc.date, tc.page}
			if !slices.Equal(got, want) {
				t.Errorf("title/byline/text/date/page:\n got %q\nwant %q", got, want)
			}
			if tc.notInText != "" && strings.Contains(a.Text, tc.notInText) {
				t.Errorf("text holds %q, which should have been dropped", tc.notInText)
			}
		})
	}
}

// TestParseJSONDocuments reads JSON that is not JSON Lines: one record, an array, or an edition as
// the library stores it (whose "source" is a file name, not a paper).
func TestParseJSONDocuments(t *testing.T) {
	builtin, _ := Builtin()
	stored, err := json.MarshalIndent(builtin, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, input string
		titles      []string
		paper       string
	}{
		{"one record", "{\n \"title\": \"标题\",\n \"text\": \"正文。\", \"paper\": \"武进日报\"\n}", []string{"标题"}, "武进日报"},
		{"array", `[{"title":"甲","text":"一。"},{"title":"乙","text":"二。"}]`, []string{"甲", "乙"}, ""},
		{"stored edition", string(stored), []string{"武进与内蒙古达茂旗缔结友好城市", "全国人大办公厅信访局来武进调研",
			"11个村(社区)干部“青锐共创”项目展演", "我区启动“119”消防宣传月活动", "国家档案局调研我区农村宅基地档案工作", ""}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ed, err := Parse("doc.json", []byte(tc.input), Meta{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var titles []string
			for _, a := range ed.Articles {
				titles = append(titles, a.Title)
				if a.Paper != tc.paper {
					t.Errorf("article %q: paper %q, want %q", a.Title, a.Paper, tc.paper)
				}
			}
			if !slices.Equal(titles, tc.titles) {
				t.Errorf("titles = %q, want %q", titles, tc.titles)
			}
		})
	}
}

// TestDetectFormat checks that the format comes from the content when it is unmistakable (a feed
// whatever its name, front matter, HTML, JSON), then from a server's content type, then from the
// name; and that a rule of dashes or a <feedback> tag is not taken for front matter or a feed.
func TestDetectFormat(t *testing.T) {
	tests := []struct{ name, text, contentType, want string }{
		{"a.txt", "标题\n\n正文。", "", FormatText},
		{"a.txt", `{"title":"标题","text":"正文。"}` + "\n", "", FormatJSONL},
		{"a.txt", "<!DOCTYPE html><html><body><h1>标题</h1></body></html>", "", FormatHTML},
		{"a.html", "标题\n正文。", "", FormatHTML},
		{"a.json", "[{\"title\":\"标题\"}]", "", FormatJSONL},
		{"a.json", "{oops", "", FormatJSONL},
		{"a", "<div><p>正文</p></div>", "", FormatHTML},
		{"a", "{\n  \"title\": \"标题\"\n}", "", FormatJSONL},
		{"a.txt", "{花括号开头的文章}\n正文。", "", FormatText},
		{"feed", `<?xml version="1.0"?><rss version="2.0"><channel/></rss>`, "", FormatFeed},
		{"a.html", "<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"s.xsl\"?>\n<!-- x -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", "", FormatFeed},
		{"a.txt", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, "", FormatFeed},
		{"a.json", `{"version": "https://jsonfeed.org/version/1.1", "items": []}`, "", FormatFeed},
		{"download", "标题\n正文。", "application/rss+xml", FormatFeed},
		{"download", "标题\n正文。", "text/html; charset=gbk", FormatHTML},
		{"a.rss", "标题\n正文。", "", FormatFeed},
		{"a.txt", "<feedback>正文</feedback>", "", FormatText},
		{"notes.txt", "---\ntitle: 标题\n---\n# 标题\n正文。", "", FormatMarkdown},
		{"notes", "\n---\r\ndate: 2025-01-05\r\n---\r\n正文。", "", FormatMarkdown},
		{"a.txt", "---\n这是一段正文，不是元数据。\n---\n标题\n正文。", "", FormatText},
		{"a.txt", "---\n---\n正文。", "", FormatText},
		{"a.md", "# 标题\n\n正文。", "", FormatMarkdown},
	}
	for _, tc := range tests {
		if got := detectFormat(tc.name, tc.text, tc.contentType); got != tc.want {
			t.Errorf("detectFormat(%q, %q, %q) = %s, want %s", tc.name, tc.text, tc.contentType, got, tc.want)
		}
	}
}

func TestDateFromPath(t *testing.T) {
	tests := []struct{ path, want string }{
		{"editions/2024-11-08.txt", "2024-11-08"},
		{"editions/wujin_20241108_p2.txt", "2024-11-08"},
		{"2024/11/08/page2.txt", "2024-11-08"},
		{"2024-11-08/page.txt", "2024-11-08"},
		{"000_660d64f61b1cbe43.txt", ""},
		{"id-120241108.txt", ""}, // nine digits: an ID, not a date
		{"2024-13-45.txt", ""},   // not a calendar date
		{"20240230.txt", ""},     // February 30th
		{"report_2024.11.08.htm", "2024-11-08"},
	}
	for _, tc := range tests {
		if got := dateFromPath(tc.path); got != tc.want {
			t.Errorf("dateFromPath(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	for in, want := range map[string]string{"2024-11-08": "2024-11-08", "20241108": "2024-11-08", "2024/1/8": "2024-01-08", "2024-02-30": "", "yesterday": ""} {
		got, err := NormalizeDate(in)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("NormalizeDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// TestCreditName checks that a photo credit naming one person after a role word gives the name
// as the byline and the role apart, and that other credits are kept whole.
func TestCreditName(t *testing.T) {
	tests := []struct{ credit, byline, role string }{
		{"本报记者 陆思远 摄", "陆思远 摄", "本报记者"},
		{"记者 王强 摄", "王强 摄", "记者"},
		{"记者王强摄", "王强摄", "记者"},
		{"本報記者 林志遠 攝", "林志遠 攝", "本報記者"},
		{"新华社记者 李明 摄影", "李明 摄影", "新华社记者"},
		{"通讯员 陈莉 摄", "陈莉 摄", "通讯员"},
		{"徐芊卉 摄", "徐芊卉 摄", ""},
		{"记者 张三 通讯员 李四 摄", "记者 张三 通讯员 李四 摄", ""},
		{"记者 张三 李四 摄", "记者 张三 李四 摄", ""},
		{"记者 张三、李四 摄", "记者 张三、李四 摄", ""},
		{"图/张三 摄", "图/张三 摄", ""},
		{"记者 摄", "记者 摄", ""},
	}
	for _, tc := range tests {
		t.Run(tc.credit, func(t *testing.T) {
			by, role := creditName(tc.credit)
			if by != tc.byline || role != tc.role {
				t.Errorf("creditName(%q) = %q, %q; want %q, %q", tc.credit, by, role, tc.byline, tc.role)
			}
		})
	}
}

// TestParseHardWrapped checks that the built-in edition parses to the same articles when every
// line is wrapped at a fixed width, as text taken from PDF columns is: headlines are shorter than
// the widths, and the pieces of each paragraph are rejoined.
func TestParseHardWrapped(t *testing.T) {
	want, err := Parse("wujin.txt", BuiltinText(), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{21, 26, 30, 41} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			var b strings.Builder
			for _, line := range strings.Split(string(BuiltinText()), "\n") {
				r := []rune(line)
				for len(r) > width {
					b.WriteString(string(r[:width]) + "\n")
					r = r[width:]
				}
				b.WriteString(string(r) + "\n")
			}
			got, err := Parse("wujin.txt", []byte(b.String()), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Articles) != len(want.Articles) {
				t.Fatalf("%d articles, want %d", len(got.Articles), len(want.Articles))
			}
			unwrap := func(s string) string { return strings.ReplaceAll(s, "\n", "") }
			for i, a := range got.Articles {
				w := want.Articles[i]
				if a.Kind != w.Kind || a.Column != w.Column || a.Kicker != w.Kicker || a.Title != w.Title ||
					a.Byline != w.Byline || unwrap(a.Text) != unwrap(w.Text) {
					t.Errorf("article %d:\n got %q %q %q %q %q %.40q\nwant %q %q %q %q %q %.40q", i,
						a.Kind, a.Column, a.Kicker, a.Title, a.Byline, a.Text, w.Kind, w.Column, w.Kicker, w.Title, w.Byline, w.Text)
				}
			}
		})
	}
}

// TestParseBarePageHeaders checks page headers that name the page without 第…版 ("A2 要闻 …") and
// an editor's credit closing an article.
func TestParseBarePageHeaders(t *testing.T) {
	input := "A2 要闻 2025年12月5日 星期五 责编：王五\n\n国务院常务会议部署促消费措施\n\n" +
		"据新华社北京12月4日电 会议部署进一步促进消费的政策措施。（责任编辑：赵六）\n\n" +
		"A3 地方 2025年12月5日 星期五\n\n我市新增3家专精特新企业\n\n本报讯（记者 周八）我市又有3家企业入选。\n\n" +
		"2 城事 2025年12月6日 星期六\n\n城东街道开展垃圾分类宣传\n\n本报讯（记者 孙七）12月5日，城东街道开展宣传。\n"
	ed, err := Parse("misc.txt", []byte(input), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if err := conserved(input, ed); err != nil {
		t.Error(err)
	}
	want := []struct{ title, page, date, text string }{
		{"国务院常务会议部署促消费措施", "第A2版", "2025-12-05", "会议部署进一步促进消费的政策措施。"},
		{"我市新增3家专精特新企业", "第A3版", "2025-12-05", "我市又有3家企业入选。"},
		{"城东街道开展垃圾分类宣传", "第2版", "2025-12-06", "12月5日，城东街道开展宣传。"},
	}
	if len(ed.Articles) != len(want) {
		t.Fatalf("got %d articles, want %d", len(ed.Articles), len(want))
	}
	for i, a := range ed.Articles {
		if a.Title != want[i].title || a.Page != want[i].page || a.Date != want[i].date || a.Text != want[i].text {
			t.Errorf("article %d = %q %q %q %q, want %q", i, a.Title, a.Page, a.Date, a.Text, want[i])
		}
	}
}

// TestSignatureAfterUntitledText checks that a closing signature after text that no headline or
// lead opened signs that text instead of standing as an article of its own.
func TestSignatureAfterUntitledText(t *testing.T) {
	input := "12月5日，青山县召开农田水利建设推进会。\n\n（本报记者 张三）\n\n城南社区举办邻里节\n\n文/李四 图/王五\n\n12月4日，城南社区举办邻里节。\n"
	ed, err := Parse("t.txt", []byte(input), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if err := conserved(input, ed); err != nil {
		t.Error(err)
	}
	for _, a := range ed.Articles {
		if a.Text == "" && a.Title == "" {
			t.Errorf("an article with neither text nor title: %+v", a)
		}
		if strings.Contains(a.Text, "12月5日") && a.Byline != "本报记者 张三" {
			t.Errorf("the signed text has byline %q, want 本报记者 张三", a.Byline)
		}
	}
}

// TestScraperLayout reads the layout e-paper scrapers write (CRLF; per article an 引题 line, a
// title line and a 副题 line, an empty one left blank; paragraphs indented with ideographic
// spaces; datelines inside the first paragraph): one article per headline block, roles by line,
// also for articles with no dateline. Before, a subtitle was glued to its title and articles
// without a dateline ran into the one before.
func TestScraperLayout(t *testing.T) {
	input := string(readFile(t, "testdata/editions/scraped-crlf.txt"))
	ed, err := Parse("scraped-crlf.txt", []byte(input), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][4]string{ // kicker, title, byline, first paragraph's start
		{"", "内河航运货运量创同期新高", "记者姚雪青", "记者从江苏省"},
		{"护航夏粮丰收", "三夏农机跨区作业陆续展开", "记者常钦、李晓晴", "预计投入联合收割机六十五万台"},
		{"", "全国统一大市场建设取得积极进展", "", "国家发展改革委"},
		{"", "山区小学的第一堂航模课", "", "操场上"},
		{"", "让文明旅游成为自觉", "", "假日出游"},
	}
	if len(ed.Articles) != len(want) {
		t.Fatalf("%d articles, want %d: %q", len(ed.Articles), len(want), titles(ed))
	}
	for i, w := range want {
		a := ed.Articles[i]
		if a.Kicker != w[0] || a.Title != w[1] || a.Byline != w[2] || !strings.HasPrefix(a.Text, w[3]) {
			t.Errorf("article %d: %q / %q / %q / %.20q, want %q", i, a.Kicker, a.Title, a.Byline, a.Text, w)
		}
	}
	if err := conserved(input, ed); err != nil {
		t.Error(err)
	}
}

func titles(ed *Edition) []string {
	var out []string
	for _, a := range ed.Articles {
		out = append(out, a.Title)
	}
	return out
}
