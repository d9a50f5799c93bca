package corpus

import (
	"fmt"
	"slices"
	"testing"
)

// TestSplitHeadline checks the roles given to the lines of headline blocks: kicker (引题), main
// title (主题) and subtitle (副题) decided by what the lines say, not by position alone.
func TestSplitHeadline(t *testing.T) {
	tests := []struct {
		name                  string
		lines                 []string
		column, kicker, title string
		subtitle              []string
	}{
		{name: "no lines"},
		{name: "one line", lines: []string{"全国人大办公厅信访局来武进调研"}, title: "全国人大办公厅信访局来武进调研"},
		{
			name:   "quoted slogan, clearly shorter: kicker (built-in edition)",
			lines:  []string{"共赴“新”征程", "武进与内蒙古达茂旗缔结友好城市"},
			kicker: "共赴“新”征程", title: "武进与内蒙古达茂旗缔结友好城市",
		},
		{
			name:   "parallel phrases over a title with figures: kicker",
			lines:  []string{"稻香满田畴 丰收正当时", "我县早稻机收面积突破12万亩"},
			kicker: "稻香满田畴 丰收正当时", title: "我县早稻机收面积突破12万亩",
		},
		{
			name:   "short quoted phrase over a title with a figure: kicker",
			lines:  []string{"聚力“两湖”建设", "西太湖科技产业园新增12个重点项目"},
			kicker: "聚力“两湖”建设", title: "西太湖科技产业园新增12个重点项目",
		},
		{
			name:     "figures and 同步 in two clauses under a statement: subtitle",
			lines:    []string{"地铁2号线东延段今天开通试运营", "6座新车站同步启用 东部新城与主城区“半小时通达”"},
			title:    "地铁2号线东延段今天开通试运营",
			subtitle: []string{"6座新车站同步启用 东部新城与主城区“半小时通达”"},
		},
		{
			name:     "a plan with a figure under a topic of about the same length: subtitle",
			lines:    []string{"老旧小区加装电梯", "今年计划再装300台"},
			title:    "老旧小区加装电梯",
			subtitle: []string{"今年计划再装300台"},
		},
		{
			name:     "将 and a temperature under a longer title: subtitle",
			lines:    []string{"明起我市迎来新一轮降温", "最低气温将降至2℃"},
			title:    "明起我市迎来新一轮降温",
			subtitle: []string{"最低气温将降至2℃"},
		},
		{
			name:     "two lines of the same weight, no kicker evidence: the first is the main title",
			lines:    []string{"老旧小区加装电梯", "居民上下楼不再难"},
			title:    "老旧小区加装电梯",
			subtitle: []string{"居民上下楼不再难"},
		},
		{
			name:     "three lines: kicker, main title, subtitle",
			lines:    []string{"稻香满田畴 丰收正当时", "我县早稻机收面积突破12万亩", "全县早稻平均亩产512公斤"},
			kicker:   "稻香满田畴 丰收正当时",
			title:    "我县早稻机收面积突破12万亩",
			subtitle: []string{"全县早稻平均亩产512公斤"},
		},
		{
			name:     "three lines with a quoted kicker and a plan as subtitle",
			lines:    []string{"共赴“新”征程", "武进与内蒙古达茂旗缔结友好城市", "两地将在产业、文旅等领域深化合作"},
			kicker:   "共赴“新”征程",
			title:    "武进与内蒙古达茂旗缔结友好城市",
			subtitle: []string{"两地将在产业、文旅等领域深化合作"},
		},
		{
			name:   "three lines: bracketed column label, kicker, main title",
			lines:  []string{"【民生实事】", "加装电梯", "老旧小区居民上下楼不再难"},
			column: "【民生实事】", kicker: "加装电梯", title: "老旧小区居民上下楼不再难",
		},
		{
			name:   "three lines: slogan banner, kicker, main title",
			lines:  []string{"学习贯彻党的二十届三中全会精神", "深化改革激发活力", "我区出台优化营商环境30条新举措"},
			column: "学习贯彻党的二十届三中全会精神", kicker: "深化改革激发活力", title: "我区出台优化营商环境30条新举措",
		},
		{
			name:     "three lines: short kicker, title, subtitle with a figure",
			lines:    []string{"守护一江清水", "长江武进段禁捕退捕工作成效明显", "今年以来查处非法捕捞案件16起"},
			kicker:   "守护一江清水",
			title:    "长江武进段禁捕退捕工作成效明显",
			subtitle: []string{"今年以来查处非法捕捞案件16起"},
		},
		{
			name:     "dash subtitle under kicker and title",
			lines:    []string{"深化改革激发活力", "我区出台优化营商环境30条新举措", "——涉企审批时限平均压缩40%"},
			kicker:   "深化改革激发活力",
			title:    "我区出台优化营商环境30条新举措",
			subtitle: []string{"——涉企审批时限平均压缩40%"},
		},
		{
			name:     "dash subtitle right under a one-line title",
			lines:    []string{"武进区打造“15分钟健身圈”", "—今年新建改建健身场地46处"},
			title:    "武进区打造“15分钟健身圈”",
			subtitle: []string{"—今年新建改建健身场地46处"},
		},
		{
			name:     "dash subtitle under column, kicker and title; its wrapped end stays with it",
			lines:    []string{"学习贯彻全会精神", "深化改革", "我区出台新举措", "——审批时限", "压缩40%"},
			column:   "学习贯彻全会精神",
			kicker:   "深化改革",
			title:    "我区出台新举措",
			subtitle: []string{"——审批时限", "压缩40%"},
		},
		{
			name:  "a long title wrapped onto a second line is one title",
			lines: []string{"习近平在福建考察时强调 扭住目标不放松 一张", "蓝图绘到底 在中国式现代化建设中奋勇争先"},
			title: "习近平在福建考察时强调 扭住目标不放松 一张蓝图绘到底 在中国式现代化建设中奋勇争先",
		},
		{
			name:     "a long title followed by a subtitle with figures and a plan",
			lines:    []string{"全市今年新建改建城乡公共体育健身设施超过预期", "计划年底前新增健身步道120公里 市民出门即可健身"},
			title:    "全市今年新建改建城乡公共体育健身设施超过预期",
			subtitle: []string{"计划年底前新增健身步道120公里 市民出门即可健身"},
		},
		{
			name:  "a word cut at the line break: the next line goes on with the title",
			lines: []string{"解放军报特稿：中国特色强军之路越走越宽", "广——写在强军目标提出10周年之际"},
			title: "解放军报特稿：中国特色强军之路越走越宽广——写在强军目标提出10周年之际",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := splitHeadline(tc.lines)
			want := headlineRoles{column: tc.column, kicker: tc.kicker, title: tc.title, subtitle: tc.subtitle}
			if got.column != want.column || got.kicker != want.kicker || got.title != want.title ||
				!slices.Equal(got.subtitle, want.subtitle) {
				t.Errorf("splitHeadline(%q)\n got column %q kicker %q title %q subtitle %q\nwant column %q kicker %q title %q subtitle %q",
					tc.lines, got.column, got.kicker, got.title, got.subtitle, want.column, want.kicker, want.title, want.subtitle)
			}
		})
	}
}

