package bot

import (
	"reflect"
	"testing"
)

// TestIntentAsked: the noun a question asks for is read once, with one boundary, into the views
// later stages use.
func TestIntentAsked(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want asked
	}{
		{"有哪些猕猴桃品种？", asked{Phrase: "猕猴桃品种", Counted: "猕猴桃品种", Noun: "猕猴", Head: "品种"}},
		{"有多少个学员小组？", asked{Phrase: "学员小组", Counted: "学员小组"}},
		{"投入运营的是什么车？", asked{Wanted: "车", Named: "车"}},
		{"西城村在哪个镇？", asked{Wanted: "镇", Named: "镇"}},
		{"采摘节在哪里举办？", asked{Phrase: "举办", Counted: "举办", Noun: "举办", PlaceAct: "举办"}},
		{"北接线什么时候能通车？", asked{Event: "通车"}},
		{"他是哪个班的？", asked{Wanted: "班", One: "班", Named: "班"}},
	} {
		q := analyze(tc.q)
		got := q.Asked
		got.WantedAlts = nil
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("analyze(%q).Asked = %+v, want %+v", tc.q, got, tc.want)
		}
	}
}
