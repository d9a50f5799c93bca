package bot

// End-to-end answers over small synthetic editions written for them (no eval set holds their
// wording), each case named by the question form or mechanism it pins.

import (
	"newsbot/corpus"
	"testing"
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

func TestAnswerFormsOnCityItems(t *testing.T) {
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

// generalArticles are small articles written for the answerer's general mechanisms (none is from
// an eval set): each case below exercises one mechanism on wording no eval set holds.
var generalArticles = []corpus.Article{
	{ID: "tea", Title: "我镇春茶开采 茶叶喜获丰收", Byline: "记者 周文",
		Text: "镇农业服务中心主任许华介绍,今年全镇主推龙井43、安吉白2个品种,新建加工厂3座。\n线上销售占比提高到28%,产品销往长沙、武汉等地。"},
	{ID: "books", Title: "全民读书节下月启幕", Byline: "记者 林默",
		Text: "第五届全民读书节将于4月23日在市民中心开幕,届时将举办名家讲座、好书推荐等活动。"},
	{ID: "lib", Title: "市第二图书馆建成", Byline: "记者 林默",
		Text: "市第二图书馆位于滨江新区,新馆开放时间为9:00至17:00,每周一闭馆。"},
	{ID: "water", Title: "第二污水处理厂投用", Byline: "记者 林默",
		Text: "市第二污水处理厂位于城南新区,总投资3亿元,设计日处理能力8万吨。"},
	{ID: "run", Title: "山地马拉松周日开跑", Byline: "记者 赵川",
		Text: "首届青峰山地马拉松将于5月12日在青峰山景区鸣枪开跑,全程42公里,共有3000名选手报名。"},
	{ID: "race", Title: "环湖骑行赛举行", Byline: "记者 赵川",
		Text: "由市体育局主办的环湖骑行赛昨天在东湖举行,共有800名骑手参赛。"},
	{ID: "sign", Title: "文旅航运携手发展", Byline: "记者 钱多",
		Text: "昨天,市文旅集团与远洋航运公司正式签署战略合作协议,双方将共同开发海上旅游线路。签约仪式前,双方代表参观了港口展厅。"},
	{ID: "bridge", Title: "滨江隧道主体完工", Byline: "记者 孙亮",
		Text: "5月8日上午,随着最后一段管节对接完成,滨江隧道主体工程实现全线贯通。隧道全长3.6公里,总投资约21亿元。\n贯通后将转入装修和机电安装施工,预计明年10月底建成通车。"},
	{ID: "clinic", Title: "秋季体检开始预约", Byline: "记者 孙亮",
		Text: "今年全区共设体检点36个,截至10月底已体检4.2万人次。\n区卫健委提醒:体检前一天晚上8点后禁食;抽血后应在原地按压5分钟;体检报告约7天后可在线查询。"},
	{ID: "park", Title: "零碳产业园开园", Byline: "记者 吴桐",
		Text: "零碳产业园位于城西开发区,规划面积3.2平方千米,已入驻企业46家。\n园区生产用电全部来自屋顶光伏和风电项目,每年可减少碳排放12万吨。"},
	{ID: "tour", Title: "全市旅游市场持续升温", Byline: "记者 吴桐",
		Text: "去年全市接待游客1860万人次,同比增长14%。\n长三角地区继续保持全市最大客源市场地位,全年来游客320万人次。"},
	{ID: "fab", Title: "硅片新产线投产", Byline: "记者 吴桐",
		Text: "昨天,华晶科技硅片新产线正式投产,项目总投资15亿元,主要生产8英寸硅片,达产后可新增月产能5万片,预计新增就业岗位600个。"},
	{ID: "flower", Title: "郁金香花展开幕", Byline: "记者 白露",
		Text: "3月10日,第八届郁金香花展在植物园开幕,展出品种120个,活动持续至4月20日。"},
	{ID: "ferry", Title: "海岛客运航线开通", Byline: "记者 白露",
		Text: "昨天,市区至青螺岛的客运航线开通,每天两班,单程约40分钟,票价60元。"},
	{ID: "orchard", Title: "万亩梨园迎丰收", Byline: "记者 方圆",
		Text: "全镇梨树种植面积1.2万亩,新建冷库6座,总库容8000吨。\n\"今年我家的梨收了2万多斤,每斤比去年多卖了5毛钱。\"种植户王大山说。"},
	{ID: "fair", Title: "国际茶博会开幕", Byline: "记者 方圆",
		Text: "本届茶博会共设300个展位,来自15个国家和地区的茶企参展,除本地的绿茶、红茶外,还有来自斯里兰卡、肯尼亚、印度等地的红茶。\n博览会期间,公交专线末班车延至22时。"},
	{ID: "clinic2", Title: "疫苗接种提醒", Byline: "记者 方圆",
		Text: "每年9月至10月是接种的最佳时间,接种后约3周可产生保护性抗体。\n接种当天不宜饮酒、不宜剧烈运动。"},
	{ID: "mall", Title: "城北商业中心开业", Byline: "记者 温雅",
		Text: "城北商业中心昨天开业,总建筑面积6万平方米。\n商业中心负责人介绍,项目投用后可有效解决城北居民购物难的问题。\n商场在三楼开辟了一个可容纳200人的儿童游乐区。"},
	{ID: "forest", Title: "林区防火大检查", Byline: "记者 温雅",
		Text: "检查组共走访重点林区31处,发现隐患12处。"},
	{ID: "yard", Title: "最美庭院评选揭晓", Byline: "记者 温雅",
		Text: "7月4日,“最美庭院”评选结果揭晓,共有20个庭院获评,其中柳岸小区3幢获评“最美庭院”第一名,获奖庭院每个奖励800元。"},
	{ID: "town", Title: "青石镇获评全省特色小镇", Byline: "记者 钱多",
		Text: "青石镇是全省首批重点中心镇和特色小镇之一,也是省级生态示范镇,总面积128平方千米,常住人口5.2万人。"},
}

// TestAnswerFormsOneItemEach pins mechanisms found failing on the fresh editions (testdata/fresh) and on
// the built-in edition, each on an article of its own.
func TestAnswerFormsOneItemEach(t *testing.T) {
	runAskCases(t, overArticles(generalArticles), []askExpect{
		{"head of a long noun phrase", "全镇主推哪些茶叶品种？", []string{"龙井43", "安吉白"}, nil},
		{"几成 asks a proportion", "网上卖的茶叶占了几成？", []string{"28%"}, nil},
		{"where an event takes place", "读书节在哪里开幕？", []string{"市民中心"}, nil},
		{"an ordinal counts nothing", "第二污水处理厂一天能处理多少污水？", []string{"8万吨"}, nil},
		{"a weekday is a date", "第二图书馆哪天闭馆？", []string{"周一"}, nil},
		{"organiser never stated", "山地马拉松是哪个单位主办的？", nil, nil},
		{"organiser stated", "环湖骑行赛是哪个单位主办的？", []string{"市体育局"}, nil},
		{"pair names both parties", "签约的是谁和谁？", []string{"市文旅集团", "远洋航运公司"}, nil},
		{"bare 多大 of a place", "青石镇多大？", []string{"128平方千米"}, nil},
		{"the event a date asks", "滨江隧道什么时候能通车？", []string{"明年10月底"}, nil},
		{"where a thing comes from", "零碳产业园的电从哪里来？", []string{"屋顶光伏"}, nil},
		{"谁 of a role the text restates", "全市最大客源市场是谁？", []string{"长三角"}, nil},
		{"片 is a measure word", "新产线每个月能多生产多少片？", []string{"5万片"}, nil},
		{"a counted noun after the reader's verb", "硅片新产线能带来多少就业岗位？", []string{"600个"}, nil},
		{"a period's end", "郁金香花展哪天闭幕？", []string{"4月20日"}, nil},
		{"a builder never named", "硅片新产线是哪家建筑公司承建的？", nil, nil},
		{"how often", "去青螺岛的船多久一班？", []string{"每天两班"}, nil},
		{"which article tells of a topic", "哪篇报道讲了郁金香？", []string{"《郁金香花展开幕》"}, nil},
		{"库容多大 asks the capacity", "冷库总库容多大？", []string{"8000吨"}, nil},
		{"斤 is a unit", "王大山今年收了多少斤梨？", []string{"2万多斤"}, nil},
		{"哪些 countries are a list", "茶博会上有哪些国家的红茶？", []string{"斯里兰卡", "肯尼亚"}, nil},
		{"a clock time is a date", "茶博会公交专线末班车几点？", []string{"22时"}, nil},
		{"a bare N月 is no duration", "接种后多久能产生抗体？", []string{"3周"}, nil},
		{"an everyday paraphrase", "接种当天可以喝酒吗？", []string{"不宜饮酒"}, nil},
		{"why by a reason clause", "为什么要建城北商业中心？", []string{"购物难"}, nil},
		{"几楼 in a long clause", "儿童游乐区在几楼？", []string{"三楼"}, nil},
		{"处 is a measure word", "检查组走访了多少处重点林区？", []string{"31处"}, nil},
		{"a price never given", "城北商业中心的停车价格是多少？", nil, nil},
		{"the winner's clause", "哪个小区获得了最美庭院第一名？", []string{"柳岸小区"}, nil},
	})
}

// splitAnswerArticles are synthetic items (not from any eval set) pinning the mechanisms fixed after the
// fifteenth blind set: colloquial question words, events placed by their end, committees'
// offices and answers split over two sentences.
func splitAnswerArticles() []corpus.Article {
	return []corpus.Article{
		{ID: "chess", Title: "全市象棋公开赛收官", Byline: "记者 周弈", Kind: corpus.KindNews,
			Text: "昨天,全市第五届象棋公开赛在青湖镇文体中心落下帷幕,来自各区的96名棋手参赛。\n" +
				"经过角逐,青湖镇的老棋手王大山凭借一手弃车妙招夺得老年组一等奖,年仅22岁的研究生李晓雨获得青年组一等奖。"},
		{ID: "league", Title: "团市委启动青年志愿服务季", Byline: "记者 韩雨", Kind: corpus.KindNews,
			Text: "团市委书记钱小川介绍,志愿服务季为期3个月,报名开通仅半天,3000个岗位即被认领一空。\n" +
				"去年秋季服务季共有2100名青年参加,累计服务时长超过5万小时。"},
		{ID: "park", Title: "滨河公园改造完成", Byline: "记者 沈林", Kind: corpus.KindNews,
			Text: "5月1日,滨河公园改造完成后重新开放,新增健身步道1.2公里。"},
		{ID: "clinic", Title: "区中医院新病房楼封顶", Byline: "记者 俞青", Kind: corpus.KindNews,
			Text: "区中医院新病房楼建筑面积3.2万平方米,设床位600张,将于明年5月投入使用。"},
	}
}

func TestColloquialWordsAndSplitAnswers(t *testing.T) {
	runAskCases(t, overArticles(splitAnswerArticles()), []askExpect{
		{"啥时候 asks a date", "新病房楼啥时候能用", []string{"明年5月"}, nil},
		{"在哪 before a verb asks where", "象棋公开赛在哪举行的", []string{"青湖镇文体中心"}, nil},
		{"an event is placed by where it ended", "象棋公开赛在哪里举行？", []string{"青湖镇文体中心"}, nil},
		{"another committee's office is no answer", "青湖市委书记叫什么", nil, nil},
		{"the committee named answers", "团市委书记是谁", []string{"钱小川"}, nil},
		{"a date is no time of day", "滨河公园几点开放", nil, nil},
	})
}

func TestBareWhereQuestions(t *testing.T) {
	arts := []corpus.Article{
		{ID: "border", Title: "乌拉特旗口岸通关量创新高", Byline: "记者 韩松", Kind: corpus.KindNews,
			Text: "乌拉特旗地处边疆,总面积2.3万平方千米,境内有自治区唯一的甘其毛都口岸;口岸今年通关车辆增长两成。"},
		{ID: "village", Title: "桃源村民宿集聚区开业", Byline: "记者 林小雨", Kind: corpus.KindNews,
			Text: "昨天,柳河镇桃源村民宿集聚区开业,首批12家民宿迎客。"},
	}
	runAskCases(t, overArticles(arts), []askExpect{
		{"a bare 在哪 answered by the unit before the name", "桃源村在哪", []string{"柳河镇桃源村"}, nil},
		{"境内有 says where a thing is", "甘其毛都口岸在哪里", []string{"境内有"}, nil},
		{"a place the edition does not place stays refused", "青湖大学在哪里", nil, nil},
	})
}

// TestSizeQuestions: a bare 多大 of a place asks its area; 多大 after an attribute (幅度) asks the
// attribute. Each question over an edition of its one article.
func TestSizeQuestions(t *testing.T) {
	for _, tc := range []struct {
		art corpus.Article
		ask askExpect
	}{
		{corpus.Article{ID: "district", Title: "青湖区推进产业升级", Byline: "记者 韩松", Kind: corpus.KindNews,
			Text: "青湖区地处平原腹地,总面积368平方千米,常住人口52万人。近年来,青湖区加快发展智能装备产业。"},
			askExpect{"多大 of a place is its area", "青湖区有多大？", []string{"368平方千米"}, []string{"平原腹地"}}},
		{corpus.Article{ID: "cold", Title: "明起我市迎来新一轮降温", Byline: "记者 韩松", Kind: corpus.KindNews,
			Text: "受冷空气影响,明起我市将迎来新一轮降温,降温幅度达8℃至10℃,最低气温将降至2℃。"},
			askExpect{"多大 after 幅度 asks the 幅度", "这次降温幅度有多大？", []string{"8℃"}, nil}},
	} {
		runAskCases(t, overArticles([]corpus.Article{tc.art}), []askExpect{tc.ask})
	}
}
