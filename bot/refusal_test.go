package bot

import (
	"context"
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
