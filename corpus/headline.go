package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// headlineRoles is a headline block with a role for each line: a column label above the kicker (引题),
// the main title (主题) and the subtitle lines (副题) below it.
type headlineRoles struct {
	column, kicker, title string
	subtitle              []string
}

// Thresholds of the headline scorer.
const (
	// wrappedLine is the length from which a headline line is a long title wrapped onto the next
	// line rather than a main title of its own: a main title set in large type is shorter.
	wrappedLine = 20
	// threeLinePrior favours kicker / title / subtitle for a block of three lines or more, the
	// usual layout, when nothing else tells the lines apart.
	threeLinePrior = 1
)

// dashPrefixes open a subtitle line: "——涉企审批时限平均压缩40%".
var dashPrefixes = []string{"——", "—", "--", "─"}

// splitHeadline gives each line of a headline block (top to bottom) its role, by evidence rather
// than position alone. A line starting with a dash is a subtitle, and so is every line after it;
// the line above the first dash line is the main title. Otherwise every line is tried as the main
// title and the layout whose lines best fit their roles wins: a kicker above it (kickerFit), a
// subtitle below it (subtitleFit), column labels above the kicker (columnCost). When nothing
// tells two lines apart the first is the main title. A title line long enough to be wrapped is
// joined by the next line unless that one reads more like a subtitle.
func splitHeadline(lines []string) headlineRoles {
	var main, sub []string
	for _, l := range lines {
		if len(sub) > 0 || len(main) > 0 && hasAnyPrefix(l, dashPrefixes) {
			sub = append(sub, l)
		} else {
			main = append(main, l)
		}
	}
	if len(main) == 0 {
		return headlineRoles{subtitle: sub}
	}
	t := len(main) - 1 // a dash subtitle sits right under the main title
	if len(sub) == 0 {
		t = bestTitleLine(main)
	}
	h := headlineRoles{title: main[t]}
	if t >= 1 {
		h.kicker = main[t-1]
		h.column = strings.Join(main[:t-1], "")
	}
	below := main[t+1:]
	for last := h.title; len(below) > 0 && wrapsOnto(last, below[0]); below = below[1:] {
		h.title, last = joinText(h.title, below[0]), below[0]
	}
	h.subtitle = append(append([]string(nil), below...), sub...)
	return h
}

// bestTitleLine is the index of the main title among headline lines none of which starts with a
// dash: the layout with the highest score, the earliest on a tie.
func bestTitleLine(lines []string) int {
	best, bestScore := 0, 0
	for t := range lines {
		score := titleLayoutScore(lines, t)
		if t == 0 || score > bestScore {
			best, bestScore = t, score
		}
	}
	return best
}

// titleLayoutScore scores lines[t] as the main title: how well the line above fits as a kicker,
// the lines below as subtitles, and the lines above the kicker as column labels.
func titleLayoutScore(lines []string, t int) int {
	title := lines[t]
	score := 0
	if t >= 1 {
		score += kickerFit(lines[t-1], title)
		for _, c := range lines[:t-1] {
			score -= columnCost(c)
		}
	}
	for _, s := range lines[t+1:] {
		score += subtitleFit(s, title)
	}
	if len(lines) >= 3 && t >= 1 && t < len(lines)-1 {
		score += threeLinePrior
	}
	return score
}

// sloganWords are frequent in kickers, the slogan-like phrases above a main title.
var sloganWords = []string{"进行时", "正当时", "新征程", "新篇章", "新画卷", "新气象", "在行动", "聚焦", "聚力",
	"奋进", "奋力", "助力", "赋能", "喜迎", "共建", "共赴", "共绘", "携手", "争当", "争创", "谱写", "践行",
	"高质量发展", "在路上", "看变化", "学习贯彻", "贯彻落实", "全会精神", "讲话精神", "走进", "探访", "直击"}

