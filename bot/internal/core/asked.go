// What a question asks: its title, noun, attribute, agent role, winner or distance, each read
// from the words around the question word.

package core

import (
	"newsbot/bot/internal/intent"
	"regexp"
	"strings"

	"newsbot/lexicon"
)

// AskedTitle is the title a person question asks about, "" when none.
func AskedTitle(q intent.Intent) string {
	if q.Type != intent.Person {
		return ""
	}
	// Of several titles ("哪位菲律宾总统祝贺习近平当选国家主席"), the one beside the question word
	// is asked; the others name who else the question is about.
	best, bestDist := "", 0
	norm := withoutBodies(q.Norm)
	qs := []rune(norm)
	for _, t := range intent.Titles {
		if !strings.Contains(norm, t) {
			continue
		}
		d := titleDistance(qs, []rune(t), q.QPos, intent.RuneLen(q.QWord))
		if best == "" || d < bestDist {
			best, bestDist = t, d
		}
	}
	return best
}

// titleBodies end a body named after its officers (主席会议, 主席团; lexicon): the title there
// names the body, not an office asked about.
var titleBodies = lexicon.Words("titleBodies")

// withoutBodies masks, rune for rune, the titles of norm that name a body ("全国政协主席会议撤销了
// 哪两个人的…" asks no 主席).
func withoutBodies(norm string) string {
	for _, t := range intent.Titles {
		for _, b := range titleBodies {
			norm = strings.ReplaceAll(norm, t+b, strings.Repeat(" ", intent.RuneLen(t))+b)
		}
	}
	return norm
}

// titleDistance is how many characters lie between the question word (at qpos, qlen long; the
// question's start when it has none) and the nearest occurrence of title in qs.
func titleDistance(qs, title []rune, qpos, qlen int) int {
	if qpos < 0 {
		qpos, qlen = 0, 0
	}
	best := len(qs)
	for i := 0; i+len(title) <= len(qs); i++ {
		if string(qs[i:i+len(title)]) != string(title) {
			continue
		}
		d := 0
		switch {
		case i >= qpos+qlen:
			d = i - (qpos + qlen)
		case i+len(title) <= qpos:
			d = qpos - (i + len(title))
		}
		best = min(best, d)
	}
	return best
}

// measureAfter reports a measure word or unit right after the question word (多少亩, 几个).
func measureAfter(q intent.Intent) bool {
	if q.QPos < 0 {
		return false
	}
	after := q.After
	return intent.UnitPrefix(after) != "" || intent.MeasureWordAt(q, []rune(after)) ||
		strings.ContainsRune(intent.MeasureWords, []rune(q.QWord)[intent.RuneLen(q.QWord)-1])
}

// attributeAfterDe reports "…的X" right before the question word ("公交的司机有多少名",
// "消防宣传月的口号是什么"): X is then a noun the answer must name.
func attributeAfterDe(q intent.Intent) bool {
	a := attributeBefore(q)
	if a == "" {
		return false
	}
	left := strings.TrimRight(q.Before, trailingLight)
	return strings.HasSuffix(left, "的"+a)
}

// closingParticles end a question after its question word ("…是什么呢？").
var closingParticles = lexicon.String("closingParticles")

// endsWithQuestionWord reports a question that ends with its question word ("…是什么？").
func endsWithQuestionWord(q intent.Intent) bool {
	if q.QPos < 0 {
		return false
	}
	after := q.After
	return strings.TrimFunc(after, func(r rune) bool { return IsPunctOrSpace(r) || strings.ContainsRune(closingParticles, r) }) == ""
}

// attributeBefore is the content run right before the question word ("新能源并网规模是多少" →
// "新能源并网规模"), "" when none.
func attributeBefore(q intent.Intent) string { return NumberAttribute(q) }

// NumberAttribute is the content run right before a number question's question word, what it
// measures ("新能源并网规模是多少" → "新能源并网规模"), "" when none.
func NumberAttribute(q intent.Intent) string {
	if q.QPos < 0 {
		return ""
	}
	left := q.Before
	runs := intent.RunsOf(left, "")
	if len(runs) == 0 || !strings.HasSuffix(strings.TrimRight(left, trailingLight), runs[len(runs)-1]) {
		return ""
	}
	return runs[len(runs)-1]
}

// winnerCues mark a question about a contest's result, which teams and organisations win too.
var winnerCues = lexicon.Words("winnerCues")

func AsksWinner(q intent.Intent) bool {
	for _, c := range winnerCues {
		if strings.Contains(q.Norm, c) {
			return true
		}
	}
	return false
}

// distanceCues tell a distance between places.
var distanceCues = lexicon.Words("distanceCues")

// The words asksDistance looks for (lexicon section [asksDistance]).
var asksDistanceWords = lexicon.Words("asksDistance")

// asksDistance reports a question for the distance between two places.
func asksDistance(q intent.Intent) bool {
	return q.Type == intent.Number && ContainsAnyOf(q.Norm, asksDistanceWords)
}

// feeRe finds a named fee or price in a money question: 住宿费, 门票价, 学费.
var feeRe = regexp.MustCompile(lexicon.String("feeRe"))

