package retrieval

import (
	"context"
	"os"
	"slices"
	"strings"
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

func TestLoadDictFile(t *testing.T) {
	dir := t.TempDir()
	good := dir + "/good.txt"
	os.WriteFile(good, []byte("\ufeff# names\n恽淇丞 10 nr\n\n达尔罕茂明安联合旗\n  青锐共创  \n"), 0o644)
	words, err := LoadDictFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"恽淇丞", "达尔罕茂明安联合旗", "青锐共创"}; !slices.Equal(words, want) {
		t.Errorf("LoadDictFile = %q, want %q", words, want)
	}
	bad := dir + "/bad.txt"
	os.WriteFile(bad, []byte("好词\n\xff\xfe坏\n"), 0o644)
	if _, err := LoadDictFile(bad); err == nil || !strings.Contains(err.Error(), "bad.txt:2") {
		t.Errorf("LoadDictFile(bad) = %v, want an error at line 2", err)
	}
	if _, err := LoadDictFile(dir + "/missing.txt"); err == nil {
		t.Error("missing file accepted")
	}
}

func TestDictWordsAreIndexedWhole(t *testing.T) {
	arts := []corpus.Article{{ID: "a", Title: "新闻", Text: "今天在上海交通大学闵行校区举行了活动。"}}
	ix, err := Build(context.Background(), arts, Config{DictWords: []string{"闵行校区"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.Tokenize("闵行校区"); !slices.Contains(got, "闵行校区") {
		t.Errorf("Tokenize = %q, want the --dict word whole", got)
	}
}
