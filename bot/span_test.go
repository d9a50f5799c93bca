package bot

// Tests of the answer span cut from a sentence.

import (
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"testing"
)

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

func TestNumberSpanSkipsDates(t *testing.T) {
	tests := []struct{ s, want string }{
		{"截至今年9月底,全市新能源汽车保有量达21.6万辆", "21.6万辆"},
		{"2025年全县接待游客3200万人次", "3200万人次"},
		{"工期9个月", "9个月"},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			start, end, ok := core.TypedSpanFrom(intent.Number, tt.s, 0)
			got := ""
			if ok {
				got = string([]rune(tt.s)[start:end])
			}
			if got != tt.want {
				t.Errorf("typedSpanFrom(number, %q) = %q, want %q", tt.s, got, tt.want)
			}
		})
	}
}
