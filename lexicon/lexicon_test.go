package lexicon

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestDataFilesLoad loads the embedded data files: a duplicate or conflicting entry there fails
// here (and panics any package importing lexicon).
func TestDataFilesLoad(t *testing.T) {
	secs, err := load(files)
	if err != nil {
		t.Fatal(err)
	}
	if len(secs) < 50 {
		t.Errorf("only %d sections loaded", len(secs))
	}
	for name, s := range secs {
		if len(s.rows) == 0 {
			t.Errorf("%s: section [%s] is empty", s.where, name)
		}
	}
}

func TestParseRefusesDuplicatesAndConflicts(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"word twice", "[a]\n冠军 亚军\n季军 冠军\n", `a.txt:1: [a]: entry "冠军" listed twice`},
		{"key twice", "[a]\n面积: 平方 亩\n面积: 公顷\n", `key "面积" given twice`},
		{"value twice under a key", "[a]\n面积: 亩 亩\n", `entry "亩" listed twice in one row`},
		{"word twice in a group", "[a] groups\n赢了 战胜 赢了\n", `listed twice in one row`},
		{"keyed and plain rows", "[a]\n面积: 亩\n公顷\n", "a.txt:3: [a]: keyed and plain rows mixed"},
		{"entries before a section", "冠军\n", "a.txt:1: entries before any [section]"},
		{"bad quote", "[a]\n\"冠军\n", "a.txt:2: bad quoted entry"},
	} {
		_, err := parse("a.txt", c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

func TestLoadRefusesASectionOpenedTwice(t *testing.T) {
	fsys := fstest.MapFS{
		"data/a.txt": {Data: []byte("[words]\n冠军\n")},
		"data/b.txt": {Data: []byte("# other\n[words]\n亚军\n")},
	}
	_, err := load(fsys)
	if err == nil || !strings.Contains(err.Error(), "b.txt:2: section [words] already opened at a.txt:1") {
		t.Errorf("err = %v", err)
	}
}

func TestGroupsMayShareAWord(t *testing.T) {
	secs, err := parse("a.txt", "[p] groups\n赢了 战胜\n比分 战胜\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(secs[0].rows) != 2 {
		t.Errorf("rows = %v", secs[0].rows)
	}
}

// TestTextReadsOneValue: Text gives a key's one value and panics on a missing key.
func TestTextReadsOneValue(t *testing.T) {
	if got := Text("replies", "bye"); got == "" {
		t.Error("Text(replies, bye) is empty")
	}
	defer func() {
		if recover() == nil {
			t.Error("Text of a missing key did not panic")
		}
	}()
	Text("replies", "no such key")
}

func TestQuoteRoundTrips(t *testing.T) {
	for _, s := range []string{"冠军", " 去年 ", "", "a#b", `say "hi"`, "[x]", "比:", "thank you", "全\u3000角", "∶", ":"} {
		line := "k: " + Quote(s)
		secs, err := parse("a.txt", "[s]\n"+line+"\n")
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if got := secs[0].rows[0].values; len(got) != 1 || got[0] != s {
			t.Errorf("Quote(%q) = %s reads back as %q", s, Quote(s), got)
		}
	}
}

func TestAccessors(t *testing.T) {
	secs, err := parse("a.txt", "[w]\n冠军 亚军\n季军\n[m]\n面积: 平方 亩\n人口: 人\n[r]\n啥: 什么\n其中: \"\"\n")
	if err != nil {
		t.Fatal(err)
	}
	saved := tables
	defer func() { tables = saved }()
	tables = map[string]*section{}
	for _, s := range secs {
		tables[s.name] = s
	}
	if got := strings.Join(Words("w"), ","); got != "冠军,亚军,季军" {
		t.Errorf("Words = %s", got)
	}
	if g := Groups("w"); len(g) != 2 || len(g[0]) != 2 {
		t.Errorf("Groups = %v", g)
	}
	if m := Map("m"); strings.Join(m["面积"], ",") != "平方,亩" || len(m["人口"]) != 1 {
		t.Errorf("Map = %v", m)
	}
	if !Set("w")["季军"] {
		t.Error("Set misses 季军")
	}
	if got := Replacer("r").Replace("其中啥"); got != "什么" {
		t.Errorf("Replacer gives %q", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("Map on a list did not panic")
		}
	}()
	Map("w")
}

// TestFillKeepsSectionAndStructInStep: Fill sets each field from its key and panics on a field
// without a key and on a key without a field.
func TestFillKeepsSectionAndStructInStep(t *testing.T) {
	secs, err := parse("a.txt", "[r]\nhello: 你好\nbye: \"再见！\"\n")
	if err != nil {
		t.Fatal(err)
	}
	saved := tables
	defer func() { tables = saved }()
	tables = map[string]*section{"r": secs[0]}
	var ok struct{ Hello, Bye string }
	Fill("r", &ok)
	if ok.Hello != "你好" || ok.Bye != "再见！" {
		t.Errorf("Fill gives %+v", ok)
	}
	for _, c := range []struct {
		name string
		dst  any
	}{
		{"a field without a key", &struct{ Hello, Bye, Thanks string }{}},
		{"a key without a field", &struct{ Hello string }{}},
		{"not a pointer", struct{ Hello, Bye string }{}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: Fill did not panic", c.name)
				}
			}()
			Fill("r", c.dst)
		}()
	}
}
