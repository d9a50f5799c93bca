package bot

import (
	"context"
	"strings"
	"testing"
)

// TestCountedMeasures: a count asked with its measure word after 几 ("几大产业链", "几个苏木乡镇")
// is answered by the clause holding that count, not by the one naming the subject.
func TestCountedMeasures(t *testing.T) {
	e := builtinEngine(t, Options{})
	tests := []struct{ q, want string }{
		{"零碳园区有几大产业链", "五大产业链"},
		{"达茂旗有几个苏木乡镇？", "12个苏木乡镇"},
		{"达茂旗人口是多少", "11.4万人"},
		// "X的Y呢" with no conversation before it stands for "X的Y是多少"
		{"达茂旗人口呢？", "11.4万人"},
		{"达茂旗面积呢", "18177平方千米"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a, err := e.Ask(context.Background(), "", tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Found || !strings.Contains(a.Answer, tt.want) {
				t.Errorf("answer = %q (found %v), want one holding %q", a.Answer, a.Found, tt.want)
			}
		})
	}
}
