package bot

import (
	"context"
	"strings"
	"testing"
)

// TestNameOfTitle: "X局长叫什么名字" asks for a person holding that title, like "X局长是谁": an
// article naming someone else from that bureau does not answer it.
func TestNameOfTitle(t *testing.T) {
	e := builtinEngine(t, Options{})
	tests := []struct {
		q     string
		found bool
		want  string
	}{
		{"国家档案局局长叫什么名字", false, ""},
		{"武进区长叫什么名字", true, "恽淇丞"},
		{"信访局副局长叫什么名字？", true, "李茅茅"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a, err := e.Ask(context.Background(), "", tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if a.Found != tt.found || !strings.Contains(a.Answer, tt.want) {
				t.Errorf("answer = %q (found %v), want found %v holding %q", a.Answer, a.Found, tt.found, tt.want)
			}
		})
	}
}
