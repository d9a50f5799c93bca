package corpus

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics, that what it returns is valid UTF-8, and that a plain
// text edition keeps every character (in an article field, a page header or a label). The seeds
// are the test editions, so they run as normal tests.
func FuzzParse(f *testing.F) {
	for _, te := range testEditions(f) {
		f.Add(te.name, readFile(f, te.path))
	}
	if ed, err := Builtin(); err == nil { // generated layouts, for the fuzzer to mutate
		var pool []string
		for _, a := range ed.Articles {
			pool = append(pool, strings.SplitAfter(a.Text, "。")...)
		}
		for seed := range 3 {
			text, _ := generateEdition(rand.New(rand.NewPCG(uint64(seed), 1)), pool)
			f.Add("gen.txt", []byte(text))
		}
	}
	f.Add("x.txt", []byte("标题\n\n本报讯（记者 张三）正文。\n\n张三 摄\n"))
	f.Add("x.txt", []byte("（转第2版）\n（上接第1版）\n第2版\n"))
	f.Add("x.txt", []byte("标题\n本报通讯员 王芳\n正文。\n【简讯】\n●一则。\n■ 二则（记者 李明）\n"))
	f.Add("x.txt", []byte("标题：甲\n作者：张三　来源：某报\n正文：本报讯（记者 李四）乙。\n----\n标题：丙\n"))
	f.Add("x.txt", []byte("# 标题\n作者：张三　来源：某报　发布时间：2025-09-05\n正文。\n时间：上午\n地点：馆内\n（完）\n"))
	f.Add("x.txt", []byte("甲\n\n（中央社記者王小明台北4日電）乙。\n\n丙\n\n【明報專訊】丁。（王丽）\n"))
	f.Add("x.txt", []byte("A2 要闻 2025年12月5日 星期五\n\n甲\n\n本报讯 乙。（责任编辑：丙）\n"))
	f.Add("x.txt", []byte("甲乙丙丁\n　　正文一。\n　　正文二。\n戊己庚辛\n　　正文三，\n续。\n"))
	f.Add("x.txt", []byte("甲乙丙丁\n\n正文一。\n\n（本报记者 张三）\n\n戊己庚辛\n\n正文二。\n"))
	f.Add("x.txt", []byte("\r\n甲乙丙丁\r\n\r\n\u3000\u3000本报北京10月9日电  （记者王远）正文。\r\n引题\r\n戊己庚辛\r\n副题\r\n\u3000\u3000正文二。\r\n"))
	f.Add("x.txt", []byte("标题\n報導．攝影╱林佳蓉\n正文。\n撰文╱李宜蓁　攝影╱陳冠廷\n"))
	f.Add("x.html", []byte("<h1>标题</h1><p>正文"))
	f.Add("x.html", []byte("<h3>引</h3><h1>题</h1><h2></h2><h4>本报记者  甲</h4><div>2025年03月12日 来源：某报</div><p>記者乙／台北報導</p><p>正文。</p>"))
	f.Add("x.html", []byte("<title>某报 2025年1月2日 第3版</title><h2>甲</h2><p>作者 张三</p><p>正文正文正文正文正文正文正文正文。</p><h2>乙</h2><p>本报讯（记者 李四）正文正文正文正文正文正文。</p>"))
	f.Add("x.jsonl", []byte(`{"id":1,"text":"正文"}`+"\n{"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		ed, err := Parse(filepath.Base(name), data, Meta{})
		if err != nil {
			return
		}
		if len(ed.Articles) == 0 {
			t.Fatalf("Parse returned an edition without articles and no error")
		}
		for _, a := range ed.Articles {
			for _, s := range append(articleFields(a), a.ID, a.Paper, a.Date, a.Page) {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in output: %q", s)
				}
			}
			if a.ID == "" {
				t.Fatalf("article without ID")
			}
		}
		if ed.Format == FormatText {
			text, _, err := decode(data)
			if err != nil {
				t.Fatalf("decode failed after Parse succeeded: %v", err)
			}
			if err := conserved(text, ed); err != nil {
				t.Fatalf("%v\ninput: %q", err, text)
			}
		}
	})
}

// TestFuzzCorpusDir keeps the seed corpus folder in use when one exists (failing inputs that
// go test -fuzz saved under testdata/fuzz/FuzzParse run as part of FuzzParse).
func TestFuzzCorpusDir(t *testing.T) {
	if _, err := os.Stat("testdata/fuzz/FuzzParse"); err != nil {
		t.Skip("no saved fuzz failures")
	}
}
