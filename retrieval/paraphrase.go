package retrieval

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Paraphrases. Readers ask in everyday words what a newspaper writes in its own register: "谁拿了
// 冠军" is answered by "获得第一名", "什么时候投产" by "预计2026年达产". Character bigrams cannot
// see these, so the package carries a small table of general-purpose paraphrase groups of common
// news vocabulary (never phrases of particular questions). Search adds a question's paraphrases to
// its lexical rankings at a fraction of the weight of its own words, and the bot counts them as
// the word when it scores sentences; an answer is always cut from the article's own text.
//
// Groups are deliberately narrow (near-synonyms, or a question word and the fact that decides it),
// because every alternative makes an unrelated article or sentence a little likelier to match:
// the bot's TestParaphrasesKeepRefusals pins that the eval sets' unanswerable questions stay
// refused, and the long QA recall evaluations that no general question loses its passage.
var paraphraseGroups = [][]string{
	{"冠军", "第一名", "夺冠", "金奖", "一等奖"},
	{"亚军", "第二名"},
	{"最后", "最终"},
	{"投产", "达产", "投入生产"},
	{"花钱", "要钱", "收费", "免费", "付费", "票价", "费用", "掏钱", "门票"},
	{"工作机制", "专班", "工作组", "领导小组", "联席会议"},
	{"稻子", "水稻", "稻谷", "早稻", "晚稻", "中稻"},
	{"一天", "每天", "日均", "每日", "一日"},
	{"一年", "每年", "年均"},
	{"插完", "栽插", "插秧"},
	{"收割", "机收", "抢收", "收获"},
	{"开工", "动工", "开建", "开工建设"},
	{"完工", "竣工", "建成"},
	{"举办", "举行", "召开"},
	{"开幕", "揭幕", "开展"},
	{"闭幕", "结束", "闭展"},
	{"展到", "展期", "展至"},
	{"持续", "为期", "历时"},
	{"参观", "观展", "看展"},
	{"老人", "老年人", "长者"},
	{"孩子", "儿童", "少儿"},
	{"员工", "职工"},
	{"群众", "市民", "居民"},
	{"开通", "通车", "开通运营"},
	{"坐车", "乘车", "乘坐"},
	{"花了", "耗资", "投资"},
	{"去世", "逝世", "病逝"},
	{"出生", "生于", "出生于"},
	{"预约", "预订", "预定"},
	{"网上", "线上"},
	{"成立", "建立", "组建", "设立"},
	{"签署", "签订", "签约", "缔结"},
	{"工厂", "厂房", "厂区"},
	{"大学生", "高校学生", "高校"},
	{"防火", "消防"},
	{"比赛", "大赛", "竞赛"},
}

// paraphraseIndex maps each word of a group to the group's other words, in group order;
// paraphraseWords are the table's words, longest first (ties in byte order), so that "开工建设"
// is found before "开工".
var (
	paraphraseIndex map[string][]string
	paraphraseWords []string
)

func init() { useParaphraseGroups(paraphraseGroups) }

// useParaphraseGroups sets paraphraseIndex and paraphraseWords from groups (tests compare tables).
func useParaphraseGroups(groups [][]string) {
	paraphraseIndex = indexParaphrases(groups)
	paraphraseWords = paraphraseWordsOf(paraphraseIndex)
}

func indexParaphrases(groups [][]string) map[string][]string {
	idx := map[string][]string{}
	for _, g := range groups {
		for _, w := range g {
			for _, o := range g {
				if o != w {
					idx[w] = append(idx[w], o)
				}
			}
		}
	}
	return idx
}

func paraphraseWordsOf(idx map[string][]string) []string {
	ws := make([]string, 0, len(idx))
	for w := range idx {
		ws = append(ws, w)
	}
	sort.Slice(ws, func(i, j int) bool {
		if len(ws[i]) != len(ws[j]) {
			return len(ws[i]) > len(ws[j])
		}
		return ws[i] < ws[j]
	})
	return ws
}

// Paraphrases returns the other words of word's paraphrase groups (冠军 → 第一名, 夺冠, …), nil
// when the table does not hold word. word is matched as given (folded, simplified).
func Paraphrases(word string) []string {
	return slices.Clone(paraphraseIndex[word])
}

// ParaphraseWords returns every word of the paraphrase table, longest first.
func ParaphraseWords() []string {
	return slices.Clone(paraphraseWords)
}

// ParaphrasesIn returns the table words that folded text holds, longest first. A word found only
// inside a longer table word already found is left out ("开工" in "开工建设").
func ParaphrasesIn(folded string) []string {
	var found []string
	rest := folded
	for _, w := range paraphraseWords {
		if utf8.RuneCountInString(w) < 2 || !strings.Contains(rest, w) {
			continue
		}
		rest = strings.ReplaceAll(rest, w, " ")
		found = append(found, w)
	}
	return found
}
