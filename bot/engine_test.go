package bot

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// askAll asks the questions in one conversation and returns the answers.
func askAll(t *testing.T, e *Engine, qs ...string) []Answer {
	t.Helper()
	conv := ""
	var out []Answer
	for _, q := range qs {
		a, err := e.Ask(context.Background(), conv, q)
		if err != nil {
			t.Fatalf("Ask(%q): %v", q, err)
		}
		if err := VerifyAnswer(a, e.Article); err != nil {
			t.Errorf("Ask(%q) = %+v: citations: %v", q, a, err)
		}
		conv = a.Conversation
		out = append(out, a)
	}
	return out
}

func TestAskExtractive(t *testing.T) {
	e := fixtureEngine(t, Options{})
	tests := []struct {
		q     string
		found bool
		must  []string // substrings of the answer
		quote string   // substring of citations[0].quote
	}{
		{"达茂旗的总面积是多少？", true, []string{"18177平方千米", "[1]"}, "总面积18177平方千米"},
		{"武进的常住人口有多少？", true, []string{"172.41万人"}, "常住人口172.41万人"},
		{"谁陪同国家档案局调研？", true, []string{"薛红霞"}, "王冰带队"},
		{"谁见证了签约仪式？", true, []string{"恽淇丞", "黄龙"}, "见证签约仪式"},
		{"安康医疗高端手术器械项目位于哪里？", true, []string{"常州西太湖科技产业园"}, "位于常州西太湖"},
		{"安康医疗项目预计哪年达产？", true, []string{"2026年"}, "预计2026年达产"},
		{"哪个项目组获得第一名？", true, []string{"湖塘镇"}, "获得第一名"},
		{"今年消防宣传月的主题是什么？", true, []string{"全民消防", "生命至上"}, "主题"},
		{"达茂旗有哪五大产业链？", true, []string{"氟材料", "绿色合金"}, "五大产业链"},
		{"全国人大办公厅信访局副局长是谁？", true, []string{"李茅茅"}, "李茅茅"},
		{"武进重点发展哪些战略性新兴产业？", true, []string{"机器人", "集成电路"}, "战略性新兴产业"},
		{"今年是第几个全国消防日？", true, []string{"33"}, "第33个全国消防日"},
		{"達茂旗的總面積是多少？", true, []string{"18177"}, "18177"},
		{"武进的GDP是多少？", false, []string{"没有"}, ""},
		{"明天天气怎么样？", false, []string{"没有"}, ""},
		{"What is the area of Damao Banner?", false, []string{"中文"}, ""},
		{"What is the 95X industrial system?", true, []string{"95X"}, "95X"},
		{"黄龙是什么职务？", true, []string{"旗长黄龙"}, "旗长黄龙"},
		{"胡泊强调了什么？", true, []string{"强信念"}, "胡泊强调"},
		{"李茅茅是哪个单位的？", true, []string{"全国人大办公厅信访局"}, "李茅茅"},
		{"你好", false, []string{"您好", "《"}, ""},
		{"谢谢！", false, []string{"不客气"}, ""},
		{"本期报纸有哪些新闻？", true, []string{"[1]", "[6]", "缔结友好城市"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a := askAll(t, e, tt.q)[0]
			if a.Found != tt.found {
				t.Fatalf("found = %v, want %v (answer %q)", a.Found, tt.found, a.Answer)
			}
			for _, m := range tt.must {
				if !strings.Contains(a.Answer, m) {
					t.Errorf("answer %q lacks %q", a.Answer, m)
				}
			}
			if tt.found && (len(a.Citations) == 0 || !strings.Contains(a.Citations[0].Quote, tt.quote)) {
				t.Errorf("quote %q lacks %q", a.Citations[0].Quote, tt.quote)
			}
			if tt.found && tt.quote != "" && !strings.HasSuffix(a.Answer, "。[1]") {
				t.Errorf("answer %q does not end with 。[1]", a.Answer)
			}
			if a.Question != tt.q || a.Conversation == "" {
				t.Errorf("question %q conversation %q", a.Question, a.Conversation)
			}
		})
	}
}

func TestAskFollowUps(t *testing.T) {
	e := fixtureEngine(t, Options{})
	tests := []struct {
		name string
		qs   []string
		must string // in the last answer
	}{
		{"population after area", []string{"达茂旗的总面积是多少？", "那人口呢？"}, "11.4万"},
		{"pronoun place", []string{"安康医疗高端手术器械项目总投资多少？", "它在哪里？"}, "西太湖"},
		{"this project", []string{"安康医疗高端手术器械项目在哪里？", "这个项目投资多少？"}, "3.5亿元"},
		{"chain keeps subject", []string{"达茂旗的总面积是多少？", "那人口呢？", "边境线呢？"}, "88.6千米"},
		{"fresh question after follow-up", []string{"达茂旗的总面积是多少？", "湖塘镇项目组获得第几名？"}, "第一名"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := askAll(t, e, tt.qs...)
			last := as[len(as)-1]
			if !last.Found || !strings.Contains(last.Answer, tt.must) {
				t.Errorf("last answer = %q (found %v), want it to hold %q", last.Answer, last.Found, tt.must)
			}
			for _, a := range as[1:] {
				if a.Conversation != as[0].Conversation {
					t.Errorf("conversation changed: %q then %q", as[0].Conversation, a.Conversation)
				}
			}
		})
	}
}

