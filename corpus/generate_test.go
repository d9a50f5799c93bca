package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// genArticle is the truth about one item of a generated edition.
type genArticle struct {
	kind, kicker, title, byline, column string
	paras                               []string
}

// sentencePool holds the sentences of the built-in edition's bodies, to build new paragraphs.
func sentencePool(t *testing.T) []string {
	t.Helper()
	ed, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range ed.Articles {
		for _, s := range strings.SplitAfter(strings.ReplaceAll(a.Text, "\n", ""), "。") {
			if s != "" && !subhead(s) {
				out = append(out, s)
			}
		}
	}
	return out
}

var (
	genTitles   = []string{"我区召开重点工作推进会", "湖塘镇新建口袋公园12处", "“两湖”创新区再添新项目", "西太湖畔迎来首届马拉松", "区政协开展专题协商活动", "雪堰镇桃农喜获丰收", "全区秋冬季造林绿化启动", "武进城乡公交实现一体化"}
	genKickers  = []string{"聚焦高质量发展", "民生实事进行时", "共建美好家园"}
	genCaptions = []string{"市民在西太湖湿地公园游玩。", "工人在项目工地紧张施工", "雪堰镇桃园里果农正在采摘。"}
	genNames    = []string{"张晓", "李明远", "王静", "陈一帆", "刘洋", "钱程", "周敏"}
)

// generateEdition writes a random edition in the layout of the built-in one: page headers,
// headlines with kickers, datelines and bylines in several forms, paragraphs cut at random points
// over several lines, photo captions with credits, blank lines and indentation at random.
func generateEdition(rng *rand.Rand, pool []string) (string, []genArticle) {
	var b strings.Builder
	var truth []genArticle
	blank := func() {
		for range rng.IntN(4) {
			b.WriteString(pick(rng, []string{"\n", "  \n", "　\n"}))
		}
	}
	line := func(s string) {
		if rng.IntN(4) == 0 {
			s = "　　" + s
		}
		b.WriteString(s + "\n")
		blank()
	}
	var photos []genArticle // photos set inside the current article
	endsWithPhoto := false  // the edition ends with a photo of its own (not inside an article)
	n := 1 + rng.IntN(6)
	titles := rng.Perm(len(genTitles))
	for i := range n {
		if i == 0 || rng.IntN(4) == 0 {
			line(fmt.Sprintf("2024年11月%d日 星期五 第%d版 要闻", 1+rng.IntN(28), i+1))
		}
		if rng.IntN(4) == 0 && i > 0 {
			g := genArticle{kind: KindPhoto, byline: pick(rng, genNames) + " 摄", paras: []string{pick(rng, pool)}}
			line(g.paras[0])
			line(g.byline)
			truth = append(truth, g)
			endsWithPhoto = true
			continue
		}
		endsWithPhoto = false
		g := genArticle{kind: KindNews, title: genTitles[titles[i%len(titles)]] + fmt.Sprint(i)}
		if rng.IntN(2) == 0 {
			g.kicker = pick(rng, genKickers)
			line(g.kicker)
		}
		line(g.title)
		for range 1 + rng.IntN(4) {
			var p strings.Builder
			for range 1 + rng.IntN(3) {
				p.WriteString(pick(rng, pool))
			}
			g.paras = append(g.paras, p.String())
		}
		name, other := pick(rng, genNames), pick(rng, genNames)
		switch rng.IntN(3) {
		case 0:
			g.byline = "记者 " + name
			writeParagraph(rng, line, &photos, "本报讯 ("+g.byline+") ", g.paras[0])
		case 1:
			g.byline = "记者 " + name + " 通讯员 " + other
			writeParagraph(rng, line, &photos, "本报讯（"+g.byline+"）", g.paras[0])
		default:
			g.byline = "本报记者 " + name
			line(g.byline)
			writeParagraph(rng, line, &photos, "", g.paras[0])
		}
		for _, p := range g.paras[1:] {
			writeParagraph(rng, line, &photos, "", p)
		}
		truth = append(truth, g)
		truth = append(truth, photos...)
		photos = photos[:0]
	}
	if endsWithPhoto && rng.IntN(2) == 0 {
		truth[len(truth)-1].column = "重点项目进行时"
		line("重点项目")
		line("进行时")
	}
	return b.String(), truth
}

// writeParagraph writes lead+p cut into up to three lines at random points in p, never right
// after the end of a sentence (where a cut would be a paragraph break).
func writeParagraph(rng *rand.Rand, line func(string), photos *[]genArticle, lead, p string) {
	r := []rune(p)
	first := true
	line = func(write func(string)) func(string) {
		return func(s string) {
			if first {
				s, first = lead+s, false
			}
			write(s)
		}
	}(line)
	cuts := 0
	start := 0
	for cuts < rng.IntN(3) && !subhead(p) { // a section heading is never cut: it would not be rejoined
		at := start + 2 + rng.IntN(max(1, len(r)-start-4))
		// Only a paragraph's first or last piece can be short: a middle one fills a column.
		if at >= len(r)-2 || terminated(string(r[start:at])) || subhead(string(r[at:])) || cuts > 0 && at-start < 30 {
			break
		}
		line(string(r[start:at]))
		switch rng.IntN(8) {
		case 0: // a page break in mid-paragraph
			line(fmt.Sprintf("2024年11月8日 星期五 第%d版 要闻", 2+rng.IntN(8)))
		case 1: // a photo set in mid-paragraph (not under a first fragment short enough to pass
			// for the photo's title: that is ambiguous on the page too)
			if photos == nil || cuts == 0 && at <= maxPhotoTitle {
				break
			}
			caption, credit := pick(rng, genCaptions), pick(rng, genNames)+" 摄"
			line(caption)
			line(credit)
			*photos = append(*photos, genArticle{kind: KindPhoto, byline: credit, paras: []string{caption}})
		}
		start = at
		cuts++
	}
	line(string(r[start:]))
}

func pick(rng *rand.Rand, from []string) string { return from[rng.IntN(len(from))] }

// TestGeneratedEditions parses many generated editions and checks every item against the truth:
// kinds, headlines, bylines, paragraphs rejoined exactly, no character lost.
func TestGeneratedEditions(t *testing.T) {
	pool := sentencePool(t)
	runs := 300
	switch {
	case os.Getenv("NEWSBOT_LONG") != "":
		runs = 20000
	case testing.Short():
		runs = 50
	}
	// Seeds that once failed run in every mode: 951 and 2174 mixed broken-off body lines into a
	// headline block of the scraper layout.
	seeds := []int{951, 2174}
	for seed := range runs {
		seeds = append(seeds, seed)
	}
	for _, seed := range seeds {
		rng := rand.New(rand.NewPCG(uint64(seed), 7))
		text, truth := generateEdition(rng, pool)
		if rng.IntN(3) == 0 {
			text = "\uFEFF" + strings.ReplaceAll(text, "\n", "\r\n")
		}
		ed, err := Parse("gen.txt", []byte(text), Meta{})
		if err != nil {
			t.Fatalf("seed %d: Parse: %v", seed, err)
		}
		if err := conserved(text, ed); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if len(ed.Articles) != len(truth) {
			t.Fatalf("seed %d: %d items, want %d\ninput:\n%s", seed, len(ed.Articles), len(truth), text)
		}
		for i, want := range truth {
			a := ed.Articles[i]
			got := genArticle{a.Kind, a.Kicker, a.Title, a.Byline, a.Column, strings.Split(a.Text, "\n")}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("seed %d item %d:\n got %q\nwant %q\ninput:\n%s", seed, i+1, got, want, text)
			}
		}
	}
}
