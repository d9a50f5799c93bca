package bot

import (
	"context"
	"log/slog"
	"newsbot/bot/internal/intent"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/extract"
	"newsbot/bot/metrics"
	"newsbot/corpus"
	"newsbot/retrieval"
)

func TestQuestionTypes(t *testing.T) {
	tests := []struct {
		q     string
		want  intent.Type
		qword string
	}{
		{"达茂旗的总面积是多少？", intent.Number, "多少"},
		{"有几个学员小组？", intent.Number, "几"},
		{"常州地铁几号线通到武进？", intent.Number, "几"},
		{"安康医疗项目预计哪一年达产？", intent.Date, "哪一年"},
		{"消防日是什么时候？", intent.Date, "什么时候"},
		{"谁见证了签约仪式？", intent.Person, "谁"},
		{"哪位副局长来武进调研？", intent.Person, "哪位"},
		{"项目位于哪里？", intent.Place, "哪里"},
		{"项目在哪？", intent.Place, "在哪里"},
		{"竹编大赛在哪举行的", intent.Place, "在哪里"},
		{"夜校在哪个镇", intent.Place, "哪个"},
		{"新门诊楼啥时候能用", intent.Date, "什么时候"},
		{"啥时开工", intent.Date, "什么时候"},
		{"为啥要清河", intent.How, "为什么"},
		{"区委书记叫什么", intent.Person, "什么"},
		{"这个活动叫什么", intent.What, "什么"},
		{"共享菜园在哪个社区", intent.Place, "哪个"},
		{"二等奖是哪两个项目", intent.List, "哪两"},
		{"安吉去年旅游收入", intent.Number, "多少"},
		{"安吉 旅游收入", intent.Other, ""},
		{"竹编大赛", intent.Other, ""},
		{"王冰察看了哪个村？", intent.Place, "哪个"},
		{"哪个项目组获得第一名？", intent.Org, "哪个"},
		{"达茂旗有哪些产业链？", intent.List, "哪些"},
		{"武进和达茂旗在哪些产业方向上契合？", intent.List, "哪些"},
		{"消防宣传月的主题是什么？", intent.What, "什么"},
		{"黄龙是什么职务？", intent.Title, "什么"},
		{"怎样让大学生参与？", intent.How, "怎样"},
		{"武进是否有机场？", intent.YesNo, "是否"},
		{"武进有机场吗？", intent.YesNo, ""},
		{"恽淇丞", intent.Other, ""},
		{"誰見證了簽約儀式？", intent.Person, "谁"},
	}
	for _, tt := range tests {
		q := intent.Analyze(tt.q)
		if q.Type != tt.want || q.QWord != tt.qword {
			t.Errorf("analyze(%q): type %v, question word %q; want %v, %q", tt.q, q.Type, q.QWord, tt.want, tt.qword)
		}
	}
}

func TestContentTerms(t *testing.T) {
	got := intent.Analyze("请问达茂旗的总面积是多少呢？").Terms
	var texts []string
	for _, tm := range got {
		texts = append(texts, tm.Text)
	}
	if want := "达茂 茂旗 总面 面积"; strings.Join(texts, " ") != want {
		t.Errorf("terms = %q, want %q", strings.Join(texts, " "), want)
	}
}

func TestAlignSpan(t *testing.T) {
	tests := []struct{ q, s, want string }{
		{"达茂旗的总面积是多少？", "达茂旗是内蒙古自治区20个沿边旗市区之一,总面积18177平方千米,辖12个苏木乡镇", "18177平方千米"},
		{"谁陪同调研？", "区委常委、宣传部部长薛红霞陪同调研。", "区委常委、宣传部部长薛红霞"},
		{"消防宣传月的主题是什么？", "今年宣传月的主题是“全民消防,生命至上”。", "“全民消防,生命至上”"},
		{"预计哪一年达产？", "目前,厂房主体正在有序建设中,预计2026年达产。", "2026年"},
		{"观塘明渠有多长？", "观塘明渠下游露天部分长1,000米。", "1,000米"},
		{"膨趾膜鳕的体长可达多少公分？", "体长可达20公分。", "20公分"},
		{"他是第几批学生？", "他是官学生计划的第一批学生。", "第一批"},
		{"王处直墓在哪里？", "王处直墓位于河北省曲阳县。", "河北省曲阳县"},
	}
	for _, tt := range tests {
		q := intent.Analyze(tt.q)
		s := core.AsciiLower(intent.Fold(tt.s))
		start, end, ok := core.AlignSpan(q, s)
		got := ""
		if ok {
			got = string([]rune(s)[start:end])
		}
		if got != core.AsciiLower(intent.Fold(tt.want)) {
			t.Errorf("alignSpan(%q, %q) = %q, want %q", tt.q, tt.s, got, tt.want)
		}
	}
}

