package bot

import (
	"regexp"
	"strings"
)

// Patterns for the typed answers a question can want, matched on folded text. They are written for
// news prose: Arabic or Chinese numerals with a magnitude and a unit, dates with 年/月/日.
var (
	unitPattern = `(?:平方千米|平方公里|平方米|万平方米|千米|公里|米|万千瓦时|千瓦时|万千瓦|千瓦|兆瓦|万人次|人次|万人|人|` +
		`亿元|万元|千元|元|美元|万吨|吨|公斤|千克|克|万户|户|万亩|亩|公顷|倍|个百分点|%|成|℃|岁|公分|公尺|厘米|毫米|英尺|英寸|英里|英哩|磅|斤|摄氏度|度|周年|年|个月|月|天|日|小时|分钟|秒|` +
		`个|名|位|种|条|项|家|所|座|处|次|届|批|类|辆|台|套|张|件|本|篇|支|只|间|层|期|轮|场|强|大|片|艘|架|栋|块|份|头|棵|株|盏|枚|剂|箱|班|顿|餐|趟|遍)?`
	numberRe = regexp.MustCompile(`(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?` + `(?:多|余)?(?:万亿|亿|万|千|百)?(?:多|余)?` + unitPattern +
		`|[0-9]+(?:\.[0-9]+)?(?:多|余)?(?:万亿|亿|万|千|百)?(?:多|余)?` + unitPattern +
		`|[一二三四五六七八九十两百千万亿零〇]+(?:多|余)?` + strings.TrimSuffix(unitPattern, "?") + `|第[0-9一二三四五六七八九十百]+(?:名|位|个|届|次|批|代|任|期|轮|号|级|版|季)?)`)
	dateRe = regexp.MustCompile(`(?:[0-9]{1,2}:[0-9]{2}|[0-9]{4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?|[0-9]{1,2}月[0-9]{1,2}日|` +
		`[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}月(?:份|底|初|中旬|上旬|下旬)?|[0-9]{1,2}日(?:夜间|凌晨|早晨|上午|中午|下午|晚上|晚)?|(?:今|明|去|前)年[0-9一二三四五六七八九十]*月?[0-9]*日?|` +
		`(?:昨|今|明|前|当)天(?:上午|下午|晚上)?|(?:今|昨)(?:晨|早|晚|夜)|当(?:晚|日)|近年来|目前|上午|下午|` +
		`(?:本|上|下)月(?:初|中旬|上旬|下旬|底)?|(?:年|月)(?:初|底)|(?:上|本|下)?(?:周|星期|礼拜)[一二三四五六日天]|` +
		`[0-9]{1,2}(?:时|点)(?:[0-9]{1,2}分|半)?)`)
	// A person in news prose is usually introduced by a title: 区长恽淇丞, 巡视员王冰, 领导白云萍、石伟东.
	personRe = regexp.MustCompile(`(?:书记|区长|市长|县长|镇长|旗长|省长|局长|部长|厅长|处长|科长|主任|主席|委员|员|师|传承人|人|官|` +
		`巡视员|调研员|领导|记者|院长|校长|经理|董事长|总裁|教授|专家|代表|队长|站长|所长|书记员|秘书长|会长|负责人|` +
		`同志|先生|女士|前锋|后卫|中锋|教练|选手|作家|画家|医生|护士|村民|居民|市民|老人|学生|毕业生|研究生)\p{Han}{2,3}|\p{Han}{2,3}(?:表示|强调|要求|指出|介绍|说|提醒|透露|坦言|告诉|称|一行|带队|率|陪同|参加|出席|见证|获得|夺得|荣获|摘得|斩获)`)
	placeRe = regexp.MustCompile(`(?:位于|地处|来到|坐落|在|赴|到)\p{Han}{2,}|\p{Han}+(?:省|市|区|县|镇|乡|村|街道|` +
		`园区|产业园|基地|中心|馆|口岸|湖|山|河|路|广场)`)
	// The fact that decides a yes/no question: free or paid, needed or not, allowed or not, done or not.
	decisionRe = regexp.MustCompile(`免费|不收费|不收取|收费|收取|无需|无须|不需要|需要|必须|可以|可凭|不能|不得|禁止|允许|不再|尚未|还未|没有|已经`)
	orgRe      = regexp.MustCompile(`\p{Han}+(?:局|部|委|办|厅|院|所|公司|集团|中心|组|队|协会|政府|学校|大学|医院|银行|企业|机构|` +
		`小组|项目组|工作室|合作社|街道|镇)`)
)

// hasTyped reports whether s holds something of the kind t asks for (a deciding fact for yes/no).
// Types without a pattern (what, how, list) are always satisfied.
func hasTyped(t qType, s string) bool {
	if re := typedPattern(t); re != nil {
		return re.MatchString(s)
	}
	return true
}

// hasAnswerFor is hasTyped for q's answer type, except that a quantity question (多少, 几个) is not
// answered by an ordinal alone: "第一水厂" names a plant, it does not count anything; "第几" asks
// for one.
func hasAnswerFor(q question, s string) bool {
	if q.Type != qtNumber || strings.Contains(q.Norm, "第几") {
		return hasTyped(q.Type, s)
	}
	for _, m := range numberRe.FindAllString(s, -1) {
		if !strings.HasPrefix(m, "第") && !phaseRe.MatchString(m) {
			return true
		}
	}
	return false
}

// phaseRe is a project's phase ("二期", "一期工程"), a name rather than a count.
var phaseRe = regexp.MustCompile(`^[一二三四五六七八九十]期$`)

func typedPattern(t qType) *regexp.Regexp {
	switch t {
	case qtNumber:
		return numberRe
	case qtDate:
		return dateRe
	case qtPerson:
		return personRe
	case qtPlace:
		return placeRe
	case qtOrg:
		return orgRe
	case qtYesNo:
		return decisionRe
	}
	return nil
}

// numberSpan is the first number-with-unit in s at or after rune offset from, as rune offsets.
func typedSpanFrom(t qType, s string, from int) (int, int, bool) {
	re := typedPattern(t)
	if re == nil {
		return 0, 0, false
	}
	rs := []rune(s)
	if from > len(rs) {
		return 0, 0, false
	}
	tail := string(rs[from:])
	for _, loc := range re.FindAllStringIndex(tail, -1) {
		if loc[1] == loc[0] {
			continue
		}
		start := from + runeLen(tail[:loc[0]])
		end := from + runeLen(tail[:loc[1]])
		if t == qtNumber && (!hasNumeral(tail[loc[0]:loc[1]]) || calendarRe.MatchString(tail[loc[0]:loc[1]])) {
			continue // ("截至今年9月底": 9月 is a date, not a quantity)
		}
		return start, end, true
	}
	return 0, 0, false
}

// calendarRe is a month or a year written as a date, never a quantity (quantities say 9个月, 3年).
var calendarRe = regexp.MustCompile(`^(?:[0-9]{1,2}月|[0-9]{4}年)$`)

func hasNumeral(s string) bool {
	return strings.ContainsAny(s, "0123456789一二三四五六七八九十两百千万亿零〇")
}

// typedSpanIn is the first (or last) typed match in s, as rune offsets.
func typedSpanIn(t qType, s string, last bool) (int, int, bool) {
	start, end, ok := typedSpanFrom(t, s, 0)
	for ok && last {
		ns, ne, more := typedSpanFrom(t, s, end)
		if !more {
			break
		}
		start, end = ns, ne
	}
	return start, end, ok
}
