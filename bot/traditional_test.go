package bot

import (
	"context"
	"newsbot/bot/internal/intent"
	"strings"
	"testing"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// TestTraditionalEdition: an edition printed in traditional characters answers questions asked in
// either script; its sentences are matched simplified, as the question is, and quoted as written.
func TestTraditionalEdition(t *testing.T) {
	ed, err := corpus.Parse("big5.txt", []byte("雪堰鎮舉辦櫻桃採摘節\n\n本報訊（記者 王芳）昨天，雪堰鎮櫻桃採摘節開幕，全鎮櫻桃種植面積達3200畝。\n"), corpus.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := retrieval.Build(context.Background(), ed.Articles, retrieval.Config{})
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(ix, Options{})
	for _, q := range []string{"雪堰鎮櫻桃種植面積多少", "雪堰镇樱桃种植面积是多少？"} {
		t.Run(q, func(t *testing.T) {
			a, err := e.Ask(context.Background(), "", q)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Found || !strings.Contains(a.Answer, "3200畝") {
				t.Errorf("answer = %q (found %v), want 3200畝", a.Answer, a.Found)
			}
			for _, c := range a.Citations {
				if !strings.Contains(intent.Fold(ed.Articles[0].Text), intent.Fold(c.Quote)) {
					t.Errorf("quote %q is not in the article", c.Quote)
				}
			}
		})
	}
}
