package intent

import (
	"reflect"
	"strings"
	"testing"
)

// TestIntentAsked: the noun a question asks for is read once, with one boundary, into the views
// later stages use.
func TestIntentAsked(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want Asked
	}{
		{"有哪些猕猴桃品种？", Asked{Phrase: "猕猴桃品种", Counted: "猕猴桃品种", Noun: "猕猴", Head: "品种"}},
		{"有多少个学员小组？", Asked{Phrase: "学员小组", Counted: "学员小组"}},
		{"投入运营的是什么车？", Asked{Wanted: "车", Named: "车"}},
		{"西城村在哪个镇？", Asked{Wanted: "镇", Named: "镇"}},
		{"采摘节在哪里举办？", Asked{Phrase: "举办", Counted: "举办", Noun: "举办", PlaceAct: "举办"}},
		{"北接线什么时候能通车？", Asked{Event: "通车"}},
		{"他是哪个班的？", Asked{Wanted: "班", One: "班", Named: "班"}},
	} {
		q := Analyze(tc.q)
		got := q.Asked
		got.WantedAlts = nil
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("analyze(%q).Asked = %+v, want %+v", tc.q, got, tc.want)
		}
	}
}

func TestFoldANotA(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"老人坐公交要不要钱", "老人坐公交要钱", true},
		{"需不需要预约", "需要预约", true},
		{"有没有停车场", "有停车场", true},
		{"可不可以带宠物", "可以带宠物", true},
		{"展览免费吗", "展览免费吗", false},
		{"不不不", "不不不", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := foldANotA(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("foldANotA(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestHeadNoun: a 什么X question wants a phrase ending in X, or in what stands for it.
func TestHeadNoun(t *testing.T) {
	tests := []struct {
		q, head string
		alt     string // one paraphrase expected among the alternatives, "" for none
	}{
		{"K8路用的是什么车？", "车", ""},
		{"武进全力打造的是什么产业体系？", "体系", ""},
		{"两地要成立什么工作机制？", "机制", "专班"},
		{"宣传月的主题是什么？", "", ""},
		{"达茂旗有多少人口？", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			q := Analyze(tc.q)
			head, alts := q.Asked.Wanted, q.Asked.WantedAlts
			if head != tc.head {
				t.Errorf("Asked.Wanted(%q) = %q, want %q", tc.q, head, tc.head)
			}
			if tc.alt != "" && !strings.Contains(strings.Join(alts, " "), tc.alt) {
				t.Errorf("Asked.WantedAlts(%q) %q, want %q among them", tc.q, alts, tc.alt)
			}
		})
	}
}

// TestVagueJiIsNoQuestionWord: 几 after a demonstrative or a round number counts vaguely (这几条,
// 好几个, 前几天, 十几人), so the question word is found after it; 第几 and a bare 几 still ask.
func TestVagueJiIsNoQuestionWord(t *testing.T) {
	for _, tc := range []struct{ q, word string }{
		{"这几条线路预计每天能拉多少乘客？", "多少"},
		{"好几个项目什么时候完工？", "什么时候"},
		{"前几天在哪里开的会？", "在哪里"},
		{"十几名队员来自哪个学校？", "哪个"},
		{"这是第几届运动会？", "几"},
		{"一共有几个展区？", "几"},
	} {
		if got := Analyze(tc.q).QWord; got != tc.word {
			t.Errorf("%s: question word %q, want %q", tc.q, got, tc.word)
		}
	}
}