func TestAskBadInput(t *testing.T) {
	e := fixtureEngine(t, Options{})
	tests := []struct {
		name string
		q    string
		want Rejection
	}{
		{"empty", "", RejectEmpty},
		{"blank", " \t\n　 ", RejectEmpty},
		{"too long", strings.Repeat("达", MaxQuestionRunes+1), RejectTooLong},
		{"emoji", "😀😀🎉", RejectNoText},
		{"punctuation", "？？？!!!……", RejectNoText},
		{"control", "达茂旗\x00面积", RejectControl},
		{"escape", "\x1b[31m达茂旗", RejectControl},
		{"invalid utf8", "达茂\xff旗", RejectControl},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := e.Ask(context.Background(), "", tt.q)
			if err != nil {
				t.Fatalf("Ask: %v", err)
			}
			if a.Rejected != tt.want || a.Found || a.Answer == "" || a.Conversation == "" {
				t.Errorf("Ask(%q) = %+v, want rejection %q with a reply", tt.q, a, tt.want)
			}
		})
	}
	// At the limit the question is answered, not rejected.
	q := "达茂旗的总面积是多少" + strings.Repeat("？", MaxQuestionRunes-10)
	if a, _ := e.Ask(context.Background(), "", q); a.Rejected != "" {
		t.Errorf("question of exactly %d runes rejected: %q", MaxQuestionRunes, a.Rejected)
	}
}

func TestConversationStore(t *testing.T) {
	now := time.Date(2024, 11, 8, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	e := fixtureEngine(t, Options{Now: clock, MaxConversations: 2, MaxTurns: 2})
	ctx := context.Background()

	a, _ := e.Ask(ctx, "", "达茂旗的总面积是多少？")
	id := a.Conversation
	if len(id) != 32 {
		t.Errorf("conversation id %q: want 32 hex characters", id)
	}
	advance(DefaultConversationTTL + time.Minute)
	b, _ := e.Ask(ctx, id, "那人口呢？")
	if b.Conversation != id {
		t.Errorf("expired conversation: id %q, want the same %q", b.Conversation, id)
	}
	if strings.Contains(b.Answer, "11.4万") {
		t.Errorf("expired conversation still resolved the follow-up: %q", b.Answer)
	}
	c, _ := e.Ask(ctx, "client-chosen-id", "达茂旗的总面积是多少？")
	if c.Conversation != "client-chosen-id" {
		t.Errorf("unknown id not kept: %q", c.Conversation)
	}
	e.Ask(ctx, "third", "武进的常住人口有多少？")
	if n := e.convs.len(); n != 2 {
		t.Errorf("stored conversations = %d, want the bound 2", n)
	}
	for _, q := range []string{"达茂旗的总面积是多少？", "那人口呢？", "边境线呢？"} {
		e.Ask(ctx, "turns", q)
	}
	if _, h, _ := e.convs.history(ctx, "turns"); len(h) != 2 {
		t.Errorf("turns kept = %d, want 2", len(h))
	}
	if got, _, _ := e.convs.history(ctx, strings.Repeat("x", 200)); len(got) != 32 {
		t.Errorf("oversized id kept: %d bytes", len(got))
	}
}

func TestAskConcurrentWithSwap(t *testing.T) {
	e := fixtureEngine(t, Options{})
	other := bigramSearcher{fixtureArticles(t)[:2]}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conv := ""
			for j := range 20 {
				if i == 0 && j%5 == 0 {
					e.setSource(other)
				}
				a, err := e.Ask(context.Background(), conv, []string{"达茂旗的总面积是多少？", "那人口呢？"}[j%2])
				if err != nil {
					t.Errorf("Ask: %v", err)
					return
				}
				conv = a.Conversation
			}
		}()
	}
	wg.Wait()
}

func TestAskCanceled(t *testing.T) {
	e := fixtureEngine(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Ask(ctx, "", "达茂旗的总面积是多少？"); err == nil {
		t.Error("Ask with a canceled context: want an error")
	}
}

func TestEmptyLibrary(t *testing.T) {
	e := NewEngine(nil, Options{})
	a, err := e.Ask(context.Background(), "", "达茂旗的总面积是多少？")
	if err != nil || a.Found || a.Answer == "" {
		t.Errorf("Ask over nothing = %+v, %v; want a refusal", a, err)
	}
	if len(e.Articles()) != 0 {
		t.Errorf("Articles of an empty engine: %d", len(e.Articles()))
	}
}
