package bot

// Tests of the refusals: the table of checks, each check on its own (a question and a quoted
// window), the explanation naming the check, and questions the eval editions must refuse.

import (
	"context"
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/forms"
	"newsbot/bot/internal/intent"
	"newsbot/corpus"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefusalVariants: questions about things the built-in edition names but does not tell
// (a deputy is not the office, a year is not a duration, an unnamed unit…) are refused, and
// close relatives that it does tell are answered.
func TestRefusalVariants(t *testing.T) {
	e := builtinEngine(t, Options{})
	refused := []string{"武进区委书记是谁？", "达茂旗旗委书记是谁？", "消防宣传月持续多少年？", "安康医疗项目什么时候开工？",
		"达茂旗距离武进多少公里？", "理想汽车常州基地有多少员工？", "国家档案局经科司的司长是谁？", "武进有几个镇？",
		"2025年武进的目标是什么？", "常州的市长是谁？", "安康医疗项目的投资方是谁？", "高校消防志愿服务队有多少人？",
		"消防宣传月的口号是什么？", "达茂旗有多少风电场？", "信访局调研组有几个人？"}
	for _, q := range refused {
		t.Run(q, func(t *testing.T) {
			if a, _ := e.Ask(context.Background(), "", q); a.Found {
				t.Errorf("answered %q, want a refusal", a.Answer)
			}
		})
	}
	answered := []struct{ q, must string }{
		{"达茂旗的旗长是谁？", "黄龙"}, {"王冰是什么职务？", "巡视员"}, {"达茂旗有多少个苏木乡镇？", "12个"},
		{"第33个全国消防日是哪天？", "11月9日"}, {"达茂旗距离武进远吗？", "相隔千里"},
	}
	for _, tt := range answered {
		t.Run(tt.q, func(t *testing.T) {
			if a, _ := e.Ask(context.Background(), "", tt.q); !a.Found || !strings.Contains(a.Answer, tt.must) {
				t.Errorf("answer %q (found %v), want it to hold %q", a.Answer, a.Found, tt.must)
			}
		})
	}
}

// TestRefusalChecksTable: every check has a name of its own and a stage that runs.
func TestRefusalChecksTable(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range forms.RefusalChecks {
		if c.Name == "" || seen[c.Name] {
			t.Errorf("check %q: empty or repeated name", c.Name)
		}
		seen[c.Name] = true
		if c.Stage < core.StageWindow || c.Stage > core.StageAttempt || c.Refuse == nil {
			t.Errorf("check %q: no stage or no function", c.Name)
		}
	}
}

// TestExplainNamesWhy: with WithExplain, an answer lists its scored sentences and no refusing
// check, and a refusal names the check that refused; without it, no explanation is attached.
func TestExplainNamesWhy(t *testing.T) {
	e := builtinEngine(t, Options{})
	ctx := WithExplain(context.Background())
	ans, err := e.Ask(ctx, "", "达茂旗的总面积是多少？")
	if err != nil {
		t.Fatal(err)
	}
	x := ans.Explain
	if !ans.Found || x == nil || x.Route != "extractive" || x.Type != "number" || x.Check != "" || len(x.Sentences) == 0 ||
		!strings.Contains(x.Sentences[0].Text, "18177") {
		t.Fatalf("answer explanation = %+v", x)
	}
	ans, err = e.Ask(ctx, "", "达茂旗有多少所学校？")
	if err != nil {
		t.Fatal(err)
	}
	if x := ans.Explain; ans.Found || x == nil || x.Check != "units" || x.Reason == "" {
		t.Fatalf("refusal explanation = %+v", x)
	}
	if text := FormatExplanation(*ans.Explain); !strings.Contains(text, "refused by: units:") {
		t.Errorf("FormatExplanation = %q", text)
	}
	if ans, _ := e.Ask(context.Background(), "", "达茂旗的总面积是多少？"); ans.Explain != nil {
		t.Error("an explanation without WithExplain")
	}
}

func TestCheckStatistic(t *testing.T) {
	runCheckCases(t, "checkStatistic", core.CheckStatistic, []checkCase{
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
	runCheckCases(t, "checkOtherEntity", core.CheckOtherEntity, []checkCase{
		{"常州地铁几号线通到武进？", "深圳地铁16号线开通运营", true},
		{"复旦大学在哪里？", "同济大学位于上海市杨浦区", true},
		{"常州地铁几号线通到武进？", "常州地铁5号线将延伸至武进", false},
		{"两地政府签署的是什么协议？", "武进区政府与达茂旗政府签署协议", false},
		{"参加跨镇作业的合作社有多少家？", "23家合作社开展跨镇作业", false},
	})
}

func TestCheckWhereItIs(t *testing.T) {
	runCheckCases(t, "checkWhereItIs", core.CheckWhereItIs, []checkCase{
		{"青湖大学在哪里？", "宣讲团成员分别在青湖大学、西藏等地宣讲", true},
		{"青湖大学在哪里？", "青湖大学位于城东新区", false},
		{"青湖大学在哪里？", "位于城东新区的青湖大学", false},
		{"青湖大学在哪里？", "复旦大学、青湖大学入选第一批名单", true},
		{"公交的起点在哪里？", "公交全长26.4公里,起点为城东客运枢纽", false},
		{"林海在哪里作讲座？", "林海在青湖大学作讲座", false},
	})
}

func TestCheckNamedTerms(t *testing.T) {
	// The window stands for the whole article here.
	namedTerms := func(q intent.Intent, window, _ string) string { return core.CheckNamedTerms(q, window, window) }
	runCheckCases(t, "checkNamedTerms", namedTerms, []checkCase{
		{"常州的GDP是多少？", "总投资3.5亿元", true},
		{"常州的GDP是多少？", "地区生产总值突破万亿元", false},
		{"常州的GDP是多少？", "全市GDP突破万亿元", false},
		{"K8路的票价是多少？", "K8路全程票价2元", false},
		{"武进的营收是多少？", "营业收入达20亿元", false},
		{"武进的营收是多少？", "总投资达20亿元", true},
		{"园区有多少人口？", "园区常住人口3万人", false},
		{"What is the GDP?", "地区生产总值", false},
		{"武进的发电量是多少？", "总投资3.5亿元", true},
		{"武进的发电量是多少？", "年发电量12亿千瓦时", false},
		{"出口额是多少？", "出口额增长12%", false},
		{"青湖区有哪些AI企业？", "培育人工智能企业30家", false},
	})
}

func TestCheckYearsNamed(t *testing.T) {
	const article = "2024年武进区消防宣传月活动启动。今年11月9日是第33个全国消防日。"
	tests := []struct {
		norm string
		want bool // a mismatch
	}{
		{"2030年世界杯在哪里举办", true},
		{"2024年消防宣传月的主题是什么", false},
		{"2024年度消防宣传月", false},
		{"2023年11月9日的报纸说了什么", false}, // a full date names an edition
		{"消防日是第几个", false},
	}
	for _, tt := range tests {
		t.Run(tt.norm, func(t *testing.T) {
			got := core.CheckYearsNamed(intent.Intent{Norm: tt.norm}, article, "")
			if (got != "") != tt.want {
				t.Errorf("checkYearsNamed(%q) = %q, want mismatch %v", tt.norm, got, tt.want)
			}
		})
	}
}

// TestHeldOutRefusals pins refusals on the held-out editions (../testdata/heldout, another
// engineer's), found with questions written blind: a contest's winner the page never tells, and
// the start of works it only reports finished (竣工 is no 开工).
func TestHeldOutRefusals(t *testing.T) {
	e := libraryEngine(t, filepath.Join("..", "testdata", "heldout"))
	for _, q := range []string{"山歌擂台赛的冠军是谁？", "寄宿制学校什么时候开工的？"} {
		t.Run(q, func(t *testing.T) {
			a, err := e.Ask(context.Background(), "", q)
			if err != nil {
				t.Fatal(err)
			}
			if a.Found {
				t.Errorf("got %q, want a refusal", a.Answer)
			}
		})
	}
}

// refusalCase is a question over a small synthetic library and the check that must refuse it
// ("" when it must be answered, holding must).
type refusalCase struct{ q, check, must string }

// runRefusalCases asks each case over arts and compares the refusing check (explain's) or the answer.
func runRefusalCases(t *testing.T, arts []corpus.Article, cases []refusalCase) {
	t.Helper()
	e := overArticles(arts)
	for _, tc := range cases {
		t.Run(tc.q, func(t *testing.T) {
			a, err := e.Ask(WithExplain(context.Background()), "", tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if tc.check != "" && (a.Found || a.Explain == nil || a.Explain.Check != tc.check) {
				t.Errorf("got %q (found %v, explain %+v), want a refusal by %q", a.Answer, a.Found, a.Explain, tc.check)
			}
			if tc.check == "" && (!a.Found || !strings.Contains(a.Answer, tc.must)) {
				t.Errorf("got %q (found %v), want an answer holding %q", a.Answer, a.Found, tc.must)
			}
		})
	}
}

// TestSubjectAgreement: a figure of the asked kind about another subject that shares a word
// with the question's (深中合作项目 for 深中通道) does not answer; the subject named in the
// sentence before or an abbreviation (混双 for 混合双打) does.
func TestSubjectAgreement(t *testing.T) {
	arts := []corpus.Article{
		{ID: "bay", Title: "珠江口两岸开启融合发展", Kind: corpus.KindNews,
			Text: "中山通过低效工业园改造筹措产业空间。\n近两年承接的深中合作项目超90个，总投资近400亿元。"},
		{ID: "games", Title: "国内联播快讯", Kind: corpus.KindNews,
			Text: "乒乓球混合双打16强赛中，孙颖莎/王楚钦以4:0的比分战胜对手晋级。"},
		{ID: "roads", Title: "交通建设提速", Kind: corpus.KindNews,
			Text: "青湖大桥今天建成通车。大桥全长3.2公里，总投资12亿元。"},
	}
	runRefusalCases(t, arts, []refusalCase{
		{"深中通道总投资多少钱？", "subject agreement", ""},
		{"深中合作项目总投资多少钱？", "", "400亿元"},
		{"孙颖莎和王楚钦混双16强赛比分是多少？", "", "4:0"},
		{"青湖大桥总投资多少钱？", "", "12亿元"},
	})
}

// TestCheckAspect: a figure asked as planned is not told by a sentence telling only what was
// done, and the done figure answers a question asked in the past.
func TestCheckAspect(t *testing.T) {
	arts := []corpus.Article{{ID: "jobs", Title: "春风行动收官", Kind: corpus.KindNews,
		Text: "春风行动刚刚结束，其间累计举办招聘活动6.4万场，发布岗位4300多万个。"}}
	runRefusalCases(t, arts, []refusalCase{
		{"春风行动计划提供多少个岗位？", "planned figure", ""},
		{"春风行动累计发布了多少个岗位？", "", "4300多万个"},
	})
}

// TestCheckPlaceAct: a place question with a place noun asks where an act happened: the act must
// be told, and, asked with 在, told at a place.
func TestCheckPlaceAct(t *testing.T) {
	runCheckCases(t, "CheckPlaceAct", core.CheckPlaceAct, []checkCase{
		{"峰会是哪个国家发起的？", "国家主席向峰会发表致辞", true},
		{"峰会是哪个国家发起的？", "峰会由法国和巴西共同发起", false},
		{"泳联是在哪个城市宣布新规的？", "世界泳联13日宣布，运动员将被允许使用国旗", true},
		{"泳联是在哪个城市宣布新规的？", "世界泳联13日在洛桑宣布新规", false},
		{"托管班在哪里上课？", "托管班设在街道青少年活动中心", false},
		{"哪个小区获得了最美庭院第一名？", "柳岸小区3幢获评“最美庭院”第一名", false},
	})
}

// TestCheckAgentRoleAfterTitle: "哪位<title><act>…" asks who did the act right after the title,
// not the last two characters of the question (主席 of 当选国家主席).
func TestCheckAgentRoleAfterTitle(t *testing.T) {
	runCheckCases(t, "CheckAgentRole", core.CheckAgentRole, []checkCase{
		{"哪位菲律宾总统祝贺习近平当选国家主席？", "菲律宾总统马科斯表示，我再次向您致以最热烈祝贺", false},
		{"哪位菲律宾总统祝贺习近平当选国家主席？", "菲律宾总统马科斯会见了习近平主席", true},
		{"信访局哪位副局长来武进调研？", "信访局副局长王冰来武进调研", false},
	})
}

// TestCheckUnitsShareOfMeasure: a share written before the asked measure ("四分之一的新增绿化面积")
// answers how much of it; a share of another measure, or a unit the question names, does not.
func TestCheckUnitsShareOfMeasure(t *testing.T) {
	runCheckCases(t, "CheckUnits", core.CheckUnits, []checkCase{
		{"中国贡献了全球多少新增绿色面积？", "中国为全球贡献了约四分之一的新增绿化面积", false},
		{"中国贡献了全球多少新增绿色面积？", "贡献了约25%的全球新增绿化面积", false},
		{"中国贡献了全球多少新增绿色面积？", "中国贡献了约四分之一的新增投资", true},
		{"中国新增绿色面积多少平方公里？", "中国为全球贡献了约四分之一的新增绿化面积", true},
	})
}

// TestCheckTypedAnswerMeasureWords: a Chinese numeral with a measure word the text counts in
// (四级, 八周) is a number.
func TestCheckTypedAnswerMeasureWords(t *testing.T) {
	runCheckCases(t, "CheckTypedAnswer", core.CheckTypedAnswer, []checkCase{
		{"国家防总启动了几级应急响应？", "国家防总启动防汛四级应急响应", false},
		{"两剂疫苗要间隔几周？", "两剂疫苗需间隔八周接种", false},
		{"两剂疫苗要间隔几周？", "疫苗需间隔一段时间再接种", true},
	})
}

// TestCheckTypedAnswerTravelCompanions: a list of names before 等同机 (on the same plane) is
// people; a sentence naming no one who travelled with the asker is still no person.
func TestCheckTypedAnswerTravelCompanions(t *testing.T) {
	runCheckCases(t, "CheckTypedAnswer", core.CheckTypedAnswer, []checkCase{
		{"部长离开时谁同机离开？", "赵平、钱立、孙伟东等同机离开。", false},
		{"部长离开时谁同机离开？", "访问结束后乘专机离开。", true},
	})
}

// TestCheckAttributeCountedThenVerb: "多少辆车相撞" counts 车 and says what they did (相撞); a
// report of 85辆车连环相撞 has both, and one counting other things has not.
func TestCheckAttributeCountedThenVerb(t *testing.T) {
	runCheckCases(t, "CheckAttribute", core.CheckAttribute, []checkCase{
		{"高速公路事故有多少辆车相撞？", "高速公路发生85辆车连环相撞事故。", false},
		{"高速公路事故有多少辆车相撞？", "高速公路发生3起相撞事故，85人受伤。", true},
		{"有多少个博士岗位？", "提供就业岗位1.8万个。", true},
	})
}

// TestCheckOriginBodyOfPeople: "哪里的研究员" is told by the body written before its researchers;
// a firm named alone still does not tell where it is from.
func TestCheckOriginBodyOfPeople(t *testing.T) {
	runCheckCases(t, "CheckOrigin", core.CheckOrigin, []checkCase{
		{"这种新酸奶是哪里的研究员做出来的？", "这让江州市农业科学院一群年轻研究员着了迷。", false},
		{"这种新酸奶是哪里的研究员做出来的？", "研究员们琢磨着，把花做成酸奶。", true},
		{"华拓新能源是哪里的企业？", "华拓新能源公司今年产值增长两成。", true},
	})
}

// TestCheckUnitsDegree: 多大 after a verb's degree complement (刮得有多大) asks how hard, not an
// area; a place's 有多大 still asks its area.
func TestCheckUnitsDegree(t *testing.T) {
	runCheckCases(t, "CheckUnits", core.CheckUnits, []checkCase{
		{"北京风刮得有多大？", "北京出现7级左右阵风", false},
		{"达茂旗有多大？", "达茂旗位于包头市北部，共有12个苏木乡镇", true},
	})
}

// TestCheckTitleOfABody: a title naming a body (主席会议, 主席团) is no office asked about.
func TestCheckTitleOfABody(t *testing.T) {
	runCheckCases(t, "CheckTitle", core.CheckTitle, []checkCase{
		{"全国政协主席会议撤销了哪两个人的委员资格？", "会议决定撤销张三、李四的全国政协委员资格", false},
		{"全国政协主席是谁？", "全国政协副主席张三出席", true},
	})
}

// TestCheckNounBeforeHoldVerb: the noun a determiner asks ends before a verb of holding (哪家酒店
// 举办 asks 酒店, not 举办), so a sentence telling only that the event is held does not answer.
func TestCheckNounBeforeHoldVerb(t *testing.T) {
	runCheckCases(t, "CheckNoun", core.CheckNoun, []checkCase{
		{"峰会在北京哪家酒店举办？", "峰会由贸促会主办，已连续举办3届", true},
		{"峰会在北京哪家酒店举办？", "峰会在北京饭店举办", false},
	})
}
