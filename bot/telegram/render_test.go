package telegram

import (
	"strings"
	"testing"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"newsbot/bot"
	"newsbot/bot/telegram/telegramtest"
	"newsbot/corpus"
)

func TestEscapeHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a<b>&c", "a&lt;b&gt;&amp;c"},
		{"无需转义。", "无需转义。"},
		{"&amp;", "&amp;amp;"},
		{`"引号"和'单引号'`, `"引号"和'单引号'`},
	} {
		if got := escapeHTML(tc.in); got != tc.want {
			t.Errorf("escapeHTML(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if vis, err := telegramtest.ParseHTML(escapeHTML(tc.in)); err != nil || vis != tc.in {
			t.Errorf("Telegram would show %q (err %v), want %q", vis, err, tc.in)
		}
	}
}

func TestCutText(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"fits", "一二三", 3, []string{"一二三"}},
		{"at a sentence end", "一二。三四。五", 5, []string{"一二。", "三四。五"}},
		{"no sentence end", "一二三四五", 2, []string{"一二", "三四", "五"}},
		{"surrogate pairs stay whole", "😀😀😀", 3, []string{"😀", "😀", "😀"}},
		{"empty", "", 5, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cutText(tc.text, tc.limit)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("cutText(%q, %d) = %q, want %q", tc.text, tc.limit, got, tc.want)
			}
		})
	}
}

func FuzzCutText(f *testing.F) {
	f.Add("一二。三四。五", 3)
	f.Add("😀a😀。b", 2)
	f.Add(strings.Repeat("长句子没有标点", 50), 17)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if !utf8.ValidString(text) || limit < 2 || limit > 5000 {
			return
		}
		parts := cutText(text, limit)
		if strings.Join(parts, "") != text {
			t.Fatalf("pieces %q do not join back to %q", parts, text)
		}
		for _, p := range parts {
			if utf16Len(p) > limit || !utf8.ValidString(p) {
				t.Fatalf("piece %q is %d units (limit %d) or invalid UTF-8", p, utf16Len(p), limit)
			}
		}
	})
}

func TestRenderAnswer(t *testing.T) {
	asker := newFakeAsker()
	a := bot.Answer{
		Answer: "档案<工作>&成效显著。[1][2]", Found: true,
		Citations: []bot.Citation{
			{N: 1, ArticleID: "ed1-a3", Title: "", Byline: "记者 陈寒秋", Quote: "调研组一行来到我区"},
			{N: 2, ArticleID: "ed1-a4", Title: "", Byline: "徐芊卉 摄", Page: "第3版"},
			{N: 3, ArticleID: "ed1-a3", Title: "国家档案局调研<档案>&工作"},
		},
	}
	parts, markup := renderAnswer(a, asker, nil)
	if len(parts) != 1 {
		t.Fatalf("%d parts, want 1", len(parts))
	}
	vis, err := telegramtest.ParseHTML(parts[0])
	if err != nil {
		t.Fatalf("Telegram would refuse the answer: %v\n%s", err, parts[0])
	}
	contains(t, "answer", vis, "档案<工作>&成效显著。[1][2]", "来源", "[1] 国家档案局调研<档案>&工作\n记者 陈寒秋",
		"“调研组一行来到我区”", "[2] 重点项目进行时\n徐芊卉 摄 · 第3版")
	if len(markup.InlineKeyboard) != 1 || len(markup.InlineKeyboard[0]) != 2 {
		t.Fatalf("buttons = %+v, want 原文 [1] and 原文 [2] (one per article)", markup.InlineKeyboard)
	}

	notFound := bot.Answer{Answer: "资料库里没有找到答案。", Citations: []bot.Citation{{N: 1, ArticleID: "ed1-a2", Quote: "活动为期一个月"}}}
	parts, _ = renderAnswer(notFound, asker, nil)
	contains(t, "refusal", parts[0], "相关文章", "我区启动“119”消防宣传月活动")
	if strings.Contains(parts[0], "活动为期一个月") {
		t.Errorf("a refusal quotes a related article as if it were evidence: %q", parts[0])
	}
}

