package retrieval

import (
	"slices"
	"testing"

	"newsbot/corpus"
)

func TestLibraryWords(t *testing.T) {
	arts := []corpus.Article{{
		Title:  "11个村(社区)干部“青锐共创”项目展演",
		Byline: "记者 史莲寅",
		Text:   "区委副书记、区长恽淇丞,达茂旗委副书记、旗长黄龙见证签约仪式;市、区领导白云萍、石伟东、李皓陪同调研。全国人大办公厅信访局副局长李茅茅率调研组来到武进。",
	}}
	got := libraryWords(arts)
	for _, want := range []string{"史莲寅", "青锐共创", "恽淇丞", "黄龙", "白云萍", "石伟东", "李皓", "李茅茅"} {
		if !slices.Contains(got, want) {
			t.Errorf("libraryWords lacks %q; got %q", want, got)
		}
	}
	for _, bad := range []string{"黄龙见", "李茅茅率"} {
		if slices.Contains(got, bad) {
			t.Errorf("libraryWords holds %q; got %q", bad, got)
		}
	}
}
