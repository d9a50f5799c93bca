package bot

import (
	"context"
	"newsbot/bot/internal/intent"
	"strings"
	"testing"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/forms"
	"newsbot/corpus"
)

// editionArticles are a synthetic edition (no eval questions) for the mechanisms of named.go,
// edition.go and roles.go: terms the article must hold, questions about the edition itself,
// reported speech, a person's organisation and a place's administrative unit.
func editionArticles() []corpus.Article {
	return []corpus.Article{
		{ID: "park", Title: "青湖科技园新项目开工", Byline: "记者 林小雨", Kind: corpus.KindNews, Date: "2025-03-02",
			Text: "3月1日,青湖科技园智能装备项目开工,总投资6.8亿元,规划建设厂房4.2万平方米。\n" +
				"近年来,青湖区聚焦先进制造,重点发展智能装备、新材料两大主导产业,同时培育了低空经济、量子信息、细胞治疗等一批未来产业。"},
		{ID: "safety", Title: "全区部署冬季安全生产", Byline: "记者 韩松", Kind: corpus.KindNews, Date: "2025-03-02",
			Text: "昨天,全区冬季安全生产工作会议召开。\n" +
				"副区长周明远要求,各街道要压实属地责任,全面排查风险隐患。广大企业要落实主体责任,定期开展应急演练,及时消除安全隐患。全体居民要增强安全意识。"},
		{ID: "visit", Title: "省文旅厅来我区调研", Byline: "记者 林小雨", Kind: corpus.KindNews, Date: "2025-03-02",
			Text: "昨天,省文化和旅游厅资源开发处处长郑可欣带队来我区调研乡村旅游工作。\n" +
				"郑可欣一行实地察看了柳河镇桃源村民宿集聚区建设情况,并与经营户座谈交流。"},
		{ID: "twin", Title: "青湖区与乌拉特旗结对", Byline: "记者 韩松", Kind: corpus.KindNews, Date: "2025-03-02",
			Text: "昨天,青湖区与内蒙古自治区巴彦淖尔市乌拉特中后联合旗签署结对合作协议。\n" +
				"乌拉特旗地处边疆,畜牧业资源丰富,双方将在文旅、农牧产品等方面深化合作。"},
		{ID: "photo", Title: "春到桃源", Byline: "宋佳 摄", Kind: corpus.KindPhoto, Date: "2025-03-02",
			Text: "柳河镇桃源村的桃花竞相开放,吸引游客前来赏花。"},
	}
}

func editionEngine() *Engine { return NewEngineFor(bigramSearcher{editionArticles()}, Options{}) }

// askExpect is one question with substrings its answer must (want) and must not (not) hold; no
// want means the question must be refused.
type askExpect struct {
	name, q string
	want    []string
	not     []string
}

func runAskCases(t *testing.T, e *Engine, tests []askExpect) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ans, err := e.Ask(context.Background(), "", tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(tc.want) == 0 {
				if ans.Found {
					t.Errorf("%s: got answer %q, want a refusal", tc.q, ans.Answer)
				}
				return
			}
			if !ans.Found {
				t.Fatalf("%s: refused (%q), want %q", tc.q, ans.Answer, tc.want)
			}
			checkHolds(t, tc.q, ans.Answer, tc.want, tc.not)
			if err := VerifyAnswer(ans, e.Article); err != nil {
				t.Errorf("%s: %v", tc.q, err)
			}
		})
	}
}

func TestNamedTermsMustBeInArticle(t *testing.T) {
	runAskCases(t, editionEngine(), []askExpect{
		{"an acronym the article lacks", "青湖区的GDP是多少？", nil, nil},
		{"a Latin term the article lacks", "青湖科技园有多少5G基站？", nil, nil},
		{"a measured attribute the article lacks", "智能装备项目的产能是多少？", nil, nil},
		{"profit the article lacks", "青湖科技园去年利润是多少？", nil, nil},
		{"an attribute the article holds still answers", "智能装备项目总投资多少？", []string{"6.8亿元"}, nil},
	})
}

