package retrieval

import (
	"context"
	"testing"
)

func TestSmoke(t *testing.T) {
	ix := builtIndex(t)
	t.Logf("chunks %d", ix.Chunks())
	for _, q := range []string{"达茂旗的总面积是多少？", "恽淇丞", "消防宣传月的主题是什么", "安康医疗项目总投资多少", "哪个镇项目组获得第一名", "達茂旗的總面積", "11月8日的报纸说了什么"} {
		rs, err := ix.Search(context.Background(), q, SearchOptions{Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rs {
			t.Logf("%s #%d %s score=%.4f cov=%.2f dense=%.3f | %.40s", q, i, r.Article.Headline(), r.Score, r.Coverage, r.Dense, r.Passages[0].Text)
		}
	}
}
