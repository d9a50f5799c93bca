package bot

import "regexp"

// Frequency questions. "多久一班", "几天一次", "多长时间一趟" ask how often, which the text tells as a
// rate ("每周一班", "每隔15分钟一趟", "每月两次"), not as a duration ("单程约7天").

// frequencyQuestionRe marks a question for how often something happens.
var frequencyQuestionRe = regexp.MustCompile(`(?:多久|多长时间|几天|几个月|几年|几周|几小时|几分钟)(?:一|1)(?:次|班|趟|回|期|轮)`)

// frequencyRe is a rate in the text: 每 (or 每隔) a period, optionally a count of events.
var frequencyRe = regexp.MustCompile(`每(?:隔)?(?:[0-9]+|[一二三四五六七八九十两半])?(?:个)?(?:周|星期|天|日|月|季度|年|小时|分钟)` +
	`(?:[0-9]+|[一二三四五六七八九十两])?(?:次|班|趟|回|期|轮)?`)

// frequencyFit favours, for a frequency question, sentences holding a rate.
const frequencyFit = 1.5

func asksFrequency(q question) bool { return frequencyQuestionRe.MatchString(q.Norm) }

// frequencySpan is the first rate in sr (rune offsets).
func frequencySpan(sr []rune) (int, int, bool) {
	s := string(sr)
	loc := frequencyRe.FindStringIndex(s)
	if loc == nil {
		return 0, 0, false
	}
	return runeLen(s[:loc[0]]), runeLen(s[:loc[1]]), true
}