func TestEditionQuestions(t *testing.T) {
	runAskCases(t, editionEngine(), []askExpect{
		{"a reporter's articles by byline", "林小雨写了哪些报道？", []string{"青湖科技园新项目开工", "省文旅厅来我区调研"}, []string{"结对"}},
		{"a reporter's article count", "韩松写了几篇稿件？", []string{"2篇", "全区部署冬季安全生产", "青湖区与乌拉特旗结对"}, nil},
		{"the edition's article count", "这期报纸有几篇文章？", []string{"5篇", "4篇文字报道", "1组图片新闻"}, nil},
		{"who took the photos", "这期的照片是谁拍的？", []string{"宋佳", "春到桃源"}, nil},
		{"who took this photo", "这张照片是谁拍的", []string{"宋佳", "春到桃源"}, nil},
		{"a photographer's pictures", "宋佳拍了哪些照片？", []string{"春到桃源"}, []string{"科技园"}},
		{"the edition's reporters", "本期报纸有哪些记者？", []string{"林小雨", "韩松"}, []string{"宋佳"}},
		{"a reporter named in a content question is no edition question", "林小雨报道了哪些未来产业？", []string{"低空经济"}, []string{"署名"}},
		{"a name no byline credits", "郑可欣写了哪篇报道？", nil, nil},
		{"articles about a topic", "本期有几篇关于结对合作的报道？", []string{"1篇", "青湖区与乌拉特旗结对"}, []string{"科技园"}},
		{"articles about a topic the edition lacks", "有几篇报道提到火星？", nil, nil},
	})
}

func TestBylineNames(t *testing.T) {
	tests := []struct {
		byline string
		names  []string
		photo  bool
	}{
		{"记者 朱梦琪", []string{"朱梦琪"}, false},
		{"徐芊卉 摄", []string{"徐芊卉"}, true},
		{"本报记者 李明 通讯员 王小红", []string{"李明", "王小红"}, false},
		{"文/图 张三", []string{"张三"}, true},
		{"", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.byline, func(t *testing.T) {
			names, photo := bylineNames(tc.byline)
			if strings.Join(names, ",") != strings.Join(tc.names, ",") || photo != tc.photo {
				t.Errorf("bylineNames(%q) = %q, %v; want %q, %v", tc.byline, names, photo, tc.names, tc.photo)
			}
		})
	}
}

func TestPersonOrganisationAndPlaceUnit(t *testing.T) {
	runAskCases(t, editionEngine(), []askExpect{
		{"a person's organisation", "郑可欣是哪个单位的？", []string{"省文化和旅游厅资源开发处"}, []string{"处长", "调研乡村"}},
		{"a person's office", "郑可欣担任什么职务？", []string{"资源开发处处长郑可欣"}, []string{"调研乡村"}},
		{"who a person is", "周明远是谁？", []string{"副区长周明远"}, []string{"要求"}},
		{"a village's town", "桃源村在哪个镇？", []string{"柳河镇"}, nil},
		{"a short name's city", "乌拉特旗属于哪个市？", []string{"巴彦淖尔市"}, []string{"内蒙古"}},
		{"no unit of that level written", "桃源村在哪个县？", nil, nil},
	})
}

func TestOrganisationOf(t *testing.T) {
	tests := []struct{ titles, want string }{
		{"国家档案局经科司二级巡视员", "国家档案局经科司"},
		{"全国人大办公厅信访局副局长", "全国人大办公厅信访局"},
		{"区委常委、宣传部部长", "宣传部"},
		{"达茂旗委副书记、旗长", "达茂旗委"},
		{"市交通局局长", "市交通局"},
		{"副区长", ""},
	}
	for _, tc := range tests {
		t.Run(tc.titles, func(t *testing.T) {
			got, _ := forms.OrganisationOf([]rune(tc.titles))
			if got != tc.want {
				t.Errorf("organisationOf(%q) = %q, want %q", tc.titles, got, tc.want)
			}
		})
	}
}