// kickerFit scores a line as the kicker above title: a short slogan or phrase — quoted or
// bracketed words, parallel phrases ("稻香满田畴 丰收正当时"), slogan words, clearly shorter than
// the title — and not a statement of figures or plans, which a subtitle makes.
func kickerFit(line, title string) int {
	score := 0
	if strings.ContainsAny(line, "“”‘’「」『』") || isBracketed(line) || strings.HasSuffix(line, "！") || strings.HasSuffix(line, "!") {
		score++
	}
	if parallelPhrases(line) {
		score += 2
	}
	if containsAny(line, sloganWords) {
		score++
	}
	ratio := float64(headWidth(line)) / float64(max(1, headWidth(title)))
	switch {
	case ratio <= 0.6:
		score += 2
	case ratio <= 0.8:
		score++
	case ratio > 1.2: // a kicker longer than its title is rare: more likely a title above its deck
		score -= 2
	}
	if strings.ContainsAny(line, "0123456789０１２３４５６７８９") {
		score--
	}
	if containsAny(line, planWords) {
		score--
	}
	return score
}

// planWords tell of plans, progress and details, the matter of a subtitle (副题).
var planWords = []string{"将", "计划", "预计", "同步", "拟", "有望", "力争", "累计", "其中", "分别", "均", "已"}

// quantityRe finds a figure with a unit or measure word: "300台", "12.6万亩", "2℃", "42%".
var quantityRe = regexp.MustCompile(`[0-9０-９]+(?:[.．][0-9０-９]+)?\s*(?:%|％|℃|万|亿|千|百|个|台|座|家|名|人|户|件|项|处|条|所|辆|元|公里|千米|米|亩|吨|公斤|斤|天|年|月|日|小时|分钟|次|场|套|层|栋|倍|株|岁|批|列|架|艘|趟|班)`)

// subtitleFit scores a line as a subtitle under title: it carries specifics (figures with units,
// plans, progress) or explains in clauses where the title states.
func subtitleFit(line, title string) int {
	score := 0
	if hasAnyPrefix(line, dashPrefixes) {
		score += 3
	}
	if quantityRe.MatchString(line) {
		score++
	}
	if containsAny(line, planWords) {
		score++
	}
	if hasClauses(line) && !hasClauses(title) {
		score++
	}
	return score
}

// columnCost is what placing a line above the kicker as a column label costs: a bracketed
// label ("【民生实事】") gains one, a short line or a slogan banner ("学习贯彻全会精神") costs
// nothing, another line one.
func columnCost(line string) int {
	switch {
	case isBracketed(line):
		return -1
	case headWidth(line) <= 8, containsAny(line, sloganWords):
		return 0
	}
	return 1
}

// wrapsOnto reports whether next continues a title line too long to be a main title of its own
// (a long headline wrapped onto two lines), rather than being its subtitle.
func wrapsOnto(line, next string) bool {
	return startsWithRemainder(next) || utf8.RuneCountInString(line) >= wrappedLine && subtitleFit(next, line) < 3
}

// startsWithRemainder reports a line opening with a single character before a dash, a colon or a
// comma ("广——写在…之际"): the end of a word cut at the line break above, which no headline
// line starts with.
func startsWithRemainder(line string) bool {
	i := strings.IndexAny(line, "—，,：:；; \u3000")
	return i > 0 && utf8.RuneCountInString(line[:i]) == 1
}

// parallelPhrases reports a line of two or more short phrases of about the same length, set apart
// by spaces or commas: "稻香满田畴 丰收正当时", "聚焦主业，提质增效".
func parallelPhrases(line string) bool {
	parts := strings.FieldsFunc(line, isClauseBreak)
	if len(parts) < 2 {
		return false
	}
	lo, hi := 1<<30, 0
	for _, p := range parts {
		n := utf8.RuneCountInString(p)
		lo, hi = min(lo, n), max(hi, n)
	}
	return lo >= 2 && hi <= 8 && hi-lo <= 1
}

// hasClauses reports a line of more than one clause.
func hasClauses(line string) bool {
	return len(strings.FieldsFunc(line, isClauseBreak)) >= 2
}

func isClauseBreak(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("，,；;、", r)
}

// headWidth is the number of characters of a headline line, spaces aside.
func headWidth(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
