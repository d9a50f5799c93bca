package bot

import "testing"

func TestDbgAlign(t *testing.T) {
	q := analyze("K8路公交的起点在哪里？")
	s := "k8路公交全长38.5公里,起点为县汽车客运站,终点为石门镇中心小学"
	st, en, ok := alignSpan(q, s)
	t.Logf("norm %q qw %q type %v → %v %q", q.Norm, q.QWord, q.Type, ok, string([]rune(s)[st:en]))
}