// orgNouns name the kind of agent a question asks for (哪个单位, 哪家公司).
var orgNouns = lexicon.Words("orgNouns")

// agentRole is the act whose doer a question asks for: "哪个单位主办的" → "主办", "施工单位是哪家"
// → "施工", "谁宣布运动会开幕" → "宣布"; "" when the question names none.
func agentRole(q intent.Intent) string {
	if q.QPos < 0 {
		return ""
	}
	switch q.Type {
	case intent.Person:
		if IsBylineQuestion(q) || AsksWinner(q) {
			return ""
		}
	case intent.Org, intent.List, intent.What:
	default:
		return ""
	}
	rest := strings.TrimPrefix(q.After, intent.GenericMeasure)
	if q.Type == intent.Person {
		rest = strings.TrimLeft(rest, "在来是负")
		rest = strings.TrimPrefix(rest, "责") // "谁在经营", "谁来负责"
		if strings.HasPrefix(q.After, "负责") {
			rest = "负责" + rest
		}
	}
	named := q.Type == intent.Person
	for _, n := range orgNouns {
		// "哪家公司", "哪家建筑公司": the kind, possibly qualified, then the act
		if i := strings.Index(rest, n); i >= 0 && intent.RuneLen(rest[:i]) <= 3 && !strings.ContainsFunc(rest[:i], intent.IsStopRune) {
			rest, named = rest[i+len(n):], true
			break
		}
	}
	if named {
		act := firstRun(rest)
		if lightVerbs[act] || intent.RuneLen(act) == 1 && strings.HasPrefix(strings.TrimPrefix(rest, act), "了") {
			// "谁作了…的汇报": the act is the object the light verb takes
			if runs := intent.ContentRuns(rest); len(runs) > 0 {
				if act = runs[len(runs)-1]; intent.RuneLen(act) >= 2 && !intent.AbstractNouns[act] {
					return LastRunes(act, 2)
				}
			}
			return ""
		}
		if intent.RuneLen(act) >= 2 && !intent.AbstractNouns[act] {
			return namedAct(q, act)
		}
	}
	if q.Type == intent.Org && endsWithQuestionWord(q) {
		// "…的施工单位是哪家": the act is the attribute's qualifier.
		attr := attributeBefore(q)
		for _, n := range orgNouns {
			if act := strings.TrimSuffix(attr, n); act != attr && intent.RuneLen(act) >= 2 {
				return LastRunes(act, 2)
			}
		}
	}
	return ""
}

// namedAct is the act in run act, after the question word or the role it names.
func namedAct(q intent.Intent, act string) string {
	if q.QWord == intent.QWho {
		return string([]rune(act)[:2]) // the verb opens the run: "谁负责这个项目" → 负责
	}
	if v := actAfterTitle(act); v != "" {
		return v // "哪位菲律宾总统祝贺习近平当选国家主席" → 祝贺
	}
	return LastRunes(act, 2) // after a role: "哪位县领导出席" → 出席
}

// actAfterTitle is the verb right after a title in a run ("菲律宾总统祝贺…" → 祝贺): the role
// names the person asked for, what follows is what the person did; "" when no title is followed
// by two characters, or by a motion verb, whose purpose ends the run ("副局长来武进调研" → 调研).
func actAfterTitle(run string) string {
	rs := []rune(run)
	for i := range rs {
		for _, t := range intent.Titles {
			if !strings.HasPrefix(string(rs[i:]), t) {
				continue
			}
			if rest := rs[i+intent.RuneLen(t):]; len(rest) >= 2 && !HasAnyPrefix(string(rest), motionVerbs...) {
				return string(rest[:2])
			}
		}
	}
	return ""
}

// motionVerbs go somewhere for the act after them (lexicon, checks.txt).
var motionVerbs = lexicon.Words("motionVerbs")

// firstRun is the leading run of content characters of s (up to a stop character).
func firstRun(s string) string {
	var out []rune
	for _, r := range s {
		if !intent.IsHan(r) || intent.IsStopRune(r) {
			break
		}
		out = append(out, r)
	}
	return string(out)
}

// placeWords ask where by themselves; what follows them is a verb, not a noun.
var placeWords = lexicon.Set("placeWords")

// holdVerbs ask where an event is held without naming one of its acts.
var holdVerbs = lexicon.Set("holdVerbs")

// The words ceremonyStem looks for (lexicon section [ceremonyStem]).
var ceremonyStemWords = lexicon.Words("ceremonyStem")

// ceremonyStem is the act a ceremony before a place question's question word is named after
// ("运动会开幕式在哪里举行" → "开幕"), "" when the question names no ceremony.
func ceremonyStem(q intent.Intent) string {
	a := attributeBefore(q)
	for _, suffix := range ceremonyStemWords {
		if stem := strings.TrimSuffix(a, suffix); stem != a && intent.RuneLen(stem) >= 2 {
			return LastRunes(stem, 2)
		}
	}
	return ""
}

// lightVerbs carry no act of their own: "作了…汇报", "进行了…检查".
var lightVerbs = lexicon.Set("lightVerbs")
