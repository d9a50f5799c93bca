package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// TestOtherEditions answers questions over two other pages (testdata/editions, copies of the
// corpus package's test editions): the answerer is not fitted to the built-in edition.
func TestOtherEditions(t *testing.T) {
	var arts []corpus.Article
	for _, f := range []string{"2024-11-15-styles.txt", "2024-11-08-multipage.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", "editions", f))
		if err != nil {
			t.Fatal(err)
		}
		ed, err := corpus.Parse(f, data, corpus.Meta{})
		if err != nil {
			t.Fatalf("parse %s: %v", f, err)
		}
		arts = append(arts, ed.Articles...)
	}
	ix, err := retrieval.Build(context.Background(), arts, retrieval.Config{})
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(ix, Options{})
	tests := []struct {
		q     string
		found bool
		must  string
	}{
		{"企业开办时间压缩到多少？", true, "0.5个工作日"},
		{"我区将统筹安排多少工业用地？", true, "1500亩"},
		{"10月份全国规模以上工业增加值增长多少？", true, "5.3%"},
		{"冬泳队成立于哪一年？", true, "2004年"},
		{"冬泳队有多少队员？", true, "120余名"},
		{"12个项目总投资多少？", true, "86亿元"},
		{"这批项目预计带动多少就业岗位？", true, "3000余个"},
		{"邻里节在哪里开幕？", true, "花园街社区广场"},
		{"邻里节为期多久？", true, "一个月"},
		{"谁写的营商环境的报道？", true, "赵磊"},
		{"园区已集聚多少相关企业？", true, "400余家"},
		{"涉企审批时限平均压缩了多少？", true, "40%"},
		{"冬泳队队长是谁？", false, "没有"},
		{"武进的GDP是多少？", false, "没有"},
		{"11月15日的报纸有哪些新闻？", true, "冬泳队"},
		{"11月8日的报纸上，邻里节在哪里开幕？", true, "花园街社区广场"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a, err := e.Ask(context.Background(), "", tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if a.Found != tt.found || !strings.Contains(a.Answer, tt.must) {
				t.Errorf("answer %q (found %v), want %q (found %v)", a.Answer, a.Found, tt.must, tt.found)
			}
			if err := VerifyAnswer(a, e.Article); err != nil {
				t.Error(err)
			}
			if strings.HasPrefix(tt.q, "11月15日的报纸有") && strings.Contains(a.Answer, "邻里节") {
				t.Errorf("overview of 11月15日 lists an article of 11月8日: %q", a.Answer)
			}
		})
	}
}
