package corpus

import "testing"

func TestParseExport(t *testing.T) {
	input := "标题：青山县开展秋季植树活动\n作者：本报记者 孙涛\n日期：2025-10-13\n版次：第3版\n正文：\n" +
		"10月12日，800余人来到城南山坡，栽下苗木1.2万株。\n县林业局局长王建介绍，今年计划新增造林5000亩。\n" +
		"--------------------\n" +
		"标题：青山中学学生获机器人大赛一等奖\n副标题：——两名高二学生组队参赛\n作者：通讯员 钱敏　来源：青山日报\n日期：2025年10月13日\n" +
		"正文：本报讯 在日前结束的全国青少年机器人竞赛中，青山中学队获得一等奖。\n" +
		"标题：只有标题的简讯\n"
	ed, err := Parse("export.txt", []byte(input), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if err := conserved(input, ed); err != nil {
		t.Error(err)
	}
	type art struct{ title, byline, date, page, paper, text string }
	want := []art{
		{"青山县开展秋季植树活动", "本报记者 孙涛", "2025-10-13", "第3版", "青山日报",
			"10月12日，800余人来到城南山坡，栽下苗木1.2万株。\n县林业局局长王建介绍，今年计划新增造林5000亩。"},
		{"青山中学学生获机器人大赛一等奖", "通讯员 钱敏", "2025-10-13", "", "青山日报",
			"——两名高二学生组队参赛\n在日前结束的全国青少年机器人竞赛中，青山中学队获得一等奖。"},
		{"只有标题的简讯", "", "2025-10-13", "", "青山日报", ""}, // the edition's date
	}
	if len(ed.Articles) != len(want) {
		t.Fatalf("got %d articles, want %d: %+v", len(ed.Articles), len(want), ed.Articles)
	}
	for i, a := range ed.Articles {
		got := art{a.Title, a.Byline, a.Date, a.Page, a.Paper, a.Text}
		if got != want[i] {
			t.Errorf("article %d:\n got %+v\nwant %+v", i, got, want[i])
		}
	}
}

func TestIsExport(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"标题：甲\n正文：乙。\n", true},
		{"标题：甲\n作者：丙\n\n标题：乙\n", true},
		{"武进日报\n标题：甲\n本报讯 正文。\n", false}, // one title, no text label: a text edition
		{"会议时间：明天\n内容：学习。\n", false},
	}
	for _, tc := range tests {
		if got := isExport(tc.text); got != tc.want {
			t.Errorf("isExport(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestParseExportBracketLabels checks records labelled the way CNKI's newspaper exports print them.
func TestParseExportBracketLabels(t *testing.T) {
	input := "【标题】青山县新建3所中学投入使用\n【作者】刘强\n【报纸】青山日报\n【日期】2025-09-05\n【版号】第2版\n" +
		"【正文】今年秋季学期，青山县新建的3所中学投入使用，新增学位4500个。\n\n" +
		"【标题】青山县举办秋季招聘会\n【作者】冯七\n【正文】本次招聘会共有120家企业参加。\n"
	ed, err := Parse("cnki.txt", []byte(input), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if err := conserved(input, ed); err != nil {
		t.Error(err)
	}
	if len(ed.Articles) != 2 {
		t.Fatalf("got %d articles, want 2", len(ed.Articles))
	}
	a, b := ed.Articles[0], ed.Articles[1]
	if a.Title != "青山县新建3所中学投入使用" || a.Byline != "刘强" || a.Paper != "青山日报" || a.Date != "2025-09-05" ||
		a.Page != "第2版" || a.Text != "今年秋季学期，青山县新建的3所中学投入使用，新增学位4500个。" {
		t.Errorf("first = %+v", a)
	}
	if b.Title != "青山县举办秋季招聘会" || b.Byline != "冯七" || b.Text != "本次招聘会共有120家企业参加。" {
		t.Errorf("second = %+v", b)
	}
}
