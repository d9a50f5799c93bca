package bot

import (
	"testing"

	"newsbot/bot/internal/extract"
	"newsbot/corpus"
)

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
			got := extract.CheckYearsNamed(question{Norm: tt.norm}, article, "")
			if (got != "") != tt.want {
				t.Errorf("checkYearsNamed(%q) = %q, want mismatch %v", tt.norm, got, tt.want)
			}
		})
	}
}

func TestBareWhereQuestions(t *testing.T) {
	arts := []corpus.Article{
		{ID: "border", Title: "乌拉特旗口岸通关量创新高", Byline: "记者 韩松", Kind: corpus.KindNews,
			Text: "乌拉特旗地处边疆,总面积2.3万平方千米,境内有自治区唯一的甘其毛都口岸;口岸今年通关车辆增长两成。"},
		{ID: "village", Title: "桃源村民宿集聚区开业", Byline: "记者 林小雨", Kind: corpus.KindNews,
			Text: "昨天,柳河镇桃源村民宿集聚区开业,首批12家民宿迎客。"},
	}
	e := NewEngineFor(bigramSearcher{arts}, Options{})
	runAskCases(t, e, []askExpect{
		{"a bare 在哪 answered by the unit before the name", "桃源村在哪", []string{"柳河镇桃源村"}, nil},
		{"境内有 says where a thing is", "甘其毛都口岸在哪里", []string{"境内有"}, nil},
		{"a place the edition does not place stays refused", "青湖大学在哪里", nil, nil},
	})
}

func TestBareSizeQuestionWantsArea(t *testing.T) {
	arts := []corpus.Article{
		{ID: "district", Title: "青湖区推进产业升级", Byline: "记者 韩松", Kind: corpus.KindNews,
			Text: "青湖区地处平原腹地,总面积368平方千米,常住人口52万人。近年来,青湖区加快发展智能装备产业。"},
	}
	e := NewEngineFor(bigramSearcher{arts}, Options{})
	runAskCases(t, e, []askExpect{
		{"多大 of a place is its area", "青湖区有多大？", []string{"368平方千米"}, []string{"平原腹地"}},
	})
}

func TestSizeOfAnAttributeIsNotAnArea(t *testing.T) {
	arts := []corpus.Article{
		{ID: "cold", Title: "明起我市迎来新一轮降温", Byline: "记者 韩松", Kind: corpus.KindNews,
			Text: "受冷空气影响,明起我市将迎来新一轮降温,降温幅度达8℃至10℃,最低气温将降至2℃。"},
	}
	e := NewEngineFor(bigramSearcher{arts}, Options{})
	runAskCases(t, e, []askExpect{
		{"多大 after 幅度 asks the 幅度", "这次降温幅度有多大？", []string{"8℃"}, nil},
	})
}