func TestNameAt(t *testing.T) {
	tests := []struct {
		text, name string
		want       int
	}{
		{"包头市达尔罕茂明安联合旗政府", "达茂旗", 9},
		{"嘉泽镇西城村农民", "西城村", 3},
		{"达到茂盛的旗帜", "达茂旗", 0}, // a broken run is no name
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			sr := []rune(tc.text)
			got := 0
			for at := range sr {
				if n := forms.NameAt(sr, at, []rune(tc.name), true); n > 0 {
					got = n
					break
				}
			}
			if got != tc.want {
				t.Errorf("nameAt(%q, %q) = %d, want %d", tc.text, tc.name, got, tc.want)
			}
		})
	}
}

func TestReportedSpeech(t *testing.T) {
	runAskCases(t, editionEngine(), []askExpect{
		{"the part said to the asked group", "周明远对企业提出了什么要求？", []string{"广大企业要落实主体责任"}, []string{"周明远要求", "街道"}},
		{"what was said first when no group is named", "周明远提出了什么要求？", []string{"各街道要压实属地责任"}, []string{"周明远要求。"}},
		{"another group", "周明远对居民有什么要求？", []string{"全体居民要增强安全意识"}, []string{"企业"}},
		{"a group after the speech verb", "周明远要求企业做什么？", []string{"广大企业要落实主体责任"}, []string{"街道"}},
	})
}

func TestEmptySpeech(t *testing.T) {
	tests := []struct {
		unit string
		want bool
	}{
		{"区委常委、副区长孙益锋要求", true},
		{"副区长周明远强调。", true},
		{"周明远要求,各街道要压实属地责任", false},
		{"全体居民要增强安全意识", false},
	}
	for _, tc := range tests {
		t.Run(tc.unit, func(t *testing.T) {
			if got := forms.EmptySpeech(tc.unit); got != tc.want {
				t.Errorf("emptySpeech(%q) = %v, want %v", tc.unit, got, tc.want)
			}
		})
	}
}

func TestListClause(t *testing.T) {
	runAskCases(t, editionEngine(), []askExpect{
		{"the list after the question's verb", "青湖区培育了哪些未来产业？",
			[]string{"培育了低空经济、量子信息、细胞治疗等一批未来产业"}, []string{"近年来", "智能装备"}},
		{"the list before the question's noun", "青湖区重点发展哪些主导产业？",
			[]string{"重点发展智能装备、新材料两大主导产业"}, []string{"近年来", "低空经济"}},
		{"the sentence holding the list", "乌拉特旗和青湖区将在哪些方面深化合作？", []string{"文旅、农牧产品"}, []string{"签署"}},
	})
}

// TestAcronymEquivalentOnlyInWindow: an acronym's Chinese name elsewhere in the article does not
// cover a window without it.
func TestAcronymEquivalentOnlyInWindow(t *testing.T) {
	q := intent.Analyze("青湖区有多少AI企业？")
	if got := core.CheckNamedTerms(q, "培育人工智能企业30家。全区企业共500家。", "全区企业共500家"); got == "" {
		t.Errorf("checkNamedTerms: got no mismatch for a window without 人工智能, want one")
	}
}

func TestPerEdition(t *testing.T) {
	one := corpus.Article{Paper: "青湖日报", Date: "2025-03-02"}
	other := corpus.Article{Paper: "青湖日报", Date: "2025-03-03"}
	tests := []struct {
		name string
		arts []corpus.Article
		want string
	}{
		{"one edition", []corpus.Article{one, one}, ""},
		{"two editions", []corpus.Article{one, other, other}, "其中青湖日报 2025-03-02 1篇、青湖日报 2025-03-03 2篇"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := perEdition(tc.arts); got != tc.want {
				t.Errorf("perEdition = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRoleQuestionForms(t *testing.T) {
	runAskCases(t, editionEngine(), []askExpect{
		{"来自哪个单位", "郑可欣来自哪个单位？", []string{"省文化和旅游厅资源开发处"}, nil},
		{"X的职务是什么", "郑可欣的职务是什么？", []string{"处长郑可欣"}, nil},
		{"属于哪个镇", "桃源村属于哪个镇？", []string{"柳河镇"}, nil},
	})
}
