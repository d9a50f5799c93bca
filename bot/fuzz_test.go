package bot

import (
	"context"
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzAsk: whatever the question, Ask returns a reply (never an error or a panic) whose citations
// verify against the library.
func FuzzAsk(f *testing.F) {
	for _, s := range []string{"达茂旗的总面积是多少？", "那人口呢？", "它在哪里", "谁？", "多少", "哪些", "什么什么什么",
		"", "   ", "😀", "\x00", "a", "What is 119?", "第几", "几号线", "[1]", "“”", "，，，达茂旗", "达茂旗" + strings.Repeat("的", 600),
		"哪里哪里哪里", "是是是是", "11.4万人", "２０２６年", "達茂旗的總面積是多少？", "\u200b达茂旗\ufeff", "多少多少多少个"} {
		f.Add(s, s)
	}
	e := fixtureEngine(f, Options{})
	f.Fuzz(func(t *testing.T, first, q string) {
		a, err := e.Ask(context.Background(), "", first)
		if err != nil {
			t.Fatalf("Ask(%q): %v", first, err)
		}
		b, err := e.Ask(context.Background(), a.Conversation, q)
		if err != nil {
			t.Fatalf("Ask(%q) after %q: %v", q, first, err)
		}
		for _, ans := range []Answer{a, b} {
			if ans.Answer == "" || !utf8.ValidString(ans.Answer) {
				t.Errorf("empty or invalid reply %q", ans.Answer)
			}
			if err := VerifyAnswer(ans, e.Article); err != nil {
				t.Errorf("reply %+v: %v", ans, err)
			}
		}
	})
}

// FuzzAlignSpan: span isolation stays inside the sentence for any question and sentence.
func FuzzAlignSpan(f *testing.F) {
	f.Add("达茂旗的总面积是多少？", "达茂旗是内蒙古自治区20个沿边旗市区之一,总面积18177平方千米,辖12个苏木乡镇。")
	f.Add("谁陪同调研？", "区委常委、宣传部部长薛红霞陪同调研。")
	f.Add("是什么", "是")
	f.Add("哪", "")
	f.Fuzz(func(t *testing.T, question, sentence string) {
		q := intent.Analyze(question)
		s := core.AsciiLower(intent.Fold(sentence))
		start, end, ok := core.AlignSpan(q, s)
		if ok && (start < 0 || end > utf8.RuneCountInString(s) || start >= end) {
			t.Fatalf("alignSpan(%q, %q) = [%d,%d) outside the sentence", question, s, start, end)
		}
	})
}
