package forms

import (
	"regexp"
	"strings"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// titleForm: "担任什么职务" is answered by the title before a name (RolePick below); the office asked
// and not its deputy or another committee's.
var titleForm = questionForm{
	name:    "title",
	factors: []core.ScoreFactor{{Name: "title", Order: 50, Fit: fitTitle}},
	checks: []core.Check{
		{Name: "title", Stage: core.StageWindow, Order: 40, Refuse: core.OnWindow(core.CheckTitle)},
		{Name: "role qualifier", Stage: core.StageWindow, Order: 130, Refuse: core.OnWindow(core.CheckRoleQualifier)},
	},
}

// fitTitle: 什么职务 is answered by a title before a name.
func fitTitle(x *core.Extractor, _ *core.Candidate, s string) float64 {
	if x.Q.Type != intent.Title {
		return 1
	}
	if x.TitleBefore(s) {
		return core.TitleFit
	}
	return core.UntypedFit
}

// Two questions whose answer is a prefix news prose writes before a name:
//   - a person's organisation, office or identity: "王冰是哪个单位的", "X担任什么职务", "X是谁" are
//     answered by the titles before the name ("国家档案局经科司二级巡视员王冰": the organisation
//     国家档案局经科司, the office 二级巡视员);
//   - a place's administrative unit: "西城村在哪个镇" by the unit prefixed to it ("嘉泽镇西城村"),
//     also when the question uses the article's short name ("达茂旗属于哪个市" / "包头市达尔罕茂明安
//     联合旗": the short name's characters stand in order in the full name).
// RolePick tells the two apart; the place half (adminPick, NameAt) is in form_place.go.

var (
	// roleQuestionRe: "X是哪个单位的", "X在哪个部门", "X担任什么职务", "X的身份是什么".
	roleQuestionRe = regexp.MustCompile(lexicon.String("roleQuestionRe"))
	// roleOfRe: "X的职务是什么", "X的单位是哪个".
	roleOfRe = regexp.MustCompile(lexicon.String("roleOfRe"))
	// whoIsRe: "X是谁", "X是什么人".
	whoIsRe = regexp.MustCompile(lexicon.String("whoIsRe"))
	// roleTitleRe ends an office written before a name.
	roleTitleRe = regexp.MustCompile(lexicon.String("roleTitleRe"))
)

// orgEnds end an organisation's name (局, 经科司, 办公厅, 集团…).
var orgEnds = lexicon.String("orgEnds")

// RolePick answers a person's organisation/office or a place's administrative unit from the
// titles or units written before the name; ok false when q is no such question or no candidate
// writes one.
func RolePick(x *core.Extractor, cands []*core.Candidate) (core.Pick, bool) {
	norm := strings.TrimRight(x.Q.Norm, "?？。!！ ")
	if m := roleQuestionRe.FindStringSubmatch(norm); m != nil {
		return personPrefixPick(x, cands, m[1], m[2])
	}
	if m := roleOfRe.FindStringSubmatch(norm); m != nil {
		return personPrefixPick(x, cands, m[1], m[2])
	}
	if m := whoIsRe.FindStringSubmatch(norm); m != nil && !roleTitleRe.MatchString(m[1]) {
		// (an office asked for its holder, "馆长是谁", is answered by the name after it)
		return personPrefixPick(x, cands, m[1], intent.QWho)
	}
	if m := adminQuestionRe.FindStringSubmatch(norm); m != nil {
		return adminPick(x, cands, strings.TrimSuffix(m[1], "的"), m[2])
	}
	if m := bareWhereRe.FindStringSubmatch(norm); m != nil {
		// "西城村在哪": the nearest unit written before the name ("嘉泽镇西城村") answers it when
		// there is one; otherwise the general answerer looks for where the text puts it.
		return adminPick(x, cands, m[1], "")
	}
	return core.Pick{}, false
}

// personPrefixPick finds name written after its titles and answers what asked wants of them:
// the organisation (单位, 部门, 机构), the whole office (职务…) or, for 谁, the titles and the name.
func personPrefixPick(x *core.Extractor, cands []*core.Candidate, name, asked string) (core.Pick, bool) {
	for _, c := range cands {
		for i, s := range c.Folded {
			sr := []rune(s)
			for at := core.RuneIndex(sr, name); at >= 0; {
				if ps := titlesBefore(sr, at); ps < at {
					titles := string(c.Shown[i][runeOffset(c.Shown[i], ps):runeOffset(c.Shown[i], at)])
					unit := titles
					switch {
					case orgKinds[asked]:
						org, ok := OrganisationOf([]rune(titles))
						if !ok {
							break
						}
						unit = org
					default:
						// An office reads with its holder: "达茂旗委副书记、旗长黄龙".
						unit = titles + name
					}
					return prefixPick(x, c, i, unit, name), true
				}
				next := core.RuneIndex(sr[at+1:], name)
				if next < 0 {
					break
				}
				at += 1 + next
			}
		}
	}
	return core.Pick{}, false
}

// runeOffset is the byte offset of rune n in s.
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// The words titlesBefore looks for (lexicon section [titlesBefore]).
var titlesBeforeWords = lexicon.Words("titlesBefore")

// titlesBefore is the rune offset where the titles written right before sr[at] start ("区委常委、
// 宣传部部长薛红霞": both titles), at when none end there.
func titlesBefore(sr []rune, at int) int {
	start := at
	for i := at - 1; i >= 0 && at-i <= 30; i-- {
		r := sr[i]
		if r == '、' && i > 0 && roleTitleRe.MatchString(string(sr[max(0, i-4):i])) {
			continue // a list of one person's offices
		}
		if !intent.IsHan(r) || r == '了' || r == '的' || strings.ContainsRune(nameConjunctions, r) && endsWithPerson(sr[:i]) {
			break // (和 inside a name stays: 省文化和旅游厅)
		}
		start = i
	}
	// A time opening the clause is no title ("昨天上午国家档案局…").
	for _, w := range titlesBeforeWords {
		if strings.HasPrefix(string(sr[start:at]), w) {
			start += intent.RuneLen(w)
		}
	}
	if start >= at || !roleTitleRe.MatchString(string(sr[start:at])) {
		return at
	}
	return start
}

// OrganisationOf splits titles ("国家档案局经科司二级巡视员") at the last point where an
// organisation's name ends and a title of two or more characters follows; the organisation
// is what stands before it, without the other offices a 、 lists.
func OrganisationOf(titles []rune) (string, bool) {
	for k := len(titles) - 2; k > 0; k-- {
		if !strings.ContainsRune(orgEnds, titles[k-1]) {
			continue
		}
		if rest := string(titles[k:]); titleList(rest) {
			org := string(titles[:k])
			if i := strings.LastIndex(org, "、"); i >= 0 {
				org = org[i+len("、"):]
			}
			if intent.RuneLen(org) >= 2 {
				return org, true
			}
		}
	}
	return "", false
}

// titleList reports offices only ("二级巡视员", "副书记、旗长"): each part a 、 lists ends as
// an office does and holds no organisation of its own.
func titleList(s string) bool {
	for _, part := range strings.Split(s, "、") {
		if intent.RuneLen(part) < 2 || !roleTitleRe.MatchString(part) {
			return false
		}
	}
	return true
}

// nameConjunctions end a name before them (张三和李四; lexicon).
var nameConjunctions = lexicon.String("nameConjunctions")

// prefixPick is the pick of sentence i of c answered by unit, found for name. The name counts
// whole for evidence: a stop character inside it (郑可欣) must not split it into pieces.
func prefixPick(x *core.Extractor, c *core.Candidate, i int, unit, name string) core.Pick {
	p := core.Pick{Cand: c, Sent: i, From: i, Unit: unit, Span: unit}
	runs := append(intent.RunsOf(strings.Replace(x.Q.Norm, name, " ", 1), x.Q.QWord), name)
	seen := c.Folded[i] + " " + c.Headline + " " + core.AsciiLower(intent.Fold(unit))
	p.CharCov = core.CharCoverage(runs, seen)
	p.OwnCov, p.Evidence = p.CharCov, p.CharCov
	return p
}

// endsWithPerson reports a titled name ending sr ("区长张三"), which a 和 after it ends.
func endsWithPerson(sr []rune) bool {
	s := string(sr)
	for _, loc := range core.PersonRe.FindAllStringIndex(s, -1) {
		if loc[1] == len(s) {
			return true
		}
	}
	return false
}

// orgKinds ask for the organisation written before a name (哪个单位, 什么部门, 哪个机构).
var orgKinds = lexicon.Set("orgKinds")
