package bot

import "testing"

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
			got := checkYearsNamed(question{Norm: tt.norm}, article)
			if (got != "") != tt.want {
				t.Errorf("checkYearsNamed(%q) = %q, want mismatch %v", tt.norm, got, tt.want)
			}
		})
	}
}
