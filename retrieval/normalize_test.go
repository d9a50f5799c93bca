package retrieval

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestNormalizeQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"请问达茂旗的总面积是多少？", "达茂旗的总面积是多少?"},
		{"達茂旗的總面積是多少？", "达茂旗的总面积是多少?"},
		{"ＡＢＣ１２３，全角", "abc123,全角"},
		{"能介绍一下消防宣传月吗", "能介绍 消防宣传月"},
		{"武进在哪里呢？", "武进在哪里?"},
		{"酒吧在哪", "酒吧在哪"},
		{"  多余　空格  ", "多余 空格"},
		{"请问", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := NormalizeQuery(tt.in); got != tt.want {
				t.Errorf("NormalizeQuery(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldKeepsRuneCount(t *testing.T) {
	for _, s := range []string{"達爾罕茂明安聯合旗", "全角：（１２３）", "乾隆皇帝", "mixed 混合 Ｔｅｘｔ"} {
		if got := fold(s); utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Errorf("fold(%q) = %q changes the rune count", s, got)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		text     string
		want     []string
		wantNone []string
	}{
		{"达茂旗总面积18177平方千米", []string{"达茂", "茂旗", "总面积", "18177", "18177平", "平方千米"}, nil},
		{"总人口11.4万人", []string{"11.4", "11.4万", "人口"}, []string{"11", "4"}},
		{"內蒙古自治區", []string{"内蒙古自治区", "内蒙"}, []string{"內蒙"}},
		{"ＡＢＣ公司", []string{"abc", "公司"}, nil},
		{"鹿", []string{"鹿"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := Tokenize(tt.text)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Tokenize(%q) = %q, lacks %q", tt.text, got, w)
				}
			}
			for _, w := range tt.wantNone {
				if slices.Contains(got, w) {
					t.Errorf("Tokenize(%q) = %q, holds %q", tt.text, got, w)
				}
			}
		})
	}
}

func TestIndexTokenizeKnowsLibraryNames(t *testing.T) {
	ix := builtIndex(t)
	if got := Tokenize("区长恽淇丞"); slices.Contains(got, "恽淇丞") {
		t.Fatalf("the plain segmenter already knows 恽淇丞 (%q): the test needs another name", got)
	}
	if got := ix.Tokenize("区长恽淇丞"); !slices.Contains(got, "恽淇丞") {
		t.Errorf("Index.Tokenize = %q, want the byline/post name 恽淇丞 whole", got)
	}
}