// TestSplitHeadlineKeepsEveryLine checks that every line of a headline block ends up in exactly
// one role, whatever the roles.
func TestSplitHeadlineKeepsEveryLine(t *testing.T) {
	blocks := [][]string{
		{"甲"}, {"共赴“新”征程", "武进与内蒙古达茂旗缔结友好城市"}, {"a", "b", "c", "d"},
		{"【栏目】", "聚焦高质量发展", "我区召开重点工作推进会", "今年将新开工项目120个"},
		{"——只有副题"}, {"标题", "——副题一", "副题二"},
	}
	for _, lines := range blocks {
		t.Run(fmt.Sprint(lines), func(t *testing.T) {
			h := splitHeadline(lines)
			var got []rune
			for _, s := range append([]string{h.column, h.kicker, h.title}, h.subtitle...) {
				got = append(got, []rune(s)...)
			}
			var want []rune
			for _, s := range lines {
				want = append(want, []rune(s)...)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("splitHeadline(%q) = %+v: characters %q, want %q", lines, h, string(got), string(want))
			}
		})
	}
}

// BenchmarkSplitHeadline measures scoring a three-line headline block.
func BenchmarkSplitHeadline(b *testing.B) {
	lines := []string{"稻香满田畴 丰收正当时", "我县早稻机收面积突破12万亩", "全县早稻平均亩产512公斤"}
	for b.Loop() {
		splitHeadline(lines)
	}
}
