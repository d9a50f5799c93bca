package retrieval

import (
	"testing"
	"time"
)

func TestParseDateFilter(t *testing.T) {
	ref := time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		q               string
		from, to        string
		edition, wantOK bool
	}{
		{"11月8日的报纸说了什么", "2024-11-08", "2024-11-08", true, true},
		{"2024年11月8日武进有什么新闻？", "2024-11-08", "2024-11-08", true, true},
		{"2024-11-08 的新闻", "2024-11-08", "2024-11-08", true, true},
		{"20241108那期", "2024-11-08", "2024-11-08", true, true},
		{"２０２４年１１月的报道", "2024-11-01", "2024-11-30", true, true},
		{"十一月八日的报纸", "2024-11-08", "2024-11-08", true, true},
		{"二〇二四年十一月八日", "2024-11-08", "2024-11-08", false, true},
		{"12月25日的报纸", "2023-12-25", "2023-12-25", true, true},
		{"11月9日是什么日子", "2024-11-09", "2024-11-09", false, true},
		{"今天的报纸有什么", "2024-11-30", "2024-11-30", true, true},
		{"昨天的新闻", "2024-11-29", "2024-11-29", true, true},
		{"昨天武进和哪里缔结友好城市", "", "", false, false},
		{"2月30日的报纸", "", "", false, false},
		{"达茂旗的总面积是多少", "", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got, ok := ParseDateFilter(tt.q, ref)
			if ok != tt.wantOK || got.From != tt.from || got.To != tt.to || (ok && got.Edition != tt.edition) {
				t.Errorf("ParseDateFilter(%q) = %+v, %v; want %s..%s edition=%v ok=%v", tt.q, got, ok, tt.from, tt.to, tt.edition, tt.wantOK)
			}
		})
	}
}