func TestFollowUpClassification(t *testing.T) {
	tests := []struct {
		q    string
		want followUpKind
	}{
		{"那人口呢？", followUp},
		{"它在哪里？", followUp},
		{"这个项目投资多少？", followUp},
		{"边境线呢？", followUp},
		{"带队的是谁？", maybeFollowUp},
		{"达茂旗的总面积是多少？", standalone},
		{"安康医疗项目预计哪一年达产？", standalone},
	}
	for _, tt := range tests {
		if got := classifyFollowUp(intent.Analyze(tt.q)); got != tt.want {
			t.Errorf("classifyFollowUp(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
	r := resolve(intent.Analyze("它在哪里？"), []turn{{Topic: []string{"安康医疗高端手术器械项目"}, Type: intent.Number, Found: true, ArticleID: "a6"}})
	if r.Resolved != "安康医疗高端手术器械项目在哪里？" || r.PrevArticle != "a6" || r.Q.Type != intent.Place {
		t.Errorf("resolve: %q, prev %q, type %v", r.Resolved, r.PrevArticle, r.Q.Type)
	}
	r = resolve(intent.Analyze("那人口呢？"), []turn{{Topic: []string{"达茂旗", "总面积"}, Type: intent.Number}})
	if r.Resolved != "达茂旗人口呢？" || r.Q.Type != intent.Number || r.PrevArticle != "" {
		t.Errorf("resolve: %q, type %v, prev %q", r.Resolved, r.Q.Type, r.PrevArticle)
	}
}

func TestMismatch(t *testing.T) {
	tests := []struct {
		q, window string
		refuse    bool
	}{
		{"湖塘镇有多少人口？", "最终,湖塘镇项目组获得第一名。", true},
		{"达茂旗总人口有多少？", "总人口11.4万人,边境线长88.6千米", false},
		{"武进区有多少所中学？", "武进区有12个镇", true},
		{"达茂旗的平均海拔是多少米？", "边境线长88.6千米", true},
		{"达茂旗的边境线有多长？", "边境线长88.6千米", false},
		{"包头市的市长是谁？", "包头市唯一的零碳园区", true},
		{"全国人大办公厅信访局哪位副局长来武进调研？", "信访局副局长李茅茅率调研组来到武进", false},
		{"雪堰镇有什么特产？", "嘉泽镇、雪堰镇等11个学员小组依次进行项目展演", true},
		{"黄龙是什么职务？", "旗长黄龙见证签约仪式", false},
		{"达茂旗新能源并网规模是多少？", "新能源并网规模458万千瓦", false},
		{"武进的财政收入是多少？", "武进地处长三角地理中心", true},
		{"西太湖的水域面积有多大？", "武进总面积1066平方千米", true},
		{"武进常住人口有多少？", "武进地处长三角地理中心,总面积1066平方千米,常住人口172.41万人。", false},
		{"达茂旗人口是多少？", "达茂旗是内蒙古自治区20个沿边旗市区和33个牧业旗之一,总面积18177平方千米,辖12个苏木乡镇,总人口11.4万人", false},
		{"达茂旗面积是多少", "达茂旗是内蒙古自治区20个沿边旗市区和33个牧业旗之一,总面积18177平方千米,辖12个苏木乡镇", false},
		{"湖塘镇人口是多少？", "武进地处长三角地理中心,总面积1066平方千米,常住人口172.41万人。", true},
		{"武进区常住人口是多少？", "武进区是长三角地理中心,户籍人口120万人。", true},
	}
	for _, tt := range tests {
		got := extract.Mismatch(intent.Analyze(tt.q), core.AsciiLower(intent.Fold(tt.window)), "")
		if (got != "") != tt.refuse {
			t.Errorf("mismatch(%q, %q) = %q, want refusal %v", tt.q, tt.window, got, tt.refuse)
		}
	}
}

func TestVerifyAnswer(t *testing.T) {
	art := corpus.Article{ID: "a1", Title: "标题", Byline: "记者 甲", Date: "2024-11-08", Text: "总面积18177平方千米，辖12个苏木乡镇。"}
	lookup := func(id string) (corpus.Article, bool) { return art, id == "a1" }
	good := Citation{N: 1, ArticleID: "a1", Title: "标题", Byline: "记者 甲", Edition: "2024-11-08",
		Quote: "总面积18177平方千米,辖12个苏木乡镇。"} // half-width comma: equal after folding
	tests := []struct {
		name string
		a    Answer
		ok   bool
	}{
		{"valid", Answer{Answer: "总面积18177平方千米。[1]", Found: true, Citations: []Citation{good}}, true},
		{"unknown marker", Answer{Answer: "答。[2]", Found: true, Citations: []Citation{good}}, false},
		{"quote not in article", Answer{Answer: "答。[1]", Found: true, Citations: []Citation{{N: 1, ArticleID: "a1",
			Title: "标题", Byline: "记者 甲", Edition: "2024-11-08", Quote: "总面积1066平方千米"}}}, false},
		{"unknown article", Answer{Answer: "答。[1]", Found: true, Citations: []Citation{{N: 1, ArticleID: "zz", Quote: "总面积"}}}, false},
		{"wrong numbering", Answer{Answer: "答。", Found: true, Citations: []Citation{{N: 2, ArticleID: "a1", Quote: "总面积"}}}, false},
		{"wrong headline", Answer{Answer: "答。[1]", Found: true, Citations: []Citation{{N: 1, ArticleID: "a1", Title: "别的",
			Byline: "记者 甲", Edition: "2024-11-08", Quote: "总面积"}}}, false},
		{"found without citations", Answer{Answer: "答。", Found: true}, false},
		{"refusal", Answer{Answer: "没有。", Citations: []Citation{}}, true},
	}
	for _, tt := range tests {
		if err := VerifyAnswer(tt.a, lookup); (err == nil) != tt.ok {
			t.Errorf("%s: VerifyAnswer = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

func TestRetrievalMetricsRecorded(t *testing.T) {
	m := metrics.New()
	e := fixtureEngine(t, Options{Metrics: m})
	askAll(t, e, "达茂旗的总面积是多少？", "那人口呢？")
	n, err := testutil.GatherAndCount(m.Registry(), "newsbot_retrieval_duration_seconds")
	if err != nil || n != 1 {
		t.Fatalf("retrieval histogram series = %d, %v", n, err)
	}
	mfs, _ := m.Registry().Gather()
	for _, mf := range mfs {
		if mf.GetName() == "newsbot_retrieval_duration_seconds" {
			if c := mf.GetMetric()[0].GetHistogram().GetSampleCount(); c < 2 {
				t.Errorf("retrieval observations = %d, want at least 2", c)
			}
		}
	}
}

func TestFormatTextRefusal(t *testing.T) {
	e := fixtureEngine(t, Options{})
	a, _ := e.Ask(context.Background(), "", "武进的GDP是多少？")
	out := FormatText(a)
	if !strings.HasPrefix(out, a.Answer) || len(a.Citations) > 0 && !strings.Contains(out, "相关报道：") {
		t.Errorf("FormatText(refusal) = %q", out)
	}
}

// panicSearcher stands for a bug below the engine.
type panicSearcher struct{ bigramSearcher }

func (panicSearcher) Search(context.Context, string, retrieval.SearchOptions) ([]retrieval.Result, error) {
	panic("boom")
}

func TestAskRecoversFromPanics(t *testing.T) {
	logs := &logBuffer{}
	e := NewEngineFor(panicSearcher{}, Options{Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if _, err := e.Ask(context.Background(), "", "达茂旗的总面积是多少？"); err == nil {
		t.Fatal("Ask over a panicking searcher: want an error")
	}
	if !strings.Contains(logs.String(), "panic") {
		t.Errorf("panic not logged: %q", logs.String())
	}
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
			if got := core.HasAnaphor(tc.s); got != tc.want {
				t.Errorf("hasAnaphor(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
}

func TestQuestionRuns(t *testing.T) {
	tests := []struct{ q, want string }{
		{"美食节去年吸引了多少游客", "美食节 去年 吸引 游客"},
		{"今年民生实事有几件", "今年 民生实事 件"},
		{"布局了哪些未来产业", "布局 未来产业"},
		// the measure after 多少 is no word of the question, a noun it opens is
		{"多少人参加竹编比赛", "参加竹编比赛"},
		{"廊道晚上开到几点", "廊道 晚上 开"},
		{"还有多少名额", "名额"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			q := intent.Analyze(tt.q)
			if got := strings.Join(intent.RunsOf(q.Norm, q.QWord), " "); got != tt.want {
				t.Errorf("runsOf(%q) = %q, want %q", tt.q, got, tt.want)
			}
		})
	}
}
