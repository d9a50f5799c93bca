package retrieval

import (
	"context"
	"slices"
	"testing"
	"unicode/utf8"

	"newsbot/corpus"
)

func TestParaphrases(t *testing.T) {
	tests := []struct {
		word      string
		want      string // one expected paraphrase, "" for none at all
		wantCount int    // -1: any number
	}{
		{"冠军", "第一名", -1},
		{"第一名", "冠军", -1},
		{"投产", "达产", -1},
		{"达产", "投产", -1},
		{"工作机制", "专班", -1},
		{"专班", "工作机制", -1},
		{"员工", "职工", 1},
		{"湖塘镇", "", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			got := Paraphrases(tt.word)
			if tt.want != "" && !slices.Contains(got, tt.want) {
				t.Errorf("Paraphrases(%q) = %q, want it to hold %q", tt.word, got, tt.want)
			}
			if tt.wantCount >= 0 && len(got) != tt.wantCount {
				t.Errorf("Paraphrases(%q) = %q, want %d words", tt.word, got, tt.wantCount)
			}
			if slices.Contains(got, tt.word) {
				t.Errorf("Paraphrases(%q) = %q holds the word itself", tt.word, got)
			}
		})
	}
	t.Run("returns a copy", func(t *testing.T) {
		Paraphrases("冠军")[0] = "changed"
		if got := Paraphrases("冠军"); slices.Contains(got, "changed") {
			t.Errorf("Paraphrases(冠军) = %q after its result was changed", got)
		}
	})
}

func TestParaphrasesIn(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"村干部项目比赛最后谁拿了冠军", []string{"冠军", "最后", "比赛"}},
		{"什么时候开工建设", []string{"开工建设"}}, // not 开工 again inside it
		{"开工建设后多久开工", []string{"开工建设", "开工"}},
		{"两地要成立什么工作机制", []string{"工作机制", "成立"}},
		{"达茂旗的总面积是多少", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := ParaphrasesIn(tt.text)
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("ParaphrasesIn(%q) = %q, want %q", tt.text, got, want)
			}
		})
	}
}

// TestParaphraseTableIsWellFormed: words are folded as queries are (or they could never match),
// at least two characters, and listed once per group; ParaphraseWords is longest first.
func TestParaphraseTableIsWellFormed(t *testing.T) {
	for i, g := range paraphraseGroups {
		if len(g) < 2 {
			t.Errorf("group %d %q has no alternative", i, g)
		}
		seen := map[string]bool{}
		for _, w := range g {
			if fold(w) != w || utf8.RuneCountInString(w) < 2 || seen[w] {
				t.Errorf("group %d %q: word %q is unfolded, too short or repeated", i, g, w)
			}
			seen[w] = true
		}
	}
	words := ParaphraseWords()
	for i := 1; i < len(words); i++ {
		if len(words[i]) > len(words[i-1]) {
			t.Errorf("ParaphraseWords: %q after the shorter %q", words[i], words[i-1])
		}
	}
}

// TestSearchWithParaphrases: an article that states the fact in the paper's words (获得第一名)
// ranks first for a question in everyday words (拿了冠军) only with the paraphrase expansion,
// while the question's own words still count more.
func TestSearchWithParaphrases(t *testing.T) {
	arts := []corpus.Article{
		{ID: "winner", Kind: corpus.KindNews, Title: "青年干部项目展演举行",
			Text: "昨天下午，全区青年干部项目展演举行，十一个小组依次展示调研成果。最终，湖塘镇项目组获得第一名。"},
		{ID: "meeting", Kind: corpus.KindNews, Title: "干部项目推进会召开",
			Text: "昨天，全区重点干部项目推进会召开，部署下阶段项目工作。"},
		{ID: "sports", Kind: corpus.KindNews, Title: "乒乓球赛落幕",
			Text: "全市乒乓球赛昨天落幕，东城队夺得团体冠军。"},
	}
	ix, err := Build(context.Background(), arts, Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		paraphrase float64
		credit     float64
		query      string
		want       string
	}{
		{"expansion finds the paraphrase", defaultFusion.paraphrase, defaultFusion.paraphraseCredit, "干部项目比赛谁拿了冠军？", "winner"},
		{"without expansion the common words win", 0, 0, "干部项目比赛谁拿了冠军？", "meeting"},
		{"the question's own word outweighs a paraphrase", defaultFusion.paraphrase, defaultFusion.paraphraseCredit, "乒乓球赛谁是冠军？", "sports"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix.fusion.paraphrase, ix.fusion.paraphraseCredit = tt.paraphrase, tt.credit
			defer func() { ix.fusion = defaultFusion }()
			rs, err := ix.Search(context.Background(), tt.query, SearchOptions{Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) == 0 || rs[0].Article.ID != tt.want {
				var got []string
				for _, r := range rs {
					got = append(got, r.Article.ID)
				}
				t.Errorf("Search(%q) ranks %q, want %q first", tt.query, got, tt.want)
			}
		})
	}
}

func TestResolveExpanded(t *testing.T) {
	v := newVocabulary()
	var b lexicalBuilder
	b.add([]int32{v.id("冠军"), v.id("比赛")})
	b.add([]int32{v.id("第一名"), v.id("比赛")})
	ix := newLexSet([]*lexicalIndex{b.finish(v.freeze())})
	tests := []struct {
		name        string
		terms       []string
		extra       []string
		weight      float32
		wantWeights map[string]float32
	}{
		{"paraphrase added at its weight", []string{"冠军"}, []string{"第一名"}, 0.5, map[string]float32{"冠军": 1, "第一名": 0.5}},
		{"a paraphrase the question holds keeps weight 1", []string{"冠军", "第一名"}, []string{"第一名"}, 0.5, map[string]float32{"冠军": 1, "第一名": 1}},
		{"listed twice, added once", []string{"比赛"}, []string{"第一名", "第一名"}, 0.5, map[string]float32{"比赛": 1, "第一名": 0.5}},
		{"unknown paraphrase ignored", []string{"比赛"}, []string{"金奖"}, 0.5, map[string]float32{"比赛": 1}},
		{"weight 0 adds nothing", []string{"比赛"}, []string{"第一名"}, 0, map[string]float32{"比赛": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := ix.resolveExpanded(tt.terms, tt.extra, tt.weight)
			got := map[string]float32{}
			for i, term := range q.terms {
				got[term] = q.weight[i]
			}
			if len(got) != len(tt.wantWeights) {
				t.Fatalf("resolveExpanded weights %v, want %v", got, tt.wantWeights)
			}
			for term, w := range tt.wantWeights {
				if got[term] != w {
					t.Errorf("weight of %q = %v, want %v (all: %v)", term, got[term], w, got)
				}
			}
		})
	}
}