func TestRenderArticleKeepsEveryParagraph(t *testing.T) {
	var paras []string
	for i := range 30 {
		paras = append(paras, strings.Repeat("字", 100+i*13)+"&<>"+strings.Repeat("𠀀", i))
	}
	a := corpus.Article{Title: "标题", Kicker: "引题", Byline: "记者 乙", Paper: "某报", Text: strings.Join(paras, "\n")}
	parts := renderArticle(a)
	var all strings.Builder
	for i, p := range parts {
		vis, err := telegramtest.ParseHTML(p)
		if err != nil {
			t.Fatalf("part %d refused: %v", i, err)
		}
		if n := telegramtest.UTF16Len(vis); n > 4096 {
			t.Errorf("part %d is %d units", i, n)
		}
		all.WriteString(vis)
	}
	for i, p := range paras {
		if !strings.Contains(all.String(), p) {
			t.Errorf("paragraph %d missing or split", i)
		}
	}
	contains(t, "head", all.String(), "引题\n标题\n记者 乙 · 某报")
}

func TestCallbackDataFits(t *testing.T) {
	asker := newFakeAsker()
	long := corpus.Article{ID: strings.Repeat("很长的编号", 10), Title: "长编号"}
	asker.arts = append(asker.arts, long)
	for _, id := range []string{"ed1-a1", long.ID} {
		d := articleData(id)
		if len(d) > maxCallbackBytes {
			t.Errorf("articleData(%q) = %d bytes", id, len(d))
		}
		if a, ok := resolveArticle(d, asker); !ok || a.ID != id {
			t.Errorf("resolveArticle(%q) = %q, %v, want %q", d, a.ID, ok, id)
		}
	}
	qs := []string{"短问题？", strings.Repeat("很长的问题", 10)}
	for _, row := range exampleButtons(qs).InlineKeyboard {
		if d := row[0].CallbackData; d == nil || len(*d) > maxCallbackBytes {
			t.Errorf("example button data %v over 64 bytes", d)
		}
	}
}

func TestParseCommand(t *testing.T) {
	for _, tc := range []struct{ text, cmd, at, args string }{
		{"/start", "start", "", ""},
		{"/ask@NewsBot 达茂旗 面积？", "ask", "NewsBot", "达茂旗 面积？"},
		{"/article  3 ", "article", "", "3"},
		{"/ask\n问题", "ask", "", "问题"},
		{"/ASK 问题", "ask", "", "问题"},
		{"/问题", "", "", ""},
		{"普通问题", "", "", ""},
		{"/", "", "", ""},
	} {
		cmd, at, args := parseCommand(tc.text)
		if cmd != tc.cmd || at != tc.at || args != tc.args {
			t.Errorf("parseCommand(%q) = %q, %q, %q; want %q, %q, %q", tc.text, cmd, at, args, tc.cmd, tc.at, tc.args)
		}
	}
}

func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"/start", "/ask@bot 问题", "/a\tb", "/", "//", "/x@", "/😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cmd, _, args := parseCommand(text)
		if cmd == "" && args != "" {
			t.Fatalf("arguments %q without a command", args)
		}
		if cmd != "" && !strings.HasPrefix(strings.ToLower(text), "/"+cmd) {
			t.Fatalf("command %q is not at the start of %q", cmd, text)
		}
	})
}

func TestMentions(t *testing.T) {
	b := &Bot{}
	b.self.UserName = "News_Bot"
	for _, tc := range []struct {
		text     string
		mentions bool
		stripped string
	}{
		{"@news_bot 面积多大？", true, "面积多大？"},
		{"请问 @News_Bot，面积多大？", true, "请问 面积多大？"},
		{"@news_bot2 面积", false, "@news_bot2 面积"},
		{"面积@News_Bot", true, "面积"},
		{"没有提到", false, "没有提到"},
	} {
		if got := mentionIndex(tc.text, b.self.UserName) >= 0; got != tc.mentions {
			t.Errorf("mentions(%q) = %v, want %v", tc.text, got, tc.mentions)
		}
		if got := b.stripMention(tc.text); got != tc.stripped {
			t.Errorf("stripMention(%q) = %q, want %q", tc.text, got, tc.stripped)
		}
	}
}

func TestIsGroup(t *testing.T) {
	for _, tc := range []struct {
		chat tgbotapi.Chat
		want bool
	}{
		{tgbotapi.Chat{ID: 5, Type: "private"}, false},
		{tgbotapi.Chat{ID: -5, Type: "group"}, true},
		{tgbotapi.Chat{ID: -1005, Type: "supergroup"}, true},
		{tgbotapi.Chat{ID: 5}, false},
		{tgbotapi.Chat{ID: -5}, true},
	} {
		if got := isGroup(&tc.chat); got != tc.want {
			t.Errorf("isGroup(%+v) = %v, want %v", tc.chat, got, tc.want)
		}
	}
}
