package core

import (
	"newsbot/bot/internal/intent"
	"regexp"

	"newsbot/lexicon"
)

// Frequency questions. "多久一班", "几天一次", "多长时间一趟" ask how often, which the text tells as a
// rate ("每周一班", "每隔15分钟一趟", "每月两次"), not as a duration ("单程约7天").

// frequencyQuestionRe marks a question for how often something happens.
var frequencyQuestionRe = regexp.MustCompile(lexicon.String("frequencyQuestionRe"))

// FrequencyRe is a rate in the text: 每 (or 每隔) a period, optionally a count of events.
var FrequencyRe = regexp.MustCompile(lexicon.String("frequencyRe"))

// FrequencyFit favours, for a frequency question, sentences holding a rate.
const FrequencyFit = 1.5

func AsksFrequency(q intent.Intent) bool { return frequencyQuestionRe.MatchString(q.Norm) }

// FrequencySpan is the first rate in sr (rune offsets).
func FrequencySpan(sr []rune) (int, int, bool) {
	s := string(sr)
	loc := FrequencyRe.FindStringIndex(s)
	if loc == nil {
		return 0, 0, false
	}
	return intent.RuneLen(s[:loc[0]]), intent.RuneLen(s[:loc[1]]), true
}
